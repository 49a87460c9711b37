"""Synced kinds: each described once (:class:`SyncedKind`), deleted, restored, exported and merged by one code.

Per record, the copy with the greatest clock stamp wins, and a deletion wins a
tie, so every diary that has seen the same copies ends up the same whatever order
it saw them in. A deletion stays deleted unless a copy edited after it arrives.
A new synced kind is a :class:`SyncedKind` in its repository's module, listed in
:data:`cramp_diary.store.diary.SYNCED_KINDS` (and ``records.TOMBSTONE_KINDS``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Generic, TypeVar

from cramp_diary.records import Tombstone
from cramp_diary.store.db import Db
from cramp_diary.store.schema import DiaryError
from cramp_diary.store.stamps import Stamps

R = TypeVar("R")

#: Copies merged per batch: the existing copies are looked up in one query.
MERGE_BATCH = 2000


@dataclass(frozen=True)
class SyncedKind(Generic[R]):
    """One kind of synced record: where it lives and how a record becomes a row.

    Records are frozen dataclasses with an ``hlc`` field (their clock stamp).
    """

    #: Its name in deletion records and exports: "episode", "checkin", ...
    name: str
    #: How a message names one: "that episode is already in the diary".
    noun: str
    table: str
    #: The column holding the key that travels between diaries (a uuid, or the day of a check-in).
    key_column: str
    key: Callable[[R], str]
    #: Write ``record`` as a new row (``rowid`` None; an ``id`` it carries is kept where free) or over
    #: row ``rowid`` (a newer copy merged in); returns the rowid. ``now`` fills missing times.
    write: Callable[[Db, R, int | None, datetime], int]
    #: Every record, in a fixed order (for export).
    export: Callable[[Db], Iterable[R]]
    #: An incoming copy checked and given a stamp (an old export has none) before it is merged.
    prepare: Callable[[R, datetime], R]
    #: Optional: write a merged batch at once (``added`` records, ``updated`` (rowid, record) pairs).
    write_batch: Callable[[Db, list[R], list[tuple[int, R]], datetime], None] | None = None


@dataclass
class Tally:
    """What a merge did to one kind of record."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    #: Deleted here, brought back because the other copy was edited after the deletion.
    revived: int = 0
    #: Check-ins left out because the diary holds a cramp that day.
    skipped: int = 0

    def count(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)


def id_if_free(db: Db, table: str, record: Any) -> dict[str, object]:
    """``{"id": record.id}`` when the record has one no row here has taken (undo puts a record back as it was)."""
    record_id = getattr(record, "id", None)
    if record_id is None or db.execute(f"SELECT 1 FROM {table} WHERE id = ?", [record_id]).fetchone():
        return {}
    return {"id": record_id}


class SyncedRecords:
    """Delete, restore, export and merge for every synced kind; call inside the caller's ``db.write()``."""

    def __init__(self, db: Db, stamps: Stamps, kinds: Mapping[str, SyncedKind[Any]]) -> None:
        self.db = db
        self.stamps = stamps
        self.kinds = kinds

    def remove(self, kind: SyncedKind[R], key: str) -> bool:
        """Delete the record ``key``, keeping a deletion record so a sync does not bring it back."""
        cursor = self.db.execute(f"DELETE FROM {kind.table} WHERE {kind.key_column} = ?", [key])
        if cursor.rowcount:
            self.stamps.tombstone(kind.name, key)
        return cursor.rowcount > 0

    def restore(self, kind: SyncedKind[R], record: R, now: datetime) -> int:
        """Put back a deleted record (undo) with a fresh stamp; its deletion record goes.

        The fresh stamp makes diaries that already merged the deletion take it back at the next sync.
        """
        key = kind.key(record)
        if self.db.execute(f"SELECT 1 FROM {kind.table} WHERE {kind.key_column} = ?", [key]).fetchone():
            raise DiaryError(f"that {kind.noun} is already in the diary")
        rowid = kind.write(self.db, replace(record, hlc=self.stamps.stamp()), None, now)  # type: ignore[type-var]
        self.stamps.untombstone(kind.name, key)
        return rowid

    def export(self, kind: SyncedKind[R]) -> Iterable[R]:
        return kind.export(self.db)

    # -- merging ------------------------------------------------------------------

    def merge(self, kind: SyncedKind[R], records: Iterable[R], now: datetime, tally: Tally) -> list[tuple[R, str]]:
        """Merge incoming copies of one kind; each one's outcome is counted in ``tally`` and handed back."""
        outcomes: list[tuple[R, str]] = []
        batch: dict[str, R] = {}
        for record in records:
            record = kind.prepare(record, now)
            key = kind.key(record)
            if key in batch or len(batch) >= MERGE_BATCH:  # a key twice: the later copy meets the earlier one
                outcomes += self._merge_batch(kind, list(batch.values()), now, tally)
                batch = {}
            batch[key] = record
        outcomes += self._merge_batch(kind, list(batch.values()), now, tally)
        return outcomes

    def _merge_batch(self, kind: SyncedKind[R], batch: list[R], now: datetime, tally: Tally) -> list[tuple[R, str]]:
        added: list[R] = []
        updated: list[tuple[int, R]] = []
        outcomes: list[tuple[R, str]] = []
        for record, (outcome, rowid) in zip(batch, self._decide(kind, [(kind.key(r), r.hlc) for r in batch])):  # type: ignore[attr-defined]
            tally.count(outcome)
            outcomes.append((record, outcome))
            if rowid is not None:
                updated.append((rowid, record))
            elif outcome != "unchanged":
                added.append(record)
        if kind.write_batch is not None:
            if added or updated:
                kind.write_batch(self.db, added, updated, now)
        else:
            for record in added:
                kind.write(self.db, record, None, now)
            for rowid, record in updated:
                kind.write(self.db, record, rowid, now)
        return outcomes

    def _decide(self, kind: SyncedKind[Any], copies: list[tuple[str, str]]) -> list[tuple[str, int | None]]:
        """The merge rule for a batch of live copies ``(key, stamp)``, keys distinct: one outcome each.

        ``("updated", rowid)`` when the copy is newer than the row here, ``("added" | "revived", None)``
        when there is none (revived: deleted here before the copy's last change, so its deletion
        record goes), ``("unchanged", None)`` otherwise. Two queries for the whole batch; the caller writes.
        """
        if not copies:
            return []
        keys = json.dumps([key for key, _ in copies])
        live = {
            key: (rowid, stamp)
            for key, rowid, stamp in self.db.execute(
                f"SELECT {kind.key_column}, rowid, hlc FROM {kind.table}"
                f" WHERE {kind.key_column} IN (SELECT value FROM json_each(?))",
                [keys],
            )
        }
        tombs: dict[str, str] = dict(
            self.db.execute(
                "SELECT key, hlc FROM tombstones WHERE kind = ? AND key IN (SELECT value FROM json_each(?))",
                [kind.name, keys],
            ).fetchall()
        )
        decided: list[tuple[str, int | None]] = []
        revived: list[tuple[str, str]] = []
        for key, stamp in copies:
            row = live.get(key)
            tomb = tombs.get(key)
            if row is not None:
                decided.append(("updated", int(row[0])) if stamp > row[1] else ("unchanged", None))
            elif tomb is not None and stamp <= tomb:
                decided.append(("unchanged", None))  # deleted after this copy was last changed: stays deleted
            elif tomb is not None:
                decided.append(("revived", None))
                revived.append((kind.name, key))
            else:
                decided.append(("added", None))
        if revived:
            self.db.execute("DELETE FROM tombstones WHERE kind = ? AND key = ?", revived, many=True)
        self.stamps.seen(max(stamp for _, stamp in copies))
        return decided

    def merge_deletions(self, records: Iterable[Tombstone], tallies: Mapping[str, Tally]) -> None:
        """Merge deletion records: each removes the copy here unless that copy was changed after it."""
        for record in records:
            tallies[record.kind].count(self._merge_deletion(record))

    def _merge_deletion(self, record: Tombstone) -> str:
        kind = self.kinds[record.kind]
        self.stamps.seen(record.hlc)
        row = self.db.execute(
            f"SELECT rowid, hlc FROM {kind.table} WHERE {kind.key_column} = ?", [record.key]
        ).fetchone()
        if row is not None and record.hlc < row[1]:
            return "unchanged"
        here = self.stamps.deleted_stamp(record.kind, record.key)
        if here is None or record.hlc > here:
            self.stamps.keep(record)
        if row is not None:
            self.db.execute(f"DELETE FROM {kind.table} WHERE rowid = ?", [row[0]])
            return "deleted"
        return "unchanged"
