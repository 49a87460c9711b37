"""Check-ins: days the person says had no cramp ("no check-in on a cramp day"), and the morning question's memory."""

# Annotations are evaluated, not kept as text: this module's NamedTuples load with every `log` (ARCHITECTURE.md).
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Literal, NamedTuple

from cramp_diary import hlc
from cramp_diary.clock import Now
from cramp_diary.model import InvalidField, check_sleep
from cramp_diary.records import CheckinRecord
from cramp_diary.store.db import Db
from cramp_diary.store.episodes import Episodes
from cramp_diary.store.schema import DONE, utc_stamp
from cramp_diary.store.stamps import Stamps
from cramp_diary.store.synced import SyncedKind, SyncedRecords

if TYPE_CHECKING:
    from cramp_diary.store.merging import Tally


class CheckinResult(NamedTuple):
    """What :meth:`Checkins.add` did with a day: ``added``, ``already`` there, or refused as it ``has_cramp``.

    NamedTuples, these results: every ``log`` loads this module (a cramp withdraws its day's check-in),
    and a frozen dataclass costs a start five times as much to define.
    """

    status: Literal["added", "already", "rated", "has_cramp"]
    #: The finished cramps the diary holds on that day (only non-zero for ``has_cramp``).
    cramps: int = 0


class BackfillResult(NamedTuple):
    """What :meth:`Checkins.backfill` did: days marked cramp-free, already marked, skipped for a cramp."""

    added: int
    already: int
    skipped: int


#: The most days one back-fill may mark, so a slip of the year cannot mark a decade.
MAX_BACKFILL_DAYS = 92
def check_backfill(first: date, last: date) -> int:
    """The one home of a back-fill's limits: its number of days, or InvalidField naming ``from`` or ``to``.

    Worded for any edge (the CLI names its ``--from``/``--to`` options, the app never asks for more).
    """
    days = (last - first).days + 1
    if days < 1:
        raise InvalidField("from", f"must be on or before the last day, {last.isoformat()} (got {first.isoformat()})")
    if days > MAX_BACKFILL_DAYS:
        raise InvalidField("to", f"must be at most {MAX_BACKFILL_DAYS} days after the first day (got {days} days)")
    return days


#: The meta key holding the day the morning question was dismissed.
MORNING_DISMISSED = "morning_question_dismissed"


def _write(db: Db, record: CheckinRecord, rowid: int | None, now: datetime) -> int:
    if rowid is not None:
        db.execute(
            "UPDATE checkins SET hlc = ?, sleep_disturbance = ? WHERE rowid = ?", [record.hlc, record.sleep_disturbance, rowid]
        )
        return rowid
    cursor = db.execute(
        "INSERT INTO checkins (day, created_at, hlc, sleep_disturbance) VALUES (?, ?, ?, ?)",
        [record.day.isoformat(), utc_stamp(now), record.hlc, record.sleep_disturbance],
    )
    return int(cursor.lastrowid)  # type: ignore[arg-type]


def _export(db: Db) -> list[CheckinRecord]:
    return [
        CheckinRecord(date.fromisoformat(row[0]), row[1], row[2])
        for row in db.execute("SELECT day, hlc, sleep_disturbance FROM checkins ORDER BY day")
    ]


def _prepare(record: CheckinRecord, now: datetime) -> CheckinRecord:
    """An export without stamps (format 1) has the oldest; a day of slack, as the other machine may be further east."""
    if record.day > now.date() + timedelta(days=1):
        raise InvalidField("checkin", f"must not be in the future (got {record.day.isoformat()})")
    check_sleep(record.sleep_disturbance)
    return record if record.hlc else CheckinRecord(record.day, hlc.ZERO, record.sleep_disturbance)


CHECKINS: SyncedKind[CheckinRecord] = SyncedKind(
    name="checkin", noun="check-in", table="checkins", key_column="day", key=lambda r: r.day.isoformat(),
    write=_write, export=_export, prepare=_prepare,
)


class Checkins:
    """Days checked in as cramp-free; a check-in is refused on a day the diary holds a finished cramp."""

    def __init__(self, db: Db, now: Now, stamps: Stamps, synced: SyncedRecords, episodes: Episodes) -> None:
        self.db = db
        self.now = now
        self.stamps = stamps
        self.synced = synced
        self.episodes = episodes

    def add(self, day: date, sleep_disturbance: int | None = None) -> CheckinResult:
        """Record that ``day`` had no cramp, unless the diary holds a cramp that day (then nothing is written).

        ``sleep_disturbance`` (0-10) is kept with it; given for a day already checked in, it
        replaces the figure there (``rated``), with a new stamp so a sync carries it.
        """
        check_sleep(sleep_disturbance)
        with self.db.write():
            return self._add(day, self.now(), sleep_disturbance)

    def _add(self, day: date, now: datetime, sleep_disturbance: int | None = None) -> CheckinResult:
        """The one home of "a check-in says a day had no cramp": refused on a day with a finished cramp."""
        cramps = self.episodes.count_between(day, day)
        if cramps:
            return CheckinResult("has_cramp", cramps)
        found = self.db.execute("SELECT rowid, sleep_disturbance FROM checkins WHERE day = ?", [day.isoformat()]).fetchone()
        if found:
            if sleep_disturbance is None or found[1] == sleep_disturbance:
                return CheckinResult("already")
            _write(self.db, CheckinRecord(day, self.stamps.stamp(), sleep_disturbance), found[0], now)
            return CheckinResult("rated")
        _write(self.db, CheckinRecord(day, self.stamps.stamp(), sleep_disturbance), None, now)
        self.stamps.untombstone("checkin", day.isoformat())  # checked in again after a withdrawal
        return CheckinResult("added")

    def backfill(self, first: date, last: date) -> BackfillResult:
        """Check in every day from ``first`` to ``last`` that has no cramp, in one transaction.

        Each day goes through the one check-in rule, so a day with a cramp is skipped.
        """
        days = check_backfill(first, last)
        now = self.now()
        counts = {"added": 0, "already": 0, "has_cramp": 0}
        with self.db.write():
            for offset in range(days):
                counts[self._add(first + timedelta(days=offset), now).status] += 1
        return BackfillResult(counts["added"], counts["already"], counts["has_cramp"])

    def remove(self, day: date) -> bool:
        """Withdraw a check-in, keeping a deletion record so a sync does not bring it back."""
        with self.db.write():
            return self.synced.remove(CHECKINS, day.isoformat())

    def days_between(self, first: date, last: date) -> list[date]:
        return [
            date.fromisoformat(row[0])
            for row in self.db.execute(
                "SELECT day FROM checkins WHERE day BETWEEN ? AND ? ORDER BY day", [first.isoformat(), last.isoformat()]
            )
        ]

    def all_days(self) -> list[date]:
        """Every day checked in as cramp-free, oldest first."""
        return [date.fromisoformat(row[0]) for row in self.db.execute("SELECT day FROM checkins ORDER BY day")]

    def records(self) -> list[CheckinRecord]:
        """Every check-in with its clock stamp, oldest first (for export)."""
        return _export(self.db)

    def merge(self, records: Iterable[date | CheckinRecord], now: datetime, tally: "Tally") -> None:
        """Merge imported check-ins inside the caller's transaction; one on a day with a cramp is counted as skipped."""
        unique = sorted({r if isinstance(r, CheckinRecord) else CheckinRecord(r) for r in records}, key=str)
        merged: dict[str, str] = {}
        outcomes: list[tuple[CheckinRecord, str]] = []
        self.synced.merge(CHECKINS, unique, now, tally, outcomes)
        for record, outcome in outcomes:
            if outcome == "unchanged" and self.episodes.count_between(record.day, record.day):
                tally.unchanged -= 1
                tally.skipped += 1  # set aside before, for the cramp that day
            elif outcome != "unchanged":
                merged[record.day.isoformat()] = outcome
        for day in self._set_aside_on_cramp_days():
            if day in merged:  # it came in, but the diary has a cramp that day
                tally.skipped += 1
                setattr(tally, merged[day], getattr(tally, merged[day]) - 1)

    def set_aside_on_cramp_day(self, day: str) -> None:
        """A cramp was just saved on ``day`` (log, edit, undo, the app): its check-in goes at once; call inside a write."""
        self._set_aside_on_cramp_days(day)

    def _set_aside_on_cramp_days(self, day: str | None = None) -> list[str]:
        """A check-in says a day had no cramp: one on a day that now has a cramp gets a deletion record.

        The record carries the check-in's own stamp, so every diary that meets the
        same check-in and cramp writes the same record, and a later check-in still wins.
        ``day`` looks at that day only (one index look-up, for every saved cramp).
        """
        only = "" if day is None else " AND c.day = ?"
        rows = self.db.execute(
            f"SELECT c.day, c.hlc FROM checkins c WHERE EXISTS (SELECT 1 FROM episodes e WHERE {DONE} AND e.local_day = c.day)"
            + only,
            [] if day is None else [day],
        ).fetchall()
        for day, stamp in rows:
            self.db.execute("DELETE FROM checkins WHERE day = ?", [day])
            self.stamps.tombstone("checkin", day, stamp or hlc.ZERO, seen=stamp or hlc.ZERO)
        return [row[0] for row in rows]

    # -- the morning question ------------------------------------------------------

    def morning_dismissed_on(self) -> date | None:
        """The day the morning question was last dismissed, so it stays away for the rest of that day."""
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", [MORNING_DISMISSED]).fetchone()
        try:
            return date.fromisoformat(row[0]) if row else None
        except ValueError:  # a hand-edited value: ask again rather than fail
            return None

    def dismiss_morning(self, day: date) -> None:
        """Remember that the morning question was dismissed on ``day`` (kept in the diary, across restarts)."""
        with self.db.write():
            self.db.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [MORNING_DISMISSED, day.isoformat()],
            )
