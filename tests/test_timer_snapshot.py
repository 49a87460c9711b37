"""What the running cramp timer looks like at 80x24, with both clocks frozen."""

from __future__ import annotations

from conftest import FakeClock
from fake_monotonic import FakeMonotonic
from textual.pilot import Pilot

from cramp_diary.store import Diary
from cramp_diary.tui.app import CrampApp
from cramp_diary.tui.screens.timer import TimerScreen


def test_running_timer_mid_stretch(snap_compare, diary: Diary, clock: FakeClock) -> None:
    mono = FakeMonotonic()
    app = CrampApp(diary, now=clock, monotonic=mono, start_screen=TimerScreen("calf", "left"))

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        mono.advance(8 + 12)  # 12 s into the calf stretch: 18 s left, 20 s since the cramp began
        await pilot.pause(0.6)  # the step-change flash (0.3 s) has faded
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
