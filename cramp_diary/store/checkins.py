"""Check-ins (days the person says had no cramp) and routine sessions: the second half of :class:`Diary`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from sqlite_utils import Database

from cramp_diary.clock import Now
from cramp_diary.model import InvalidField
from cramp_diary.store.schema import utc_stamp


@dataclass(frozen=True)
class CheckinResult:
    """What :meth:`Diary.checkin` did with a day: ``added``, ``already`` there, or refused as it ``has_cramp``."""

    status: Literal["added", "already", "has_cramp"]
    #: The finished cramps the diary holds on that day (only non-zero for ``has_cramp``).
    cramps: int = 0


@dataclass(frozen=True)
class BackfillResult:
    """What :meth:`Diary.backfill` did: days marked cramp-free, already marked, skipped for a cramp."""

    added: int
    already: int
    skipped: int


#: The most days one back-fill may mark, so a slip of the year cannot mark a decade.
MAX_BACKFILL_DAYS = 92


class CheckinStore:
    """Mixed into :class:`Diary`, which provides the connection, the clock and the write transaction."""

    db: Database
    now: Now
    _write: Callable[[], AbstractContextManager[None]]
    count_between: Callable[[date, date], int]

    # -- check-ins and routines -----------------------------------------------

    def checkin(self, day: date) -> CheckinResult:
        """Record that ``day`` had no cramp, unless the diary holds a cramp that day (then nothing is written)."""
        with self._write():
            return self._add_checkin(day, self.now())

    def _add_checkin(self, day: date, now: datetime) -> CheckinResult:
        """The one home of "a check-in says a day had no cramp": refused on a day with a finished cramp."""
        cramps = self.count_between(day, day)
        if cramps:
            return CheckinResult("has_cramp", cramps)
        cursor = self.db.execute(
            "INSERT OR IGNORE INTO checkins (day, created_at) VALUES (?, ?)", [day.isoformat(), utc_stamp(now)]
        )
        return CheckinResult("added" if cursor.rowcount > 0 else "already")

    def backfill(self, first: date, last: date) -> BackfillResult:
        """Check in every day from ``first`` to ``last`` that has no cramp, in one transaction.

        Each day goes through the one check-in rule, so a day with a cramp is skipped.
        """
        days = (last - first).days + 1
        if days < 1:
            raise InvalidField("from", f"must be on or before --to (got {first.isoformat()} after {last.isoformat()})")
        if days > MAX_BACKFILL_DAYS:
            raise InvalidField("to", f"must be at most {MAX_BACKFILL_DAYS} days after --from (got {days} days)")
        now = self.now()
        counts = {"added": 0, "already": 0, "has_cramp": 0}
        with self._write():
            for offset in range(days):
                counts[self._add_checkin(first + timedelta(days=offset), now).status] += 1
        return BackfillResult(counts["added"], counts["already"], counts["has_cramp"])

    def remove_checkin(self, day: date) -> bool:
        with self._write():
            cursor = self.db.execute("DELETE FROM checkins WHERE day = ?", [day.isoformat()])
        return cursor.rowcount > 0

    def checkin_days(self, first: date, last: date) -> list[date]:
        return [
            date.fromisoformat(row[0])
            for row in self.db.execute(
                "SELECT day FROM checkins WHERE day BETWEEN ? AND ? ORDER BY day",
                [first.isoformat(), last.isoformat()],
            )
        ]

    def record_routine(self, routine: str, started_at: datetime, completed: bool = True) -> int:
        """Remember that a routine (e.g. the bedtime stretches) was done."""
        with self._write():
            return int(
                self.db.table("routine_sessions")
                .insert(
                    {
                        "routine": routine,
                        "started_at": started_at.isoformat(timespec="seconds"),
                        "local_day": started_at.date().isoformat(),
                        "completed": int(completed),
                    }
                )
                .last_pk
            )

    def all_checkins(self) -> list[date]:
        """Every day checked in as cramp-free, oldest first (for export)."""
        return [date.fromisoformat(row[0]) for row in self.db.execute("SELECT day FROM checkins ORDER BY day")]

    def _merge_checkins(self, days: Iterable[date], now: datetime) -> tuple[int, int, int]:
        """Add imported check-in days inside merge's transaction: (added, already here, skipped for a cramp)."""
        added = present = skipped = 0
        for day in sorted(set(days)):
            if day > now.date():
                raise InvalidField("checkin", f"must not be in the future (got {day.isoformat()})")
            status = self._add_checkin(day, now).status
            if status == "has_cramp":
                skipped += 1
            elif status == "added":
                added += 1
            else:
                present += 1
        return added, present, skipped
