"""What the running cramp timer looks like at 80x24, with both clocks frozen."""

from __future__ import annotations

from conftest import FakeClock
from fake_monotonic import FakeMonotonic
from textual.pilot import Pilot
from timer_helpers import refresh

from cramp_diary.store import Diary
from cramp_diary.tui.app import CrampApp
from cramp_diary.tui.screens.timer import TimerScreen


def test_running_timer_mid_stretch(snap_compare, diary: Diary, clock: FakeClock) -> None:
    mono = FakeMonotonic()
    app = CrampApp(diary, now=clock, monotonic=mono, start_screen=TimerScreen("calf", "left"))

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        mono.advance(8 + 12)  # 12 s into the calf stretch: 18 s left, 20 s since the cramp began
        await refresh(pilot)  # one reading of the clock now, not whenever the next scheduled sample comes
        for _ in range(100):  # the step-change flash fades after 0.3 s of real time, later on a busy machine
            if not pilot.app.screen.has_class("-flash"):
                break
            await pilot.pause(0.05)
        else:
            raise AssertionError("the step-change flash never faded")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
