"""The form for a medicine: name, class, started (empty: before the diary), stopped, note; no dose."""

from __future__ import annotations

from datetime import date

from cramp_diary.medicines import CLASS_LABELS, Medicine, validate_medicine
from cramp_diary.tui.screens.change_form import DatedForm


class MedicineForm(DatedForm[Medicine]):
    """Returns the checked medicine to save, or None when cancelled. Nothing is written here."""

    labels = (
        "Name",
        "Kind of medicine",
        "Started (2026-09-01, 6 weeks ago; empty: before I kept this diary)",
        "Stopped (a day as above; empty while you take it)",
        "Note (no dose needed)",
    )
    choice_id = "class"
    started_required = False

    def choices(self) -> list[tuple[str, str]]:
        return [(label, key) for key, label in CLASS_LABELS.items()]

    def values(self) -> tuple[str, str, date | None, date | None, str]:
        m = self.record
        return m.name, m.drug_class, m.started, m.stopped, m.note

    def build(self, name: str, choice: str, started: date | None, stopped: date | None, note: str) -> Medicine:
        medicine = self.record.with_fields(name=name, drug_class=choice, started=started, stopped=stopped, note=note)
        return validate_medicine(medicine, self.today)
