"""Warnings marked as discussed with a healthcare provider.

A mark says "this warning was talked over on this day"; the warning rules use
the latest one to keep a banner quiet until a new episode after that day.
Marks only add up (the same one twice is kept once), so they merge without stamps.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from cramp_diary.clock import Now
from cramp_diary.store.db import Db
from cramp_diary.store.schema import utc_stamp

_INSERT = "INSERT OR IGNORE INTO warning_reviews (rule, discussed_on, created_at) VALUES (?, ?, ?)"


class DiscussedWarnings:
    """Which warning was discussed on which day (the ``warning_reviews`` table)."""

    def __init__(self, db: Db, now: Now) -> None:
        self.db = db
        self.now = now

    def mark(self, rule: str, day: date) -> bool:
        """Record that warning ``rule`` was discussed on ``day``; False when that was already recorded."""
        with self.db.write():
            cursor = self.db.execute(_INSERT, [rule, day.isoformat(), utc_stamp(self.now())])
        return cursor.rowcount > 0

    def latest(self) -> dict[str, date]:
        """The latest day each warning rule was discussed, by rule."""
        rows = self.db.execute("SELECT rule, max(discussed_on) FROM warning_reviews GROUP BY rule").fetchall()
        return {rule: date.fromisoformat(day) for rule, day in rows}

    def records(self) -> list[tuple[str, date]]:
        """Every (rule, day) recorded, oldest first, for export."""
        rows = self.db.execute("SELECT rule, discussed_on FROM warning_reviews ORDER BY discussed_on, rule").fetchall()
        return [(rule, date.fromisoformat(day)) for rule, day in rows]

    def merge(self, marks: Iterable[tuple[str, date]]) -> int:
        """Add imported marks inside the caller's transaction; how many were new."""
        stamp = utc_stamp(self.now())
        return sum(self.db.execute(_INSERT, [rule, day.isoformat(), stamp]).rowcount for rule, day in marks)
