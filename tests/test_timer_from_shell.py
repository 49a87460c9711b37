"""`cramp-diary timer` from the shell ends back at the shell once the cramp is saved, not in the full app."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FakeClock
from fake_monotonic import FakeMonotonic
from timer_helpers import refresh, wait_for_routine

from cramp_diary.store import Diary
from cramp_diary.tui.app import CrampApp
from cramp_diary.tui.screens.episode_form import EpisodeForm

#: Longer than the built-in calf routine, so it ends by itself and opens the form.
PAST_THE_END = 200


async def test_the_timer_opened_from_the_shell_exits_after_saving_and_says_what_it_saved(
    diary: Diary, clock: FakeClock, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mono = FakeMonotonic()
    app = CrampApp(diary, now=clock, monotonic=mono, config_dir=tmp_path, start_timer=("calf", "left"))
    async with app.run_test(size=(100, 50)) as pilot:
        await wait_for_routine(pilot)
        mono.advance(PAST_THE_END)
        await refresh(pilot)
        await pilot.pause()
        assert isinstance(app.screen, EpisodeForm)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not app.is_running  # back at the shell
    [saved] = diary.episodes.newest_first()
    assert saved.status == "done"
    assert f"Saved episode {saved.id}." in capsys.readouterr().err  # printed on the shell once the screen is gone


async def test_the_timer_opened_from_the_app_still_returns_to_the_app(diary: Diary, clock: FakeClock, tmp_path: Path) -> None:
    mono = FakeMonotonic()
    app = CrampApp(diary, now=clock, monotonic=mono, config_dir=tmp_path)
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.pause()
        await pilot.press("t", "1", "l")
        await wait_for_routine(pilot)
        mono.advance(PAST_THE_END)
        await refresh(pilot)
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.is_running and app.screen.__class__.__name__ == "HomeScreen"
