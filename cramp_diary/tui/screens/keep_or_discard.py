"""A three-way question: keep, discard, or decide later (escape changes nothing)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class KeepOrDiscardScreen(ModalScreen[bool | None]):
    """Keep (True), discard (False) or decide later (None) — discarding needs its own key."""

    CSS_PATH = "keep_or_discard.tcss"

    BINDINGS = [
        Binding("enter,k", "answer(True)", "Keep", tooltip="Keep the episode and fill in the form", id="keep"),
        Binding("d", "answer(False)", "Discard", tooltip="Delete the unfinished episode", id="discard"),
        Binding("escape", "answer(None)", "Later", tooltip="Close this question and change nothing", id="later"),
    ]

    def __init__(self, title: str, question: Text, keep: str, discard: str, later: str) -> None:
        super().__init__()
        self.title_text = title
        self.question = question
        self.labels = (keep, discard, later)

    def compose(self) -> ComposeResult:
        keep, discard, later = self.labels
        with Vertical(id="dialog"):
            yield Static(Text(self.title_text, style="bold"), id="dialog-title")
            yield Static(self.question, id="question")
            with Horizontal(id="buttons"):
                yield Button(f"{keep} (enter)", variant="primary", id="keep")
                yield Button(f"{discard} (d)", variant="error", id="discard")
                yield Button(f"{later} (esc)", id="later")

    def on_mount(self) -> None:
        self.query_one("#keep", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        """Buttons answer like their keys, for people who click."""
        self.dismiss({"keep": True, "discard": False}.get(event.button.id or ""))

    def action_answer(self, keep: bool | None) -> None:
        self.dismiss(keep)
