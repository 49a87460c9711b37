"""The home screen's links to the pattern: check-in, warning banner, warnings screen, report."""

from __future__ import annotations

import stat
from datetime import date, timedelta

from cramp_diary.model import Episode
from cramp_diary.store import Diary
from cramp_diary.tui.app import CrampApp
from cramp_diary.tui.screens.alerts import AlertsScreen
from cramp_diary.tui.screens.home import HomeScreen


async def test_k_checks_in_a_quiet_night_once(diary: Diary, clock) -> None:
    async with CrampApp(diary, now=clock).run_test() as pilot:
        await pilot.press("k")
        await pilot.pause()
        assert diary.checkins.days_between(date(2026, 11, 1), date(2026, 11, 30)) == [date(2026, 11, 22)]
        await pilot.press("k")  # twice is still one check-in
        assert diary.checkins.days_between(date(2026, 11, 1), date(2026, 11, 30)) == [date(2026, 11, 22)]


async def test_k_does_not_mark_a_night_with_a_cramp_as_free(diary: Diary, clock) -> None:
    diary.episodes.add(Episode(started_at=clock().replace(hour=3), muscle="calf", side="left"))
    async with CrampApp(diary, now=clock).run_test() as pilot:
        await pilot.press("k")
        await pilot.pause()
        assert diary.checkins.days_between(date(2026, 11, 1), date(2026, 11, 30)) == []


async def test_one_sided_swelling_puts_an_urgent_banner_on_home(diary: Diary, clock) -> None:
    async with CrampApp(diary, now=clock).run_test() as pilot:
        banner = pilot.app.screen.query_one("#alert-banner")
        assert not banner.display or not banner.classes & {"urgent", "soon", "note"}
        diary.episodes.add(Episode(started_at=clock() - timedelta(hours=5), muscle="calf", side="left", signs=("swelling",)))
        pilot.app.screen.refresh_data()
        await pilot.pause()
        assert "urgent" in banner.classes and banner.display
        assert "healthcare provider" in str(banner.render()).lower()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(pilot.app.screen, AlertsScreen)
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, HomeScreen)


async def test_r_saves_a_private_report_where_the_app_says(diary: Diary, clock, tmp_path) -> None:
    diary.episodes.add(Episode(started_at=clock() - timedelta(days=2), muscle="calf", side="left", note="<b>literal</b>"))
    target = tmp_path / "report.html"
    async with CrampApp(diary, now=clock, report_path=lambda _today: target).run_test() as pilot:
        await pilot.press("r")
        await pilot.pause()
        html = target.read_text()
        assert "&lt;b&gt;literal&lt;/b&gt;" in html and "<b>literal</b>" not in html
        assert stat.S_IMODE(target.stat().st_mode) == 0o600


async def test_timer_replaces_massage_with_a_caution_after_a_possible_clot(diary: Diary, clock) -> None:
    from cramp_diary.tui.screens.timer import TimerScreen

    diary.episodes.add(Episode(started_at=clock() - timedelta(days=1), muscle="calf", side="left", signs=("warmth",)))
    async with CrampApp(diary, now=clock, start_timer=("calf", "left")).run_test() as pilot:
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, TimerScreen)
        reliefs = [step.relief for step in screen.routine.steps]
        assert "massage" not in reliefs and "stretch" in reliefs
