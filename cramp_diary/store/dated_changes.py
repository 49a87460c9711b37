"""Dated changes (something started or stopped on a day, e.g. a supplement): saved, read, deleted and undone."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from cramp_diary import hlc
from cramp_diary.changes import Change, change_to_record, validate_change
from cramp_diary.model import OTHER_MACHINE_SLACK
from cramp_diary.clock import Now
from cramp_diary.store.db import Db
from cramp_diary.store.schema import DiaryError, utc_stamp
from cramp_diary.store.stamps import Stamps
from cramp_diary.store.synced import SyncedKind, SyncedRecords, id_if_free


def _change(row: Any) -> Change:
    return Change(
        id=int(row["id"]),
        uuid=str(row["uuid"]),
        kind=str(row["kind"]),
        name=str(row["name"]),
        started=date.fromisoformat(row["started"]),
        stopped=date.fromisoformat(row["stopped"]) if row["stopped"] else None,
        note=str(row["note"]),
        created_at=datetime.fromisoformat(row["created_at"]),
        updated_at=datetime.fromisoformat(row["updated_at"]),
        hlc=str(row["hlc"]),
    )


def _row(change: Change, now: datetime) -> dict[str, object]:
    """The changes row: the export record's fields (the row's own id aside), times in UTC."""
    row = change_to_record(change)
    del row["id"]
    row.update(created_at=utc_stamp(change.created_at or now), updated_at=utc_stamp(change.updated_at or now))
    return row


def _write(db: Db, change: Change, rowid: int | None, now: datetime) -> int:
    row = _row(change, now)
    if rowid is None:
        return int(db.table("changes").insert({**row, **id_if_free(db, "changes", change)}).last_pk)  # type: ignore[arg-type]
    del row["created_at"]  # a newer copy merged in: the change was still made when it was first made here
    db.table("changes").update(rowid, row)
    return rowid


def _export(db: Db) -> list[Change]:
    return [_change(row) for row in db.query("SELECT * FROM changes ORDER BY started, id")]


def _prepare(change: Change, now: datetime) -> Change:
    """Checked like a new change (a day of slack: another machine's date may be ahead); an old export's change
    gets a stamp from its last edit; ids are this diary's own."""
    change = validate_change(change, (now + OTHER_MACHINE_SLACK).date())
    return change.with_changes(hlc=change.hlc or hlc.from_legacy(change.updated_at), id=None)


DATED_CHANGES: SyncedKind[Change] = SyncedKind(
    name="change", noun="change", table="changes", key_column="uuid", key=lambda c: c.uuid,
    write=_write, export=_export, prepare=_prepare,
)


class DatedChanges:
    """The diary's dated changes; each write is one transaction."""

    def __init__(self, db: Db, now: Now, stamps: Stamps, synced: SyncedRecords) -> None:
        self.db = db
        self.now = now
        self.stamps = stamps
        self.synced = synced

    def add(self, change: Change) -> Change:
        """Validate and save a new change; it is on disk when this returns."""
        now = self.now()
        change = validate_change(change.with_changes(id=None, created_at=now, updated_at=now), now.date())
        with self.db.write():
            change_id = _write(self.db, change.with_changes(hlc=self.stamps.stamp()), None, now)
        return self.get(change_id)  # type: ignore[return-value]

    def update(self, change: Change) -> Change:
        """Save an edit; its time decides which copy wins when diaries merge."""
        if change.id is None:
            raise DiaryError("a change must be saved before it can be edited")
        now = self.now()
        change = validate_change(change.with_changes(updated_at=now), now.date())
        with self.db.write():
            found = self.db.execute("SELECT created_at FROM changes WHERE id = ?", [change.id]).fetchone()
            if found is None:
                raise DiaryError(f"change {change.id} does not exist")
            row = _row(change.with_changes(hlc=self.stamps.stamp()), now)
            row["created_at"] = found[0]
            self.db.table("changes").update(change.id, row)
        return self.get(change.id)  # type: ignore[return-value]

    def get(self, change_id: int) -> Change | None:
        rows = list(self.db.query("SELECT * FROM changes WHERE id = ?", [change_id]))
        return _change(rows[0]) if rows else None

    def all(self) -> list[Change]:
        """Every change, the one started first first."""
        return _export(self.db)

    def between(self, first: date, last: date) -> list[Change]:
        """The changes that started or stopped from ``first`` to ``last`` (for chart marks and overlaps)."""
        params = [first.isoformat(), last.isoformat()] * 2
        return [
            _change(row)
            for row in self.db.query(
                "SELECT * FROM changes WHERE started BETWEEN ? AND ? OR stopped BETWEEN ? AND ? ORDER BY started, id",
                params,
            )
        ]

    def delete(self, change_id: int) -> Change:
        """Remove a change and hand it back, so the caller can offer undo."""
        with self.db.write():
            change = self.get(change_id)
            if change is None:
                raise DiaryError(f"change {change_id} does not exist")
            self.synced.remove(DATED_CHANGES, change.uuid)
        return change

    def restore(self, change: Change) -> Change:
        """Put back a deleted change exactly as it was, same id where free."""
        now = self.now()
        change = validate_change(change, now.date())
        with self.db.write():
            change_id = self.synced.restore(DATED_CHANGES, change, now)
        return self.get(change_id)  # type: ignore[return-value]
