"""Dated changes saved, read and merged: the third part of :class:`~cramp_diary.store.Diary`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from cramp_diary.store.db import Db

from cramp_diary import hlc
from cramp_diary.changes import Change, validate_change
from cramp_diary.clock import Now
from cramp_diary.store.schema import DiaryError, utc_stamp


@dataclass(frozen=True)
class ChangeMergeResult:
    """What importing changes did: new ones, ones replaced by a newer edit, ones already here."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0


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


class ChangeStore:
    """Mixed into :class:`Diary`, which provides the connection, the clock and the write transaction."""

    db: Db
    now: Now
    _write: Callable[[], AbstractContextManager[None]]
    _stamp: Callable[[], str]
    _tombstone: Callable[..., None]
    _untombstone: Callable[[str, str], None]
    _apply_copy: Callable[[str, str, str, Callable[[int | None], None]], str]

    def _change_row(self, change: Change) -> dict[str, object]:
        now = self.now()
        return {
            "uuid": change.uuid,
            "kind": change.kind,
            "name": change.name,
            "started": change.started.isoformat(),
            "stopped": change.stopped.isoformat() if change.stopped else None,
            "note": change.note,
            "created_at": utc_stamp(change.created_at or now),
            "updated_at": utc_stamp(change.updated_at or now),
            "hlc": change.hlc,
        }

    def add_change(self, change: Change) -> Change:
        """Validate and save a new change; it is on disk when this returns."""
        now = self.now()
        change = validate_change(change.with_changes(id=None, created_at=now, updated_at=now), now.date())
        with self._write():
            change_id = int(self.db.table("changes").insert(self._change_row(change.with_changes(hlc=self._stamp()))).last_pk)
        return self.get_change(change_id)  # type: ignore[return-value]

    def update_change(self, change: Change) -> Change:
        """Save an edit; its time decides which copy wins when diaries merge."""
        if change.id is None:
            raise DiaryError("a change must be saved before it can be edited")
        now = self.now()
        change = validate_change(change.with_changes(updated_at=now), now.date())
        with self._write():
            found = self.db.execute("SELECT created_at FROM changes WHERE id = ?", [change.id]).fetchone()
            if found is None:
                raise DiaryError(f"change {change.id} does not exist")
            row = self._change_row(change.with_changes(hlc=self._stamp()))
            row["created_at"] = found[0]
            self.db.table("changes").update(change.id, row)
        return self.get_change(change.id)  # type: ignore[return-value]

    def get_change(self, change_id: int) -> Change | None:
        rows = list(self.db.query("SELECT * FROM changes WHERE id = ?", [change_id]))
        return _change(rows[0]) if rows else None

    def changes(self) -> list[Change]:
        """Every change, the one started first first."""
        return [_change(row) for row in self.db.query("SELECT * FROM changes ORDER BY started, id")]

    def changes_between(self, first: date, last: date) -> list[Change]:
        """The changes that started or stopped from ``first`` to ``last`` (for chart marks and overlaps)."""
        params = [first.isoformat(), last.isoformat()] * 2
        return [
            _change(row)
            for row in self.db.query(
                "SELECT * FROM changes WHERE started BETWEEN ? AND ? OR stopped BETWEEN ? AND ? ORDER BY started, id",
                params,
            )
        ]

    def delete_change(self, change_id: int) -> Change:
        """Remove a change and hand it back, so the caller can offer undo."""
        with self._write():
            change = self.get_change(change_id)
            if change is None:
                raise DiaryError(f"change {change_id} does not exist")
            self.db.execute("DELETE FROM changes WHERE id = ?", [change_id])
            self._tombstone("change", change.uuid)  # so a sync does not bring it back
        return change

    def restore_change(self, change: Change) -> Change:
        """Put back a deleted change exactly as it was, same id where free."""
        change = validate_change(change, self.now().date())
        with self._write():
            if self.db.execute("SELECT 1 FROM changes WHERE uuid = ?", [change.uuid]).fetchone():
                raise DiaryError("that change is already in the diary")
            row = self._change_row(change.with_changes(hlc=self._stamp()))
            self._untombstone("change", change.uuid)
            if change.id is not None and not self.db.execute(
                "SELECT 1 FROM changes WHERE id = ?", [change.id]
            ).fetchone():
                row["id"] = change.id
            change_id = int(self.db.table("changes").insert(row).last_pk)
        return self.get_change(change_id)  # type: ignore[return-value]

    def merge_changes(self, changes: Iterable[Change], *, validated: bool = False) -> ChangeMergeResult:
        """Import changes all or nothing, by uuid: the copy with the newest clock stamp wins, and one
        deleted here after that copy was last changed stays deleted (its deletion record travels too).

        ``validated``: they come from ``read_export``, which checked each (with a day of slack for time zones)."""
        today = self.now().date()
        outcomes = {"added": 0, "updated": 0, "unchanged": 0, "revived": 0}
        with self._write():
            for change in changes:
                if not validated:
                    change = validate_change(change, today)
                stamp = change.hlc or hlc.from_legacy(change.updated_at)
                change = change.with_changes(hlc=stamp, id=None)

                def write(rowid: int | None, change: Change = change) -> None:
                    row = self._change_row(change)
                    if rowid is None:
                        self.db.table("changes").insert(row)
                    else:
                        del row["created_at"]
                        self.db.table("changes").update(rowid, row)

                outcomes[self._apply_copy("change", change.uuid, stamp, write)] += 1
        return ChangeMergeResult(outcomes["added"] + outcomes["revived"], outcomes["updated"], outcomes["unchanged"])
