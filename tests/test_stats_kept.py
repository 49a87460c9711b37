"""Aggregates are read once and kept until the diary changes; the median walks per-second counts.

The charts screen switching periods and tabs must not run the same GROUP BY
twice, but any write (this connection's or another's) must show at once.
"""

from __future__ import annotations

import statistics
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from cramp_diary import iso_weeks, stats
from cramp_diary.model import Episode
from cramp_diary.store import Diary

BERLIN = ZoneInfo("Europe/Berlin")
FIRST, LAST = date(2026, 11, 2), date(2026, 11, 22)


def cramp(day: int, duration: int, severity: int = 5) -> Episode:
    return Episode(datetime(2026, 11, day, 3, tzinfo=BERLIN), "calf", "left", duration=duration, severity=severity)


def statements(diary: Diary) -> list[str]:
    """Every statement the diary's connection runs from now on, except the version checks."""
    seen: list[str] = []
    diary.db.conn.set_trace_callback(lambda sql: seen.append(sql) if "data_version" not in sql else None)
    return seen


@given(st.lists(st.integers(min_value=1, max_value=10_800), max_size=40))
def test_median_of_counts_is_the_median_of_the_values(values: list[int]) -> None:
    counts = tuple((value, values.count(value)) for value in sorted(set(values)))
    assert stats.median(counts) == (statistics.median(values) if values else None)


def test_the_charts_figures_are_read_once_until_a_write(diary: Diary) -> None:
    diary.episodes.add(cramp(10, 60))
    diary.episodes.add(cramp(11, 120))

    def everything() -> tuple[object, ...]:
        return (
            stats.summary(diary, FIRST, LAST),
            iso_weeks.timeline(diary, FIRST, LAST),
            iso_weeks.weekly(diary, FIRST, LAST),
            stats.hourly(diary, FIRST, LAST),
            stats.by_muscle_side(diary, FIRST, LAST),
            stats.top_triggers(diary, FIRST, LAST),
            stats.reliefs_used(diary, FIRST, LAST),
        )

    first = everything()
    seen = statements(diary)
    assert everything() == first
    episode_reads = [sql for sql in seen if "episodes" in sql]
    assert episode_reads == [], "the same aggregates were read again from an unchanged diary"

    diary.episodes.add(cramp(12, 180))
    after = everything()
    assert after[0].cramps == 3  # type: ignore[attr-defined]
    assert after[0].median_duration == 120  # type: ignore[attr-defined]
    assert [week.cramps for week in after[2]] == [0, 3, 0]  # type: ignore[attr-defined]


def test_a_write_by_another_program_is_seen(diary: Diary, db_path: Path) -> None:
    diary.episodes.add(cramp(10, 60))
    assert stats.summary(diary, FIRST, LAST).cramps == 1
    with Diary.open(db_path, lambda: datetime(2026, 11, 22, 12, tzinfo=BERLIN)) as other:
        other.episodes.add(cramp(11, 100, severity=9))
    result = stats.summary(diary, FIRST, LAST)
    assert (result.cramps, result.max_severity, result.median_duration) == (2, 9, 80.0)


def test_a_deletion_is_seen(diary: Diary) -> None:
    kept = diary.episodes.add(cramp(10, 60))
    gone = diary.episodes.add(cramp(11, 90))
    assert stats.summary(diary, FIRST, LAST).cramps == 2
    diary.episodes.delete(gone.id)  # type: ignore[arg-type]
    result = stats.summary(diary, FIRST, LAST)
    assert (result.cramps, result.median_duration) == (1, float(kept.duration))  # type: ignore[arg-type]
