"""One repository for a synced kind of dated record (a change, a medicine): add, update, get, all, delete, restore.

Each kind says only its :class:`~cramp_diary.store.synced.SyncedKind`, how a row becomes a record and how a
record is checked; every write is one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, Generic, TypeVar

from cramp_diary.clock import Now
from cramp_diary.store.db import Db
from cramp_diary.store.schema import DiaryError
from cramp_diary.store.stamps import Stamps
from cramp_diary.store.synced import Copyable, SyncedKind, SyncedRecords, record_row

R = TypeVar("R", bound=Copyable)


class DatedRecords(Generic[R]):
    """A kind's records in the diary; subclasses set ``kind``, ``from_row``, ``to_record`` and ``validate``."""

    kind: SyncedKind[R]
    from_row: Callable[[Any], R]
    to_record: Callable[[R], dict[str, Any]]
    validate: Callable[[R, date], R]

    def __init__(self, db: Db, now: Now, stamps: Stamps, synced: SyncedRecords) -> None:
        self.db = db
        self.now = now
        self.stamps = stamps
        self.synced = synced

    def add(self, record: R) -> R:
        """Validate and save a new record; it is on disk when this returns."""
        now = self.now()
        record = self.validate(record.with_changes(id=None, created_at=now, updated_at=now), now.date())
        with self.db.write():
            record_id = self.kind.write(self.db, record.with_changes(hlc=self.stamps.stamp()), None, now)
        return self.get(record_id)  # type: ignore[return-value]

    def update(self, record: R) -> R:
        """Save an edit; its time decides which copy wins when diaries merge."""
        noun, table, record_id = self.kind.noun, self.kind.table, getattr(record, "id")
        if record_id is None:
            raise DiaryError(f"a {noun} must be saved before it can be edited")
        now = self.now()
        record = self.validate(record.with_changes(updated_at=now), now.date())
        with self.db.write():
            found = self.db.execute(f"SELECT created_at FROM {table} WHERE id = ?", [record_id]).fetchone()
            if found is None:
                raise DiaryError(f"{noun} {record_id} does not exist")
            row = record_row(record.with_changes(hlc=self.stamps.stamp()), self.to_record, now)
            row["created_at"] = found[0]
            self.db.table(table).update(record_id, row)
        return self.get(record_id)  # type: ignore[return-value]

    def get(self, record_id: int) -> R | None:
        rows = list(self.db.query(f"SELECT * FROM {self.kind.table} WHERE id = ?", [record_id]))
        return self.from_row(rows[0]) if rows else None

    def all(self) -> list[R]:
        """Every record, in the kind's export order."""
        return list(self.kind.export(self.db))

    def delete(self, record_id: int) -> R:
        """Remove a record and hand it back, so the caller can offer undo."""
        with self.db.write():
            record = self.get(record_id)
            if record is None:
                raise DiaryError(f"{self.kind.noun} {record_id} does not exist")
            self.synced.remove(self.kind, self.kind.key(record))
        return record

    def restore(self, record: R) -> R:
        """Put back a deleted record exactly as it was, same id where free."""
        now = self.now()
        record = self.validate(record, now.date())
        with self.db.write():
            record_id = self.synced.restore(self.kind, record, now)
        return self.get(record_id)  # type: ignore[return-value]
