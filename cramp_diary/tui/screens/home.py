"""The home screen: this week at a glance and every episode, newest first."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Input, Label, Static

from cramp_diary import morning
from cramp_diary.model import Episode
from cramp_diary.safe_text import printable
from cramp_diary.store import DiaryError, EpisodeFilter
from cramp_diary.timer_lock import stopped_uuids
from cramp_diary.tui import live
from cramp_diary.tui.context import AppContext, context, new_draft
from cramp_diary.tui.widgets.episode_table import EpisodeTable
from cramp_diary.tui.widgets.key_footer import KeyFooter
from cramp_diary.tui.widgets.morning_line import MorningLine
from cramp_diary.tui.widgets.summary import SummaryStrip, recent_figures
from cramp_diary.tui.widgets.trial_line import TrialLine
from cramp_diary.tui.widgets.warning_banner import WarningBanner
from cramp_diary.use_cases import sentences
from cramp_diary.use_cases.episode_actions import delete as delete_episode, undo_delete
from cramp_diary.wording import plural

if TYPE_CHECKING:
    from cramp_diary.morning import Unrecorded
    from cramp_diary.tui.screens.confirm import ConfirmScreen
    from cramp_diary.tui.screens.episode_form import EpisodeForm


def _backfill_question(gap: Unrecorded) -> str:
    """The confirmation names how many days and which, so nobody marks a month by accident."""
    return (
        f"Mark {plural(gap.days, 'day')} from {gap.first:%a %d %b} to {gap.last:%a %d %b} as no-cramp days?"
        " Days with a cramp are skipped."
    )


def _form(episode: Episode, is_new: bool) -> EpisodeForm:
    """The form pulls in the heavier widgets (TextArea, SelectionList): import it when first used."""
    from cramp_diary.tui.screens.episode_form import EpisodeForm

    return EpisodeForm(episode, is_new=is_new)


def _confirm(question: str, verb: str) -> ConfirmScreen:
    """Loaded when first asked, not with the home screen: it is not on screen at start."""
    from cramp_diary.tui.screens.confirm import ConfirmScreen

    return ConfirmScreen(question, verb)

#: How often the list looks for episodes written by another program (seconds).
LIVE_INTERVAL = live.LIVE_INTERVAL
#: How many weeks the report from the home screen covers.
REPORT_WEEKS = 12


class HomeScreen(live.FollowsDiary, Screen[None]):
    """Summary strip, warning banner, filter and the episode list."""

    CSS_PATH = "home.tcss"

    BINDINGS = [
        Binding("n", "new", "New", tooltip="Log a new cramp episode", id="new"),
        Binding("t", "timer", "Timer", tooltip="A cramp now: guided stretch countdown", id="timer"),
        Binding("k", "checkin", "No cramp", tooltip="Check in: no cramps last night", id="checkin"),
        Binding("x", "dismiss_morning", "Not now", tooltip="Hide the question about last night until tomorrow", id="dismiss-morning"),
        Binding("b", "backfill", "Fill days", tooltip="Mark the unrecorded days since your last record as no-cramp days (asks first)", id="backfill"),
        Binding("y", "followed(True)", "Followed", tooltip="Last night followed the trial's plan", id="followed"),
        Binding("o", "followed(False)", "Off plan", tooltip="Last night was off the trial's plan (it still counts)", id="off-plan"),
        Binding("enter", "edit", "Edit", priority=True, tooltip="Open the selected episode", id="edit"),
        Binding("slash", "filter", "Filter", key_display="/", tooltip="Filter by muscle, trigger or text", id="filter"),
        Binding("c", "charts", "Charts", tooltip="Weekly charts and patterns", id="charts"),
        Binding("a", "alerts", "Warnings", tooltip="Warning signs to raise with your healthcare provider", id="alerts"),
        Binding("g", "changes", "Changes", tooltip="Things you started or stopped: did it help?", id="changes"),
        Binding("p", "medicines", "Medicines", tooltip="The medicines you take, for the report's first page", id="medicines"),
        Binding("r", "report", "Report", tooltip="Save a report of the last 12 weeks for your provider", id="report"),
        Binding("d", "delete", "Delete", tooltip="Delete the selected episode (asks first)", id="delete"),
        Binding("u", "undo", "Undo", tooltip="Bring back the episode deleted last", id="undo"),
        Binding("T", "trial", "Trial", key_display="T", show=False, tooltip="Find out for yourself: a with/without trial of one change", id="trial"),
        *(
            Binding(key, f"sleep({value})", f"Sleep {value}", show=False, tooltip=f"Cramps disturbed last night's sleep: {value} of 10")
            for key, value in morning.SLEEP_KEYS.items()
        ),
        Binding("s", "stretched", "Stretched", tooltip="Note tonight's bedtime stretches, done without the timer", id="stretched"),
    ]
    #: Keys shown in the footer only while the morning question is on screen.
    MORNING_ACTIONS = frozenset({"dismiss_morning", "backfill"})
    #: Keys shown only while the trial's plan question is on screen.
    PLAN_ACTIONS = frozenset({"followed"})

    class TimerRequested(Message):
        """Open the cramp timer (the app decides how, e.g. without massage after a warning sign)."""

    class ChartsRequested(Message):
        """Open the charts of the pattern."""

    class AlertsRequested(Message):
        """Open the warning signs in detail."""

    class ChangesRequested(Message):
        """Open the dated changes and their comparisons."""

    class TrialRequested(Message):
        """Open the trial: plan one, or see where it stands."""

    class MedicinesRequested(Message):
        """Open the medicines list."""

    def __init__(self) -> None:
        super().__init__()
        self._deleted: list[Episode] = []
        self._stopped_timers: set[str] = set()
        self._dismissed_on: date | None = None  # in memory too, for a diary opened read-only
        self._asking = False
        self._plan_asking = False
        #: The night the sleep question is about (its cramp, or the day just checked in), while it is on screen.
        self._rating: Episode | date | None = None
        #: The day checked in with k this session: its sleep question follows until answered or dismissed.
        self._checked_in: date | None = None
        #: Whether the lines above the list have been shown (they follow the first frame).
        self._lines_shown = False
        #: Keys typed between "/" and the filter box taking the focus: they are the filter's.
        self._keys_for_filter: list[events.Key] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield SummaryStrip(id="summary")
        yield WarningBanner(id="alert-banner")
        yield MorningLine(id="morning")
        yield TrialLine(id="trial")  # the filter bar goes below this line when first asked for
        with Vertical(id="body"):
            yield EpisodeTable(self.ctx.diary, id="episodes")
            yield Static(self._empty_text(), id="empty")
        yield KeyFooter(compact=True)  # at 80 columns: the main keys, help, quit and ^p

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
        self.follow_diary(LIVE_INTERVAL)
        self._stopped_timers = stopped_uuids(self.ctx.diary.path)  # the app offers these as it starts
        self.set_interval(LIVE_INTERVAL, self.check_timers)

    def check_timers(self) -> None:
        """A timer in another terminal ended without recording its cramp: ask about it now, not at the next start."""
        stopped = stopped_uuids(self.ctx.diary.path)
        if stopped - self._stopped_timers:
            from cramp_diary.tui.screens.recover import offer_recovery

            offer_recovery(self.app)
        self._stopped_timers = stopped

    def on_screen_resume(self) -> None:
        """Shown first, or back from the timer, charts or a dialog: show what they may have saved."""
        self.refresh_data()

    def diary_changed(self) -> None:
        """Pick up episodes logged from another terminal without a restart."""
        self.refresh_data()

    def refresh_data(self, keep: int | None = None) -> None:
        """Re-read the list, then the lines above it; at start the lines follow one frame after the list.

        The list is what a person opens the app for. The week's figures, the warning
        sign and the morning and trial questions need the statistics, rules and trial
        modules: loaded at start, they held the first frame back (issue 26).
        """
        self.note_diary_read()
        table = self.query_one(EpisodeTable)
        table.reload(keep=keep)
        self._show_list_or_message()
        if self._lines_shown or not table.display:  # an empty list is never drawn: nothing to wait for
            self._refresh_lines()
        else:
            table.when_drawn(self._refresh_lines)
        self._lines_shown = True

    def _refresh_lines(self) -> None:
        """The summary strip, the warning banner, and the morning and trial lines."""
        from cramp_diary.alerts import find_alerts

        diary = self.ctx.diary
        now = self.ctx.now()
        self.query_one(SummaryStrip).show(recent_figures(diary, now), now)
        self.query_one(WarningBanner).show_alerts(find_alerts(diary, now.date()))
        self._show_morning_question(now)
        self._show_trial(now)

    # -- the morning question and back-fill ----------------------------------------

    def _show_morning_question(self, now: datetime) -> None:
        """One line, never a modal: "Last night? k no cramps · n log one", plus a back-fill offer for older gaps."""
        diary = self.ctx.diary
        dismissed = self._dismissed_on or diary.checkins.morning_dismissed_on()
        asking = morning.should_ask(diary, now, dismissed)
        rating: Episode | date | None = None if asking else morning.night_to_rate(diary, now, dismissed)
        if rating is None and not asking and self._checked_in is not None and dismissed != now.date():
            rating = self._checked_in
        line = self.query_one(MorningLine)
        if asking:
            gap = morning.unrecorded_since_last_record(diary, now)
            line.ask_last_night(gap.days if gap is not None else None)
        elif rating is not None:
            line.ask_sleep()
        else:
            line.hide()
        changed = asking != self._asking or (rating is None) != (self._rating is None)
        self._asking, self._rating = asking, rating
        if changed:
            self.refresh_bindings()

    def _show_trial(self, now: datetime) -> None:
        """Tonight's block of a trial, and whether last night followed the plan (y / o, skippable with x)."""
        from cramp_diary import trial_actions

        diary = self.ctx.diary
        question = trial_actions.plan_question(diary, now, self._dismissed_on or diary.checkins.morning_dismissed_on())
        self.query_one(TrialLine).show(trial_actions.status_line(diary, now), question)
        if (question is not None) != self._plan_asking:
            self._plan_asking = question is not None
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Dismiss and back-fill keys appear in the footer only while the question is on screen."""
        if action == "sleep":
            return self._rating is not None
        if action == "dismiss_morning":
            return self._asking or self._rating is not None or self._plan_asking
        if action in self.MORNING_ACTIONS and not self._asking:
            return False
        if action in self.PLAN_ACTIONS and not self._plan_asking:
            return False
        return True

    def action_followed(self, followed: bool) -> None:
        """Answer the plan question for last night; a night off plan is kept and counted."""
        from cramp_diary import trial_actions

        now = self.ctx.now()
        try:
            done = trial_actions.answer(self.ctx.diary, followed, trial_actions.answer_day(now), now)
        except (DiaryError, ValueError) as error:
            self.notify(f"Not noted: {error}", severity="error", markup=False)
            return
        self.notify(done.lines[0], timeout=5, markup=False)
        self.refresh_data()

    def action_sleep(self, value: int) -> None:
        """One key answers how much cramps disturbed last night's sleep, kept on its cramp or its check-in."""
        if self._rating is None:
            return
        try:
            said = morning.record_sleep(self.ctx.diary, self._rating, value)
        except DiaryError as error:
            self.notify(f"Not noted: {error}", severity="error", markup=False)
            return
        self._checked_in = None
        self.notify(said, timeout=4, markup=False)
        self.refresh_data()

    def action_dismiss_morning(self) -> None:
        """Not now: hide the question for the rest of today, remembered in the diary across restarts."""
        today = self.ctx.now().date()
        self._dismissed_on = today
        self._checked_in = None
        try:
            self.ctx.diary.checkins.dismiss_morning(today)
        except DiaryError:
            pass  # a read-only diary: remembered until the app closes
        self.refresh_data()

    def action_backfill(self) -> None:
        """Offer to mark every unrecorded day since the last record as a no-cramp day, after a confirmation."""
        gap = morning.unrecorded_since_last_record(self.ctx.diary, self.ctx.now())
        if gap is None:
            self.notify("Nothing to fill: last night is already recorded.", timeout=4, markup=False)
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._backfill(gap)

        self.app.push_screen(_confirm(_backfill_question(gap), "Mark them"), confirmed)

    def _backfill(self, gap: Unrecorded) -> None:
        from cramp_diary.use_cases.check_in import backfill

        try:
            done = backfill(self.ctx.diary, gap.first, gap.last)
        except DiaryError as error:
            self.notify(f"Not noted: {error}", severity="error", markup=False)
            return
        self.notify(done.message, timeout=5, markup=False)
        self.refresh_data()

    # -- actions ----------------------------------------------------------------

    def _selected(self) -> Episode | None:
        table = self.query_one(EpisodeTable)
        episode_id = table.selected_id if table.display else None
        return self.ctx.diary.episodes.get(episode_id) if episode_id is not None else None

    def _after_save(self, saved: Episode | None, *, is_new: bool = True) -> None:
        """The form saved through the episode use cases; the list shows the episode and says so in their words."""
        if saved is not None:
            self.refresh_data(keep=saved.id)
            said = sentences.saved_episode(saved.id) if is_new else sentences.updated_episode(saved.id)
            self.notify(said, timeout=3, markup=False)

    def _after_edit(self, saved: Episode | None) -> None:
        self._after_save(saved, is_new=False)

    def action_new(self) -> None:
        self.app.push_screen(_form(new_draft(self.ctx.now()), is_new=True), self._after_save)

    def action_edit(self) -> None:
        if self.focused is not None and self.focused.id == "filter":
            self.query_one(EpisodeTable).focus()  # enter in the filter box means "done filtering"
            return
        episode = self._selected()
        if episode is not None:
            self.app.push_screen(_form(episode, is_new=False), self._after_edit)

    @on(EpisodeTable.Selected, "#episodes")
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
                done = delete_episode(self.ctx.diary, episode.id)  # type: ignore[arg-type]
            except DiaryError as error:
                self.notify(f"Not deleted: {error}", severity="error", markup=False)
            else:
                self._deleted.append(done.episode)
                self.notify(f"{done.message} Press u to undo.", timeout=6, markup=False)
            self.refresh_data()

        self.app.push_screen(
            _confirm(
                f"Delete episode {episode.id}, {printable(episode.muscle_label)} ({episode.side})?", "Delete"
            ),
            confirmed,
        )

    def action_undo(self) -> None:
        if not self._deleted:
            self.notify("Nothing to undo.", timeout=3, markup=False)
            return
        try:  # taken off the undo list only once it is back: a busy diary must not eat the deletion
            restored = undo_delete(self.ctx.diary, self._deleted[-1])
        except DiaryError as error:
            self.notify(f"Not undone yet: {error}. Press u to try again.", severity="error", markup=False)
            return
        self._deleted.pop()
        self.refresh_data(keep=restored.episode.id)
        self.notify(restored.message, timeout=3, markup=False)

    def _show_list_or_message(self) -> None:
        """The list, or a message when it is empty: a first run, or a filter that matches nothing."""
        table = self.query_one(EpisodeTable)
        message = self.query_one("#empty", Static)
        words = table.query_filter.text.strip()
        if not table.row_count:
            message.update(self._no_match_text(words) if words else self._empty_text())
        message.display = not table.row_count
        table.display = bool(table.row_count)
        if table.display and self.focused is None:  # hidden while empty, it lost the keys (Up, Home did nothing)
            table.focus()

    @staticmethod
    def _no_match_text(words: str) -> Text:
        text = Text("No episode matches ")
        text.append(words, style="bold")
        text.append(". Press escape to clear the filter.")
        return text

    async def action_filter(self) -> None:
        box = next(iter(self.query("#filter").results(Input)), None)
        if box is None:  # built the first time it is asked for: until then it costs the first frame nothing
            box = Input(placeholder="words or word starts of a note, muscle, trigger, relief or sign; escape clears", id="filter")
            await self.mount(Horizontal(Label("Filter", id="filter-label"), box, id="filter-bar"), before="#body")
        box.disabled = False  # enabled only while shown, so a hidden box can never take the keys
        self.query_one("#filter-bar").add_class("shown")
        box.focus()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """The filter box has the keys: it takes those typed since "/", in order."""
        if event.widget.id == "filter" and self._keys_for_filter is not None:
            typed, self._keys_for_filter = self._keys_for_filter, None
            for key in typed:
                event.widget.post_message(key)

    def _filtering(self) -> bool:
        """The filter bar is on screen (it is hidden, not removed, when closed)."""
        return any(bar.has_class("shown") for bar in self.query("#filter-bar"))

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.query_one(EpisodeTable).reload(EpisodeFilter(text=event.value))
        self._show_list_or_message()

    def on_key(self, event: events.Key) -> None:
        """Keys typed in a burst ("n 1 l ctrl+s", "/driv") while the form or the filter opens belong to it.

        They were sent to the list before the form was on top or the filter had the focus;
        the form or the filter takes them in order.
        """
        top = self.app.screen
        if top is not self:
            event.stop()
            event.prevent_default()
            top.post_message(events.Key(event.key, event.character))
        elif self._keys_for_filter is not None:  # "/driv" typed fast: the letters are the filter's, not keys
            event.stop()
            event.prevent_default()
            self._keys_for_filter.append(events.Key(event.key, event.character))
        elif event.key == "slash" and not isinstance(self.focused, Input):
            self._keys_for_filter = []  # the binding opens the box; what follows waits for it

    def key_escape(self) -> None:
        """Escape in the filter clears and hides it; otherwise it dismisses the morning question."""
        if not self._filtering() and (self._asking or self._plan_asking):
            self.action_dismiss_morning()
            return
        if self._filtering():
            box = self.query_one("#filter", Input)
            box.value = ""
            box.disabled = True
            self.query_one("#filter-bar").remove_class("shown")
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

    def action_trial(self) -> None:
        self.post_message(self.TrialRequested())

    def action_medicines(self) -> None:
        self.post_message(self.MedicinesRequested())

    @on(WarningBanner.Selected)
    def _banner_clicked(self) -> None:
        """Clicking the warning banner opens the details."""
        self.action_alerts()

    def action_checkin(self) -> None:
        """One key for a quiet night, so cramp-free days are known rather than guessed."""
        from cramp_diary.stats import last_night
        from cramp_diary.use_cases.check_in import check_in

        try:
            done = check_in(self.ctx.diary, last_night(self.ctx.now()))
        except DiaryError as error:  # e.g. another program holding the diary past the busy timeout
            self.notify(f"Not noted: {error}", severity="error", markup=False)
            return
        self.notify(done.message, timeout=4, markup=False)
        if not done.refused:
            self._checked_in = done.day  # the line now asks about that night's sleep, skippable
        self.refresh_data()  # the morning question is answered

    def action_stretched(self) -> None:
        """One key for stretches done away from the timer, so the report's evening count is true."""
        from cramp_diary.timer_session import note_stretches

        try:
            noted = note_stretches(self.app.diary, self.app.now())
        except DiaryError as error:
            self.notify(f"Not noted: {error}", severity="error", markup=False)
            return
        self.notify(noted.message, timeout=4, markup=False)

    def action_report(self) -> None:
        """Save the report for the provider where the person can find it, and say where."""
        from cramp_diary.tui.report_action import save_report_from  # the report package: only when asked

        save_report_from(self, REPORT_WEEKS, self.ctx.report_path, f"of the last {REPORT_WEEKS} weeks")
