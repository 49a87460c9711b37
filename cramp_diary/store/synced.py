"""Synced kinds: each described once (:class:`SyncedKind`), deleted, restored, exported and merged by one code.

Per record, the copy with the greatest clock stamp wins. A deletion removes the
version it saw (its ``seen`` stamp) and older ones; a copy stamped after that
version was edited where the deletion had not arrived, so it comes back, whatever
the clocks. Every diary that has seen the same copies and deletions ends up the
same whatever order it saw them in: a record is there when its newest copy is
newer than the newest version any deletion removed.
A new synced kind is a :class:`SyncedKind` in its repository's module, listed in
:func:`cramp_diary.store.diary.synced_kinds` (and ``records.TOMBSTONE_KINDS``).
"""

# Annotations are evaluated, not kept as text: this module's NamedTuples load with every `log` (ARCHITECTURE.md).
from collections.abc import Callable, Iterable, Mapping
from functools import cached_property
from datetime import datetime
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, Protocol, Self, TypeVar

from cramp_diary import hlc
from cramp_diary.records import Tombstone
from cramp_diary.store.db import Db
from cramp_diary.store.schema import DiaryError, utc_stamp
from cramp_diary.store.stamps import REMOVES_UP_TO, Stamps

if TYPE_CHECKING:
    from cramp_diary.store.merging import Tally

R = TypeVar("R")


class Copyable(Protocol):
    """A record the shared code below copies with some fields changed: records are immutable.

    Each kind says how (``with_changes``), so ``log`` need not load ``dataclasses`` for ``replace``.
    """

    @property
    def hlc(self) -> str: ...

    def with_changes(self, **changes: Any) -> Self: ...


C = TypeVar("C", bound=Copyable)

#: Copies merged per batch: the existing copies are looked up in one query.
MERGE_BATCH = 2000


class SyncedKind(NamedTuple, Generic[R]):
    """One kind of synced record: where it lives and how a record becomes a row (a NamedTuple: ``log`` defines it).

    Records are immutable (:class:`Copyable` when restored or merged from an export, NamedTuples otherwise)
    with an ``hlc`` field (their clock stamp).
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
    #: Optional: a rank that beats any stamp, as SQL over the row and for a record (an episode: finished
    #: beats unfinished, so another machine's open copy never overwrites the owner's finished cramp).
    rank_sql: str = "0"
    rank: Callable[[R], int] = lambda _record: 0


def id_if_free(db: Db, table: str, record: Any) -> dict[str, object]:
    """``{"id": record.id}`` when the record has one no row here has taken (undo puts a record back as it was)."""
    record_id = getattr(record, "id", None)
    if record_id is None or db.execute(f"SELECT 1 FROM {table} WHERE id = ?", [record_id]).fetchone():
        return {}
    return {"id": record_id}


def incoming(record: C) -> C:
    """A checked incoming copy as this diary keeps it: an old export's copy stamped from its last edit, no id of its own."""
    return record.with_changes(hlc=record.hlc or hlc.from_legacy(record.updated_at), id=None)  # type: ignore[attr-defined]


def record_row(record: Any, to_record: Callable[[Any], dict[str, Any]], now: datetime, **extra: object) -> dict[str, object]:
    """A record's row: its export record (the row's own id aside) and ``extra`` columns, times in UTC."""
    row = to_record(record)
    del row["id"]
    row.update(extra, created_at=utc_stamp(record.created_at or now), updated_at=utc_stamp(record.updated_at or now))
    return row


def write_row(db: Db, table: str, record: Any, row: dict[str, object], rowid: int | None) -> int:
    """``row`` as a new row (the record's id kept where free) or over ``rowid``; returns the rowid.

    Over a row, a newer copy merged in: the record was still first made when it was first made here.
    """
    if rowid is None:
        return int(db.table(table).insert({**row, **id_if_free(db, table, record)}).last_pk)  # type: ignore[arg-type]
    del row["created_at"]
    db.table(table).update(rowid, row)
    return rowid


class SyncedRecords:
    """Delete, restore, export and merge for every synced kind; call inside the caller's ``db.write()``."""

    def __init__(self, db: Db, stamps: Stamps, kinds: Callable[[], Iterable[SyncedKind[Any]]]) -> None:
        self.db = db
        self.stamps = stamps
        self._kinds = kinds

    @cached_property
    def kinds(self) -> Mapping[str, SyncedKind[Any]]:
        """Every synced kind by name, asked for on first use (merge, repair): their modules load only then."""
        return {kind.name: kind for kind in self._kinds()}

    def remove(self, kind: SyncedKind[R], key: str) -> bool:
        """Delete the record ``key``, keeping a deletion record of the version removed, so a sync does not bring
        that version back (an edit made elsewhere to it does come back)."""
        row = self.db.execute(
            f"SELECT hlc, {kind.rank_sql} FROM {kind.table} WHERE {kind.key_column} = ?", [key]
        ).fetchone()
        if row is None:
            return False
        self.db.execute(f"DELETE FROM {kind.table} WHERE {kind.key_column} = ?", [key])
        self.stamps.tombstone(kind.name, key, seen=str(row[0]), seen_rank=int(row[1]))
        return True

    def restore(self, kind: SyncedKind[C], record: C, now: datetime) -> int:
        """Put back a deleted record (undo) with a fresh stamp; its deletion record goes.

        The fresh stamp makes diaries that already merged the deletion take it back at the next sync.
        """
        key = kind.key(record)
        if self.db.execute(f"SELECT 1 FROM {kind.table} WHERE {kind.key_column} = ?", [key]).fetchone():
            raise DiaryError(f"that {kind.noun} is already in the diary")
        rowid = kind.write(self.db, record.with_changes(hlc=self.stamps.stamp()), None, now)
        self.stamps.untombstone(kind.name, key)
        return rowid

    def restamp_ahead(self) -> int:
        """Stamp again every record and deletion record stamped more than a day ahead; how many (call in a write).

        They were stamped while this machine's clock ran far ahead; the other devices refuse
        them until that date comes. Stamped now, in their old order, they travel at once.
        """
        limit = self.stamps.ahead_limit()
        count = 0
        for kind in self.kinds.values():
            rows = self.db.execute(f"SELECT rowid FROM {kind.table} WHERE hlc > ? ORDER BY hlc", [limit]).fetchall()
            for (rowid,) in rows:
                self.db.execute(f"UPDATE {kind.table} SET hlc = ? WHERE rowid = ?", [self.stamps.stamp(), rowid])
            count += len(rows)
        rows = self.db.execute("SELECT kind, key FROM tombstones WHERE hlc > ? ORDER BY hlc", [limit]).fetchall()
        for kind_name, key in rows:
            stamp = self.stamps.stamp()
            self.db.execute(
                "UPDATE tombstones SET hlc = ?, seen = CASE WHEN seen > ? THEN ? ELSE seen END WHERE kind = ? AND key = ?",
                [stamp, limit, stamp, kind_name, key],
            )
        if count or rows:
            tables = [kind.table for kind in self.kinds.values()] + ["tombstones"]
            newest = [self.db.execute(f"SELECT max(hlc) FROM {table}").fetchone()[0] for table in tables]
            self.stamps.reset_last(max((stamp for stamp in newest if stamp), default=hlc.ZERO))
        return count + len(rows)

    def export(self, kind: SyncedKind[R]) -> Iterable[R]:
        return kind.export(self.db)

    # -- merging ------------------------------------------------------------------

    def merge(
        self, kind: SyncedKind[R], records: Iterable[R], now: datetime, tally: "Tally",
        outcomes: list[tuple[R, str]] | None = None,
    ) -> None:
        """Merge incoming copies of one kind, a batch at a time; each one's outcome is counted in ``tally``.

        ``outcomes`` (check-ins) gets each copy with its outcome; without it no copy outlives its
        batch, so a sync's 100k streamed episodes are never all in memory at once.
        """
        batch: dict[str, R] = {}
        for record in records:
            record = kind.prepare(record, now)
            key = kind.key(record)
            if key in batch or len(batch) >= MERGE_BATCH:  # a key twice: the later copy meets the earlier one
                self._merge_batch(kind, list(batch.values()), now, tally, outcomes)
                batch = {}
            batch[key] = record
        self._merge_batch(kind, list(batch.values()), now, tally, outcomes)

    def _merge_batch(
        self, kind: SyncedKind[R], batch: list[R], now: datetime, tally: "Tally", outcomes: list[tuple[R, str]] | None
    ) -> None:
        added: list[R] = []
        updated: list[tuple[int, R]] = []
        copies = [(kind.key(r), r.hlc, kind.rank(r)) for r in batch]  # type: ignore[attr-defined]
        for record, (outcome, rowid) in zip(batch, self._decide(kind, copies)):
            tally.count(outcome)
            if outcomes is not None:
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

    def _decide(self, kind: SyncedKind[Any], copies: list[tuple[str, str, int]]) -> list[tuple[str, int | None]]:
        """The merge rule for a batch of live copies ``(key, stamp, rank)``, keys distinct: one outcome each.

        ``("updated", rowid)`` when the copy beats the row here (a higher rank, or the same and a newer stamp), ``("added" | "revived", None)``
        when there is none (revived: deleted here before the copy's last change, so its deletion
        record goes), ``("unchanged", None)`` otherwise. Two queries for the whole batch; the caller writes.
        """
        if not copies:
            return []
        import json  # a merge only, never ``log``

        keys = json.dumps([key for key, _, _ in copies])
        live = {
            key: (rowid, (rank, stamp))
            for key, rowid, stamp, rank in self.db.execute(
                f"SELECT {kind.key_column}, rowid, hlc, {kind.rank_sql} FROM {kind.table}"
                f" WHERE {kind.key_column} IN (SELECT value FROM json_each(?))",
                [keys],
            )
        }
        tombs: dict[str, tuple[int, str]] = {
            key: (int(rank), str(stamp))
            for key, rank, stamp in self.db.execute(
                f"SELECT key, seen_rank, {REMOVES_UP_TO} FROM tombstones"
                " WHERE kind = ? AND key IN (SELECT value FROM json_each(?))",
                [kind.name, keys],
            )
        }
        decided: list[tuple[str, int | None]] = []
        revived: list[tuple[str, str]] = []
        for key, stamp, rank in copies:
            row = live.get(key)
            tomb = tombs.get(key)
            if row is not None:
                decided.append(("updated", int(row[0])) if (rank, stamp) > row[1] else ("unchanged", None))
            elif tomb is not None and (rank, stamp) <= tomb:
                decided.append(("unchanged", None))  # the version the deletion removed, or an older one: stays deleted
            elif tomb is not None:
                decided.append(("revived", None))
                revived.append((kind.name, key))
            else:
                decided.append(("added", None))
        if revived:
            self.db.execute("DELETE FROM tombstones WHERE kind = ? AND key = ?", revived, many=True)
        self.stamps.seen(max(stamp for _, stamp, _ in copies))
        return decided

    def merge_deletions(self, records: Iterable[Tombstone], tallies: Mapping[str, "Tally"]) -> None:
        """Merge deletion records: each removes the copy here unless that copy was changed after it."""
        for record in records:
            tallies[record.kind].count(self._merge_deletion(record))

    def _merge_deletion(self, record: Tombstone) -> str:
        """A deletion removes the version it saw (and older ones); a copy here edited after that version stays.

        Whatever the clocks: an edit made where the deletion had not arrived is newer
        than the version it was made to, so it survives a deletion stamped later.
        Of two deletion records, the one that removed the newer version is kept. A
        deletion of an unfinished copy never removes the finished cramp (rank first).
        """
        kind = self.kinds[record.kind]
        self.stamps.seen(record.hlc)
        row = self.db.execute(
            f"SELECT rowid, hlc, {kind.rank_sql} FROM {kind.table} WHERE {kind.key_column} = ?", [record.key]
        ).fetchone()
        if row is not None and (int(row[2]), row[1]) > record.removes:
            return "unchanged"
        here = self.stamps.deletion_order(record.kind, record.key)
        if here is None or (record.removes, record.hlc) > here:
            self.stamps.keep(record)
        if row is not None:
            self.db.execute(f"DELETE FROM {kind.table} WHERE rowid = ?", [row[0]])
            return "deleted"
        return "unchanged"
