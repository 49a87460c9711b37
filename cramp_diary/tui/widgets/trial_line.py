"""Home's line about a running trial: tonight's block and, in the morning, whether last night followed the plan.

Hidden when there is no trial. The words come from :mod:`cramp_diary.trial_actions`;
the trial's name is the person's own text, so it is only ever put in a ``Text``.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class TrialLine(Static):
    """One or two lines: "Trial 'x': WITH, day 5 of 14 (pair 2 of 3)" and the plan question with its keys."""

    def show(self, status: str | None, question: str | None) -> None:
        """Show ``status`` (and ``question`` with its keys), or hide the line when there is no trial."""
        self.set_class(status is not None, "shown")
        if status is None:
            self.update("")
            return
        text = Text(status, style="bold")
        if question is not None:
            text.append("\n" + question + " ")
            text.append_text(Text.assemble(("y", "bold"), " yes · ", ("o", "bold"), " off plan · ", ("x", "bold"), " not now"))
        else:
            text.append("  (T: trial)", style="dim")
        self.update(text)
