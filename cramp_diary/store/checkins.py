"""Check-ins (days the person says had no cramp) and routine sessions: the second half of :class:`Diary`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from cramp_diary.store.db import Db

from cramp_diary.clock import Now
from cramp_diary import hlc
from cramp_diary.model import InvalidField, new_uuid
from cramp_diary.records import CheckinRecord
from cramp_diary.store.schema import utc_stamp
from cramp_diary.store.sync import SyncStore, Tally


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
#: The meta key holding the day the morning question was dismissed.
MORNING_DISMISSED = "morning_question_dismissed"


class CheckinStore(SyncStore):
    """Mixed into :class:`Diary`, which provides the connection, the clock and the write transaction."""

    db: Db
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
        if self.db.execute("SELECT 1 FROM checkins WHERE day = ?", [day.isoformat()]).fetchone():
            return CheckinResult("already")
        self.db.execute(
            "INSERT INTO checkins (day, created_at, hlc) VALUES (?, ?, ?)",
            [day.isoformat(), utc_stamp(now), self._stamp()],
        )
        self._untombstone("checkin", day.isoformat())  # checked in again after a withdrawal
        return CheckinResult("added")

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

    def morning_dismissed_on(self) -> date | None:
        """The day the morning question was last dismissed, so it stays away for the rest of that day."""
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", [MORNING_DISMISSED]).fetchone()
        try:
            return date.fromisoformat(row[0]) if row else None
        except ValueError:  # a hand-edited value: ask again rather than fail
            return None

    def dismiss_morning(self, day: date) -> None:
        """Remember that the morning question was dismissed on ``day`` (kept in the diary, across restarts)."""
        with self._write():
            self.db.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [MORNING_DISMISSED, day.isoformat()],
            )

    def remove_checkin(self, day: date) -> bool:
        """Withdraw a check-in, keeping a deletion record so a sync does not bring it back."""
        with self._write():
            cursor = self.db.execute("DELETE FROM checkins WHERE day = ?", [day.isoformat()])
            if cursor.rowcount:
                self._tombstone("checkin", day.isoformat())
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
                        "uuid": new_uuid(),
                        "hlc": self._stamp(),
                        "routine": routine,
                        "started_at": started_at.isoformat(timespec="seconds"),
                        "local_day": started_at.date().isoformat(),
                        "completed": int(completed),
                    }
                )
                .last_pk
            )

    def all_checkins(self) -> list[date]:
        """Every day checked in as cramp-free, oldest first."""
        return [date.fromisoformat(row[0]) for row in self.db.execute("SELECT day FROM checkins ORDER BY day")]

    def checkin_records(self) -> list[CheckinRecord]:
        """Every check-in with its clock stamp, oldest first (for export)."""
        return [
            CheckinRecord(date.fromisoformat(row[0]), row[1])
            for row in self.db.execute("SELECT day, hlc FROM checkins ORDER BY day")
        ]

    def _merge_checkins(self, records: Iterable[date | CheckinRecord], now: datetime, tally: Tally) -> None:
        """Merge imported check-ins inside merge's transaction; an export without stamps (format 1) has the oldest."""
        merged: dict[str, str] = {}
        for record in sorted({r if isinstance(r, CheckinRecord) else CheckinRecord(r) for r in records}, key=str):
            if record.day > now.date() + timedelta(days=1):  # a day of slack: the other machine may be further east
                raise InvalidField("checkin", f"must not be in the future (got {record.day.isoformat()})")
            day, stamp = record.day.isoformat(), record.hlc or hlc.ZERO

            def write(rowid: int | None, day: str = day, stamp: str = stamp) -> None:
                if rowid is not None:
                    self.db.execute("UPDATE checkins SET hlc = ? WHERE rowid = ?", [stamp, rowid])
                else:
                    self.db.execute(
                        "INSERT INTO checkins (day, created_at, hlc) VALUES (?, ?, ?)", [day, utc_stamp(now), stamp]
                    )

            outcome = self._apply_copy("checkin", day, stamp, write)
            if outcome == "unchanged" and self.count_between(record.day, record.day):
                outcome = "skipped"  # set aside before, for the cramp that day
            tally.count(outcome)
            if outcome != "unchanged":
                merged[day] = outcome
        for day in self._set_aside_checkins_on_cramp_days():
            if day in merged:  # it came in, but the diary has a cramp that day
                tally.skipped += 1
                setattr(tally, merged[day], getattr(tally, merged[day]) - 1)
