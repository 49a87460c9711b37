"""Dated changes: something the person started or stopped (a medicine, a supplement, a habit).

A change holds no dose: the diary records what was tried and when, so the
before/after comparison (:mod:`cramp_diary.compare`) can be discussed with a
healthcare provider. It never suggests a medicine, a dose or stopping one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from cramp_diary.model import MAX_NOTE, InvalidField, _check_text, check_day_in_range, new_uuid, normalise_uuid

#: What a change can be; the order is the order forms and help list them in.
KINDS: tuple[str, ...] = ("medicine", "supplement", "habit", "other")
MAX_NAME = 80
#: A day as files write it: ASCII digits only (fromisoformat alone also takes 20261120).
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True, slots=True)
class Change:
    """Something started on ``started`` (and perhaps stopped on ``stopped``), both local days."""

    name: str
    kind: str
    started: date
    stopped: date | None = None
    note: str = ""
    id: int | None = None
    uuid: str = field(default_factory=new_uuid)
    created_at: datetime | None = None
    updated_at: datetime | None = None
    #: The clock stamp of the last change (see :mod:`cramp_diary.hlc`); empty until the diary saves it.
    hlc: str = ""

    def with_changes(self, **changes: object) -> Change:
        return replace(self, **changes)  # type: ignore[arg-type]

    @property
    def label(self) -> str:
        """'magnesium (supplement, from 2026-09-01 to 2026-10-01)'; the name is the person's own text."""
        span = f"from {self.started.isoformat()}"
        if self.stopped is not None:
            span += f" to {self.stopped.isoformat()}"
        return f"{self.name} ({self.kind}, {span})"


def validate_change(change: Change, today: date) -> Change:
    """The change cleaned and checked, or :class:`InvalidField` naming the field and what is allowed."""
    kind = str(change.kind).strip().lower()
    if kind not in KINDS:
        raise InvalidField("kind", f"must be one of {', '.join(KINDS)} (got {change.kind!r})")
    name = " ".join(_check_text("name", str(change.name), MAX_NAME * 4, multiline=False).split())
    if not name:
        raise InvalidField("name", "must not be empty")
    if len(name) > MAX_NAME:
        raise InvalidField("name", f"must be at most {MAX_NAME} characters (got {len(name)})")
    if not isinstance(change.started, date) or isinstance(change.started, datetime):
        raise InvalidField("started", f"must be a day such as 2026-11-20 (got {change.started!r})")
    check_day_in_range("started", change.started, today)
    if change.stopped is not None:
        if not isinstance(change.stopped, date) or isinstance(change.stopped, datetime):
            raise InvalidField("stopped", f"must be a day such as 2026-11-20 (got {change.stopped!r})")
        check_day_in_range("stopped", change.stopped, today)
        if change.stopped < change.started:
            raise InvalidField(
                "stopped",
                f"must be on or after the day it started, {change.started.isoformat()} (got {change.stopped.isoformat()})",
            )
    note = _check_text("note", str(change.note), MAX_NOTE, multiline=True)
    return replace(change, kind=kind, name=name, note=note, uuid=normalise_uuid(change.uuid))


def change_to_record(change: Change) -> dict[str, Any]:
    """The change as the export file writes it."""
    return {
        "id": change.id,
        "uuid": change.uuid,
        "kind": change.kind,
        "name": change.name,
        "started": change.started.isoformat(),
        "stopped": change.stopped.isoformat() if change.stopped else None,
        "note": change.note,
        "created_at": change.created_at.isoformat(timespec="seconds") if change.created_at else None,
        "updated_at": change.updated_at.isoformat(timespec="seconds") if change.updated_at else None,
        "hlc": change.hlc,
    }


def _day(field_name: str, value: object, required: bool) -> date | None:
    if value in (None, "") and not required:
        return None
    wrong = InvalidField(field_name, f"must be a day written like 2026-11-20 (got {value!r})")
    if not isinstance(value, str) or not _DAY.fullmatch(value):
        raise wrong
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise wrong from None


def _stamp(field_name: str, value: object) -> datetime | None:
    if value in (None, ""):
        return None
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        raise InvalidField(field_name, f"must be a time such as 2026-11-20T08:00:00+00:00 (got {value!r})") from None
    if moment.tzinfo is None:
        raise InvalidField(field_name, "must include a UTC offset")
    return moment


def change_from_record(record: dict[str, Any]) -> Change:
    """A change from its export record; :func:`validate_change` still has to check it."""
    for name in ("name", "kind", "note", "uuid", "hlc"):
        if record.get(name) is not None and not isinstance(record.get(name), str):
            raise InvalidField(name, f"must be text (got {record.get(name)!r})")
    raw_id = record.get("id")
    if raw_id is not None and (isinstance(raw_id, bool) or not isinstance(raw_id, int)):
        raise InvalidField("id", f"must be a whole number (got {raw_id!r})")
    return Change(
        name=record.get("name") or "",
        kind=record.get("kind") or "",
        started=_day("started", record.get("started"), required=True),  # type: ignore[arg-type]
        stopped=_day("stopped", record.get("stopped"), required=False),
        note=record.get("note") or "",
        id=raw_id,
        uuid=record.get("uuid") or "",
        created_at=_stamp("created_at", record.get("created_at")),
        updated_at=_stamp("updated_at", record.get("updated_at")),
        hlc=record.get("hlc") or "",
    )
