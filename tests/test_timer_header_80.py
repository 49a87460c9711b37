"""At 80 columns the timer's title keeps its words when the cramp began earlier (issue 21).

"Calf cramp, left since the cramp began 2:07": the note about an earlier start sat
beside the clock and squeezed the title until its last word went.
"""

from __future__ import annotations

from pathlib import Path

from conftest import FakeClock
from fake_monotonic import FakeMonotonic
from textual.widgets import Static
from timer_helpers import refresh, wait_for_routine

from cramp_diary.store import Diary
from cramp_diary.tui.app import CrampApp
from cramp_diary.tui.screens.timer import TimerScreen


async def test_the_title_keeps_every_word_beside_the_clock_and_the_earlier_note(
    diary: Diary, clock: FakeClock, tmp_path: Path
) -> None:
    mono = FakeMonotonic()
    app = CrampApp(diary, now=clock, monotonic=mono, config_dir=tmp_path, start_screen=TimerScreen("hamstring", "both"))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_routine(pilot)
        await pilot.press("n")  # the leg is not swollen
        for _ in range(3):
            await pilot.press("e")  # it began three minutes before the timer
        mono.advance(20)
        await refresh(pilot)
        title = app.screen.query_one("#routine-title", Static)
        words = str(title.render())
        assert words == "Hamstring cramp, both legs"
        assert title.region.width >= len(words) and title.region.height == 1
        elapsed = str(app.screen.query_one("#elapsed", Static).render())
        assert "began 3 min before the timer" in elapsed
