"""The home screen: this week at a glance and every episode, newest first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Label, Static

from cramp_diary.alerts import find_alerts
from cramp_diary.model import Episode
from cramp_diary.safe_text import printable
from cramp_diary.stats import last_night
from cramp_diary.store import DiaryError, EpisodeFilter
from cramp_diary.tui.context import AppContext, context, new_draft
from cramp_diary.tui.report_action import save_report_from
from cramp_diary.tui.screens.confirm import ConfirmScreen
from cramp_diary.tui.widgets.episode_table import EpisodeTable
from cramp_diary.tui.widgets.summary import SummaryStrip, glance
from cramp_diary.tui.widgets.warning_banner import WarningBanner

if TYPE_CHECKING:
    from cramp_diary.tui.screens.episode_form import EpisodeForm


def _form(episode: Episode, is_new: bool) -> EpisodeForm:
    """The form pulls in the heavier widgets (TextArea, SelectionList): import it when first used."""
    from cramp_diary.tui.screens.episode_form import EpisodeForm

    return EpisodeForm(episode, is_new=is_new)

#: How often the list looks for episodes written by another program (seconds).
LIVE_INTERVAL = 1.0
#: How many weeks the report from the home screen covers.
REPORT_WEEKS = 12


class HomeScreen(Screen[None]):
    """Summary strip, warning banner, filter and the episode list."""

    CSS_PATH = "home.tcss"

    BINDINGS = [
        Binding("n", "new", "New", tooltip="Log a new cramp episode", id="new"),
        Binding("t", "timer", "Timer", tooltip="A cramp now: guided stretch countdown", id="timer"),
        Binding("k", "checkin", "No cramp", tooltip="Check in: no cramps last night", id="checkin"),
        Binding("enter", "edit", "Edit", priority=True, tooltip="Open the selected episode", id="edit"),
        Binding("d", "delete", "Delete", tooltip="Delete the selected episode (asks first)", id="delete"),
        Binding("u", "undo", "Undo", tooltip="Bring back the episode deleted last", id="undo"),
        Binding("slash", "filter", "Filter", key_display="/", tooltip="Filter by muscle, trigger or text", id="filter"),
        Binding("c", "charts", "Charts", tooltip="Weekly charts and patterns", id="charts"),
        Binding("a", "alerts", "Warnings", tooltip="Warning signs to raise with your healthcare provider", id="alerts"),
        Binding("g", "changes", "Changes", tooltip="Things you started or stopped: did it help?", id="changes"),
        Binding("r", "report", "Report", tooltip="Save a report of the last 12 weeks for your provider", id="report"),
    ]

    class TimerRequested(Message):
        """Open the cramp timer (the app decides how, e.g. without massage after a warning sign)."""

    class ChartsRequested(Message):
        """Open the charts of the pattern."""

    class AlertsRequested(Message):
        """Open the warning signs in detail."""

    class ChangesRequested(Message):
        """Open the dated changes and their comparisons."""

    def __init__(self) -> None:
        super().__init__()
        self._deleted: list[Episode] = []
        self._seen_version = -1

    def compose(self) -> ComposeResult:
        yield Header()
        yield SummaryStrip(id="summary")
        yield WarningBanner(id="alert-banner")
        with Horizontal(id="filter-bar"):
            yield Label("Filter", id="filter-label")
            yield Input(placeholder="muscle, trigger or any word in a note; escape clears", id="filter", disabled=True)
        with Vertical(id="body"):
            yield EpisodeTable(self.ctx.diary, id="episodes")
            yield Static(self._empty_text(), id="empty")
        yield Footer(compact=True, show_command_palette=False)  # ctrl+p is in the help; keys need the room

    def _empty_text(self) -> Text:
        text = Text()
        text.append("Your diary is empty.\n\n", style="bold")
        text.append("It is kept in ")
        text.append(str(self.ctx.diary.path), style="bold")
        text.append("\n\n")
        for key, what in (
            ("n", "log a cramp: n, a number for the muscle, l/r/b for the side, ctrl+s"),
            ("t", "a cramp right now: start the guided stretch timer"),
            ("?", "all the keys"),
        ):
            text.append(f"  {key:<3}", style="bold")
            text.append(f"{what}\n")
        return text

    @property
    def ctx(self) -> AppContext:
        """The diary and clocks the app hands down."""
        return context(self)

    def on_mount(self) -> None:
        self.sub_title = str(self.ctx.diary.path)
        self.query_one(EpisodeTable).focus()
        self.set_interval(LIVE_INTERVAL, self._check_for_changes)

    def on_screen_resume(self) -> None:
        """Shown first, or back from the timer, charts or a dialog: show what they may have saved."""
        self.refresh_data()

    def _check_for_changes(self) -> None:
        """Pick up episodes logged from another terminal without a restart."""
        version = self.ctx.diary.data_version()
        if version != self._seen_version:
            self.refresh_data()

    def refresh_data(self, keep: int | None = None) -> None:
        """Re-read the summary and the list from the diary."""
        diary = self.ctx.diary
        self._seen_version = diary.data_version()
        now = self.ctx.now()
        self.query_one(SummaryStrip).show(glance(diary, now), now)
        table = self.query_one(EpisodeTable)
        table.reload(keep=keep)
        self._show_list_or_message()
        self.query_one(WarningBanner).show_alerts(find_alerts(diary, now.date()))

    # -- actions ----------------------------------------------------------------

    def _selected(self) -> Episode | None:
        table = self.query_one(EpisodeTable)
        episode_id = table.selected_id if table.display else None
        return self.ctx.diary.get(episode_id) if episode_id is not None else None

    def _after_save(self, saved: Episode | None) -> None:
        if saved is not None:
            self.refresh_data(keep=saved.id)
            self.notify(f"Saved episode {saved.id}.", timeout=3)

    def action_new(self) -> None:
        self.app.push_screen(_form(new_draft(self.ctx.now()), is_new=True), self._after_save)

    def action_edit(self) -> None:
        if self.focused is self.query_one("#filter"):
            self.query_one(EpisodeTable).focus()  # enter in the filter box means "done filtering"
            return
        episode = self._selected()
        if episode is not None:
            self.app.push_screen(_form(episode, is_new=False), self._after_save)

    @on(DataTable.RowSelected, "#episodes")
    def _row_clicked(self) -> None:
        """A click on the highlighted row opens it, like enter."""
        self.action_edit()

    def action_delete(self) -> None:
        episode = self._selected()
        if episode is None:
            return

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            try:  # while the question was open, another program may have deleted it or locked the diary
                self._deleted.append(self.ctx.diary.delete(episode.id))  # type: ignore[arg-type]
            except DiaryError as error:
                self.notify(f"Not deleted: {error}", severity="error", markup=False)
            else:
                self.notify(f"Deleted episode {episode.id}. Press u to undo.", timeout=6)
            self.refresh_data()

        self.app.push_screen(
            ConfirmScreen(
                f"Delete episode {episode.id}, {printable(episode.muscle_label)} ({episode.side})?", "Delete"
            ),
            confirmed,
        )

    def action_undo(self) -> None:
        if not self._deleted:
            self.notify("Nothing to undo.", timeout=3)
            return
        try:
            restored = self.ctx.diary.restore(self._deleted.pop())
        except DiaryError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.refresh_data(keep=restored.id)
        self.notify(f"Episode {restored.id} is back.", timeout=3)

    def _show_list_or_message(self) -> None:
        """The list, or a message when it is empty: a first run, or a filter that matches nothing."""
        table = self.query_one(EpisodeTable)
        message = self.query_one("#empty", Static)
        words = table.query_filter.text.strip()
        if not table.row_count:
            message.update(self._no_match_text(words) if words else self._empty_text())
        message.display = not table.row_count
        table.display = bool(table.row_count)

    @staticmethod
    def _no_match_text(words: str) -> Text:
        text = Text("No episode matches ")
        text.append(words, style="bold")
        text.append(". Press escape to clear the filter.")
        return text

    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.disabled = False  # enabled only while shown, so a hidden box can never take the keys
        self.query_one("#filter-bar").add_class("shown")
        box.focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.query_one(EpisodeTable).reload(EpisodeFilter(text=event.value))
        self._show_list_or_message()

    def key_escape(self) -> None:
        """Escape in the filter clears and hides it."""
        bar = self.query_one("#filter-bar")
        if bar.has_class("shown"):
            box = self.query_one("#filter", Input)
            box.value = ""
            box.disabled = True
            bar.remove_class("shown")
            self.query_one(EpisodeTable).reload(EpisodeFilter())
            self._show_list_or_message()
            self.query_one(EpisodeTable).focus()

    def action_timer(self) -> None:
        self.post_message(self.TimerRequested())

    def action_charts(self) -> None:
        self.post_message(self.ChartsRequested())

    def action_alerts(self) -> None:
        self.post_message(self.AlertsRequested())

    def action_changes(self) -> None:
        self.post_message(self.ChangesRequested())

    @on(WarningBanner.Selected)
    def _banner_clicked(self) -> None:
        """Clicking the warning banner opens the details."""
        self.action_alerts()

    def action_checkin(self) -> None:
        """One key for a quiet night, so cramp-free days are known rather than guessed."""
        diary = self.app.diary
        day = last_night(self.app.now())
        try:
            result = diary.checkin(day)
        except DiaryError as error:  # e.g. another program holding the diary past the busy timeout
            self.notify(f"Not noted: {error}", severity="error", markup=False)
            return
        if result.status == "has_cramp":
            self.notify(f"You logged a cramp on {day:%a %d %b}; no check-in needed.", timeout=4)
        elif result.status == "added":
            self.notify(f"Noted: no cramps on the night to {day:%a %d %b}.", timeout=4)
        else:
            self.notify(f"Already noted: no cramps on the night to {day:%a %d %b}.", timeout=4)

    def action_report(self) -> None:
        """Save the report for the provider where the person can find it, and say where."""
        save_report_from(self, REPORT_WEEKS, self.ctx.report_path, f"of the last {REPORT_WEEKS} weeks")
