"""A cramp timer killed mid-cramp leaves an unfinished episode that the next start recovers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from conftest import FakeClock
from fake_monotonic import FakeMonotonic
from timer_process import RUNNING_TIMER

from cramp_diary.model import Episode
from cramp_diary.store import Diary
from cramp_diary.tui.app import CrampApp
from cramp_diary.tui.screens.episode_form import EpisodeForm
from cramp_diary.tui.screens.home import HomeScreen
from cramp_diary.tui.screens.recover import RecoverScreen, offer_recovery
from cramp_diary.tui.screens.timer import TimerScreen

def kill_a_running_timer(db_path: Path, clock: FakeClock) -> None:
    started = clock.current - timedelta(minutes=10)
    env = {**os.environ, "TEXTUAL_ANIMATIONS": "none"}
    process = subprocess.run(
        [sys.executable, "-c", RUNNING_TIMER, str(db_path), started.isoformat(), "kill"],
        env=env,
        capture_output=True,
        timeout=60,
    )
    assert process.returncode == -signal.SIGKILL, process.stderr.decode()


async def test_a_killed_timer_is_finished_on_the_next_start(db_path: Path, clock: FakeClock) -> None:
    kill_a_running_timer(db_path, clock)
    with Diary.open(db_path, clock) as diary:
        [left] = diary.episodes.unfinished()
        assert (left.muscle, left.side, left.duration) == ("calf", "left", None)
        async with CrampApp(diary, now=clock, monotonic=FakeMonotonic()).run_test(size=(100, 50)) as pilot:
            offer_recovery(pilot.app)
            await pilot.pause()
            assert isinstance(pilot.app.screen, RecoverScreen)
            await pilot.press("enter")
            await pilot.pause()
            form = pilot.app.screen
            assert isinstance(form, EpisodeForm)
            assert (form.draft.status, form.draft.duration) == ("done", None)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(pilot.app.screen, HomeScreen)
        assert diary.episodes.unfinished() == []
        [saved] = diary.episodes.newest_first()
        assert (saved.uuid, saved.muscle, saved.side, saved.status) == (left.uuid, "calf", "left", "done")
        assert saved.started_at == clock.current - timedelta(minutes=10)


async def test_discarding_deletes_the_unfinished_episode(diary: Diary, clock: FakeClock) -> None:
    diary.episodes.add(Episode(started_at=clock.current, muscle="foot", side="right", status="open"))
    async with CrampApp(diary, now=clock).run_test() as pilot:
        offer_recovery(pilot.app)
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HomeScreen)
    assert diary.episodes.unfinished() == [] and diary.episodes.newest_first() == []


async def test_the_question_says_how_long_when_the_timer_measured_it(diary: Diary, clock: FakeClock) -> None:
    diary.episodes.add(Episode(started_at=clock.current, muscle="calf", side="left", duration=75, status="open"))
    async with CrampApp(diary, now=clock).run_test() as pilot:
        offer_recovery(pilot.app)
        await pilot.pause()
        assert "how long it lasted: 1m15s" in str(pilot.app.screen.query_one("#question").render())


async def test_later_leaves_it_for_next_time(diary: Diary, clock: FakeClock) -> None:
    diary.episodes.add(Episode(started_at=clock.current, muscle="foot", side="right", status="open"))
    async with CrampApp(diary, now=clock).run_test() as pilot:
        offer_recovery(pilot.app)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HomeScreen)
    assert len(diary.episodes.unfinished()) == 1


async def test_each_unfinished_episode_is_asked_about_in_turn(diary: Diary, clock: FakeClock) -> None:
    for muscle in ("calf", "thigh"):
        diary.episodes.add(Episode(started_at=clock.current, muscle=muscle, side="left", status="open"))
    async with CrampApp(diary, now=clock).run_test() as pilot:
        offer_recovery(pilot.app)
        offer_recovery(pilot.app)  # asking twice does not stack the questions
        await pilot.pause()
        assert pilot.app.screen.episode.muscle == "calf"
        await pilot.press("d")
        await pilot.pause()
        assert pilot.app.screen.episode.muscle == "thigh"
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HomeScreen)
    assert diary.episodes.unfinished() == []


async def test_the_episode_of_a_running_timer_is_not_offered(diary: Diary, clock: FakeClock) -> None:
    async with CrampApp(diary, now=clock, monotonic=FakeMonotonic(), start_screen=TimerScreen("calf", "left")).run_test() as pilot:
        await pilot.pause()
        assert len(diary.episodes.unfinished()) == 1
        offer_recovery(pilot.app)
        await pilot.pause()
        assert isinstance(pilot.app.screen, TimerScreen)


async def test_older_unfinished_cramps_wait_until_the_timer_closes(diary: Diary, clock: FakeClock) -> None:
    older = diary.episodes.add(Episode(started_at=clock.current - timedelta(days=1), muscle="foot", side="right", status="open"))
    mono = FakeMonotonic()
    app = CrampApp(diary, now=clock, monotonic=mono, start_screen=TimerScreen("calf", "left"))
    async with app.run_test() as pilot:
        offer_recovery(pilot.app)  # mid-cramp: nothing is asked
        await pilot.pause()
        assert isinstance(pilot.app.screen, TimerScreen)
        mono.advance(30)
        await pilot.press("enter")  # released
        await pilot.pause()
        await pilot.press("escape")  # the form is closed unsaved: this cramp stays unfinished ...
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, RecoverScreen)  # ... and only the older one is asked about
        assert screen.episode.uuid == older.uuid
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HomeScreen)
    assert len(diary.episodes.unfinished()) == 2


async def test_a_killed_timer_offers_the_time_it_ran_and_titles_the_form_as_a_recovered_cramp(
    db_path: Path, diary: Diary, clock: FakeClock
) -> None:
    """It said "how long it lasted: unknown" and "New episode", though the timer had run for a minute."""
    started = clock.current - timedelta(minutes=10)
    left = diary.episodes.add(Episode(started_at=started, muscle="calf", side="left", status="open"))
    with Diary.open(db_path, lambda: started + timedelta(seconds=65)) as timer_side:
        timer_side.episodes.heartbeat(left.id)  # type: ignore[arg-type]  # its last heartbeat, 65 s in; then it was killed
    async with CrampApp(diary, now=clock).run_test(size=(100, 50)) as pilot:
        await pilot.pause()
        assert isinstance(pilot.app.screen, RecoverScreen)
        assert "how long it lasted: 1m05s" in str(pilot.app.screen.query_one("#question").render())
        await pilot.press("enter")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, EpisodeForm) and form.draft.duration == 65
        assert "Finish the cramp the timer began" in str(form.query_one("#form-title").render())
        await pilot.press("ctrl+s")
        await pilot.pause()
    [saved] = diary.episodes.newest_first()
    assert (saved.status, saved.duration) == ("done", 65)
