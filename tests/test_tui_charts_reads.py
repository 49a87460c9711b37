"""The charts screen reads each aggregate once: a period change reads only the chart on screen,
coming back to a period or a chart reads nothing again, and a new record is read at once."""

from __future__ import annotations

from datetime import timedelta

from cramp_diary.demo import write_demo
from cramp_diary.model import Episode
from cramp_diary.store import Diary
from cramp_diary.tui.app import CrampApp
from cramp_diary.tui.screens.charts import ChartsScreen
from conftest import FakeClock


def episode_reads(diary: Diary) -> list[str]:
    """Every statement reading episodes on the diary's connection from now on."""
    seen: list[str] = []
    diary.db.conn.set_trace_callback(lambda sql: seen.append(sql) if "FROM episodes" in sql else None)
    return seen


async def test_periods_and_tabs_already_seen_read_nothing(diary: Diary, clock: FakeClock) -> None:
    write_demo(diary, clock())
    async with CrampApp(diary, now=clock).run_test(size=(100, 30)) as pilot:
        pilot.app.push_screen(ChartsScreen())
        await pilot.pause()
        screen = pilot.app.screen
        assert screen.charts_read == {"weekly"}
        hours_before = list(screen.data.hours)
        await pilot.press("2")
        await pilot.pause()
        assert screen.charts_read == {"weekly", "hours"} and sum(screen.data.hours) > 0
        assert hours_before == []  # not read until shown
        for _ in range(5):  # every period once, back to 12 weeks, on the time-of-day chart
            await pilot.press("w")
            await pilot.pause()
        twelve_weeks = screen.data
        reads = episode_reads(diary)
        for _ in range(5):  # the same round again: all kept
            await pilot.press("w")
            await pilot.pause()
        await pilot.press("1", "2")
        await pilot.pause()
        assert reads == []
        assert screen.data.hours == twelve_weeks.hours
        assert screen.data.timeline == twelve_weeks.timeline


async def test_a_new_cramp_is_charted_on_the_next_reload(diary: Diary, clock: FakeClock) -> None:
    write_demo(diary, clock())
    async with CrampApp(diary, now=clock).run_test(size=(100, 30)) as pilot:
        pilot.app.push_screen(ChartsScreen())
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, ChartsScreen)
        before = screen.data.timeline.cramps
        diary.episodes.add(Episode(clock() - timedelta(hours=1), "calf", "left", duration=30))
        for _ in range(5):  # all the way round to the same 12 weeks
            await pilot.press("w")
            await pilot.pause()
        assert screen.data.timeline.cramps == before + 1
