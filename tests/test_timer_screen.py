"""The cramp timer screen, driven by pilot with a fake monotonic clock.

Each test moves the fake clock, lets the screen take one refresh, and reads
the widgets and the diary: nothing sleeps for real seconds.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FakeClock
from fake_monotonic import FakeMonotonic
from textual.pilot import Pilot
from timer_helpers import refresh, wait_for_routine
from textual.widgets import Digits, Static

from cramp_diary.model import Episode
from cramp_diary.stats import bedtime_evenings
from cramp_diary.store import Diary
from cramp_diary.tui.app import CrampApp
from cramp_diary.tui.screens.episode_form import EpisodeForm
from cramp_diary.tui.screens.home import HomeScreen
from cramp_diary.tui.screens.recover import KeepOrDiscardScreen
from cramp_diary.tui.screens.timer import TimerScreen

#: The built-in calf routine as it runs while the leg question is unanswered (no massage until a "no"):
#: safety 8, stretch 30, caution 8, stand 20, walk 30, after-care 10.
CALF_TOTAL = 106


class Bells:
    """Counts the terminal bells the app rings."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> None:
        self.count += 1


@pytest.fixture
def mono() -> FakeMonotonic:
    return FakeMonotonic()


@pytest.fixture
def app_for(diary: Diary, clock: FakeClock, mono: FakeMonotonic, tmp_path: Path):
    def make(screen: TimerScreen) -> CrampApp:
        app = CrampApp(diary, now=clock, monotonic=mono, config_dir=tmp_path, start_screen=screen)
        app.bell = Bells()  # type: ignore[method-assign]
        return app

    return make


def timer(pilot: Pilot[None]) -> TimerScreen:
    screen = pilot.app.screen
    assert isinstance(screen, TimerScreen)
    return screen


def text(pilot: Pilot[None], selector: str) -> str:
    return str(pilot.app.screen.query_one(selector, Static).render())


def digits(pilot: Pilot[None]) -> str:
    return pilot.app.screen.query_one("#countdown", Digits).value


async def tick(pilot: Pilot[None], mono: FakeMonotonic, seconds: float = 0.0) -> None:
    """Move the fake clock, let the screen refresh, then let whatever it opened finish mounting."""
    await wait_for_routine(pilot)  # a busy machine may not have started it yet
    mono.advance(seconds)
    await refresh(pilot)
    await pilot.pause()


async def test_picking_muscle_and_side_starts_at_once_and_saves_an_open_episode(
    app_for, diary: Diary, clock: FakeClock, mono: FakeMonotonic
) -> None:
    async with app_for(TimerScreen()).run_test() as pilot:
        await pilot.press("1")
        assert timer(pilot).phase == "side"
        await pilot.press("l")
        await tick(pilot, mono)
        assert timer(pilot).phase == "running"
        [episode] = diary.episodes.unfinished()
        assert (episode.muscle, episode.side, episode.started_at) == ("calf", "left", clock.current)
        assert "Safety first" in text(pilot, "#step-name")
        assert "faint" in text(pilot, "#instruction")
        assert digits(pilot) == "0:08"
        assert "Calf cramp, left leg" in text(pilot, "#routine-title")


async def test_enter_repeats_the_muscle_of_the_last_cramp(app_for, diary: Diary, clock: FakeClock) -> None:
    diary.episodes.add(Episode(started_at=clock.current, muscle="foot", side="right", duration=60))
    async with app_for(TimerScreen()).run_test() as pilot:
        assert "foot again" in text(pilot, "#muscle-menu")
        await pilot.press("enter")
        assert timer(pilot).phase == "side"
        await pilot.press("b")
        await pilot.pause()
        [episode] = diary.episodes.unfinished()
        assert (episode.muscle, episode.side) == ("foot", "both")


async def test_cli_arguments_skip_both_questions(app_for, diary: Diary) -> None:
    async with app_for(TimerScreen("hamstring", "right")).run_test() as pilot:
        await pilot.pause()
        assert timer(pilot).phase == "running"
        [episode] = diary.episodes.unfinished()
        assert (episode.muscle, episode.side) == ("hamstring", "right")


async def test_steps_change_at_their_boundary_with_one_bell_and_a_flash(
    app_for, mono: FakeMonotonic, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the flash fades after a real-time delay: long enough here that a busy machine cannot fade it before we look
    monkeypatch.setattr("cramp_diary.tui.screens.timer.FLASH_SECONDS", 30)
    async with app_for(TimerScreen("calf", "left")).run_test() as pilot:
        await tick(pilot, mono, 7.5)
        assert digits(pilot) == "0:01"
        assert pilot.app.bell.count == 0
        await tick(pilot, mono, 0.5)
        assert "Stretch the calf" in text(pilot, "#step-name")
        assert digits(pilot) == "0:30"
        assert pilot.app.bell.count == 1
        assert timer(pilot).has_class("-flash")
        assert "No massage this time" in text(pilot, "#next-steps")  # until the leg question is answered no


async def test_a_late_refresh_rings_once_for_every_step_it_missed(app_for, mono: FakeMonotonic) -> None:
    async with app_for(TimerScreen("calf", "left")).run_test() as pilot:
        await tick(pilot, mono, 8 + 30 + 5)
        assert "No massage this time" in text(pilot, "#step-name")
        assert digits(pilot) == "0:03"
        assert pilot.app.bell.count == 2


async def test_pause_holds_the_countdown_while_the_cramp_time_runs_on(app_for, mono: FakeMonotonic) -> None:
    async with app_for(TimerScreen("calf", "left")).run_test() as pilot:
        await tick(pilot, mono, 3)
        await pilot.press("space")
        await tick(pilot, mono, 100)
        assert digits(pilot) == "0:05"
        assert "1:43" in text(pilot, "#elapsed")
        assert "paused" in text(pilot, "#status")
        assert timer(pilot).has_class("-paused")
        await pilot.press("space")
        await tick(pilot, mono, 5)
        assert "Stretch the calf" in text(pilot, "#step-name")
        assert "paused" not in text(pilot, "#status")


async def test_skip_and_right_arrow_move_to_the_next_step(app_for, mono: FakeMonotonic) -> None:
    async with app_for(TimerScreen("calf", "left")).run_test() as pilot:
        await tick(pilot, mono, 2)
        await pilot.press("s")
        await pilot.pause()
        assert "Stretch the calf" in text(pilot, "#step-name")
        assert digits(pilot) == "0:30"
        await pilot.press("right")
        await pilot.pause()
        assert "No massage this time" in text(pilot, "#step-name")


async def test_plus_gives_the_step_fifteen_more_seconds(app_for, mono: FakeMonotonic) -> None:
    async with app_for(TimerScreen("calf", "left")).run_test() as pilot:
        await tick(pilot, mono, 18)  # 20 s left of the stretch
        await pilot.press("plus")
        await pilot.pause()
        assert digits(pilot) == "0:35"
        await tick(pilot, mono, 34.9)
        assert "Stretch the calf" in text(pilot, "#step-name")
        await tick(pilot, mono, 0.1)
        assert "No massage this time" in text(pilot, "#step-name")


async def test_mute_silences_the_bell_and_the_flash(app_for, mono: FakeMonotonic) -> None:
    async with app_for(TimerScreen("calf", "left")).run_test() as pilot:
        await pilot.press("m")
        await tick(pilot, mono, 8)
        assert "Stretch the calf" in text(pilot, "#step-name")
        assert pilot.app.bell.count == 0
        assert not timer(pilot).has_class("-flash")
        assert "muted" in text(pilot, "#status")
        await pilot.press("m")
        await tick(pilot, mono, 30)
        assert pilot.app.bell.count == 1


async def test_released_opens_the_form_with_the_measured_time_and_one_key_saves(
    app_for, diary: Diary, mono: FakeMonotonic
) -> None:
    async with app_for(TimerScreen("calf", "left")).run_test(size=(100, 50)) as pilot:
        await tick(pilot, mono, 20)
        await pilot.press("space")
        await tick(pilot, mono, 10)
        await pilot.press("space")
        await tick(pilot, mono, 30.25)  # 50.25 s of countdown: past the no-massage step, just into standing
        await pilot.press("enter")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, EpisodeForm)
        assert form.draft.duration == 60  # real time, the pause included
        assert form.draft.reliefs == ("stretch",)  # standing had only begun
        assert form.draft.status == "done"
        [waiting] = diary.episodes.unfinished()  # saved already, in case the form is never finished
        assert (waiting.duration, waiting.reliefs) == (60, ("stretch",))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HomeScreen)
        assert diary.episodes.unfinished() == []
        [saved] = diary.episodes.newest_first()
        assert (saved.muscle, saved.side, saved.duration, saved.status) == ("calf", "left", 60, "done")


async def test_the_routine_end_records_its_exact_length_and_every_relief(app_for, mono: FakeMonotonic) -> None:
    async with app_for(TimerScreen("calf", "right")).run_test() as pilot:
        await tick(pilot, mono, CALF_TOTAL + 7)  # the refresh came 7 s late
        form = pilot.app.screen
        assert isinstance(form, EpisodeForm)
        assert form.draft.duration == CALF_TOTAL
        assert form.draft.reliefs == ("stretch", "stand", "walk")


async def test_cancelling_the_form_keeps_the_cramp_as_unfinished(app_for, diary: Diary, mono: FakeMonotonic) -> None:
    async with app_for(TimerScreen("calf", "left")).run_test() as pilot:
        await tick(pilot, mono, 45)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HomeScreen)
        [waiting] = diary.episodes.unfinished()
        assert waiting.duration == 45


async def test_escape_asks_and_discard_deletes_the_episode(app_for, diary: Diary, mono: FakeMonotonic) -> None:
    async with app_for(TimerScreen("calf", "left")).run_test() as pilot:
        await tick(pilot, mono, 12)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, KeepOrDiscardScreen)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HomeScreen)
        assert diary.episodes.unfinished() == [] and diary.episodes.newest_first() == []


async def test_escape_twice_goes_back_to_the_running_timer(app_for, diary: Diary, mono: FakeMonotonic) -> None:
    async with app_for(TimerScreen("calf", "left")).run_test() as pilot:
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")
        await tick(pilot, mono, 10)
        assert timer(pilot).phase == "running"
        assert "Stretch the calf" in text(pilot, "#step-name")
        assert len(diary.episodes.unfinished()) == 1


async def test_abandoning_but_keeping_opens_the_form_with_the_time_so_far(app_for, mono: FakeMonotonic) -> None:
    async with app_for(TimerScreen("calf", "left")).run_test() as pilot:
        await tick(pilot, mono, 40)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, EpisodeForm)
        assert form.draft.duration == 40
        assert form.draft.reliefs == ("stretch",)


async def test_bedtime_routine_is_noted_for_the_evening_not_as_a_cramp(
    app_for, diary: Diary, clock: FakeClock, mono: FakeMonotonic
) -> None:
    async with app_for(TimerScreen()).run_test() as pilot:
        await pilot.press("0")
        await tick(pilot, mono)
        assert "Bedtime stretches" in text(pilot, "#routine-title")
        assert "Left calf" in text(pilot, "#step-name")
        assert diary.episodes.unfinished() == []
        await tick(pilot, mono, 160)
        assert isinstance(pilot.app.screen, HomeScreen)
        day = clock.current.date()
        assert bedtime_evenings(diary, day, day) == [day]
        assert diary.episodes.newest_first() == []


async def test_stopping_the_bedtime_routine_notes_nothing(app_for, diary: Diary, clock: FakeClock, mono: FakeMonotonic) -> None:
    async with app_for(TimerScreen("bedtime")).run_test() as pilot:
        await tick(pilot, mono, 40)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HomeScreen)
        day = clock.current.date()
        assert bedtime_evenings(diary, day, day) == []


async def test_own_hold_times_are_used(app_for, tmp_path: Path, mono: FakeMonotonic) -> None:
    (tmp_path / "routines.toml").write_text("[routines.calf]\nhold_seconds = 45\n", encoding="utf-8")
    async with app_for(TimerScreen("calf", "left")).run_test() as pilot:
        await tick(pilot, mono, 8)
        assert digits(pilot) == "0:45"


async def test_a_broken_routines_file_is_reported_and_the_builtins_run(app_for, tmp_path: Path, mono: FakeMonotonic) -> None:
    (tmp_path / "routines.toml").write_text("[routines.calf]\nhold_seconds = 2\n", encoding="utf-8")
    async with app_for(TimerScreen("calf", "left")).run_test() as pilot:
        await tick(pilot, mono, 8)
        assert digits(pilot) == "0:30"
        [notice] = pilot.app._notifications  # the toast shown to the person
        assert "line 2" in notice.message and "hold_seconds" in notice.message


async def test_avoid_massage_shows_the_caution_step_instead(app_for, mono: FakeMonotonic) -> None:
    async with app_for(TimerScreen("calf", "left", avoid_massage=True)).run_test() as pilot:
        await tick(pilot, mono, 8 + 30)
        assert "No massage this time" in text(pilot, "#step-name")
        assert "do not rub" in text(pilot, "#instruction")


async def test_keys_shown_match_the_phase(app_for) -> None:
    async with app_for(TimerScreen()).run_test() as pilot:
        shown = {b.binding.action for b in pilot.app.screen.active_bindings.values()}
        assert "release" not in shown and "again" not in shown  # no last cramp yet
        await pilot.press("2", "r")
        await pilot.pause()
        shown = {b.binding.action.split("(")[0] for b in pilot.app.screen.active_bindings.values()}
        assert {"leg_check", "pause", "skip", "extend", "mute", "abandon"} <= shown
        assert "release" not in shown  # during the safety question, enter means "no"
        await pilot.press("n")
        await pilot.pause()
        shown = {b.binding.action.split("(")[0] for b in pilot.app.screen.active_bindings.values()}
        assert {"release", "pause", "skip", "extend", "mute", "abandon"} <= shown
        assert "leg_check" not in shown
        assert not {"pick", "side", "resume", "finish"} & shown
