"""Dated changes and, for the one selected, its before/after comparison with the caveat."""

from __future__ import annotations

from datetime import date

from rich.text import Text

from cramp_diary.changes import Change
from cramp_diary.tui.screens.change_form import ChangeForm
from cramp_diary.tui.screens.record_list import RecordList, Repository, record_bindings
from cramp_diary.use_cases.compare_change import compare_change


def change_prompt(change: Change) -> Text:
    """One row of the list; the name is the person's own text, shown literally."""
    stopped = f" to {change.stopped.isoformat()}" if change.stopped else ", ongoing"
    text = Text(f"{change.name}", style="bold")
    text.append(f"  {change.kind}, from {change.started.isoformat()}{stopped}")
    return text


class ChangesScreen(RecordList[Change]):
    """Add, edit, stop and delete (with undo) the changes; each shows its comparison."""

    CSS_PATH = "record_list.tcss"
    heading = "Changes: did it help?"
    noun = "change"

    BINDINGS = record_bindings(
        "change", "Add something you started or stopped", "Stop today", "Mark the selected change as stopped today"
    )

    def repository(self) -> Repository[Change]:
        return self.ctx.diary.changes

    def prompt(self, change: Change) -> Text:
        return change_prompt(change)

    def details(self, change: Change | None) -> Text:
        if change is None:
            return Text(
                "No changes yet. Press a to add something you started or stopped, such as magnesium, "
                "more water or a bedtime stretch, with the day it started. The diary then compares the "
                "4 weeks before with 4 weeks from two weeks after."
            )
        lines = compare_change(self.ctx.diary, change, self._today()).lines
        text = Text()
        text.append(lines[0] + "\n\n", style="bold")
        for line in lines[1:-1]:
            text.append(line + "\n")
        text.append("\n" + lines[-1], style="italic")
        return text

    def form(self, change: Change | None, today: date) -> ChangeForm:
        if change is None:
            return ChangeForm(Change("", "habit", today), today, "Add a change")
        return ChangeForm(change, today, "Edit the change")
