"""The diary's clock stamps and deletion records: the one service every synced kind writes through.

Every record (episode, check-in, routine session, dated change) and every deletion
record carries a hybrid logical clock stamp (:mod:`cramp_diary.hlc`). A local change
takes :meth:`Stamps.stamp`, after every stamp this diary has seen; a merged copy is
noted with :meth:`Stamps.seen`, so the next local change orders after it.
"""

from __future__ import annotations

from datetime import datetime

from cramp_diary import hlc
from cramp_diary.clock import Now
from cramp_diary.model import InvalidField
from cramp_diary.records import Tombstone
from cramp_diary.store.db import Db
from cramp_diary.store.schema import utc_stamp


class Stamps:
    """This diary's device name, its last stamp and its deletion records (``meta`` and ``tombstones``)."""

    def __init__(self, db: Db, now: Now) -> None:
        self.db = db
        self.now = now

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
        with self.db.write():
            self._set_meta("device", name)

    def stamp(self) -> str:
        """A fresh stamp for a local change, after every stamp this diary has seen; call inside a write."""
        stamp = hlc.tick(hlc.to_ms(self.now()), self._meta("hlc_last"), self.device_name())
        self._set_meta("hlc_last", stamp)
        return stamp

    def seen(self, stamp: str) -> None:
        """Remember a merged stamp, so the next local change orders after it."""
        if stamp > (self._meta("hlc_last") or ""):
            self._set_meta("hlc_last", stamp)

    # -- deletion records -------------------------------------------------------

    def tombstone(self, kind: str, key: str, stamp: str | None = None) -> None:
        """Keep a deletion record for ``kind``/``key``; ``stamp`` None means "deleted here, now"."""
        if stamp is None:
            stamp = self.stamp()
            device, deleted_at = self.device_name(), self.now()
        else:  # a check-in set aside for a cramp on its day: every diary writes the same record
            device, deleted_at = hlc.parse(stamp)[2], hlc.wall_time(stamp)
        self.keep(Tombstone(kind, key, stamp, device, deleted_at))

    def keep(self, record: Tombstone) -> None:
        """Write ``record`` over any deletion record of the same thing."""
        self.db.execute(
            "INSERT OR REPLACE INTO tombstones (kind, key, hlc, device, deleted_at) VALUES (?, ?, ?, ?, ?)",
            [record.kind, record.key, record.hlc, record.device, utc_stamp(record.deleted_at)],
        )

    def untombstone(self, kind: str, key: str) -> None:
        self.db.execute("DELETE FROM tombstones WHERE kind = ? AND key = ?", [kind, key])

    def deleted_stamp(self, kind: str, key: str) -> str | None:
        """The stamp of the deletion record of ``kind``/``key``, None when there is none."""
        row = self.db.execute("SELECT hlc FROM tombstones WHERE kind = ? AND key = ?", [kind, key]).fetchone()
        return None if row is None else str(row[0])

    def tombstones(self) -> list[Tombstone]:
        """Every deletion record, in a fixed order (for export)."""
        return [
            Tombstone(row[0], row[1], row[2], row[3], datetime.fromisoformat(row[4]))
            for row in self.db.execute("SELECT kind, key, hlc, device, deleted_at FROM tombstones ORDER BY kind, key")
        ]
