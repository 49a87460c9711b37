"""The medicines list: add, edit, stop and delete (with undo); no dose, never advice to stop or change one."""

from __future__ import annotations

from datetime import date

from rich.text import Text

from cramp_diary.medicines import ASK_PROVIDER, CLASS_LABELS, Medicine
from cramp_diary.tui.screens.medicine_form import MedicineForm
from cramp_diary.tui.screens.record_list import RecordList, Repository, record_bindings

#: Shown under the list: what the list is for, and what the diary never does.
ABOUT = (
    "The medicines you take, for the first page of the report. No dose is needed. Water tablets, statins, "
    "beta-blockers and asthma inhalers can make cramps more likely: ask your healthcare provider. Never stop "
    "or change a medicine on your own."
)


class MedicinesScreen(RecordList[Medicine]):
    """The medicines taken now or before; the report's page 1 lists those taken in its period."""

    CSS_PATH = "record_list.tcss"
    heading = "Medicines"
    noun = "medicine"

    BINDINGS = record_bindings(
        "medicine", "Add a medicine you take or took", "Stopped today", "Note that you stopped the selected medicine today"
    )

    def repository(self) -> Repository[Medicine]:
        return self.ctx.diary.medicines

    def prompt(self, medicine: Medicine) -> Text:
        """One row of the list; the name is the person's own text, shown literally."""
        text = Text(medicine.name, style="bold")
        text.append(f"  {CLASS_LABELS[medicine.drug_class]}, {medicine.span}")
        if medicine.may_cause_cramps:
            text.append("  *", style="bold")
        return text

    def details(self, medicine: Medicine | None) -> Text:
        text = Text()
        if medicine is None:
            text.append("No medicines yet. Press a to add one.\n\n")
        else:
            text.append(medicine.label + "\n", style="bold")
            if medicine.may_cause_cramps:
                text.append(f"* {CLASS_LABELS[medicine.drug_class].capitalize()}: {ASK_PROVIDER}.\n")
            if medicine.note:
                text.append(medicine.note + "\n")
            text.append("\n")
        text.append(ABOUT, style="italic")
        return text

    def form(self, medicine: Medicine | None, today: date) -> MedicineForm:
        if medicine is None:
            return MedicineForm(Medicine("", "other"), today, "Add a medicine")
        return MedicineForm(medicine, today, "Edit the medicine")
