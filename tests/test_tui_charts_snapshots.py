"""Snapshots of the charts and warning-sign screens: seeded demo diary, fixed clock, two sizes."""

from __future__ import annotations

from datetime import datetime

import pytest

from cramp_diary.demo import write_demo
from cramp_diary.model import Episode
from cramp_diary.store import Diary
from cramp_diary.tui.app import CrampApp
from cramp_diary.tui.screens.alerts import AlertsScreen
from cramp_diary.tui.screens.charts import ChartsScreen
from conftest import ZONE, FakeClock

SMALL = (80, 24)
LARGE = (120, 40)


@pytest.fixture
def demo(relative_diary: Diary, clock: FakeClock) -> Diary:
    write_demo(relative_diary, clock())
    return relative_diary


def charts_app(diary: Diary, clock: FakeClock) -> CrampApp:
    return CrampApp(diary, now=clock, start_screen=ChartsScreen())


def test_charts_weekly_80x24(snap_compare, demo: Diary, clock: FakeClock) -> None:
    assert snap_compare(charts_app(demo, clock), terminal_size=SMALL)


def test_charts_weekly_120x40(snap_compare, demo: Diary, clock: FakeClock) -> None:
    assert snap_compare(charts_app(demo, clock), terminal_size=LARGE)


def test_charts_time_of_day_80x24(snap_compare, demo: Diary, clock: FakeClock) -> None:
    assert snap_compare(charts_app(demo, clock), terminal_size=SMALL, press=["2"])


def test_charts_muscles_120x40(snap_compare, demo: Diary, clock: FakeClock) -> None:
    assert snap_compare(charts_app(demo, clock), terminal_size=LARGE, press=["3"])


def test_charts_triggers_26_weeks_80x24(snap_compare, demo: Diary, clock: FakeClock) -> None:
    assert snap_compare(charts_app(demo, clock), terminal_size=SMALL, press=["w", "4"])


def test_charts_reliefs_all_weeks_120x40(snap_compare, demo: Diary, clock: FakeClock) -> None:
    assert snap_compare(charts_app(demo, clock), terminal_size=LARGE, press=["w", "w", "w", "5"])


def with_warning_signs(diary: Diary) -> Diary:
    diary.episodes.add(Episode(datetime(2026, 11, 20, 3, 10, tzinfo=ZONE), "calf", "left", duration=700, severity=8,
                      context="asleep", signs=("swelling", "warmth")))
    diary.episodes.add(Episode(datetime(2026, 11, 14, 2, 40, tzinfo=ZONE), "foot", "right", duration=90, severity=5,
                      signs=("numbness",), triggers=("medication",)))
    return diary


def test_alerts_80x24(snap_compare, demo: Diary, clock: FakeClock) -> None:
    app = CrampApp(with_warning_signs(demo), now=clock, start_screen=AlertsScreen())
    assert snap_compare(app, terminal_size=SMALL)


def test_alerts_120x40(snap_compare, demo: Diary, clock: FakeClock) -> None:
    app = CrampApp(with_warning_signs(demo), now=clock, start_screen=AlertsScreen())
    assert snap_compare(app, terminal_size=LARGE)


def test_alerts_quiet_80x24(snap_compare, demo: Diary, clock: FakeClock) -> None:
    assert snap_compare(CrampApp(demo, now=clock, start_screen=AlertsScreen()), terminal_size=SMALL)
