"""The diary's clock stamps and deletion records: the one service every synced kind writes through.

Every record (episode, check-in, routine session, dated change) and every deletion
record carries a hybrid logical clock stamp (:mod:`cramp_diary.hlc`). A local change
takes :meth:`Stamps.stamp`, after every stamp this diary has seen; a merged copy is
noted with :meth:`Stamps.seen`, so the next local change orders after it.
"""

from __future__ import annotations

import re
from datetime import datetime

from cramp_diary import device, hlc
from cramp_diary.clock import Now
from cramp_diary.model import InvalidField
from cramp_diary.records import Tombstone
from cramp_diary.store.db import Db
from cramp_diary.store.schema import utc_stamp


#: SQL for the stamp of :attr:`Tombstone.removes`: that of the version a deletion removed (older records: their own).
REMOVES_UP_TO = "CASE WHEN seen != '' THEN seen ELSE hlc END"


class Stamps:
    """This diary's device name, its last stamp and its deletion records (``meta`` and ``tombstones``)."""

    def __init__(self, db: Db, now: Now) -> None:
        self.db = db
        self.now = now
        self._device_id: str | None = None

    def _meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return None if row is None else str(row[0])

    def _set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [key, value])

    def device_name(self) -> str:
        """This diary's name in a sync folder (generated once when the diary was made or upgraded)."""
        return self._meta("device") or "device"

    def rename_device(self, name: str) -> None:
        """Call this diary's device ``name`` from now on (its file in the sync folder is ``<name>-<id>.json``)."""
        if not re.fullmatch(hlc.DEVICE, name):
            raise InvalidField(
                "name", "must be 1 to 63 letters, digits, '-' or '_', starting with a letter or digit"
            )
        with self.db.write():
            self._set_meta("device", name)

    def identity(self) -> str:
        """This diary's random device id, made new the first time the diary is used somewhere else.

        The id belongs to the place it was made for (this machine, this path: see
        :mod:`cramp_diary.device`); a diary copied or restored anywhere else takes a
        new one on first use there, so two diaries never sync as one device
        (:meth:`copied_from` then names the id it had).
        """
        if self._device_id is not None:
            return self._device_id
        here = device.home(self.db.path)
        known = self._meta("device_id")
        if known and self._meta("device_home") == here:
            self._device_id = known
        elif self.db.read_only_reason is not None:  # nothing can be saved: a new id for this run only
            self._device_id = device.new_id()
        elif self.db.conn.in_transaction:
            self._device_id = self._new_identity(here)
        else:
            with self.db.write():  # two programs starting at once must not make two ids
                self._device_id = self._new_identity(here)
        return self._device_id

    def _new_identity(self, here: str) -> str:
        known = self._meta("device_id")
        if known and self._meta("device_home") == here:  # another program made it meanwhile
            return known
        if known:
            self._set_meta("device_copied_from", known)
        known = device.new_id()
        self._set_meta("device_id", known)
        self._set_meta("device_home", here)
        return known

    def copied_from(self) -> str | None:
        """The id this diary had before it was copied here, once: the next call says None (sync tells the person)."""
        old = self._meta("device_copied_from")
        if old is not None and self.db.read_only_reason is None:
            self.db.execute("DELETE FROM meta WHERE key = 'device_copied_from'")
        return old

    def own_file_written(self) -> str | None:
        """What this diary last wrote as its device file (size, time, inode), to tell a file someone else wrote."""
        return self._meta("device_file_written")

    def note_own_file_written(self, signature: str) -> None:
        self._set_meta("device_file_written", signature)

    def stamp_device(self) -> str:
        """Who makes this diary's changes, as its clock stamps say: the name and the id (no two devices share it)."""
        return device.stamp_device(self.device_name(), self.identity())

    def ahead_limit(self) -> str:
        """Stamps greater than this are more than a day ahead of this machine's clock (no device sorts after ``~``)."""
        return hlc.make(hlc.to_ms(self.now()) + int(hlc.MAX_AHEAD.total_seconds() * 1000), hlc.MAX_COUNTER, "~")

    def stamp(self) -> str:
        """A fresh stamp for a local change, after every stamp this diary has seen; call inside a write.

        After a run with the clock far ahead, the newest stamp seen is from the future: it is
        not followed there (every change would stay in the future, refused by the other
        devices until that date); sync stamps the records left there again (``restamp_ahead``).
        """
        last = self._meta("hlc_last")
        if last is not None and last > self.ahead_limit():
            last = None
        stamp = hlc.tick(hlc.to_ms(self.now()), last, self.stamp_device())
        self._set_meta("hlc_last", stamp)
        return stamp

    def reset_last(self, newest: str) -> None:
        """After stamping again what was ahead: the newest stamp seen is the newest one left (never the future)."""
        self._set_meta("hlc_last", newest)

    def seen(self, stamp: str) -> None:
        """Remember a merged stamp, so the next local change orders after it."""
        if stamp > (self._meta("hlc_last") or ""):
            self._set_meta("hlc_last", stamp)

    # -- deletion records -------------------------------------------------------

    def tombstone(self, kind: str, key: str, stamp: str | None = None, *, seen: str, seen_rank: int = 0) -> None:
        """Keep a deletion record for ``kind``/``key``, removing the version stamped ``seen`` (of ``seen_rank``).

        ``stamp`` None means "deleted here, now"; a check-in set aside for a cramp on its
        day passes its own stamp, so every diary writes the same record.
        """
        if stamp is None:
            stamp = self.stamp()
            device, deleted_at = self.device_name(), self.now()
        else:
            device, deleted_at = hlc.parse(stamp)[2], hlc.wall_time(stamp)
        self.keep(Tombstone(kind, key, stamp, device, deleted_at, seen, seen_rank))

    def keep(self, record: Tombstone) -> None:
        """Write ``record`` over any deletion record of the same thing."""
        self.db.execute(
            "INSERT OR REPLACE INTO tombstones (kind, key, hlc, device, deleted_at, seen, seen_rank)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [record.kind, record.key, record.hlc, record.device, utc_stamp(record.deleted_at), record.seen,
             record.seen_rank],
        )

    def untombstone(self, kind: str, key: str) -> None:
        self.db.execute("DELETE FROM tombstones WHERE kind = ? AND key = ?", [kind, key])

    def deletion_order(self, kind: str, key: str) -> tuple[tuple[int, str], str] | None:
        """(newest version removed, stamp) of the deletion record of ``kind``/``key``: which of two records wins."""
        row = self.db.execute(
            f"SELECT seen_rank, {REMOVES_UP_TO}, hlc FROM tombstones WHERE kind = ? AND key = ?", [kind, key]
        ).fetchone()
        return None if row is None else ((int(row[0]), str(row[1])), str(row[2]))

    def tombstones(self) -> list[Tombstone]:
        """Every deletion record, in a fixed order (for export)."""
        return [
            Tombstone(row[0], row[1], row[2], row[3], datetime.fromisoformat(row[4]), row[5], row[6])
            for row in self.db.execute(
                "SELECT kind, key, hlc, device, deleted_at, seen, seen_rank FROM tombstones ORDER BY kind, key"
            )
        ]
