"""Medicines (name, class, started or "before the diary", stopped): saved, read, deleted and undone; a synced kind."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from cramp_diary import hlc
from cramp_diary.clock import Now
from cramp_diary.medicines import Medicine, medicine_to_record, validate_medicine
from cramp_diary.store.db import Db
from cramp_diary.store.schema import DiaryError, utc_stamp
from cramp_diary.store.stamps import Stamps
from cramp_diary.store.synced import SyncedKind, SyncedRecords, id_if_free


def _medicine(row: Any) -> Medicine:
    return Medicine(
        id=int(row["id"]),
        uuid=str(row["uuid"]),
        name=str(row["name"]),
        drug_class=str(row["class"]),
        started=date.fromisoformat(row["started"]) if row["started"] else None,
        stopped=date.fromisoformat(row["stopped"]) if row["stopped"] else None,
        note=str(row["note"]),
        created_at=datetime.fromisoformat(row["created_at"]),
        updated_at=datetime.fromisoformat(row["updated_at"]),
        hlc=str(row["hlc"]),
    )


def _row(medicine: Medicine, now: datetime) -> dict[str, object]:
    """The medicines row: the export record's fields (the row's own id aside), times in UTC."""
    row = medicine_to_record(medicine)
    del row["id"]
    row.update(created_at=utc_stamp(medicine.created_at or now), updated_at=utc_stamp(medicine.updated_at or now))
    return row


def _write(db: Db, medicine: Medicine, rowid: int | None, now: datetime) -> int:
    row = _row(medicine, now)
    if rowid is None:
        return int(db.table("medicines").insert({**row, **id_if_free(db, "medicines", medicine)}).last_pk)  # type: ignore[arg-type]
    del row["created_at"]  # a newer copy merged in: the medicine was still first noted when it was first noted here
    db.table("medicines").update(rowid, row)
    return rowid


def _export(db: Db) -> list[Medicine]:
    return [_medicine(row) for row in db.query("SELECT * FROM medicines ORDER BY started IS NOT NULL, started, id")]


def _prepare(medicine: Medicine, now: datetime) -> Medicine:
    """Checked like a new medicine; an old copy gets a stamp from its last edit; ids are this diary's own."""
    medicine = validate_medicine(medicine, now.date())
    return medicine.with_fields(hlc=medicine.hlc or hlc.from_legacy(medicine.updated_at), id=None)


MEDICINES: SyncedKind[Medicine] = SyncedKind(
    name="medicine", noun="medicine", table="medicines", key_column="uuid", key=lambda m: m.uuid,
    write=_write, export=_export, prepare=_prepare,
)


class Medicines:
    """The diary's medicines list; each write is one transaction."""

    def __init__(self, db: Db, now: Now, stamps: Stamps, synced: SyncedRecords) -> None:
        self.db = db
        self.now = now
        self.stamps = stamps
        self.synced = synced

    def add(self, medicine: Medicine) -> Medicine:
        """Validate and save a new medicine; it is on disk when this returns."""
        now = self.now()
        medicine = validate_medicine(medicine.with_fields(id=None, created_at=now, updated_at=now), now.date())
        with self.db.write():
            medicine_id = _write(self.db, medicine.with_fields(hlc=self.stamps.stamp()), None, now)
        return self.get(medicine_id)  # type: ignore[return-value]

    def update(self, medicine: Medicine) -> Medicine:
        """Save an edit; its time decides which copy wins when diaries merge."""
        if medicine.id is None:
            raise DiaryError("a medicine must be saved before it can be edited")
        now = self.now()
        medicine = validate_medicine(medicine.with_fields(updated_at=now), now.date())
        with self.db.write():
            found = self.db.execute("SELECT created_at FROM medicines WHERE id = ?", [medicine.id]).fetchone()
            if found is None:
                raise DiaryError(f"medicine {medicine.id} does not exist")
            row = _row(medicine.with_fields(hlc=self.stamps.stamp()), now)
            row["created_at"] = found[0]
            self.db.table("medicines").update(medicine.id, row)
        return self.get(medicine.id)  # type: ignore[return-value]

    def get(self, medicine_id: int) -> Medicine | None:
        rows = list(self.db.query("SELECT * FROM medicines WHERE id = ?", [medicine_id]))
        return _medicine(rows[0]) if rows else None

    def all(self) -> list[Medicine]:
        """Every medicine, those taken since before the diary first, then by the day started."""
        return _export(self.db)

    def delete(self, medicine_id: int) -> Medicine:
        """Remove a medicine and hand it back, so the caller can offer undo."""
        with self.db.write():
            medicine = self.get(medicine_id)
            if medicine is None:
                raise DiaryError(f"medicine {medicine_id} does not exist")
            self.synced.remove(MEDICINES, medicine.uuid)
        return medicine

    def restore(self, medicine: Medicine) -> Medicine:
        """Put back a deleted medicine exactly as it was, same id where free."""
        now = self.now()
        medicine = validate_medicine(medicine, now.date())
        with self.db.write():
            medicine_id = self.synced.restore(MEDICINES, medicine, now)
        return self.get(medicine_id)  # type: ignore[return-value]
