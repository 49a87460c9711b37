"""What every small modal form for a record shares: the name focused first, Save by key or button, Esc cancels,
and a bad value shown under the form with the cursor on its field. Nothing is written here."""

from __future__ import annotations

from typing import TypeVar

from rich.text import Text
from textual import on
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from cramp_diary.model import InvalidField

ResultType = TypeVar("ResultType")


class RecordForm(ModalScreen[ResultType]):
    """A form with an ``#name`` input, an ``#error`` line and a ``#save`` button; subclasses say ``action_save``."""

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def _value(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value

    def show_error(self, error: InvalidField, fields: tuple[str, ...], fallback: str | None = None) -> None:
        """Name the field and what is allowed; focus that field when it is one of ``fields``, else ``fallback``."""
        words = error.field.replace("_", " ").capitalize()
        self.query_one("#error", Static).update(Text(f"{words}: {error.rule}"))
        target = error.field if error.field in fields else fallback
        if target is not None:
            self.query_one(f"#{target}").focus()

    def action_save(self) -> None:
        raise NotImplementedError

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    def action_cancel(self) -> None:
        self.dismiss(None)
