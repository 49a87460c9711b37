"""The medicines list: add, edit, stop and delete (with undo); no dose, never advice to stop or change one."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from cramp_diary.medicines import ASK_PROVIDER, CLASS_LABELS, Medicine
from cramp_diary.store import DiaryError
from cramp_diary.tui.context import AppContext, context
from cramp_diary.tui.screens.confirm import ConfirmScreen
from cramp_diary.tui.screens.medicine_form import MedicineForm

#: Shown under the list: what the list is for, and what the diary never does.
ABOUT = (
    "The medicines you take, for the first page of the report. No dose is needed. Water tablets, statins, "
    "beta-blockers and asthma inhalers can make cramps more likely: ask your healthcare provider. Never stop "
    "or change a medicine on your own."
)


def medicine_prompt(medicine: Medicine) -> Text:
    """One row of the list; the name is the person's own text, shown literally."""
    text = Text(medicine.name, style="bold")
    text.append(f"  {CLASS_LABELS[medicine.drug_class]}, {medicine.span}")
    if medicine.may_cause_cramps:
        text.append("  *", style="bold")
    return text


class MedicinesScreen(Screen[None]):
    """The medicines taken now or before; the report's page 1 lists those taken in its period."""

    CSS_PATH = "medicines.tcss"

    BINDINGS = [
        Binding("escape", "back", "Back", tooltip="Back to the diary", id="back"),
        Binding("a", "add", "Add", tooltip="Add a medicine you take or took", id="add-medicine"),
        Binding("e", "edit", "Edit", tooltip="Edit the selected medicine", id="edit-medicine"),
        Binding("s", "stop", "Stopped today", tooltip="Note that you stopped the selected medicine today", id="stop-medicine"),
        Binding("d", "delete", "Delete", tooltip="Delete the selected medicine (asks first)", id="delete-medicine"),
        Binding("u", "undo", "Undo", tooltip="Bring back the medicine deleted last", id="undo-medicine"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._deleted: list[Medicine] = []
        self._medicines: list[Medicine] = []

    @property
    def ctx(self) -> AppContext:
        return context(self)

    def compose(self) -> ComposeResult:
        yield Header()
        yield OptionList(id="medicine-list")
        with VerticalScroll(id="medicine-box"):
            yield Static(id="medicine-detail")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Medicines"
        self.reload()
        self.query_one(OptionList).focus()

    def _today(self) -> date:
        return self.ctx.now().date()

    def reload(self, keep: int | None = None) -> None:
        """Read the list again and keep the selection on ``keep`` (an id) when given."""
        options = self.query_one(OptionList)
        self._medicines = self.ctx.diary.medicines.all()
        options.clear_options()
        options.add_options([Option(medicine_prompt(m), id=str(m.id)) for m in self._medicines])
        if self._medicines:
            ids = [m.id for m in self._medicines]
            options.highlighted = ids.index(keep) if keep in ids else len(ids) - 1
        self._show()

    def _selected(self) -> Medicine | None:
        index = self.query_one(OptionList).highlighted
        return self._medicines[index] if index is not None and index < len(self._medicines) else None

    @on(OptionList.OptionHighlighted)
    def _highlighted(self) -> None:
        self._show()

    def _show(self) -> None:
        medicine = self._selected()
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
        self.query_one("#medicine-detail", Static).update(text)

    def _save(self, medicine: Medicine | None) -> None:
        if medicine is None:
            return
        medicines = self.ctx.diary.medicines
        try:
            saved = medicines.add(medicine) if medicine.id is None else medicines.update(medicine)
        except (DiaryError, ValueError) as error:
            self.notify(f"Not saved: {error}", severity="error", markup=False)
            return
        self.notify(f"Saved {saved.name}.", timeout=3, markup=False)
        self.reload(keep=saved.id)

    def action_add(self) -> None:
        today = self._today()
        self.app.push_screen(MedicineForm(Medicine("", "other"), today, "Add a medicine"), self._save)

    def action_edit(self) -> None:
        medicine = self._selected()
        if medicine is not None:
            self.app.push_screen(MedicineForm(medicine, self._today(), "Edit the medicine"), self._save)

    def action_stop(self) -> None:
        medicine = self._selected()
        if medicine is None:
            return
        if medicine.stopped is not None:
            self.notify("That medicine already has a day it stopped; press e to edit it.", timeout=4)
            return
        self._save(medicine.with_fields(stopped=self._today()))

    def action_delete(self) -> None:
        medicine = self._selected()
        if medicine is None:
            return

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self._deleted.append(self.ctx.diary.medicines.delete(medicine.id))  # type: ignore[arg-type]
            except DiaryError as error:
                self.notify(f"Not deleted: {error}", severity="error", markup=False)
            else:
                self.notify("Deleted. Press u to undo.", timeout=6)
            self.reload()

        self.app.push_screen(ConfirmScreen(f"Delete {medicine.name} from the list?", "Delete"), confirmed)

    def action_undo(self) -> None:
        if not self._deleted:
            self.notify("Nothing to undo.", timeout=3)
            return
        try:
            restored = self.ctx.diary.medicines.restore(self._deleted.pop())
        except DiaryError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.reload(keep=restored.id)

    def action_back(self) -> None:
        self.app.pop_screen()
