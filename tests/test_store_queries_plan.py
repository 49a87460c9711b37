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
    days, durations, sleep = plans  # the period's day rows, one GROUP BY duration, the nights' sleep figures
    assert "USING INDEX episodes_sleep" in sleep  # only the episodes that carry a figure
    assert "day_totals" in days and "episodes" not in days and "TEMP B-TREE" not in days
    assert "COVERING INDEX episodes_done_durations" in durations and "TEMP B-TREE" not in durations
