"""Warnings marked as discussed with a healthcare provider: the third part of :class:`Diary`.

A review says "this warning was talked over on this day"; the warning rules use
the latest one to keep a banner quiet until a new episode after that day.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from datetime import date

from cramp_diary.store.db import Db

from cramp_diary.clock import Now
from cramp_diary.store.schema import utc_stamp


class ReviewStore:
    """Mixed into :class:`Diary`, which provides the connection, the clock and the write transaction."""

    db: Db
    now: Now
    _write: Callable[[], AbstractContextManager[None]]

    def mark_discussed(self, rule: str, day: date) -> bool:
        """Record that warning ``rule`` was discussed on ``day``; False when that was already recorded."""
        with self._write():
            cursor = self.db.execute(
                "INSERT OR IGNORE INTO warning_reviews (rule, discussed_on, created_at) VALUES (?, ?, ?)",
                [rule, day.isoformat(), utc_stamp(self.now())],
            )
        return cursor.rowcount > 0

    def last_discussed(self) -> dict[str, date]:
        """The latest day each warning rule was discussed, by rule."""
        rows = self.db.execute("SELECT rule, max(discussed_on) FROM warning_reviews GROUP BY rule").fetchall()
        return {rule: date.fromisoformat(day) for rule, day in rows}

    def warning_reviews(self) -> list[tuple[str, date]]:
        """Every (rule, day) recorded, oldest first, for export."""
        rows = self.db.execute("SELECT rule, discussed_on FROM warning_reviews ORDER BY discussed_on, rule").fetchall()
        return [(rule, date.fromisoformat(day)) for rule, day in rows]

    def _merge_reviews(self, reviews: Iterable[tuple[str, date]]) -> int:
        """Add imported reviews inside the caller's transaction; the same one twice is kept once."""
        added = 0
        stamp = utc_stamp(self.now())
        for rule, day in reviews:
            cursor = self.db.execute(
                "INSERT OR IGNORE INTO warning_reviews (rule, discussed_on, created_at) VALUES (?, ?, ?)",
                [rule, day.isoformat(), stamp],
            )
            added += cursor.rowcount
        return added
