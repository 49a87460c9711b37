"""Bedtime stretches in the figures: evenings with the routine done, an after-midnight start on the evening before."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from cramp_diary import stats
from cramp_diary.report import summary_rows
from cramp_diary.store import Diary

BERLIN = ZoneInfo("Europe/Berlin")


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=BERLIN)


@pytest.fixture
def stretched(diary: Diary) -> Diary:
    """Worked by hand for 9-22 November 2026 (14 evenings): the evenings of the 10th, 12th and 22nd."""
    record = diary.routines.record
    record("bedtime", at(9, 1, 30))  # before noon: the evening of the 8th, before the period
    record("bedtime", at(10, 21))  # the evening of the 10th
    record("bedtime", at(11, 0, 30))  # after midnight: still the evening of the 10th, counted once
    record("bedtime", at(12, 12))  # noon is already "the evening" of the 12th
    record("bedtime", at(13, 22), completed=False)  # not done: never counted
    record("bedtime", at(15, 11, 59))  # before noon: the evening of the 14th...
    diary.db.execute("UPDATE routine_sessions SET routine = 'calf' WHERE started_at LIKE '2026-11-15%'")  # ...but not bedtime
    record("bedtime", at(22, 21))  # tonight
    record("bedtime", at(23, 0, 15))  # after midnight: tonight again, the 22nd
    return diary


def test_bedtime_evenings_follow_the_noon_rule(stretched: Diary) -> None:
    assert stats.bedtime_evenings(stretched, date(2026, 11, 9), date(2026, 11, 22)) == [
        date(2026, 11, 10),
        date(2026, 11, 12),
        date(2026, 11, 22),
    ]


def test_summary_counts_bedtime_evenings_of_the_period(stretched: Diary) -> None:
    result = stats.summary(stretched, date(2026, 11, 9), date(2026, 11, 22))
    assert result.bedtime_evenings == 3
    assert result.as_dict()["bedtime_routines"] == 3
    assert ("Bedtime stretches", "done on 3 of the period's 14 evenings") in summary_rows(result)


def test_the_first_evening_of_a_period_includes_its_after_midnight_start(stretched: Diary) -> None:
    assert stats.summary(stretched, date(2026, 11, 8), date(2026, 11, 8)).bedtime_evenings == 1
    assert stats.summary(stretched, date(2026, 11, 11), date(2026, 11, 11)).bedtime_evenings == 0


def test_no_stretches_is_zero_and_a_one_day_period_says_evening(diary: Diary) -> None:
    result = stats.summary(diary, date(2026, 11, 22), date(2026, 11, 22))
    assert result.bedtime_evenings == 0
    assert ("Bedtime stretches", "done on 0 of the period's 1 evening") in summary_rows(result)
