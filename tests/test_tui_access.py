"""Issue 15, in the app: quitting mid-cramp, burst keys, readable ticks, themes and settings, began earlier, help."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import FakeClock
from fake_monotonic import FakeMonotonic
from textual import events
from textual.pilot import Pilot
from timer_helpers import wait_for_routine

from cramp_diary.model import Episode
from cramp_diary.settings import Settings, load_settings, save_settings
from cramp_diary.store import Diary
from cramp_diary.tui.app import CrampApp
from cramp_diary.tui.screens.episode_form import EpisodeForm
from cramp_diary.tui.screens.help import HelpScreen
from cramp_diary.tui.screens.home import HomeScreen
from cramp_diary.tui.screens.recover import KeepOrDiscardScreen
from cramp_diary.tui.screens.timer import TimerScreen
from cramp_diary.tui.widgets.choice_bar import TickList


def _timer_app(diary: Diary, clock: FakeClock, mono: FakeMonotonic, tmp_path: Path, **kw: object) -> CrampApp:
    app = CrampApp(diary, now=clock, monotonic=mono, config_dir=tmp_path, start_screen=TimerScreen(**kw))  # type: ignore[arg-type]
    app.bell = lambda: None  # type: ignore[method-assign]
    return app


async def _running(pilot: Pilot[None], mono: FakeMonotonic, seconds: float) -> None:
    await wait_for_routine(pilot)
    mono.advance(seconds)
    await pilot.pause(0.2)


async def test_q_during_a_running_cramp_asks_instead_of_quitting(diary: Diary, clock: FakeClock, tmp_path: Path) -> None:
    mono = FakeMonotonic()
    async with _timer_app(diary, clock, mono, tmp_path, muscle="calf", side="left").run_test() as pilot:
        await _running(pilot, mono, 20)
        await pilot.press("q")
        await pilot.pause()
        assert pilot.app.is_running
        assert isinstance(pilot.app.screen, KeepOrDiscardScreen)


async def test_a_quit_from_anywhere_keeps_the_time_measured_so_far(diary: Diary, clock: FakeClock, tmp_path: Path) -> None:
    mono = FakeMonotonic()
    async with _timer_app(diary, clock, mono, tmp_path, muscle="calf", side="left").run_test() as pilot:
        await _running(pilot, mono, 42)
        pilot.app.exit()  # ctrl+q, the palette's Quit, or q on another screen
        await pilot.pause()
    [episode] = diary.episodes.unfinished()
    assert episode.duration == 42


async def test_began_earlier_moves_the_start_back_and_adds_to_the_duration(
    diary: Diary, clock: FakeClock, tmp_path: Path
) -> None:
    mono = FakeMonotonic()
    async with _timer_app(diary, clock, mono, tmp_path).run_test() as pilot:
        await pilot.press("e", "e")  # in the picker: it began two minutes ago
        assert "began 2 min ago" in str(pilot.app.screen.query_one(".earlier").render())
        await pilot.press("1", "l")
        await _running(pilot, mono, 10)
        await pilot.press("e")  # and one more, while running
        await pilot.pause()
        timer = pilot.app.screen
        assert isinstance(timer, TimerScreen)
        assert "began 3 min before" in str(timer.query_one("#elapsed").render())
        assert timer.episode is not None and timer.episode.started_at == clock() - timedelta(minutes=3)
        pilot.app.exit()
        await pilot.pause()
    [episode] = diary.episodes.unfinished()
    assert episode.duration == 190


async def test_timer_help_lists_only_the_keys_of_the_phase(diary: Diary, clock: FakeClock, tmp_path: Path) -> None:
    mono = FakeMonotonic()

    async def help_text(pilot: Pilot[None]) -> str:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HelpScreen)
        text = " ".join(str(w.render()) for w in pilot.app.screen.query("Static"))
        await pilot.press("escape")
        await pilot.pause()
        return text

    async with _timer_app(diary, clock, mono, tmp_path).run_test() as pilot:
        picker = await help_text(pilot)
        assert "Start the calf routine" in picker and "Hold the countdown" not in picker
        await pilot.press("1", "l")
        await _running(pilot, mono, 5)
        running = await help_text(pilot)
        assert "Hold the countdown" in running and "Start the calf routine" not in running
        assert "Carry on with the countdown" not in running  # space means pause now, not resume as well
        assert "Leave the app" not in running  # q stops the timer here
        keys = [line.split()[0] for line in running.splitlines() if line.startswith("  ")]
        assert len(keys) == len(set(keys))


async def _burst(app: CrampApp, keys: list[str], gap: float = 0.02) -> None:
    """Keys as a fast typist or a terminal sends them: not waiting for the app to settle in between."""
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))
        await asyncio.sleep(gap)


async def test_keys_typed_in_a_burst_save_the_episode(diary: Diary, clock: FakeClock) -> None:
    app = CrampApp(diary, now=clock)
    async with app.run_test() as pilot:
        await pilot.pause()
        await _burst(app, ["n", "1", "l", "ctrl+s"])
        for _ in range(100):
            if isinstance(app.screen, HomeScreen):
                break
            await pilot.pause(0.05)
        assert isinstance(app.screen, HomeScreen)
    [episode] = list(diary.episodes.iter_all())
    assert (episode.muscle, episode.side) == ("calf", "left")


@pytest.mark.parametrize("logged_before", [False, True])
async def test_keys_sent_all_at_once_save_the_episode(diary: Diary, clock: FakeClock, logged_before: bool) -> None:
    """As a terminal delivers a paste or a very fast typist: every key before the form is even built."""
    if logged_before:
        diary.episodes.add(Episode(started_at=clock() - timedelta(hours=3), muscle="foot", side="right"))
    app = CrampApp(diary, now=clock)
    async with app.run_test() as pilot:
        await pilot.pause()
        await _burst(app, ["n", "1", "l", "ctrl+s"], gap=0)
        for _ in range(100):
            await pilot.pause(0.05)
            if isinstance(app.screen, HomeScreen):
                break
        assert isinstance(app.screen, HomeScreen)
    newest = diary.episodes.newest_first(limit=1)[0]
    assert (newest.muscle, newest.side) == ("calf", "left")


async def test_ticked_and_unticked_boxes_differ_in_their_characters(diary: Diary, clock: FakeClock) -> None:
    async with CrampApp(diary, now=clock).run_test(size=(110, 44)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, EpisodeForm)
        signs = form.query_one("#signs", TickList)
        signs.select("warmth")
        signs.focus()
        await pilot.pause()
        lines = [signs.render_line(y).text for y in range(3)]
        assert lines[0].startswith("›[ ] swollen leg")  # focused and highlighted: marked by a character too
        assert lines[1].startswith(" [x] warm leg")
        assert lines[2].startswith(" [ ] red or changed skin")
        form.query_one("#muscle").focus()
        await pilot.press("1")
        await pilot.pause()
        muscle = str(form.query_one("#muscle").render()).replace("\u00a0", " ")
        assert "[1 calf]" in muscle and "[2" not in muscle


async def test_theme_choice_and_settings_are_remembered(diary: Diary, clock: FakeClock, tmp_path: Path) -> None:
    async with CrampApp(diary, now=clock, config_dir=tmp_path).run_test() as pilot:
        app = pilot.app
        assert {"cramp-calm", "cramp-night", "cramp-light", "cramp-high-contrast"} == set(app.available_themes)
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Theme", "Night by the clock", "Large timer digits"} <= titles
        app.theme = "cramp-light"  # as the palette's theme picker does
        await pilot.pause()
        app.action_toggle_night_by_clock()
        app.action_toggle_large_digits()
        await pilot.pause()
    settings, warnings = load_settings(tmp_path)
    assert settings == Settings(theme="cramp-light", night_by_clock=False, large_timer_digits=True) and not warnings
    clock.current = clock.current.replace(hour=3)  # night, but the clock no longer decides
    async with CrampApp(diary, now=clock, config_dir=tmp_path).run_test() as pilot:
        assert pilot.app.theme == "cramp-light"
        assert pilot.app.has_class("-large-digits")


async def test_a_bad_settings_file_is_shown_and_the_app_runs(diary: Diary, clock: FakeClock, tmp_path: Path) -> None:
    (tmp_path / "settings.toml").write_text('theme = "purple"\nnight_by_clock = "yes"\n')
    async with CrampApp(diary, now=clock, config_dir=tmp_path).run_test() as pilot:
        messages = [n.message for n in pilot.app._notifications]
        assert any("line 2" in m and "night_by_clock" in m for m in messages)
        assert any("'purple'" in m for m in messages)
        assert pilot.app.theme == "cramp-calm"


async def test_night_by_the_clock_and_ctrl_t(diary: Diary, clock: FakeClock, tmp_path: Path) -> None:
    save_settings(tmp_path, Settings(theme="cramp-high-contrast"))
    clock.current = clock.current.replace(hour=3)
    async with CrampApp(diary, now=clock, config_dir=tmp_path).run_test() as pilot:
        assert pilot.app.theme == "cramp-night"
        await pilot.press("ctrl+t")
        assert pilot.app.theme == "cramp-high-contrast"


async def test_large_digits_show_in_the_timer(diary: Diary, clock: FakeClock, tmp_path: Path) -> None:
    save_settings(tmp_path, Settings(large_timer_digits=True))
    mono = FakeMonotonic()
    async with _timer_app(diary, clock, mono, tmp_path, muscle="calf", side="left").run_test() as pilot:
        await _running(pilot, mono, 1)
        assert pilot.app.screen.query_one("#countdown-large").display
        assert not pilot.app.screen.query_one("#countdown").display


async def test_home_footer_at_80_columns_keeps_help_quit_and_the_palette(diary: Diary, clock: FakeClock) -> None:
    from cramp_diary.tui.widgets.key_footer import KeyFooter

    async with CrampApp(diary, now=clock).run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        footer = pilot.app.screen.query_one(KeyFooter)
        actions = {key.action for key in footer.shown_keys}
        assert {"help", "quit", "command_palette"} <= actions
        assert "new" in actions
        line = footer.render()
        assert line.cell_len <= 80 and line.plain.rstrip().endswith("^p palette")
