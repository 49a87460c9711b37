"""Below a usable size the chart says "make the window larger" instead of drawing two rows of bars."""

from __future__ import annotations

from pathlib import Path

from cramp_diary.demo import write_demo
from cramp_diary.store import Diary
from cramp_diary.tui.app import CrampApp
from cramp_diary.tui.widgets.pattern_plot import PatternPlot
from conftest import FakeClock


async def test_a_tiny_window_asks_to_be_larger(db_path: Path, clock: FakeClock) -> None:
    with Diary.open(db_path, clock) as diary:
        write_demo(diary, clock())
        app = CrampApp(diary, now=clock)
        async with app.run_test(size=(40, 12)) as pilot:
            await pilot.press("c")
            await pilot.pause()
            plot = app.screen.query_one(PatternPlot)
            assert "Make the window larger" in str(plot.render())
        async with CrampApp(diary, now=clock).run_test(size=(120, 40)) as pilot:
            await pilot.press("c")
            await pilot.pause()
            plot = pilot.app.screen.query_one(PatternPlot)
            assert "Make the window larger" not in str(plot.render())
