"""Clock stamps, deletion records and the record-by-record merge: the part of :class:`Diary` that sync needs.

Every record (episode, check-in, routine session) and every deletion record
carries a hybrid logical clock stamp (:mod:`cramp_diary.hlc`). Per record, the
copy with the greatest stamp wins, and a deletion wins a tie, so every diary
that has seen the same copies ends up the same whatever order it saw them in.
A deletion stays deleted unless a copy edited after it arrives.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cramp_diary.store.db import Db

from cramp_diary import hlc
from cramp_diary.clock import Now
from cramp_diary.model import InvalidField
from cramp_diary.records import TOMBSTONE_KINDS, RoutineRecord, Tombstone
from cramp_diary.store.backups import write_backup
from cramp_diary.store.schema import DONE, utc_stamp

#: Where the live copy of each kind of record lives: (table, the column holding its key).
LIVE_TABLES: dict[str, tuple[str, str]] = {
    "episode": ("episodes", "uuid"),
    "checkin": ("checkins", "day"),
    "routine": ("routine_sessions", "uuid"),
    "change": ("changes", "uuid"),
    "trial": ("trials", "uuid"),
    "trial_day": ("trial_days", "key"),
}
assert set(LIVE_TABLES) == set(TOMBSTONE_KINDS)


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


class SyncStore:
    """Mixed into :class:`Diary`, which provides the connection, the clock and the write transaction."""

    db: Db
    now: Now
    path: Path
    _write: Callable[[], AbstractContextManager[None]]

    def backup_to(self, target: Path) -> None:
        """A consistent copy of the diary at ``target``, even while another program writes (see store.backups)."""
        write_backup(self.db.conn, target, self.path)

    # -- the device and its clock ----------------------------------------------

    def _meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return None if row is None else str(row[0])

    def _set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [key, value])

    def device_name(self) -> str:
        """This diary's name in a sync folder (generated once when the diary was made or upgraded)."""
        return self._meta("device") or "device"

    def rename_device(self, name: str) -> None:
        """Call this diary's device ``name`` from now on (its file in the sync folder is ``<name>.json``)."""
        if not hlc.DEVICE.fullmatch(name):
            raise InvalidField(
                "name", "must be 1 to 63 letters, digits, '-' or '_', starting with a letter or digit"
            )
        with self._write():
            self._set_meta("device", name)

    def _stamp(self) -> str:
        """A fresh stamp for a local change, after every stamp this diary has seen; call inside a write."""
        stamp = hlc.tick(hlc.to_ms(self.now()), self._meta("hlc_last"), self.device_name())
        self._set_meta("hlc_last", stamp)
        return stamp

    def _seen(self, stamp: str) -> None:
        """Remember a merged stamp, so the next local change orders after it."""
        if stamp > (self._meta("hlc_last") or ""):
            self._set_meta("hlc_last", stamp)

    # -- deletion records -------------------------------------------------------

    def _tombstone(self, kind: str, key: str, stamp: str | None = None) -> None:
        """Keep a deletion record for ``kind``/``key``; ``stamp`` None means "deleted here, now"."""
        if stamp is None:
            stamp = self._stamp()
            device, deleted_at = self.device_name(), self.now()
        else:  # a check-in set aside for a cramp on its day: every diary writes the same record
            device, deleted_at = hlc.parse(stamp)[2], hlc.wall_time(stamp)
        self.db.execute(
            "INSERT OR REPLACE INTO tombstones (kind, key, hlc, device, deleted_at) VALUES (?, ?, ?, ?, ?)",
            [kind, key, stamp, device, utc_stamp(deleted_at)],
        )

    def _untombstone(self, kind: str, key: str) -> None:
        self.db.execute("DELETE FROM tombstones WHERE kind = ? AND key = ?", [kind, key])

    def tombstones(self) -> list[Tombstone]:
        """Every deletion record, in a fixed order (for export)."""
        return [
            Tombstone(row[0], row[1], row[2], row[3], datetime.fromisoformat(row[4]))
            for row in self.db.execute("SELECT kind, key, hlc, device, deleted_at FROM tombstones ORDER BY kind, key")
        ]

    # -- routine sessions ------------------------------------------------------

    def routine_records(self) -> list[RoutineRecord]:
        """Every routine session, oldest first (for export)."""
        return [
            RoutineRecord(row[0], row[1], datetime.fromisoformat(row[2]), bool(row[3]), row[4])
            for row in self.db.execute(
                "SELECT uuid, routine, started_at, completed, hlc FROM routine_sessions ORDER BY started_at, uuid"
            )
        ]

    def delete_routine(self, uuid: str) -> bool:
        """Delete one routine session, keeping a deletion record so a sync does not bring it back."""
        with self._write():
            cursor = self.db.execute("DELETE FROM routine_sessions WHERE uuid = ?", [uuid])
            if cursor.rowcount:
                self._tombstone("routine", uuid)
        return cursor.rowcount > 0

    def _write_routine(self, record: RoutineRecord, rowid: int | None) -> None:
        row = {
            "uuid": record.uuid,
            "routine": record.routine,
            "started_at": record.started_at.isoformat(timespec="seconds"),
            "local_day": record.started_at.date().isoformat(),
            "completed": int(record.completed),
            "hlc": record.hlc,
        }
        if rowid is None:
            self.db.table("routine_sessions").insert(row)
        else:
            self.db.table("routine_sessions").update(rowid, row)

    # -- merging, one record at a time ------------------------------------------

    def _apply_copy(self, kind: str, key: str, stamp: str, write: Callable[[int | None], None]) -> str:
        """Merge one live copy: write it (``write(rowid or None)``) when it is newer than what is here."""
        [(outcome, rowid)] = self._decide_copies(kind, [(key, stamp)])
        if outcome != "unchanged":
            write(rowid)
        return outcome

    def _decide_copies(self, kind: str, copies: Sequence[tuple[str, str]]) -> list[tuple[str, int | None]]:
        """The merge rule for a batch of live copies ``(key, stamp)``, keys distinct: one outcome each.

        ``("updated", rowid)`` when the copy is newer than the row here, ``("added" | "revived", None)``
        when there is none (revived: deleted here before the copy's last change, so its deletion
        record goes), ``("unchanged", None)`` otherwise. Two queries for the whole batch; the caller writes.
        """
        if not copies:
            return []
        table, column = LIVE_TABLES[kind]
        keys = json.dumps([key for key, _ in copies])
        live = {
            key: (rowid, stamp)
            for key, rowid, stamp in self.db.execute(
                f"SELECT {column}, rowid, hlc FROM {table} WHERE {column} IN (SELECT value FROM json_each(?))", [keys]
            )
        }
        tombs: dict[str, str] = dict(
            self.db.execute(
                "SELECT key, hlc FROM tombstones WHERE kind = ? AND key IN (SELECT value FROM json_each(?))", [kind, keys]
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
                revived.append((kind, key))
            else:
                decided.append(("added", None))
        if revived:
            self.db.execute("DELETE FROM tombstones WHERE kind = ? AND key = ?", revived, many=True)
        self._seen(max(stamp for _, stamp in copies))
        return decided

    def _apply_tombstone(self, record: Tombstone) -> str:
        """Merge one deletion record: it removes the copy here unless that copy was changed after it."""
        table, column = LIVE_TABLES[record.kind]
        self._seen(record.hlc)
        row = self.db.execute(f"SELECT rowid, hlc FROM {table} WHERE {column} = ?", [record.key]).fetchone()
        if row is not None and record.hlc < row[1]:
            return "unchanged"
        tomb = self.db.execute(
            "SELECT hlc FROM tombstones WHERE kind = ? AND key = ?", [record.kind, record.key]
        ).fetchone()
        if tomb is None or record.hlc > tomb[0]:
            self.db.execute(
                "INSERT OR REPLACE INTO tombstones (kind, key, hlc, device, deleted_at) VALUES (?, ?, ?, ?, ?)",
                [record.kind, record.key, record.hlc, record.device, utc_stamp(record.deleted_at)],
            )
        if row is not None:
            self.db.execute(f"DELETE FROM {table} WHERE rowid = ?", [row[0]])
            return "deleted"
        return "unchanged"

    def _merge_tombstones(self, records: Iterable[Tombstone], tallies: dict[str, Tally]) -> None:
        for record in records:
            tallies[record.kind].count(self._apply_tombstone(record))

    def _merge_routines(self, records: Iterable[RoutineRecord], tally: Tally) -> None:
        for record in records:
            stamp = record.hlc or hlc.from_legacy(record.started_at)
            record = RoutineRecord(record.uuid, record.routine, record.started_at, record.completed, stamp)
            tally.count(self._apply_copy("routine", record.uuid, stamp, lambda rowid: self._write_routine(record, rowid)))

    def _set_aside_checkins_on_cramp_days(self) -> list[str]:
        """A check-in says a day had no cramp: one on a day that now has a cramp gets a deletion record.

        The record carries the check-in's own stamp, so every diary that meets the
        same check-in and cramp writes the same record, and a later check-in still wins.
        """
        rows = self.db.execute(
            f"SELECT c.day, c.hlc FROM checkins c WHERE EXISTS (SELECT 1 FROM episodes e WHERE {DONE} AND e.local_day = c.day)"
        ).fetchall()
        for day, stamp in rows:
            self.db.execute("DELETE FROM checkins WHERE day = ?", [day])
            self._tombstone("checkin", day, stamp or hlc.ZERO)
        return [row[0] for row in rows]

    @contextmanager
    def reading(self) -> Iterator[None]:
        """One read transaction, so an export sees the diary as of one moment while others write."""
        conn = self.db.conn
        conn.execute("BEGIN")
        try:
            yield
        finally:
            if conn.in_transaction:
                conn.execute("COMMIT")
