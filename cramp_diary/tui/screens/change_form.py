"""A small modal form for a dated change: name, kind, started, stopped, note."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from cramp_diary.changes import KINDS, Change, validate_change
from cramp_diary.model import InvalidField
from cramp_diary.parsing import parse_day


def _day(field: str, text: str, today: date, required: bool) -> date | None:
    """The one reading of a day (today, 6 weeks ago, last monday, 2026-11-20); empty is None where allowed."""
    if not text.strip() and not required:
        return None
    return parse_day(text, today, field)


class ChangeForm(ModalScreen[Change | None]):
    """Returns the checked change to save, or None when cancelled. Nothing is written here."""

    CSS_PATH = "change_form.tcss"

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True, id="save"),
        Binding("escape", "cancel", "Cancel", id="cancel"),
    ]

    def __init__(self, change: Change, today: date, title: str) -> None:
        super().__init__()
        self.change = change
        self.today = today
        self.title_text = title

    def compose(self) -> ComposeResult:
        c = self.change
        with Vertical(id="dialog"):
            yield Static(Text(self.title_text, style="bold"), id="form-title")
            yield Static(Text.assemble(("ctrl+s", "bold"), " save   ", ("esc", "bold"), " cancel   ", ("tab", "bold"), " next field"), id="hint")
            # compact fields: at 80x24 the bordered ones pushed the note, the error and Save off the screen
            yield Label("Name (what you started or stopped)")
            yield Input(c.name, id="name", max_length=80, compact=True)
            yield Label("Kind")
            yield Select([(kind, kind) for kind in KINDS], value=c.kind, allow_blank=False, id="kind", compact=True)
            yield Label("Started (2026-11-20, today, 6 weeks ago, last monday)")
            yield Input(c.started.isoformat(), id="started", compact=True)
            yield Label("Stopped (a day as above; empty while it goes on)")
            yield Input(c.stopped.isoformat() if c.stopped else "", id="stopped", compact=True)
            yield Label("Note")
            yield Input(c.note, id="note", compact=True)
            yield Static("", id="error")
            yield Button("Save (ctrl+s)", variant="primary", id="save", compact=True)

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def _value(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value

    def action_save(self) -> None:
        try:
            change = self.change.with_changes(
                name=self._value("name"),
                kind=str(self.query_one("#kind", Select).value),
                started=_day("started", self._value("started"), self.today, required=True),
                stopped=_day("stopped", self._value("stopped"), self.today, required=False),
                note=self._value("note"),
            )
            change = validate_change(change, self.today)
        except InvalidField as error:
            self.query_one("#error", Static).update(Text(f"{error.field.capitalize()}: {error.rule}"))
            self.query_one(f"#{error.field}" if error.field in ("name", "started", "stopped", "note") else "#name").focus()
            return
        self.dismiss(change)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    def action_cancel(self) -> None:
        self.dismiss(None)
