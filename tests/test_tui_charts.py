"""The charts and warning-sign screens driven by keys, with a fixed clock."""

from __future__ import annotations

import stat
from datetime import date, datetime
from pathlib import Path

from textual.widgets import Static, Tabs

from cramp_diary.demo import write_demo
from cramp_diary.model import Episode
from cramp_diary.store import Diary
from cramp_diary.tui.app import CrampApp
from cramp_diary.tui.screens.alerts import AlertsScreen
from cramp_diary.tui.screens.charts import ChartsScreen
from cramp_diary.tui.widgets.pattern_plot import PatternPlot
from conftest import ZONE, FakeClock


def fill_demo(diary: Diary, clock: FakeClock) -> Diary:
    write_demo(diary, clock())
    return diary


def text_of(screen: object, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())  # type: ignore[attr-defined]


async def test_number_keys_and_arrows_switch_charts(diary: Diary, clock: FakeClock) -> None:
    fill_demo(diary, clock)
    async with CrampApp(diary, now=clock).run_test(size=(80, 24)) as pilot:
        pilot.app.push_screen(ChartsScreen())
        await pilot.pause()
        screen = pilot.app.screen
        plot = screen.query_one(PatternPlot)
        assert plot.chart == "weekly"
        await pilot.press("3")
        await pilot.pause()
        assert (screen.query_one(Tabs).active, plot.chart) == ("muscles", "muscles")
        await pilot.press("right")
        await pilot.pause()
        assert plot.chart == "triggers"
        await pilot.press("left", "left")
        await pilot.pause()
        assert plot.chart == "hours"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, ChartsScreen)


async def test_w_cycles_the_weeks_shown(diary: Diary, clock: FakeClock) -> None:
    fill_demo(diary, clock)
    async with CrampApp(diary, now=clock).run_test(size=(80, 24)) as pilot:
        pilot.app.push_screen(ChartsScreen())
        await pilot.pause()
        screen = pilot.app.screen
        assert "Last 12 weeks" in text_of(screen, "#period")
        assert len(screen.data.timeline.bars) == 12
        seen = []
        for _ in range(5):
            await pilot.press("w")
            await pilot.pause()
            seen.append((text_of(screen, "#period").split("  ")[0], len(screen.data.timeline.bars)))
        assert seen == [("Last 26 weeks", 26), ("Last 52 weeks", 52), ("All records", 27), ("Last 4 weeks", 4), ("Last 12 weeks", 12)]


async def test_summary_sits_beside_the_chart_only_when_wide(diary: Diary, clock: FakeClock) -> None:
    fill_demo(diary, clock)
    async with CrampApp(diary, now=clock).run_test(size=(80, 24)) as pilot:
        pilot.app.push_screen(ChartsScreen())
        await pilot.pause()
        figures = pilot.app.screen.query_one("#figures")
        assert not figures.display
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert figures.display
        assert "Cramps per week" in text_of(pilot.app.screen, "#figures")


async def test_an_empty_period_says_so_instead_of_an_empty_chart(diary: Diary, clock: FakeClock) -> None:
    async with CrampApp(diary, now=clock).run_test(size=(80, 24)) as pilot:
        pilot.app.push_screen(ChartsScreen())
        await pilot.pause()
        screen = pilot.app.screen
        assert not screen.query_one(PatternPlot).display
        assert "Nothing recorded for this chart" in text_of(screen, "#nodata")
        assert "recorded 0/84 days" in text_of(screen, "#period")


async def test_one_quiet_recorded_day_is_charted_with_the_other_weeks_marked_no_data(diary: Diary, clock: FakeClock) -> None:
    diary.checkins.add(date(2026, 11, 20))
    async with CrampApp(diary, now=clock).run_test(size=(80, 24)) as pilot:
        pilot.app.push_screen(ChartsScreen())
        await pilot.pause()
        screen = pilot.app.screen
        assert screen.query_one(PatternPlot).display
        assert "? = no data: no day recorded" in text_of(screen, "#period")
        assert "5/7 = days recorded in a partly recorded week" in text_of(screen, "#period")


async def test_r_saves_a_private_report_of_the_weeks_shown(diary: Diary, clock: FakeClock, tmp_path: Path) -> None:
    fill_demo(diary, clock)
    target = tmp_path / "report.html"
    async with CrampApp(diary, now=clock).run_test(size=(80, 24)) as pilot:
        pilot.app.push_screen(ChartsScreen(report_path=lambda today: target))
        await pilot.pause()
        await pilot.press("w", "r")
        await pilot.pause()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert "2026-05-25 to 2026-11-22 (26 weeks, 182 days)" in target.read_text()


async def test_alerts_screen_lists_each_sign_with_its_episodes(diary: Diary, clock: FakeClock) -> None:
    diary.episodes.add(Episode(datetime(2026, 11, 20, 3, 10, tzinfo=ZONE), "other", "left", duration=700,
                                signs=("swelling",), muscle_other="[bold]shin[/bold]"))
    async with CrampApp(diary, now=clock).run_test(size=(80, 24)) as pilot:
        pilot.app.push_screen(AlertsScreen())
        await pilot.pause()
        signs = [str(s.render()) for s in pilot.app.screen.query(".sign")]
        assert len(signs) == 2
        assert signs[0].startswith("Urgent: Swelling, warmth, tenderness or a skin change in one leg")
        assert "call emergency services now" in signs[0] and "How to Release Leg Cramps" in signs[0]
        assert signs[1].startswith("See a provider soon: A cramp that lasted over 10 minutes")
        assert all("2026-11-20 03:10" in sign and "[bold]shin[/bold] (left)" in sign for sign in signs)
        assert pilot.app.screen.query_one(".urgent").has_class("sign")


async def test_alerts_screen_when_all_is_quiet_lists_what_it_watches(diary: Diary, clock: FakeClock) -> None:
    async with CrampApp(diary, now=clock).run_test(size=(80, 24)) as pilot:
        pilot.app.push_screen(AlertsScreen())
        await pilot.pause()
        quiet = text_of(pilot.app.screen, ".quiet")
        assert quiet.startswith("No warning signs right now.")
        assert "Frequent cramps: cramps on 3 or more days" in quiet


async def test_all_records_of_a_long_diary_are_drawn_month_by_month(diary: Diary, clock: FakeClock) -> None:
    diary.checkins.add(date(2023, 1, 2))  # about 200 weeks ago: too many for one bar each
    diary.episodes.add(Episode(datetime(2026, 11, 20, 3, 10, tzinfo=ZONE), "calf", "left", severity=6))
    async with CrampApp(diary, now=clock).run_test(size=(120, 40)) as pilot:
        pilot.app.push_screen(ChartsScreen(weeks=None))
        await pilot.pause()
        timeline = pilot.app.screen.data.timeline
        assert timeline.unit == "month"
        assert (len(timeline.bars), timeline.bars[0].label, timeline.bars[-1].label) == (47, "2023-01", "2026-11")
        assert pilot.app.screen.query_one(PatternPlot).display


async def test_an_empty_triggers_tab_says_none_was_ever_noted_instead_of_look_further_back(
    diary: Diary, clock: FakeClock
) -> None:
    diary.episodes.add(Episode(datetime(2026, 11, 20, 3, 0, tzinfo=ZONE), "calf", "left"))  # no trigger ticked
    async with CrampApp(diary, now=clock).run_test(size=(80, 24)) as pilot:
        pilot.app.push_screen(ChartsScreen())
        await pilot.pause()
        await pilot.press("4")
        await pilot.pause()
        screen = pilot.app.screen
        assert screen.query_one(Tabs).active == "triggers"
        message = text_of(screen, "#nodata")
        assert "No cramp has a possible trigger noted yet" in message and "further back" not in message


async def test_an_empty_triggers_tab_with_older_triggers_still_says_look_further_back(
    diary: Diary, clock: FakeClock
) -> None:
    diary.episodes.add(Episode(datetime(2025, 1, 20, 3, 0, tzinfo=ZONE), "calf", "left", triggers=("heat",)))
    diary.episodes.add(Episode(datetime(2026, 11, 20, 3, 0, tzinfo=ZONE), "calf", "left"))
    async with CrampApp(diary, now=clock).run_test(size=(80, 24)) as pilot:
        pilot.app.push_screen(ChartsScreen())
        await pilot.pause()
        await pilot.press("4")
        await pilot.pause()
        assert "Press w to look further back" in text_of(pilot.app.screen, "#nodata")
