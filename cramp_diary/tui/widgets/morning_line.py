"""The one line under the summary that asks about last night: never a dialog in the way of logging a cramp."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class MorningLine(Static):
    """"Last night? k no cramps · n log one", or after a night cramp, how much it disturbed sleep (one key a value)."""

    def ask_last_night(self, unrecorded_days: int | None) -> None:
        """The night is unknown; offer the back-fill too when more than last night is unrecorded."""
        text = Text()
        text.append("Last night? ", style="bold")
        text.append_text(Text.assemble(("k", "bold"), " no cramps · ", ("n", "bold"), " log one"))
        if unrecorded_days is not None and unrecorded_days > 1:
            text.append_text(Text.assemble(" · ", ("b", "bold"), f" mark {unrecorded_days} unrecorded days no-cramp"))
        text.append_text(Text.assemble(" · ", ("x", "bold"), " not now"))
        self._show(text)

    def ask_sleep(self) -> None:
        """After a cramp that woke the person, or a check-in: 0-9 and m (10) answer, x skips."""
        self._show(
            Text.assemble(
                ("Sleep disturbed by cramps last night? ", "bold"),
                ("0", "bold"), " none … ", ("9", "bold"), ", ", ("m", "bold"), " 10 (worst) · ", ("x", "bold"), " not now",
            )
        )

    def hide(self) -> None:
        self.set_class(False, "shown")

    def _show(self, text: Text) -> None:
        self.set_class(True, "shown")
        self.update(text)
