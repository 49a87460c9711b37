"""A row of options, each picked with one key: the fast path for a half-asleep thumb.

Also the form's tick lists. Both show what is chosen, and where the focus is,
in their characters (``[x]``/``[ ]``, ``[1 calf]``, ``›``), not by colour
alone, so plain text, a screen reader and ``NO_COLOR`` can tell them apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from typing import TypeVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import SelectionList

Value = TypeVar("Value")


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
        padding: 0 1 0 0;
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
        self.next_bar: ChoiceBar | None = None
        """The bar asked next; a key typed for it before the focus got there is passed on."""

    def render(self) -> Text:
        """'› [1 calf]  2 foot ': brackets round the chosen option, › while the bar has the focus."""
        text = Text("›" if self.has_focus else " ", style="bold")
        self._spans = []
        for choice in self.choices:
            start = text.cell_len
            selected = choice.value == self.value
            # Non-breaking spaces keep each option whole when a narrow terminal wraps the row.
            text.append("[" if selected else "\u00a0", style="bold reverse" if selected else "")
            text.append(choice.key, style="bold" if not selected else "bold reverse")
            text.append(f"\u00a0{choice.label}".replace(" ", "\u00a0"), style="reverse" if selected else "")
            text.append("]" if selected else "\u00a0", style="bold reverse" if selected else "")
            self._spans.append((start, text.cell_len, choice.value))
            text.append(" ")
        return text

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def _choose(self, value: str | None) -> None:
        self.value = value
        self.post_message(self.Changed(self, value))

    def pick_key(self, character: str | None) -> bool:
        """Pick the option with this hotkey; False when no option has it."""
        if character is None or character.lower() not in self._by_key:
            return False
        self._choose(self._by_key[character.lower()])
        return True

    def on_key(self, event: events.Key) -> None:
        """A hotkey picks its option at once."""
        following = self.next_bar
        if self.pick_key(event.character) or (
            following is not None and following.value is None and following.pick_key(event.character)
        ):
            event.stop()
            event.prevent_default()

    def on_click(self, event: events.Click) -> None:
        x = event.x
        for start, end, value in self._spans:
            if start <= x < end:
                self._choose(value)

    def action_move(self, step: int) -> None:
        values = [choice.value for choice in self.choices]
        index = values.index(self.value) + step if self.value in values else (0 if step > 0 else -1)
        self._choose(values[index % len(values)])

    def action_clear(self) -> None:
        self._choose(None)


class TickList(SelectionList[Value]):
    """A SelectionList whose boxes read ``[x]`` and ``[ ]``, with ``›`` at the highlighted line while focused.

    Textual draws every box as ``▐X▌`` and tells ticked from unticked only by colour.
    """

    def _get_left_gutter_width(self) -> int:
        return len("›[x] ")

    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        segments = list(line)
        index = self.scroll_offset.y + y
        if index >= self.option_count or len(segments) < 4:
            return line
        option = self.get_option_at_index(index)
        ticked = option.value in self._selected
        style = segments[3].style or Style()
        pointer = "›" if self.has_focus and self.highlighted == index else " "
        box = Style(bold=True) + style + Style(meta={"option": index})  # the meta lets a click tick the box
        return Strip([Segment(pointer, box), Segment("[x]" if ticked else "[ ]", box), *segments[3:]])

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
