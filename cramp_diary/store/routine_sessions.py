"""Routine sessions: each time a routine (e.g. the bedtime stretches) was done, synced like every record."""

from __future__ import annotations

from datetime import datetime

from cramp_diary import hlc
from cramp_diary.model import new_uuid
from cramp_diary.records import RoutineRecord
from cramp_diary.store.db import Db
from cramp_diary.store.stamps import Stamps
from cramp_diary.store.synced import SyncedKind, SyncedRecords


def _write(db: Db, record: RoutineRecord, rowid: int | None, now: datetime) -> int:
    row = {
        "uuid": record.uuid,
        "routine": record.routine,
        "started_at": record.started_at.isoformat(timespec="seconds"),
        "local_day": record.started_at.date().isoformat(),
        "completed": int(record.completed),
        "hlc": record.hlc,
    }
    if rowid is None:
        return int(db.table("routine_sessions").insert(row).last_pk)  # type: ignore[arg-type]
    db.table("routine_sessions").update(rowid, row)
    return rowid


def _export(db: Db) -> list[RoutineRecord]:
    return [
        RoutineRecord(row[0], row[1], datetime.fromisoformat(row[2]), bool(row[3]), row[4])
        for row in db.execute("SELECT uuid, routine, started_at, completed, hlc FROM routine_sessions ORDER BY started_at, uuid")
    ]


def _prepare(record: RoutineRecord, now: datetime) -> RoutineRecord:
    stamp = record.hlc or hlc.from_legacy(record.started_at)
    return RoutineRecord(record.uuid, record.routine, record.started_at, record.completed, stamp)


ROUTINE_SESSIONS: SyncedKind[RoutineRecord] = SyncedKind(
    name="routine", noun="routine session", table="routine_sessions", key_column="uuid", key=lambda r: r.uuid,
    write=_write, export=_export, prepare=_prepare,
)


class RoutineSessions:
    """The routine sessions done; one transaction a write."""

    def __init__(self, db: Db, stamps: Stamps, synced: SyncedRecords) -> None:
        self.db = db
        self.stamps = stamps
        self.synced = synced

    def record(self, routine: str, started_at: datetime, completed: bool = True) -> int:
        """Remember that a routine (e.g. the bedtime stretches) was done."""
        with self.db.write():
            session = RoutineRecord(new_uuid(), routine, started_at, completed, self.stamps.stamp())
            return _write(self.db, session, None, started_at)

    def records(self) -> list[RoutineRecord]:
        """Every routine session, oldest first (for export)."""
        return _export(self.db)

    def delete(self, uuid: str) -> bool:
        """Delete one routine session, keeping a deletion record so a sync does not bring it back."""
        with self.db.write():
            return self.synced.remove(ROUTINE_SESSIONS, uuid)
