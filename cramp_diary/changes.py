"""Dated changes: something the person started or stopped (a medicine, a supplement, a habit).

A change holds no dose: the diary records what was tried and when, so the
before/after comparison (:mod:`cramp_diary.compare`) can be discussed with a
healthcare provider. It never suggests a medicine, a dose or stopping one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from cramp_diary.model import InvalidField
from cramp_diary.record_fields import (
    Synced, check_name, check_note_and_uuid, check_span, record_day, record_id, synced_from_record, synced_to_record,
)

#: What a change can be; the order is the order forms and help list them in.
KINDS: tuple[str, ...] = ("medicine", "supplement", "habit", "other")


@dataclass(frozen=True, slots=True)
class Change(Synced):
    """Something started on ``started`` (and perhaps stopped on ``stopped``), both local days."""

    name: str
    kind: str
    started: date
    stopped: date | None = None
    note: str = ""

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
    name = check_name(change.name)
    if change.started is None:
        raise InvalidField("started", "must be a day such as 2026-11-20 (got None)")
    check_span(change.started, change.stopped, today)
    note, uuid = check_note_and_uuid(change.note, change.uuid)
    return replace(change, kind=kind, name=name, note=note, uuid=uuid)


def change_to_record(change: Change) -> dict[str, Any]:
    """The change as the export file writes it."""
    return {
        "id": change.id,
        "uuid": change.uuid,
        "kind": change.kind,
        "name": change.name,
        "started": change.started.isoformat(),
        "stopped": change.stopped.isoformat() if change.stopped else None,
        **synced_to_record(change),
    }


def change_from_record(record: dict[str, Any]) -> Change:
    """A change from its export record; :func:`validate_change` still has to check it."""
    raw_id = record_id(record, ("name", "kind", "note", "uuid", "hlc"))
    return Change(
        name=record.get("name") or "",
        kind=record.get("kind") or "",
        started=record_day("started", record.get("started"), required=True),  # type: ignore[arg-type]
        stopped=record_day("stopped", record.get("stopped"), required=False),
        **synced_from_record(record, raw_id),
    )
