"""What the dated records (changes, medicines, trials) share: the fields every synced record carries, the
checks of a name and a span of days, and how an export file writes and reads those fields, so each rule has one home."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any, Self

from cramp_diary.model import MAX_NOTE, InvalidField, _check_text, check_day_in_range, new_uuid, normalise_uuid

MAX_NAME = 80
#: A day as files write it: ASCII digits only (fromisoformat alone also takes 20261120).
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True, slots=True, kw_only=True)
class Synced:
    """The fields a record that syncs carries besides its own: row id, uuid, stamps and clock stamp (keyword only)."""

    id: int | None = None
    uuid: str = field(default_factory=new_uuid)
    created_at: datetime | None = None
    updated_at: datetime | None = None
    #: The clock stamp of the last change (see :mod:`cramp_diary.hlc`); empty until the diary saves it.
    hlc: str = ""

    def with_changes(self, **changes: Any) -> Self:
        """A copy with ``changes`` made: how the store's shared code copies every synced kind."""
        return replace(self, **changes)


def check_name(value: object) -> str:
    """A change's, a medicine's or a trial's name, spaces tidied, not empty and not too long."""
    name = " ".join(_check_text("name", str(value), MAX_NAME * 4, multiline=False).split())
    if not name:
        raise InvalidField("name", "must not be empty")
    if len(name) > MAX_NAME:
        raise InvalidField("name", f"must be at most {MAX_NAME} characters (got {len(name)})")
    return name


def check_span(started: date | None, stopped: date | None, today: date) -> None:
    """Both days real whole days, none in the future, the stop not before the start (a start may be unknown)."""
    for field_name, day in (("started", started), ("stopped", stopped)):
        if day is None:
            continue
        if not isinstance(day, date) or isinstance(day, datetime):
            raise InvalidField(field_name, f"must be a day such as 2026-11-20 (got {day!r})")
        check_day_in_range(field_name, day, today)
    if started is not None and stopped is not None and stopped < started:
        raise InvalidField(
            "stopped", f"must be on or after the day it started, {started.isoformat()} (got {stopped.isoformat()})"
        )


def check_note_and_uuid(note: object, uuid: object) -> tuple[str, str]:
    """The note checked and the uuid in its one spelling (see :func:`normalise_uuid`), or InvalidField."""
    return _check_text("note", str(note), MAX_NOTE, multiline=True), normalise_uuid(uuid)


def record_day(field_name: str, value: object, required: bool) -> date | None:
    if value in (None, "") and not required:
        return None
    wrong = InvalidField(field_name, f"must be a day written like 2026-11-20 (got {value!r})")
    if not isinstance(value, str) or not _DAY.fullmatch(value):
        raise wrong
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise wrong from None


def record_stamp(field_name: str, value: object) -> datetime | None:
    if value in (None, ""):
        return None
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        raise InvalidField(field_name, f"must be a time such as 2026-11-20T08:00:00+00:00 (got {value!r})") from None
    if moment.tzinfo is None:
        raise InvalidField(field_name, "must include a UTC offset")
    return moment


def record_id(record: dict[str, Any], texts: tuple[str, ...]) -> int | None:
    """An export record's ``texts`` fields checked to be text, and its id (a whole number or none)."""
    for name in texts:
        if record.get(name) is not None and not isinstance(record.get(name), str):
            raise InvalidField(name, f"must be text (got {record.get(name)!r})")
    raw_id = record.get("id")
    if raw_id is not None and (isinstance(raw_id, bool) or not isinstance(raw_id, int)):
        raise InvalidField("id", f"must be a whole number (got {raw_id!r})")
    return raw_id


def synced_to_record(record: Any) -> dict[str, Any]:
    """A record's note, stamps and clock stamp as the export file writes them (after its own fields)."""
    return {
        "note": record.note,
        "created_at": record.created_at.isoformat(timespec="seconds") if record.created_at else None,
        "updated_at": record.updated_at.isoformat(timespec="seconds") if record.updated_at else None,
        "hlc": record.hlc,
    }


def synced_from_record(record: dict[str, Any], raw_id: int | None) -> dict[str, Any]:
    """The note, id, uuid, stamps and clock stamp of an export record, as keyword arguments for the record's class."""
    return {
        "note": record.get("note") or "",
        "id": raw_id,
        "uuid": record.get("uuid") or "",
        "created_at": record_stamp("created_at", record.get("created_at")),
        "updated_at": record_stamp("updated_at", record.get("updated_at")),
        "hlc": record.get("hlc") or "",
    }
