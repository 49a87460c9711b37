"""A long period's weekly chart groups its bars into months, quarters or years, counted by SQL."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from cramp_diary import iso_weeks, stats
from cramp_diary.model import Episode
from cramp_diary.store import Diary

BERLIN = ZoneInfo("Europe/Berlin")
TODAY = date(2026, 11, 22)


def test_up_to_104_weeks_keep_one_bar_a_week() -> None:
    first = stats.monday_of(TODAY) - timedelta(weeks=103)
    assert iso_weeks.bar_unit(first, TODAY) == "week"
    assert iso_weeks.bar_unit(first - timedelta(days=1), TODAY) == "month"  # a 105th week


def test_months_then_quarters_then_years_as_the_period_grows() -> None:
    assert iso_weeks.bar_unit(date(2018, 8, 1), TODAY) == "month"  # 100 months
    assert iso_weeks.bar_unit(date(2017, 1, 1), TODAY) == "quarter"  # 119 months, 40 quarters
    assert iso_weeks.bar_unit(date(2001, 1, 1), TODAY) == "quarter"  # 2001-Q1 to 2026-Q4: 104 quarters
    assert iso_weeks.bar_unit(date(2000, 12, 31), TODAY) == "year"  # 105 quarters
    assert iso_weeks.bar_unit(date(1977, 3, 5), TODAY) == "year"  # the lifetime benchmark's 50 years


@pytest.fixture
def months(diary: Diary) -> Diary:
    """Worked by hand; the period is 2024-01-10 to 2026-11-22, 150 weeks, so 35 month bars.

    2024-01: one check-in (the 15th): 1 day recorded, no cramp, 0 cramps a week.
    2026-09: nothing recorded: no figure, not zero.
    2026-10: check-ins on the 1st-4th, cramps on the 5th (severity 4) and the 6th (severity 8 and one
             unrated): 6 days recorded, 3 cramps, 3 × 7 ÷ 6 = 3.5 a week, mean severity (4 + 8) ÷ 2 = 6.
    2026-11: 1 Nov 00:30 in Berlin is 31 Oct 23:30 UTC, yet a November cramp (severity 5); a check-in on
             the 3rd: 2 days recorded, 1 cramp, 3.5 a week, mean severity 5.
    """
    diary.checkins.add(date(2024, 1, 15))
    diary.checkins.add(date(2024, 1, 5))  # before the period: left out
    for day in (1, 2, 3, 4):
        diary.checkins.add(date(2026, 10, day))
    diary.episodes.add(Episode(datetime(2026, 10, 5, 3, tzinfo=BERLIN), "calf", "left", severity=4))
    diary.episodes.add(Episode(datetime(2026, 10, 6, 2, tzinfo=BERLIN), "calf", "left", severity=8))
    diary.episodes.add(Episode(datetime(2026, 10, 6, 23, tzinfo=BERLIN), "foot", "right"))
    diary.episodes.add(Episode(datetime(2026, 11, 1, 0, 30, tzinfo=BERLIN), "calf", "both", severity=5))
    diary.checkins.add(date(2026, 11, 3))
    return diary


def test_month_bars_count_cramps_per_recorded_week(months: Diary) -> None:
    timeline = iso_weeks.timeline(months, date(2024, 1, 10), TODAY)
    assert timeline.unit == "month"
    bars = timeline.bars
    assert len(bars) == 35
    assert [bar.label for bar in bars[:2]] == ["2024-01", "2024-02"]
    jan, sep, oct_, nov = bars[0], bars[-3], bars[-2], bars[-1]
    assert (jan.first, jan.last, jan.cramps, jan.recorded_days, jan.cramps_per_week) == (
        date(2024, 1, 10), date(2024, 1, 31), 0, 1, 0.0
    )
    assert (sep.label, sep.cramps, sep.recorded_days, sep.cramps_per_week, sep.mean_severity) == (
        "2026-09", 0, 0, None, None
    )
    assert (oct_.label, oct_.cramps, oct_.recorded_days, oct_.cramps_per_week, oct_.mean_severity) == (
        "2026-10", 3, 6, 3.5, 6.0
    )
    assert (nov.label, nov.first, nov.last, nov.cramps, nov.recorded_days, nov.cramps_per_week) == (
        "2026-11", date(2026, 11, 1), TODAY, 1, 2, 3.5
    )
    assert nov.mean_severity == 5.0
    assert timeline.cramps == stats.summary(months, date(2024, 1, 10), TODAY).cramps


def test_quarter_and_year_bars_add_up_the_same_days(months: Diary) -> None:
    quarters = iso_weeks.grouped(months, date(2024, 1, 10), TODAY, "quarter")
    assert [bar.label for bar in quarters[:2]] == ["2024-Q1", "2024-Q2"]
    q4 = quarters[-1]
    assert (q4.label, q4.first, q4.last, q4.cramps, q4.recorded_days) == ("2026-Q4", date(2026, 10, 1), TODAY, 4, 8)
    assert q4.cramps_per_week == 3.5
    assert q4.mean_severity == pytest.approx((4 + 8 + 5) / 3)
    years = iso_weeks.grouped(months, date(2024, 1, 10), TODAY, "year")
    assert [(bar.label, bar.cramps, bar.recorded_days) for bar in years] == [("2024", 0, 1), ("2025", 0, 0), ("2026", 4, 8)]


def test_a_short_period_keeps_its_iso_weeks(months: Diary) -> None:
    timeline = iso_weeks.timeline(months, date(2026, 10, 1), TODAY)
    assert timeline.unit == "week"
    assert timeline.bars[0].label == "2026-W40"
    assert (timeline.bars[0].first, timeline.bars[-1].last) == (date(2026, 10, 1), TODAY)
    weeks = iso_weeks.weekly(months, date(2026, 10, 1), TODAY)
    assert [bar.cramps for bar in timeline.bars] == [week.cramps for week in weeks]
