"""Medicines (name, class, started or "before the diary", stopped): saved, read, deleted and undone; a synced kind."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from cramp_diary.medicines import Medicine, medicine_to_record, validate_medicine
from cramp_diary.store.dated_records import DatedRecords
from cramp_diary.store.db import Db
from cramp_diary.store.synced import SyncedKind, incoming, record_row, write_row


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


def _write(db: Db, medicine: Medicine, rowid: int | None, now: datetime) -> int:
    return write_row(db, "medicines", medicine, record_row(medicine, medicine_to_record, now), rowid)


def _export(db: Db) -> list[Medicine]:
    return [_medicine(row) for row in db.query("SELECT * FROM medicines ORDER BY started IS NOT NULL, started, id")]


def _prepare(medicine: Medicine, now: datetime) -> Medicine:
    """Checked like a new medicine; an old copy gets a stamp from its last edit; ids are this diary's own."""
    medicine = validate_medicine(medicine, now.date())
    return incoming(medicine)


MEDICINES: SyncedKind[Medicine] = SyncedKind(
    name="medicine", noun="medicine", table="medicines", key_column="uuid", key=lambda m: m.uuid,
    write=_write, export=_export, prepare=_prepare,
)


class Medicines(DatedRecords[Medicine]):
    """The diary's medicines list; each write is one transaction."""

    kind = MEDICINES
    from_row = staticmethod(_medicine)
    to_record = staticmethod(medicine_to_record)
    validate = staticmethod(validate_medicine)
