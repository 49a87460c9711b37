"""The warnings screen: 'd' marks the selected warning as discussed today, and the home banner goes quiet."""

from __future__ import annotations

from datetime import timedelta

from conftest import FakeClock

from cramp_diary.model import Episode
from cramp_diary.store import Diary
from cramp_diary.tui.app import CrampApp
from cramp_diary.tui.screens.alerts import AlertsScreen
from cramp_diary.tui.widgets.warning_banner import WarningBanner


async def test_d_marks_the_warning_discussed_and_quiets_the_banner(diary: Diary, clock: FakeClock) -> None:
    diary.episodes.add(Episode(clock.current - timedelta(days=1), "calf", "left", signs=("swelling",)))
    app = CrampApp(diary, now=clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert pilot.app.screen.query_one(WarningBanner).display
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(pilot.app.screen, AlertsScreen)
        await pilot.press("d")
        await pilot.pause()
        assert diary.discussed.latest() == {"one-sided-swelling": clock.current.date()}
        assert "Discussed with a provider on 2026-11-22" in str(pilot.app.screen.query_one(".sign").render())
        await pilot.press("escape")
        await pilot.pause(0.5)
        assert not pilot.app.screen.query_one(WarningBanner).display
