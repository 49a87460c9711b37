"""The episode form, for new and edited episodes alike.

Built for a half-asleep person first: it opens on the muscle, a digit picks it,
one letter picks the side, ctrl+s saves. Nothing reaches the diary until every
field is valid, and each invalid field says the rule it breaks.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Label, SelectionList, Static, TextArea
from textual.widgets.selection_list import Selection

from cramp_diary.model import CONTEXT_LABELS, CONTEXTS, MUSCLES, RELIEFS, SIDES, SIGN_LABELS, SIGNS, TRIGGERS, Episode, InvalidField
from cramp_diary.edits import conflict_words
from cramp_diary.model import normalise_label, validate
from cramp_diary.parsing import format_duration, format_when, parse_duration, parse_severity, parse_sleep, parse_when
from cramp_diary.safe_text import printable
from cramp_diary.store import DiaryError, EditConflict, EpisodeGone
from cramp_diary.tui.context import context
from cramp_diary.tui.screens.confirm import ConfirmScreen
from cramp_diary.tui.screens.keep_or_discard import KeepOrDiscardScreen
from cramp_diary.tui.widgets.choice_bar import Choice, ChoiceBar, TickList
from cramp_diary.use_cases.episode_actions import edit as edit_episode, log as log_episode, save_as_new

MUSCLE_CHOICES = [Choice(str(n), muscle, muscle) for n, muscle in enumerate(MUSCLES, start=1)]
SIDE_CHOICES = [Choice(side[0], side, side) for side in SIDES]
CONTEXT_KEYS = {"asleep": "a", "resting": "r", "sitting": "s", "standing": "t", "exercising": "e", "after-exercise": "x"}
CONTEXT_CHOICES = [Choice(CONTEXT_KEYS[c], c, CONTEXT_LABELS.get(c, c)) for c in CONTEXTS]

#: The widget that shows each model field, for putting an error in the right place.
FIELD_WIDGET = {
    "muscle": "muscle",
    "side": "side",
    "time": "time",
    "duration": "duration",
    "severity": "severity",
    "context": "context",
    "trigger": "triggers",
    "relief": "reliefs",
    "sign": "signs",
    "note": "note",
    "sleep_disturbance": "sleep",
}


#: The widget each value read in ``_read`` comes from.
READ_WIDGET = {"started_at": "time", "own": "triggers"}

#: Which error line a control's change clears, where the two ids differ.
ERROR_OF_CONTROL = {"muscle-other": "muscle", "own-triggers": "triggers"}


class EpisodeForm(ModalScreen[Episode | None]):
    """Edits a draft episode and returns it saved, or None when cancelled."""

    CSS_PATH = "episode_form.tcss"

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True, tooltip="Save the episode", id="save"),
        Binding("escape", "cancel", "Cancel", priority=True, tooltip="Close without saving (asks if you typed)", id="cancel"),
    ]

    def __init__(
        self, draft: Episode, is_new: bool = True, original: Episode | None = None, *,
        signs_question: str | None = None, title: str | None = None,
    ) -> None:
        super().__init__()
        self.draft = draft
        #: What the form is for, when it is not a plain new or edited episode (a recovered cramp).
        self.title = title
        self.is_new = is_new
        #: The episode as the diary held it when the form opened: a save applies only what changed since.
        self.original = original or draft
        #: When set, the form opens on the warning signs with this line asking which were seen.
        self.signs_question = signs_question
        self._initial: tuple[object, ...] = ()
        self._checked: tuple[object, ...] = ()

    # -- layout -----------------------------------------------------------------

    def _row(self, label: str, *widgets: Widget, field: str) -> Vertical:
        return Vertical(
            Horizontal(Label(label, classes="label"), *widgets, classes="row"),
            Static(classes="error", id=f"error-{field}"),
            classes="field",
        )

    def _rating(self, label: str, value: int | None, placeholder: str, field: str) -> Vertical:
        """A 0-10 rating typed in a short box (severity, sleep disturbance); blank means not rated."""
        box = Input("" if value is None else str(value), placeholder=placeholder, id=field, max_length=2)
        return self._row(label, box, field=field)

    def _selection(self, widget_id: str, values: list[str], chosen: tuple[str, ...], labels: dict[str, str]) -> SelectionList[str]:
        options = [Selection(Text(printable(labels.get(v, v))), v, v in chosen) for v in values]
        return TickList[str](*options, id=widget_id)

    def compose(self) -> ComposeResult:
        draft = self.draft
        title = self.title or ("New episode" if self.is_new else f"Edit episode {draft.id}")
        known_triggers = list(dict.fromkeys([*TRIGGERS, *context(self).diary.episodes.own_triggers(), *draft.triggers]))
        with Vertical(id="form"):
            yield Static(Text(title, style="bold"), id="form-title")
            with VerticalScroll(id="fields", can_focus=False):
                yield self._row("Muscle", ChoiceBar(MUSCLE_CHOICES, draft.muscle or None, id="muscle"), field="muscle")
                # a hand-edited diary may hold escape sequences: shown written out, never sent to the terminal
                other = printable(draft.muscle_other, bidi=False)
                yield Input(other, placeholder="Which muscle?", id="muscle-other", max_length=40)
                yield self._row("Side", ChoiceBar(SIDE_CHOICES, draft.side or None, id="side"), field="side")
                yield self._row(
                    "When",
                    Input(format_when(draft.started_at), placeholder="now, 03:10, yesterday 03:10, -20m", id="time"),
                    field="time",
                )
                yield self._row(
                    "Duration",
                    Input(
                        format_duration(draft.duration) if draft.duration else "",
                        placeholder="90s, 2m, 1m30s, 1:30 (blank if unsure)",
                        id="duration",
                    ),
                    field="duration",
                )
                yield self._rating("Severity", draft.severity, "0 (barely) to 10 (worst)", "severity")
                yield self._row("Context", ChoiceBar(CONTEXT_CHOICES, draft.context, id="context"), field="context")
                yield self._rating("Sleep", draft.sleep_disturbance, "0 (not at all) to 10 (no sleep); blank to skip", "sleep")
                with Horizontal(id="lists"):
                    with Vertical(classes="list"):
                        yield Label("Possible triggers", classes="list-title")
                        yield self._selection("triggers", known_triggers, draft.triggers, {})
                        yield Input(placeholder="your own, comma-separated", id="own-triggers")
                        yield Static(classes="error", id="error-triggers")
                    with Vertical(classes="list"):
                        yield Label("What helped", classes="list-title")
                        # reliefs typed on the command line are kept and shown, so an edit here does not drop them
                        yield self._selection("reliefs", list(dict.fromkeys([*RELIEFS, *draft.reliefs])), draft.reliefs, {})
                        yield Static(classes="error", id="error-reliefs")
                    with Vertical(classes="list"):
                        yield Label("Warning signs", classes="list-title")
                        if self.signs_question:
                            yield Static(Text(self.signs_question, style="bold"), id="signs-question")
                        yield self._selection("signs", list(SIGNS), draft.signs, SIGN_LABELS)
                        yield Static(classes="error", id="error-signs")
                note = TextArea(printable(draft.note, bidi=False), id="note", soft_wrap=True)
                yield self._row("Note", note, field="note")
            yield Static(
                Text("ctrl+s save   esc cancel   tab next field   digits pick the muscle, l/r/b the side", style="dim"),
                id="form-hint",
            )

    def on_mount(self) -> None:
        self.query_one("#muscle", ChoiceBar).next_bar = self.query_one("#side", ChoiceBar)
        self._show_other(self.draft.muscle == "other")
        self._initial = self._raw()
        if self.signs_question:
            self.query_one("#signs").focus()
        else:
            self.query_one("#muscle" if self.is_new else "#time").focus()

    def _show_other(self, shown: bool) -> None:
        self.query_one("#muscle-other").display = shown

    # -- quick flow -------------------------------------------------------------

    @on(ChoiceBar.Changed, "#muscle")
    def _muscle_picked(self, event: ChoiceBar.Changed) -> None:
        """One digit for the muscle, then straight on to the side."""
        self._show_other(event.value == "other")
        self.query_one("#muscle-other" if event.value == "other" else "#side").focus()

    @on(ChoiceBar.Changed, "#side")
    def _side_picked(self) -> None:
        """One letter for the side, then on to the time (or straight to ctrl+s)."""
        self.query_one("#time").focus()

    def on_key(self, event: events.Key) -> None:
        """Keys typed faster than the form opens or moves focus ("n 1 l ctrl+s" in a burst) still fill muscle, then side.

        A key reaches the form itself when nothing took it: the form was still
        opening, or the muscle bar still had the focus when the side's letter came.
        """
        focused = self.focused
        if focused is not None and focused.id not in ("muscle", "side"):
            return
        for bar in (self.query_one("#muscle", ChoiceBar), self.query_one("#side", ChoiceBar)):
            if bar.value is None:
                if bar.pick_key(event.character):
                    event.stop()
                    event.prevent_default()
                return

    # -- reading and checking ---------------------------------------------------

    def _raw(self) -> tuple[object, ...]:
        """Everything typed or picked, to tell whether cancelling would lose anything."""
        return (
            self.query_one("#muscle", ChoiceBar).value,
            self.query_one("#muscle-other", Input).value,
            self.query_one("#side", ChoiceBar).value,
            self.query_one("#time", Input).value,
            self.query_one("#duration", Input).value,
            self.query_one("#severity", Input).value,
            self.query_one("#context", ChoiceBar).value,
            self.query_one("#sleep", Input).value,
            tuple(self.query_one("#triggers", SelectionList).selected),
            self.query_one("#own-triggers", Input).value,
            tuple(self.query_one("#reliefs", SelectionList).selected),
            tuple(self.query_one("#signs", SelectionList).selected),
            self.query_one("#note", TextArea).text,
        )

    def _read(self) -> tuple[Episode | None, dict[str, str]]:
        """The episode the form describes, or the rule each field breaks."""
        now = context(self).now()
        errors: dict[str, str] = {}
        values: dict[str, object] = {}

        def attempt(name: str, read: Callable[[], object]) -> None:
            try:
                values[name] = read()
            except InvalidField as error:
                errors.setdefault(FIELD_WIDGET.get(error.field, error.field), error.rule)
            except (ValueError, OverflowError):  # a value past what dates can hold: a field error, not a crash
                errors.setdefault(READ_WIDGET.get(name, name), "is outside what the diary can hold")

        muscle = self.query_one("#muscle", ChoiceBar).value
        side = self.query_one("#side", ChoiceBar).value
        if muscle is None:
            errors["muscle"] = "pick one: press 1-6"
        elif muscle == "other" and not self.query_one("#muscle-other", Input).value.strip():
            errors["muscle"] = "say which muscle in the box below"
        if side is None:
            errors["side"] = "pick one: press l, r or b"
        attempt("started_at", lambda: parse_when(self.query_one("#time", Input).value, now))
        attempt("duration", lambda: parse_duration(self.query_one("#duration", Input).value))
        attempt("severity", lambda: parse_severity(self.query_one("#severity", Input).value))
        attempt("sleep", lambda: parse_sleep(self.query_one("#sleep", Input).value))
        own = self.query_one("#own-triggers", Input).value
        attempt("own", lambda: [normalise_label("trigger", part) for part in own.split(",") if part.strip()])
        if errors:
            return None, errors
        episode = self.draft.with_changes(
            muscle=muscle,
            muscle_other=self.query_one("#muscle-other", Input).value.strip() if muscle == "other" else "",
            side=side,
            started_at=values["started_at"],
            duration=values["duration"],
            severity=values["severity"],
            context=self.query_one("#context", ChoiceBar).value,
            sleep_disturbance=values["sleep"],
            triggers=tuple(self.query_one("#triggers", SelectionList).selected) + tuple(values["own"]),  # type: ignore[arg-type]
            reliefs=tuple(self.query_one("#reliefs", SelectionList).selected),
            signs=tuple(self.query_one("#signs", SelectionList).selected),
            note=self.query_one("#note", TextArea).text.strip(),
            status="done",
        )
        try:
            return validate(episode, now), {}
        except InvalidField as error:
            return None, {FIELD_WIDGET.get(error.field, error.field): error.rule}

    def _show_errors(self, errors: dict[str, str]) -> None:
        self._checked = self._raw()
        for widget in self.query(".error"):
            field = (widget.id or "").removeprefix("error-")
            message = errors.get(field, "")
            widget.update(Text(message))
            widget.set_class(bool(message), "shown")
        first = next((w for w in FIELD_WIDGET.values() if w in errors), None)
        if first is not None:
            self.query_one(f"#{first}").focus()

    @on(ChoiceBar.Changed)
    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(SelectionList.SelectedChanged)
    def _clear_error(self, event: Message) -> None:
        """A field the person has just changed no longer shows the rule it broke before."""
        if self._raw() == self._checked:
            return  # a change reported late, from before the save that found the error
        control = getattr(event, "control", None)
        field = ERROR_OF_CONTROL.get(getattr(control, "id", None) or "", getattr(control, "id", None) or "")
        for widget in self.query(f"#error-{field}").results(Static):
            widget.update("")
            widget.remove_class("shown")

    # -- actions ----------------------------------------------------------------

    def action_save(self) -> None:
        """ctrl+s jumps the queue (a priority key): save once the keys typed before it have been handled."""
        # ctrl+s is handled as it arrives; keys typed before it may still wait in the form's or a field's queue
        chain: list[Widget] = [self, self.query_one("#muscle"), self.query_one("#side"), self.focused or self]

        def step(rest: list[Widget]) -> None:
            if rest:
                rest[0].call_later(step, rest[1:])
            else:
                self._guarded_save()

        step(chain)

    def _guarded_save(self) -> None:
        """Save, or say why not; whatever goes wrong, the typed form stays open."""
        if not self.is_attached or self.app.screen is not self:
            return  # saved or closed meanwhile (ctrl+s pressed twice)
        try:
            self._save()
        except Exception as error:  # noqa: BLE001  a bug must never close the form and lose what was typed
            self.log.error("saving the episode failed", error)
            self.notify(
                f"Not saved: something went wrong ({type(error).__name__}: {printable(str(error))}). "
                "What you typed is still here.",
                severity="error",
                markup=False,
            )

    def _save(self, keep_mine: bool = False) -> None:
        episode, errors = self._read()
        self._show_errors(errors)
        if episode is None:
            self.notify("Not saved yet: fix each field with its rule shown under it.", severity="warning", timeout=4, markup=False)
            return
        diary = context(self).diary
        try:
            if episode.id is None:
                saved = log_episode(diary, episode).episode
            else:  # only what was changed here: another program's edit of other fields survives
                saved = edit_episode(diary, self.original, episode, keep_mine=keep_mine).episode
        except EpisodeGone:
            self._save_as_new(episode)
            return
        except EditConflict as conflict:
            self._ask_about(conflict)
            return
        except (DiaryError, InvalidField) as error:
            self.notify(f"Not saved: {error}", severity="error", markup=False)  # the error may quote a path
            return
        self.dismiss(saved)

    def _save_as_new(self, episode: Episode) -> None:
        """Deleted elsewhere while open here: what the person typed becomes a new episode, not an error."""
        try:
            saved = save_as_new(context(self).diary, episode)
        except (DiaryError, InvalidField) as error:
            self.notify(f"Not saved: {error}", severity="error", markup=False)
            return
        self.notify(saved.message, timeout=8, markup=False)
        self.dismiss(saved.episode)

    def _ask_about(self, conflict: EditConflict) -> None:
        """The same field changed elsewhere: save this version of it, reload theirs, or go back to the form."""
        question = Text()
        question.append(f"While you edited, episode {conflict.current.id} was changed elsewhere too: ")
        question.append(conflict_words(conflict.conflicts), style="bold")
        question.append(".\n\nSave yours over those fields (other changes are kept either way), "
                        "or reload the episode as it is now?")

        def answered(keep: bool | None) -> None:
            if keep:
                self._save(keep_mine=True)
            elif keep is False:
                self.call_later(self._reload, conflict.current)

        self.app.push_screen(
            KeepOrDiscardScreen("Changed elsewhere", question, keep="Save mine", discard="Reload", later="Back"),
            answered,
        )

    async def _reload(self, current: Episode) -> None:
        """Show the episode as the diary holds it now; the next save starts from it."""
        self.draft = self.original = current
        await self.recompose()
        self._show_other(current.muscle == "other")
        self._initial = self._raw()
        self._checked = ()
        self.query_one("#time").focus()
        self.notify(f"Reloaded episode {current.id} as it is now.", timeout=4, markup=False)

    def action_cancel(self) -> None:
        if self._raw() == self._initial:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen("Close without saving what you typed?", "Discard", "Keep editing"), answered)

