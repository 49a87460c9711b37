"""Schema step 9: the statistics read narrow covering indexes, never the whole episodes table.

A lifetime diary has a million cramps; a GROUP BY that reads the table row by
row (or sorts every duration) took seconds. The plans are asserted, not timed.
"""

from __future__ import annotations

from datetime import date

from cramp_diary import stats
from cramp_diary.store import Diary


def plans_of(diary: Diary, call: object) -> list[str]:
    """The query plan of every statement on episodes that ``call()`` runs."""
    statements: list[str] = []
    diary.db.conn.set_trace_callback(lambda sql: statements.append(sql) if "FROM episodes e" in sql else None)
    call()  # type: ignore[operator]
    diary.db.conn.set_trace_callback(None)
    return [
        " / ".join(row[3] for row in diary.db.conn.execute("EXPLAIN QUERY PLAN " + sql)) for sql in statements
    ]


def test_the_summary_reads_covering_indexes_in_order(diary: Diary) -> None:
    plans = plans_of(diary, lambda: stats.summary(diary, date(1990, 1, 1), date(2026, 11, 22)))
    days, durations = plans  # one GROUP BY local day, one GROUP BY duration
    assert "COVERING INDEX episodes_done_figures" in days and "TEMP B-TREE" not in days
    assert "COVERING INDEX episodes_done_durations" in durations and "TEMP B-TREE" not in durations
