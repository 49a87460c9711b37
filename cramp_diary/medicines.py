"""The medicines a person takes: name, class, when started (or "before the diary") and stopped.

A GP reading the report needs every medicine taken during the period, not only
the ones started or stopped inside it. The classes are the kinds the
references name as able to make cramps more likely (water tablets/diuretics,
statins, beta-blockers, certain asthma drugs), plus "other". The diary holds
no dose and never suggests starting, stopping or changing a medicine: a named
class is only marked "can cause cramps: ask your provider".
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from cramp_diary.model import InvalidField
from cramp_diary.record_fields import (
    Synced, check_name, check_note_and_uuid, check_span, record_day, record_id, synced_from_record, synced_to_record,
)

#: The classes a person picks from, in the order forms and help list them.
CLASSES: tuple[str, ...] = ("diuretic", "statin", "beta-blocker", "asthma-inhaler", "other")
#: How each class reads on screen and in the report.
CLASS_LABELS: dict[str, str] = {
    "diuretic": "water tablet (diuretic)",
    "statin": "statin",
    "beta-blocker": "beta-blocker",
    "asthma-inhaler": "asthma inhaler",
    "other": "other",
}
#: The classes the references name as able to make cramps more likely.
CAN_CAUSE_CRAMPS: frozenset[str] = frozenset({"diuretic", "statin", "beta-blocker", "asthma-inhaler"})
#: The one sentence beside such a medicine: a question for the provider, never advice to stop or change it.
ASK_PROVIDER = "can cause cramps: ask your provider"
#: How a medicine started before the diary reads where a day would be.
BEFORE_DIARY = "before the diary"


@dataclass(frozen=True, slots=True)
class Medicine(Synced):
    """A medicine taken from ``started`` (None: since before the diary) to ``stopped`` (None: still taken)."""

    name: str
    drug_class: str
    started: date | None = None
    stopped: date | None = None
    note: str = ""

    def with_fields(self, **fields: object) -> Medicine:
        return replace(self, **fields)  # type: ignore[arg-type]

    @property
    def may_cause_cramps(self) -> bool:
        return self.drug_class in CAN_CAUSE_CRAMPS

    @property
    def span(self) -> str:
        """'since before the diary', 'from 2026-09-01', 'from 2026-09-01 to 2026-10-01'."""
        start = "since before the diary" if self.started is None else f"from {self.started.isoformat()}"
        return start if self.stopped is None else f"{start} to {self.stopped.isoformat()}"

    @property
    def label(self) -> str:
        """'Bendroflumethiazide (water tablet (diuretic), since before the diary)'; the name is the person's text."""
        return f"{self.name} ({CLASS_LABELS[self.drug_class]}, {self.span})"

    def taken_during(self, first: date, last: date) -> bool:
        """Taken on at least one day of the period (a medicine started before the diary counts from the start)."""
        began = self.started is None or self.started <= last
        return began and (self.stopped is None or self.stopped >= first)


def check_class(value: str) -> str:
    """A class as a person typed it ('Beta blocker', 'water-tablet'), or InvalidField naming the choices."""
    cleaned = "-".join(str(value).strip().lower().replace("_", " ").split())
    cleaned = {"water-tablet": "diuretic", "beta-blockers": "beta-blocker", "inhaler": "asthma-inhaler"}.get(
        cleaned, cleaned
    )
    if cleaned not in CLASSES:
        raise InvalidField("class", f"must be one of {', '.join(CLASSES)} (got {value!r})")
    return cleaned


def validate_medicine(medicine: Medicine, today: date) -> Medicine:
    """The medicine cleaned and checked, or :class:`InvalidField` naming the field and what is allowed."""
    name = check_name(medicine.name)
    drug_class = check_class(medicine.drug_class)
    check_span(medicine.started, medicine.stopped, today)
    note, uuid = check_note_and_uuid(medicine.note, medicine.uuid)
    return replace(medicine, name=name, drug_class=drug_class, note=note, uuid=uuid)


def medicine_to_record(medicine: Medicine) -> dict[str, Any]:
    """The medicine as the export file writes it (``started`` null: since before the diary)."""
    return {
        "id": medicine.id,
        "uuid": medicine.uuid,
        "name": medicine.name,
        "class": medicine.drug_class,
        "started": medicine.started.isoformat() if medicine.started else None,
        "stopped": medicine.stopped.isoformat() if medicine.stopped else None,
        **synced_to_record(medicine),
    }


def medicine_from_record(record: dict[str, Any]) -> Medicine:
    """A medicine from its export record; :func:`validate_medicine` still has to check it."""
    raw_id = record_id(record, ("name", "class", "note", "uuid", "hlc"))
    return Medicine(
        name=record.get("name") or "",
        drug_class=record.get("class") or "",
        started=record_day("started", record.get("started"), required=False),
        stopped=record_day("stopped", record.get("stopped"), required=False),
        **synced_from_record(record, raw_id),
    )


def taken_during(medicines: list[Medicine], first: date, last: date) -> list[Medicine]:
    """Those taken at any time in the period, the ones the references name first, then by name."""
    found = [medicine for medicine in medicines if medicine.taken_during(first, last)]
    return sorted(found, key=lambda m: (not m.may_cause_cramps, m.name.lower()))


def medicine_line(medicine: Medicine) -> str:
    """One medicine for page 1: its label, and the question to ask when the references name its class."""
    ask = f": {ASK_PROVIDER}" if medicine.may_cause_cramps else ""
    return f"{medicine.label}{ask}"
