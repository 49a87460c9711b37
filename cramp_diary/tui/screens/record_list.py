"""A list of dated records over a details box: add, edit, stopped today, delete with undo.

The dated changes and the medicines are both records that start and may stop,
kept by a repository with ``all``/``add``/``update``/``delete``/``restore``;
each screen says only what differs (its words, its form, its details).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any, Generic, Protocol, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from cramp_diary.store import DiaryError
from cramp_diary.tui.context import AppContext, context
from cramp_diary.tui.live import FollowsDiary
from cramp_diary.tui.screens.confirm import ConfirmScreen
from cramp_diary.tui.widgets.key_footer import KeyFooter

class Dated(Protocol):
    """A record that starts and may stop: a dated change, a medicine."""

    @property
    def id(self) -> int | None: ...
    @property
    def name(self) -> str: ...
    @property
    def stopped(self) -> date | None: ...


R = TypeVar("R", bound=Dated)


def record_bindings(noun: str, add_tip: str, stop_label: str, stop_tip: str) -> list[Binding]:
    """The keys every record list has, their ids named for its ``noun`` (the help and the tests find them so)."""
    return [
        Binding("escape", "back", "Back", tooltip="Back to the diary", id="back"),
        Binding("a", "add", "Add", tooltip=add_tip, id=f"add-{noun}"),
        Binding("e", "edit", "Edit", tooltip=f"Edit the selected {noun}", id=f"edit-{noun}"),
        Binding("s", "stop", stop_label, tooltip=stop_tip, id=f"stop-{noun}"),
        Binding("d", "delete", "Delete", tooltip=f"Delete the selected {noun} (asks first)", id=f"delete-{noun}"),
        Binding("u", "undo", "Undo", tooltip=f"Bring back the {noun} deleted last", id=f"undo-{noun}"),
    ]


class Repository(Protocol[R]):
    """What a list screen needs of the diary's repository for its kind."""

    def all(self) -> list[R]: ...
    def add(self, record: R) -> R: ...
    def update(self, record: R) -> R: ...
    def delete(self, record_id: int) -> R: ...
    def restore(self, record: R) -> R: ...


class RecordList(FollowsDiary, Screen[None], Generic[R]):
    """The shared list: subclasses name the repository, the row, the details, the form and the words."""

    #: The sub-title, and the noun in messages ("change", "medicine").
    heading = ""
    noun = ""

    def __init__(self) -> None:
        super().__init__()
        self._deleted: list[R] = []
        self._records: list[R] = []

    # -- what each kind says ------------------------------------------------------

    def repository(self) -> Repository[R]:
        raise NotImplementedError

    def prompt(self, record: R) -> Text:
        raise NotImplementedError

    def details(self, record: R | None) -> Text:
        raise NotImplementedError

    def form(self, record: R | None, today: date) -> ModalScreen[Any]:
        """The form to add (``record`` None) or edit one."""
        raise NotImplementedError

    # -- the list -------------------------------------------------------------------

    @property
    def ctx(self) -> AppContext:
        return context(self)

    def compose(self) -> ComposeResult:
        yield Header()
        yield OptionList(id="record-list")
        with VerticalScroll(id="record-box"):
            yield Static(id="record-detail")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.sub_title = self.heading
        self.reload()
        self.query_one(OptionList).focus()
        self.follow_diary()

    def diary_changed(self) -> None:
        """Records written elsewhere (another shell, a sync): shown now, the selection kept."""
        selected = self._selected()
        self.reload(keep=selected.id if selected is not None else None)

    def _today(self) -> date:
        return self.ctx.now().date()

    def reload(self, keep: int | None = None) -> None:
        """Read the records again and keep the selection on ``keep`` (an id) when given."""
        options = self.query_one(OptionList)
        self._records = self.repository().all()
        options.clear_options()
        options.add_options([Option(self.prompt(r), id=str(r.id)) for r in self._records])
        if self._records:
            ids = [r.id for r in self._records]
            options.highlighted = ids.index(keep) if keep in ids else len(ids) - 1
        self._show()

    def _selected(self) -> R | None:
        index = self.query_one(OptionList).highlighted
        return self._records[index] if index is not None and index < len(self._records) else None

    @on(OptionList.OptionHighlighted)
    def _highlighted(self) -> None:
        self._show()

    def _show(self) -> None:
        self.query_one("#record-detail", Static).update(self.details(self._selected()))

    def _save(self, record: R | None) -> None:
        if record is None:
            return
        repository = self.repository()
        try:
            saved = repository.add(record) if record.id is None else repository.update(record)
        except (DiaryError, ValueError) as error:
            self.notify(f"Not saved: {error}", severity="error", markup=False)
            return
        self.notify(f"Saved {saved.name}.", timeout=3, markup=False)
        self.reload(keep=saved.id)

    def action_add(self) -> None:
        self.app.push_screen(self.form(None, self._today()), self._save)

    def action_edit(self) -> None:
        record = self._selected()
        if record is not None:
            self.app.push_screen(self.form(record, self._today()), self._save)

    def action_stop(self) -> None:
        record = self._selected()
        if record is None:
            return
        if record.stopped is not None:
            self.notify(f"That {self.noun} has already stopped; press e to edit the day.", timeout=4, markup=False)
            return
        self._save(replace(record, stopped=self._today()))  # type: ignore[type-var]

    def action_delete(self) -> None:
        record = self._selected()
        if record is None:
            return

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self._deleted.append(self.repository().delete(record.id))
            except DiaryError as error:
                self.notify(f"Not deleted: {error}", severity="error", markup=False)
            else:
                self.notify("Deleted. Press u to undo.", timeout=6, markup=False)
            self.reload()

        self.app.push_screen(ConfirmScreen(f"Delete the {self.noun} {record.name}?", "Delete"), confirmed)

    def action_undo(self) -> None:
        if not self._deleted:
            self.notify("Nothing to undo.", timeout=3, markup=False)
            return
        try:
            restored = self.repository().restore(self._deleted.pop())
        except DiaryError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.reload(keep=restored.id)

    def action_back(self) -> None:
        self.app.pop_screen()
