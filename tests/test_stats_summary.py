"""Trial-style summary figures against a small diary worked out by hand."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from cramp_diary import stats
from cramp_diary.model import Episode
from cramp_diary.store import Diary

BERLIN = ZoneInfo("Europe/Berlin")


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=BERLIN)


@pytest.fixture
def worked(diary: Diary) -> Diary:
    """Two weeks, 9-22 November 2026, worked by hand in the comments below.

    Recorded days: 9, 10, 11, 12, 13, 14 and 20 (7 of 14). Cramp days: 9, 11, 12, 13.
    """
    add = diary.episodes.add
    add(Episode(at(9, 3), "calf", "left", duration=60, severity=3, context="asleep"))
    add(Episode(at(9, 4), "calf", "right", duration=120, severity=5, context="asleep"))
    add(Episode(at(11, 18), "hamstring", "left", duration=30, severity=7, context="exercising"))
    add(Episode(at(12, 2), "foot", "both", duration=700, severity=9, context="asleep"))
    add(Episode(at(13, 5), "calf", "left"))  # nothing known but the time
    for day in (9, 10, 14, 20):  # the 9th also has cramps: it is one cramp day, not two records
        diary.checkins.add(date(2026, 11, day))
    return diary


def test_counts_recorded_days_and_never_guesses_unrecorded_ones(worked: Diary) -> None:
    result = stats.summary(worked, date(2026, 11, 9), date(2026, 11, 22))
    assert result.days == 14
    assert result.recorded_days == 7
    assert result.unrecorded_days == 7
    assert result.cramps == 5
    assert result.cramp_days == 4
    assert result.cramp_free_days == 3  # 10, 14 and 20; the seven unknown days are not cramp-free


def test_cramps_per_week_divides_by_recorded_days_only(worked: Diary) -> None:
    result = stats.summary(worked, date(2026, 11, 9), date(2026, 11, 22))
    assert result.cramps_per_week == pytest.approx(5 / 7 * 7)
    assert result.night_cramps == 3
    assert result.night_cramps_per_night == pytest.approx(3 / 7)


def test_severity_mean_max_and_moderate_or_severe_share(worked: Diary) -> None:
    result = stats.summary(worked, date(2026, 11, 9), date(2026, 11, 22))
    assert result.rated == 4
    assert result.mean_severity == pytest.approx((3 + 5 + 7 + 9) / 4)
    assert result.max_severity == 9
    assert (result.moderate, result.severe) == (1, 2)
    assert result.share_moderate_or_severe == pytest.approx(3 / 4)


def test_duration_median_maximum_and_long_cramps(worked: Diary) -> None:
    result = stats.summary(worked, date(2026, 11, 9), date(2026, 11, 22))
    assert result.timed == 4
    assert result.median_duration == pytest.approx((60 + 120) / 2)
    assert result.max_duration == 700
    assert result.long_cramps == 1


def test_median_of_an_odd_number_is_the_middle_one(worked: Diary) -> None:
    result = stats.summary(worked, date(2026, 11, 9), date(2026, 11, 11))
    assert result.timed == 3
    assert result.median_duration == 60


def test_share_woke_counts_only_cramps_whose_context_is_known(worked: Diary) -> None:
    result = stats.summary(worked, date(2026, 11, 9), date(2026, 11, 22))
    assert result.context_known == 4
    assert result.share_woke == pytest.approx(3 / 4)


def test_exactly_ten_minutes_is_not_over_ten_minutes(diary: Diary) -> None:
    diary.episodes.add(Episode(at(9, 3), "calf", "left", duration=600))
    assert stats.summary(diary, date(2026, 11, 9), date(2026, 11, 9)).long_cramps == 0


def test_open_episodes_and_days_outside_the_period_are_left_out(worked: Diary) -> None:
    worked.episodes.add(Episode(at(15, 3), "calf", "left", status="open"))
    worked.episodes.add(Episode(at(8, 3), "calf", "left", severity=10))
    result = stats.summary(worked, date(2026, 11, 9), date(2026, 11, 22))
    assert (result.cramps, result.recorded_days, result.max_severity) == (5, 7, 9)


def test_an_empty_period_has_no_rates_rather_than_zero_rates(diary: Diary) -> None:
    result = stats.summary(diary, date(2026, 11, 1), date(2026, 11, 7))
    assert (result.recorded_days, result.cramps, result.cramp_free_days) == (0, 0, 0)
    assert result.cramps_per_week is None
    assert result.mean_severity is None
    assert result.median_duration is None
    assert result.share_woke is None


def test_only_check_ins_means_recorded_and_cramp_free(diary: Diary) -> None:
    for day in (1, 2, 3):
        diary.checkins.add(date(2026, 11, day))
    result = stats.summary(diary, date(2026, 11, 1), date(2026, 11, 7))
    assert (result.recorded_days, result.cramp_free_days, result.cramps_per_week) == (3, 3, 0.0)


def test_json_figures_include_the_derived_ones(worked: Diary) -> None:
    figures = stats.summary(worked, date(2026, 11, 9), date(2026, 11, 22)).as_dict()
    assert figures["cramps_per_week"] == pytest.approx(5.0)
    assert figures["cramp_free_days"] == 3
    assert figures["over_10_minutes"] == 1
    assert figures["first"] == "2026-11-09"
