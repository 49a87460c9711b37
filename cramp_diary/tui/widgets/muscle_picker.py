"""The cramp timer's two questions, in large print: which muscle, then which leg.

The keys themselves are the timer screen's bindings (so the footer, the help
and the command palette list them); this widget shows the questions and the
menus that name those keys.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import ContentSwitcher, Static

#: The picker's keys, in the order the picker lists them.
MUSCLE_KEYS: dict[str, str] = {"1": "calf", "2": "foot", "3": "toes", "4": "hamstring", "5": "thigh", "0": "bedtime"}
SIDE_KEYS: dict[str, str] = {"l": "left", "r": "right", "b": "both"}


def muscle_menu(last_muscle: str | None) -> Text:
    """Each muscle's key; enter repeats the last cramp's muscle when there was one."""
    menu = Text()
    for key, muscle in MUSCLE_KEYS.items():
        label = "bedtime stretches (both legs, before sleep)" if muscle == "bedtime" else muscle
        menu.append(f"  {key}  ", style="bold")
        menu.append(f"{label}\n")
    if last_muscle:
        menu.append("\n  enter  ", style="bold")
        menu.append(f"{last_muscle} again (your last cramp)\n")
    return menu


def side_menu() -> Text:
    menu = Text()
    for key, side in SIDE_KEYS.items():
        menu.append(f"  {key}  ", style="bold")
        menu.append(f"{side}   ")
    return menu


def earlier_text(seconds: int) -> Text:
    """The "began earlier" field: how long before now the cramp began, and the key that adds a minute."""
    text = Text()
    text.append("  e  ", style="bold")
    if seconds:
        minutes = seconds // 60
        text.append(f"began {minutes} min ago", style="bold")
        text.append(" (press again for one more minute)")
    else:
        text.append("it began a minute ago (press again for more)")
    return text


class MusclePicker(ContentSwitcher):
    """Shows the muscle question, or the side question for the muscle just picked."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(initial="pick-muscle", id=id)

    def compose(self) -> ComposeResult:
        with Vertical(id="pick-muscle", classes="picker"):
            yield Static(Text("Where is the cramp?"), classes="question")
            yield Static(id="muscle-menu", classes="menu")
            yield Static(earlier_text(0), classes="earlier")
        with Vertical(id="pick-side", classes="picker"):
            yield Static(id="side-question", classes="question")
            yield Static(side_menu(), classes="menu")
            yield Static(earlier_text(0), classes="earlier")

    def ask_muscle(self, last_muscle: str | None) -> None:
        self.query_one("#muscle-menu", Static).update(muscle_menu(last_muscle))
        self.current = "pick-muscle"

    def show_earlier(self, seconds: int) -> None:
        for note in self.query(".earlier").results(Static):
            note.update(earlier_text(seconds))

    def ask_side(self, muscle: str) -> None:
        self.query_one("#side-question", Static).update(Text(f"{muscle.capitalize()}: which leg?"))
        self.current = "pick-side"
