"""The timer's footer keeps help and its way out at 80 and 120 columns (issue 21).

While a cramp ran, the footer showed "esc Stop  ? Help" but never "q Quit",
though q worked (and asked first): every screen's footer names q.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FakeClock
from fake_monotonic import FakeMonotonic
from timer_helpers import wait_for_routine

from cramp_diary.store import Diary
from cramp_diary.tui.app import CrampApp
from cramp_diary.tui.screens.keep_or_discard import KeepOrDiscardScreen
from cramp_diary.tui.screens.timer import TimerScreen
from cramp_diary.tui.widgets.key_footer import KeyFooter


def _footer(app: CrampApp) -> dict[str, str]:
    return {key.key: key.description for key in app.screen.query_one(KeyFooter).shown_keys}


@pytest.mark.parametrize("width", [80, 120])
async def test_a_running_timer_shows_help_stop_and_quit(diary: Diary, clock: FakeClock, tmp_path: Path, width: int) -> None:
    app = CrampApp(diary, now=clock, monotonic=FakeMonotonic(), config_dir=tmp_path, start_screen=TimerScreen("calf", "left"))
    async with app.run_test(size=(width, 24)) as pilot:
        await wait_for_routine(pilot)
        keys = _footer(app)
        assert keys.get("question_mark") == "Help"
        assert keys.get("escape") == "Stop"
        assert keys.get("q") == "Quit"
        await pilot.press("q")  # still asks before anything is thrown away
        await pilot.pause()
        assert isinstance(app.screen, KeepOrDiscardScreen)
