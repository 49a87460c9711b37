"""A small modal form for a medicine: name, class, started (or before the diary), stopped, note."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from cramp_diary.medicines import CLASS_LABELS, Medicine, validate_medicine
from cramp_diary.model import InvalidField
from cramp_diary.tui.screens.change_form import _day

FIELDS = ("name", "started", "stopped", "note")


class MedicineForm(ModalScreen[Medicine | None]):
    """Returns the checked medicine to save, or None when cancelled. Nothing is written here."""

    CSS_PATH = "change_form.tcss"

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True, id="save"),
        Binding("escape", "cancel", "Cancel", id="cancel"),
    ]

    def __init__(self, medicine: Medicine, today: date, title: str) -> None:
        super().__init__()
        self.medicine = medicine
        self.today = today
        self.title_text = title

    def compose(self) -> ComposeResult:
        m = self.medicine
        with Vertical(id="dialog"):
            yield Static(Text(self.title_text, style="bold"), id="form-title")
            yield Label("Name")
            yield Input(m.name, id="name", max_length=80)
            yield Label("Kind of medicine")
            yield Select([(label, key) for key, label in CLASS_LABELS.items()], value=m.drug_class, allow_blank=False, id="class")
            yield Label("Started (YYYY-MM-DD; empty: before I kept this diary)")
            yield Input(m.started.isoformat() if m.started else "", id="started")
            yield Label("Stopped (YYYY-MM-DD; empty while you take it)")
            yield Input(m.stopped.isoformat() if m.stopped else "", id="stopped")
            yield Label("Note (no dose needed)")
            yield Input(m.note, id="note")
            yield Static("", id="error")
            yield Button("Save (ctrl+s)", variant="primary", id="save")

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def _value(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value

    def action_save(self) -> None:
        try:
            medicine = self.medicine.with_fields(
                name=self._value("name"),
                drug_class=str(self.query_one("#class", Select).value),
                started=_day("started", self._value("started"), required=False),
                stopped=_day("stopped", self._value("stopped"), required=False),
                note=self._value("note"),
            )
            medicine = validate_medicine(medicine, self.today)
        except InvalidField as error:
            self.query_one("#error", Static).update(Text(f"{error.field.capitalize()}: {error.rule}"))
            self.query_one(f"#{error.field}" if error.field in FIELDS else "#name").focus()
            return
        self.dismiss(medicine)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    def action_cancel(self) -> None:
        self.dismiss(None)
