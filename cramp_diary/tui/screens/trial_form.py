"""A small modal form to plan a trial: what, what kind, block length, pairs, washout and the first day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from cramp_diary.model import InvalidField
from cramp_diary.record_fields import record_day as read_day
from cramp_diary.trial import (
    DEFAULT_BLOCK_DAYS,
    DEFAULT_PAIRS,
    DEFAULT_WASHOUT_DAYS,
    KINDS,
    plan_trial,
)
from cramp_diary.tui.screens.record_form import RecordForm


@dataclass(frozen=True)
class TrialRequest:
    """What the person asked for, checked; the screen saves it (the order is drawn then)."""

    name: str
    kind: str
    block_days: int
    pairs: int
    washout_days: int
    first_day: date
    one_block_at_a_time: bool


def _whole(field: str, text: str) -> int:
    cleaned = text.strip()
    if not cleaned.isascii() or not cleaned.isdigit():
        raise InvalidField(field, f"must be a whole number (got {text!r})")
    return int(cleaned)


class TrialForm(RecordForm[TrialRequest | None]):
    """Returns the checked request, or None when cancelled. Nothing is written here."""

    CSS_PATH = "trial_form.tcss"

    BINDINGS = [
        Binding("ctrl+s", "save", "Start", priority=True, id="save"),
        Binding("escape", "cancel", "Cancel", id="cancel"),
    ]

    def __init__(self, today: date, first_day: date) -> None:
        super().__init__()
        self.today = today
        self.first_day = first_day

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text("Plan a trial", style="bold"), id="form-title")
            yield Label("What you will try (e.g. stretch before bed)")
            yield Input(id="name", max_length=80, compact=True)
            yield Label("Kind (a medicine is planned with your provider, not here)")
            yield Select([(kind, kind) for kind in KINDS], value="habit", allow_blank=False, id="kind", compact=True)
            with Horizontal(id="shape"):
                for field, words, value in (
                    ("block_days", "Days a block", DEFAULT_BLOCK_DAYS),
                    ("pairs", "Pairs", DEFAULT_PAIRS),
                    ("washout_days", "Washout days", DEFAULT_WASHOUT_DAYS),
                ):
                    with Vertical(classes="number"):
                        yield Label(words)
                        yield Input(str(value), id=field, compact=True, type="integer")
            yield Label("First night, as the day it ends on (YYYY-MM-DD)")
            yield Input(self.first_day.isoformat(), id="start", compact=True)
            yield Checkbox("Show each block only when it begins", id="one_block_at_a_time", compact=True)
            yield Static("", id="error")
            yield Button("Start (ctrl+s)", variant="primary", id="save", compact=True)

    def action_save(self) -> None:
        try:
            request = TrialRequest(
                name=self._value("name"),
                kind=str(self.query_one("#kind", Select).value),
                block_days=_whole("block_days", self._value("block_days")),
                pairs=_whole("pairs", self._value("pairs")),
                washout_days=_whole("washout_days", self._value("washout_days")),
                first_day=read_day("start", self._value("start").strip(), required=True),  # type: ignore[arg-type]
                one_block_at_a_time=self.query_one("#one_block_at_a_time", Checkbox).value,
            )
            plan_trial(  # checked here so the form can name the field; the screen draws the real order
                request.name, request.kind, self.today, block_days=request.block_days, pairs=request.pairs,
                washout_days=request.washout_days, start=request.first_day, seed=0,
            )
        except InvalidField as error:
            self.show_error(error, ("name", "block_days", "pairs", "washout_days", "start"))
            return
        self.dismiss(request)

