"""A row of options, each picked with one key: the fast path for a half-asleep thumb."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


@dataclass(frozen=True)
class Choice:
    key: str
    value: str
    label: str


class ChoiceBar(Widget, can_focus=True):
    """Pick one of a few values by its hotkey, or move with left/right."""

    DEFAULT_CSS = """
    ChoiceBar {
        height: auto;
        width: 1fr;
        padding: 0 1;
    }
    ChoiceBar:focus {
        background: $boost;
    }
    """

    BINDINGS = [
        Binding("left", "move(-1)", "Previous", show=False),
        Binding("right", "move(1)", "Next", show=False),
        Binding("backspace", "clear", "Clear", show=False),
    ]

    value: reactive[str | None] = reactive(None)
    """The chosen value, or None when nothing is chosen yet."""

    @dataclass
    class Changed(Message):
        """The person picked a value (so the form can move on to the next field)."""

        choice_bar: ChoiceBar
        value: str | None

        @property
        def control(self) -> ChoiceBar:
            return self.choice_bar

    def __init__(
        self,
        choices: Sequence[Choice],
        value: str | None = None,
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.choices = tuple(choices)
        self._by_key = {choice.key: choice.value for choice in self.choices}
        self.set_reactive(ChoiceBar.value, value)
        self._spans: list[tuple[int, int, str]] = []

    def render(self) -> Text:
        text = Text()
        self._spans = []
        for choice in self.choices:
            start = text.cell_len
            selected = choice.value == self.value
            # Non-breaking spaces keep each option whole when a narrow terminal wraps the row.
            text.append(f"\u00a0{choice.key}", style="bold" if not selected else "bold reverse")
            text.append(f"\u00a0{choice.label}\u00a0".replace(" ", "\u00a0"), style="reverse" if selected else "")
            self._spans.append((start, text.cell_len, choice.value))
            text.append(" ")
        return text

    def _choose(self, value: str | None) -> None:
        self.value = value
        self.post_message(self.Changed(self, value))

    def on_key(self, event: events.Key) -> None:
        """A hotkey picks its option at once."""
        if event.character is not None and event.character.lower() in self._by_key:
            event.stop()
            event.prevent_default()
            self._choose(self._by_key[event.character.lower()])

    def on_click(self, event: events.Click) -> None:
        x = event.x - self.styles.padding.left
        for start, end, value in self._spans:
            if start <= x < end:
                self._choose(value)

    def action_move(self, step: int) -> None:
        values = [choice.value for choice in self.choices]
        index = values.index(self.value) + step if self.value in values else (0 if step > 0 else -1)
        self._choose(values[index % len(values)])

    def action_clear(self) -> None:
        self._choose(None)
