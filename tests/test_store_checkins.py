"""A check-in says a day had no cramp: the diary itself refuses one for a day holding a finished cramp."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cramp_diary.model import Episode
from cramp_diary import hlc
from cramp_diary.records import CheckinRecord
from cramp_diary.store import CheckinResult, Diary
from conftest import ZONE

DAY = date(2026, 11, 10)


def cramp_on(day: date, hour: int, status: str = "done") -> Episode:
    return Episode(datetime(day.year, day.month, day.day, hour, 10, tzinfo=ZONE), "calf", "left", status=status)


def test_a_day_without_a_cramp_is_added_once(diary: Diary) -> None:
    assert diary.checkins.add(DAY) == CheckinResult("added")
    assert diary.checkins.add(DAY) == CheckinResult("already")
    assert diary.checkins.days_between(DAY, DAY) == [DAY]


def test_a_day_with_cramps_is_refused_with_their_count_and_nothing_written(diary: Diary) -> None:
    diary.episodes.add(cramp_on(DAY, 3))
    diary.episodes.add(cramp_on(DAY, 23))
    assert diary.checkins.add(DAY) == CheckinResult("has_cramp", 2)
    assert diary.checkins.days_between(DAY, DAY) == []


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(offset=st.integers(-2, 2), hour=st.integers(0, 23), status=st.sampled_from(["done", "open"]))
def test_only_a_finished_cramp_on_that_very_local_day_blocks_the_check_in(
    diary: Diary, offset: int, hour: int, status: str
) -> None:
    saved = diary.episodes.add(cramp_on(DAY + timedelta(days=offset), hour, status))
    blocked = offset == 0 and status == "done"
    try:
        result = diary.checkins.add(DAY)
        assert result.status == ("has_cramp" if blocked else "added")
        assert diary.checkins.days_between(DAY, DAY) == ([] if blocked else [DAY])
        # an import goes by the same rule
        diary.checkins.remove(DAY)
        # a check-in made elsewhere after the withdrawal (a later stamp), so only the cramp rule decides
        later = hlc.tick(0, max((t.hlc for t in diary.stamps.tombstones()), default=None), "other")
        merged = diary.merge([], checkins=[CheckinRecord(DAY, later)])
        assert (merged.checkins_skipped, merged.checkins_added) == ((1, 0) if blocked else (0, 1))
    finally:
        diary.checkins.remove(DAY)
        diary.episodes.delete(saved.id)  # type: ignore[arg-type]
