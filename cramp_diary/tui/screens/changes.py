"""Dated changes and, for the one selected, its before/after comparison with the caveat."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from cramp_diary.changes import Change
from cramp_diary.store import DiaryError
from cramp_diary.tui.widgets.key_footer import KeyFooter
from cramp_diary.tui.context import AppContext, context
from cramp_diary.tui.live import FollowsDiary
from cramp_diary.tui.screens.change_form import ChangeForm
from cramp_diary.tui.screens.confirm import ConfirmScreen
from cramp_diary.use_cases.compare import compare_change


def change_prompt(change: Change) -> Text:
    """One row of the list; the name is the person's own text, shown literally."""
    stopped = f" to {change.stopped.isoformat()}" if change.stopped else ", ongoing"
    text = Text(f"{change.name}", style="bold")
    text.append(f"  {change.kind}, from {change.started.isoformat()}{stopped}")
    return text


class ChangesScreen(FollowsDiary, Screen[None]):
    """Add, edit, stop and delete (with undo) the changes; each shows its comparison."""

    CSS_PATH = "changes.tcss"

    BINDINGS = [
        Binding("escape", "back", "Back", tooltip="Back to the diary", id="back"),
        Binding("a", "add", "Add", tooltip="Add something you started or stopped", id="add-change"),
        Binding("e", "edit", "Edit", tooltip="Edit the selected change", id="edit-change"),
        Binding("s", "stop", "Stop today", tooltip="Mark the selected change as stopped today", id="stop-change"),
        Binding("d", "delete", "Delete", tooltip="Delete the selected change (asks first)", id="delete-change"),
        Binding("u", "undo", "Undo", tooltip="Bring back the change deleted last", id="undo-change"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._deleted: list[Change] = []
        self._changes: list[Change] = []

    @property
    def ctx(self) -> AppContext:
        return context(self)

    def compose(self) -> ComposeResult:
        yield Header()
        yield OptionList(id="change-list")
        with VerticalScroll(id="comparison-box"):
            yield Static(id="comparison")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Changes: did it help?"
        self.reload()
        self.query_one(OptionList).focus()
        self.follow_diary()

    def diary_changed(self) -> None:
        """Episodes or changes written elsewhere: the comparison counts them now, the selection stays."""
        selected = self._selected()
        self.reload(keep=selected.id if selected is not None else None)

    def _today(self) -> date:
        return self.ctx.now().date()

    def reload(self, keep: int | None = None) -> None:
        """Read the changes again and keep the selection on ``keep`` (an id) when given."""
        options = self.query_one(OptionList)
        self._changes = self.ctx.diary.changes.all()
        options.clear_options()
        options.add_options([Option(change_prompt(c), id=str(c.id)) for c in self._changes])
        if self._changes:
            ids = [c.id for c in self._changes]
            options.highlighted = ids.index(keep) if keep in ids else len(ids) - 1
        self._show()

    def _selected(self) -> Change | None:
        index = self.query_one(OptionList).highlighted
        return self._changes[index] if index is not None and index < len(self._changes) else None

    @on(OptionList.OptionHighlighted)
    def _highlighted(self) -> None:
        self._show()

    def _show(self) -> None:
        box = self.query_one("#comparison", Static)
        change = self._selected()
        if change is None:
            box.update(
                Text(
                    "No changes yet. Press a to add something you started or stopped, such as magnesium, "
                    "more water or a bedtime stretch, with the day it started. The diary then compares the "
                    "4 weeks before with 4 weeks from two weeks after."
                )
            )
            return
        lines = compare_change(self.ctx.diary, change, self._today()).lines
        text = Text()
        text.append(lines[0] + "\n\n", style="bold")
        for line in lines[1:-1]:
            text.append(line + "\n")
        text.append("\n" + lines[-1], style="italic")
        box.update(text)

    def _save(self, change: Change | None) -> None:
        if change is None:
            return
        diary = self.ctx.diary
        try:
            saved = diary.changes.add(change) if change.id is None else diary.changes.update(change)
        except (DiaryError, ValueError) as error:
            self.notify(f"Not saved: {error}", severity="error", markup=False)
            return
        self.notify(f"Saved {saved.name}.", timeout=3, markup=False)
        self.reload(keep=saved.id)

    def action_add(self) -> None:
        today = self._today()
        self.app.push_screen(ChangeForm(Change("", "habit", today), today, "Add a change"), self._save)

    def action_edit(self) -> None:
        change = self._selected()
        if change is not None:
            self.app.push_screen(ChangeForm(change, self._today(), "Edit the change"), self._save)

    def action_stop(self) -> None:
        change = self._selected()
        if change is None:
            return
        if change.stopped is not None:
            self.notify("That change has already stopped; press e to edit the day.", timeout=4, markup=False)
            return
        self._save(change.with_changes(stopped=self._today()))

    def action_delete(self) -> None:
        change = self._selected()
        if change is None:
            return

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self._deleted.append(self.ctx.diary.changes.delete(change.id))  # type: ignore[arg-type]
            except DiaryError as error:
                self.notify(f"Not deleted: {error}", severity="error", markup=False)
            else:
                self.notify("Deleted. Press u to undo.", timeout=6, markup=False)
            self.reload()

        self.app.push_screen(ConfirmScreen(f"Delete the change {change.name}?", "Delete"), confirmed)

    def action_undo(self) -> None:
        if not self._deleted:
            self.notify("Nothing to undo.", timeout=3, markup=False)
            return
        try:
            restored = self.ctx.diary.changes.restore(self._deleted.pop())
        except DiaryError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.reload(keep=restored.id)

    def action_back(self) -> None:
        self.app.pop_screen()
