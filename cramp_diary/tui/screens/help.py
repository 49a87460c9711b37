"""The ? screen: every key, built from the same bindings the footer shows."""

from __future__ import annotations

from rich.text import Text
from textual.actions import parse as parse_action
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from cramp_diary.tui.context import context


class HelpScreen(ModalScreen[None]):
    """Keys of the screen underneath and of the app, plus how to quick-log at night."""

    CSS_PATH = "help.tcss"
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close", key_display="esc", id="close")]

    def __init__(self, under: Screen[object]) -> None:
        super().__init__()
        self.under = under

    def _works_now(self, binding: Binding) -> bool:
        """Whether the screen underneath takes this key now (the timer's keys change with its phase)."""
        if binding not in self.under.BINDINGS:
            return True
        name, parameters = parse_action(binding.action)[1:]
        return self.under.check_action(name, parameters) is not False

    def _keys(self) -> Text:
        """One line per key that works now; a key the screen uses is not listed again for the app."""
        text = Text()
        seen: set[str] = set()
        taken: set[str] = set()
        for binding in [*self.under.BINDINGS, *self.app.BINDINGS]:
            if not isinstance(binding, Binding) or not binding.description or binding.action in seen:
                continue
            keys = {key.strip() for key in binding.key.split(",")}
            if keys & taken or not self._works_now(binding):
                continue
            seen.add(binding.action)
            taken |= keys
            key = binding.key_display or self.app.get_key_display(binding)
            text.append(f"  {key:<8}", style="bold")
            text.append(f"{binding.tooltip or binding.description}\n")
        return text

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(Text("Keys", style="bold"), classes="title")
            yield Static(self._keys())
            yield Static(Text("Quick log at night", style="bold"), classes="title")
            yield Static(
                Text(
                    "n, then a number for the muscle (1 calf, 2 foot, 3 toes, 4 hamstring, "
                    "5 thigh, 6 other), then l, r or b for the side, then ctrl+s. Between 22:00 "
                    "and 07:00 the form already says it woke you. Fill in the rest in the morning."
                )
            )
            yield Static(Text("Your diary", style="bold"), classes="title")
            yield Static(Text(f"{context(self).diary.path}\nctrl+p opens the command palette."))
            yield Static(Text("esc closes this help.", style="dim"), classes="hint")
