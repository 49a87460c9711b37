"""Small modal forms for a dated record: a change (name, kind, started, stopped, note) or a medicine.

:class:`DatedForm` holds what both ask and how a bad value is shown; each form
says its labels, its one choice (a change's kind, a medicine's class) and how
the values become a checked record. Nothing is written here.
"""

from __future__ import annotations

from datetime import date
from typing import Generic, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Button, Input, Label, Select, Static

from cramp_diary.changes import KINDS, Change, validate_change
from cramp_diary.model import InvalidField
from cramp_diary.parsing import parse_day
from cramp_diary.tui.screens.record_form import RecordForm

R = TypeVar("R")
#: The inputs a bad value can be shown beside (others focus the name).
FIELDS = ("name", "started", "stopped", "note")


def _day(field: str, text: str, today: date, required: bool) -> date | None:
    """The one reading of a day (today, 6 weeks ago, last monday, 2026-11-20); empty is None where allowed."""
    if not text.strip() and not required:
        return None
    return parse_day(text, today, field)


class DatedForm(RecordForm["R | None"], Generic[R]):
    """Returns the checked record to save, or None when cancelled."""

    CSS_PATH = "change_form.tcss"

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True, id="save"),
        Binding("escape", "cancel", "Cancel", id="cancel"),
    ]

    labels = (
        "Name",
        "Kind",
        "Started (2026-11-20, today, 6 weeks ago, last monday)",
        "Stopped (a day as above; empty while it goes on)",
        "Note",
    )
    #: The id of the one choice (a change's kind, a medicine's class).
    choice_id = "kind"
    started_required = True

    def __init__(self, record: R, today: date, title: str) -> None:
        super().__init__()
        self.record = record
        self.today = today
        self.title_text = title

    def choices(self) -> list[tuple[str, str]]:
        raise NotImplementedError

    def values(self) -> tuple[str, str, date | None, date | None, str]:
        """The record's name, choice, started, stopped and note, to fill the form."""
        raise NotImplementedError

    def build(self, name: str, choice: str, started: date | None, stopped: date | None, note: str) -> R:
        """The record from the form's values, checked (InvalidField names a bad one)."""
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        name, choice, started, stopped, note = self.values()
        name_label, choice_label, started_label, stopped_label, note_label = self.labels
        with Vertical(id="dialog"):
            yield Static(Text(self.title_text, style="bold"), id="form-title")
            yield Static(Text.assemble(("ctrl+s", "bold"), " save   ", ("esc", "bold"), " cancel   ", ("tab", "bold"), " next field"), id="hint")
            # compact fields: at 80x24 the bordered ones pushed the note, the error and Save off the screen
            yield Label(name_label)
            yield Input(name, id="name", max_length=80, compact=True)
            yield Label(choice_label)
            yield Select(self.choices(), value=choice, allow_blank=False, id=self.choice_id, compact=True)
            yield Label(started_label)
            yield Input(started.isoformat() if started else "", id="started", compact=True)
            yield Label(stopped_label)
            yield Input(stopped.isoformat() if stopped else "", id="stopped", compact=True)
            yield Label(note_label)
            yield Input(note, id="note", compact=True)
            yield Static("", id="error")
            yield Button("Save (ctrl+s)", variant="primary", id="save", compact=True)

    def action_save(self) -> None:
        try:
            record = self.build(
                self._value("name"),
                str(self.query_one(f"#{self.choice_id}", Select).value),
                _day("started", self._value("started"), self.today, required=self.started_required),
                _day("stopped", self._value("stopped"), self.today, required=False),
                self._value("note"),
            )
        except InvalidField as error:
            self.show_error(error, FIELDS, "name")
            return
        self.dismiss(record)


class ChangeForm(DatedForm[Change]):
    """A dated change: something started or stopped."""

    labels = ("Name (what you started or stopped)", "Kind", *DatedForm.labels[2:])

    def choices(self) -> list[tuple[str, str]]:
        return [(kind, kind) for kind in KINDS]

    def values(self) -> tuple[str, str, date | None, date | None, str]:
        c = self.record
        return c.name, c.kind, c.started, c.stopped, c.note

    def build(self, name: str, choice: str, started: date | None, stopped: date | None, note: str) -> Change:
        change = self.record.with_changes(name=name, kind=choice, started=started, stopped=stopped, note=note)
        return validate_change(change, self.today)
