"""The statistics never read the million episode rows: day totals from ``day_totals``, durations from an index.

A lifetime diary has a million cramps; a GROUP BY that reads the table row by
row (or sorts every duration) took seconds. The plans are asserted, not timed.
"""

from __future__ import annotations

from datetime import date

from cramp_diary import stats
from cramp_diary.store import Diary


def plans_of(diary: Diary, call: object) -> list[str]:
    """The query plan of every statement on episodes or day_totals that ``call()`` runs."""
    statements: list[str] = []
    diary.db.conn.set_trace_callback(
        lambda sql: statements.append(sql) if "FROM episodes e" in sql or "FROM day_totals" in sql else None
    )
    call()  # type: ignore[operator]
    diary.db.conn.set_trace_callback(None)
    return [
        " / ".join(row[3] for row in diary.db.conn.execute("EXPLAIN QUERY PLAN " + sql)) for sql in statements
    ]


def test_the_summary_reads_day_rows_and_a_covering_index_in_order(diary: Diary) -> None:
    plans = plans_of(diary, lambda: stats.summary(diary, date(1990, 1, 1), date(2026, 11, 22)))
    days, durations, sleep = plans  # the day rows, this year's durations (whole years: month_figures), the nights
    assert "USING INDEX episodes_sleep" in sleep  # only the episodes that carry a figure
    assert "day_totals" in days and "episodes" not in days and "TEMP B-TREE" not in days
    assert "COVERING INDEX episodes_done_figures (local_day>? AND local_day<?)" in durations


def test_a_short_period_reads_its_own_days_not_every_duration(diary: Diary) -> None:
    days, durations, *_ = plans_of(diary, lambda: stats.summary(diary, date(2026, 8, 31), date(2026, 11, 22)))
    assert "COVERING INDEX episodes_done_figures (local_day>? AND local_day<?)" in durations


def test_the_charts_over_whole_months_read_month_figures_not_the_episodes(diary: Diary) -> None:
    """Whole months come from ``month_figures``; only a partial month's days are read from the episodes' index."""
    whole = plans_of(diary, lambda: (stats.hourly(diary, date(1990, 1, 1), date(2026, 10, 31)),
                                     stats.by_muscle_side(diary, date(1990, 1, 1), date(2026, 10, 31)),
                                     stats.top_triggers(diary, date(1990, 1, 1), date(2026, 10, 31))))
    assert whole == []  # no statement on the episodes at all
    partial = plans_of(diary, lambda: stats.hourly(diary, date(1990, 1, 1), date(2026, 11, 22)))
    assert len(partial) == 1 and "episodes_done_figures (local_day>? AND local_day<?)" in partial[0]
