"""Dated changes (something started or stopped on a day, e.g. a supplement): saved, read, deleted and undone."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from cramp_diary.changes import Change, change_to_record, validate_change
from cramp_diary.model import OTHER_MACHINE_SLACK
from cramp_diary.store.dated_records import DatedRecords
from cramp_diary.store.db import Db
from cramp_diary.store.synced import SyncedKind, incoming, record_row, write_row


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


def _write(db: Db, change: Change, rowid: int | None, now: datetime) -> int:
    return write_row(db, "changes", change, record_row(change, change_to_record, now), rowid)


def _export(db: Db) -> list[Change]:
    return [_change(row) for row in db.query("SELECT * FROM changes ORDER BY started, id")]


def _prepare(change: Change, now: datetime) -> Change:
    """Checked like a new change (a day of slack: another machine's date may be ahead); an old export's change
    gets a stamp from its last edit; ids are this diary's own."""
    change = validate_change(change, (now + OTHER_MACHINE_SLACK).date())
    return incoming(change)


DATED_CHANGES: SyncedKind[Change] = SyncedKind(
    name="change", noun="change", table="changes", key_column="uuid", key=lambda c: c.uuid,
    write=_write, export=_export, prepare=_prepare,
)


class DatedChanges(DatedRecords[Change]):
    """The diary's dated changes; each write is one transaction."""

    kind = DATED_CHANGES
    from_row = staticmethod(_change)
    to_record = staticmethod(change_to_record)
    validate = staticmethod(validate_change)

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
