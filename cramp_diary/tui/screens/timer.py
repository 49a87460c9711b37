"""Cramp now: pick the muscle and side, then a calm guided countdown that ends in a record.

The screen draws a :class:`~cramp_diary.timer_model.TimerModel` (the phases, what each
key means, what is written) and maps keys to it. The model's countdown works everything
out from the app's monotonic clock; the refresh timer just samples it, so a busy event
loop can make the display late but never wrong. The unfinished episode is written the
moment the countdown starts, so a crash mid-cramp loses nothing (see
:mod:`cramp_diary.tui.screens.recover`).

The keys are ``timer_keys``; the picker and the running routine are widgets
(``MusclePicker``, ``RoutineView``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable

from textual.app import ComposeResult
from textual.reactive import reactive
from rich.text import Text
from textual.screen import Screen
from textual.widgets import ContentSwitcher

from cramp_diary.countdown import Countdown, CountdownState
from cramp_diary.model import Episode
from cramp_diary.routines import Routine, load_routines
from cramp_diary.timer_model import PICKING, RUNNING_ACTIONS, Notice, TimerModel, check_choice
from cramp_diary.tui.context import context, new_draft
from cramp_diary.tui.screens.recover import KeepOrDiscardScreen, finish_episode, offer_recovery
from cramp_diary.tui.screens.timer_keys import TIMER_BINDINGS
from cramp_diary.tui.widgets.key_footer import KeyFooter
from cramp_diary.tui.widgets.muscle_picker import MusclePicker
from cramp_diary.tui.widgets.routine_view import RoutineView

#: The display is read at least 4 times a second (issue 4), on the countdown's own quarter seconds, so each
#: new second of the digits (the bars move with them) and each step change is shown the moment it happens,
#: and a pause or key shows within a quarter second. A reading that shows nothing new costs a comparison
#: only, and a running step makes one frame a second, which keeps a running timer light (issue 14).
SAMPLE_GAP = 0.25
#: A reading lands this long after the change it waits for (never more than SAMPLE_GAP after the last one),
#: so a timer that fires a hair early still sees it.
LATE_BY = 0.005
FLASH_SECONDS = 0.3


class TimerScreen(Screen["Episode | None"]):
    """Guides a person through releasing a cramp (or the bedtime stretches) and records it."""

    CSS_PATH = "timer.tcss"

    BINDINGS = TIMER_BINDINGS

    phase: reactive[str] = reactive("muscle", init=False)
    """Where the person is: "muscle" and "side" (the picker), "running", then "finished"."""
    muted: reactive[bool] = reactive(False, init=False)
    """Whether step changes stay silent and still."""

    def __init__(self, muscle: str | None = None, side: str | None = None, *, avoid_massage: bool = False) -> None:
        check_choice(muscle, side)
        super().__init__()
        self._choice = (muscle, side, avoid_massage)
        self.model: TimerModel | None = None
        """The timer itself, built once the screen can reach the diary and clocks."""
        self._ticker: asyncio.TimerHandle | None = None
        self._routine_view: RoutineView | None = None
        self.next_sample: float | None = None
        """Seconds from the last sample to the next one (None when not counting)."""

    # -- what the model knows, read by tests and the app --------------------------

    @property
    def muscle(self) -> str | None:
        return self.model.muscle if self.model is not None else self._choice[0]

    @property
    def side(self) -> str | None:
        return self.model.side if self.model is not None else self._choice[1]

    @property
    def routine(self) -> Routine | None:
        return self.model.routine if self.model is not None else None

    @property
    def countdown(self) -> Countdown | None:
        return self.model.countdown if self.model is not None else None

    @property
    def leg_check(self) -> str | None:
        return self.model.leg_check if self.model is not None else None

    @property
    def episode(self) -> Episode | None:
        """The unfinished episode this timer wrote to the diary, if any."""
        return self.model.episode if self.model is not None else None

    def save_on_exit(self) -> None:
        """The app is closing mid-cramp: keep the time measured so far, for the next start to offer."""
        if self.model is not None:
            self.model.save_so_far()

    # -- layout -----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with ContentSwitcher(initial="picker", id="phases"):
            yield MusclePicker(id="picker")
            yield RoutineView(id="run")
        yield KeyFooter()

    def on_mount(self) -> None:
        app = context(self)
        routines, warnings = load_routines(app.config_dir)
        for warning in warnings:
            # markup=False: the warning quotes the person's file, and "[/x]" in it must not crash the timer
            self.notify(warning, title="Your routines file", severity="warning", timeout=15, markup=False)
        muscle, side, avoid_massage = self._choice
        self.model = TimerModel(
            app.diary, app.now, app.monotonic, routines, muscle=muscle, side=side, avoid_massage=avoid_massage, draft=new_draft
        )
        self.query_one(MusclePicker).ask_muscle(self.model.last_muscle)
        self._after(self.model.open())
        self.refresh_bindings()  # the model now says which keys work

    def _model(self) -> TimerModel:
        assert self.model is not None
        return self.model

    def _after(self, notices: Iterable[Notice]) -> None:
        """Tell the person what the model said, then draw the phase it is in now."""
        self._tell(notices)
        model = self._model()
        if model.phase == "side" and self.phase != "side":
            self.query_one(MusclePicker).ask_side(model.muscle or "")
        if model.phase == "running" and self.phase in PICKING:
            self._show_start()
        self.phase = model.phase

    def _tell(self, notices: Iterable[Notice]) -> None:
        for notice in notices:
            # markup=False: a diary error can quote a path or a value
            self.notify(notice.text, severity=notice.severity, timeout=notice.timeout, markup=False)

    def watch_phase(self, phase: str) -> None:
        """Show the part of the screen for this phase, and only the keys that work in it."""
        self.query_one("#phases", ContentSwitcher).current = "picker" if phase in PICKING else "run"
        self.refresh_bindings()

    def watch_muted(self, muted: bool) -> None:
        """Swap the footer's Mute for Sound on, and show "muted" under the countdown."""
        if self.model is not None:
            self.model.muted = muted
        self.refresh_bindings()
        if self.countdown is not None and self.countdown.started:
            self._show(self.countdown.state())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The model says which keys mean something now; before it exists only leaving does."""
        if action == "quit":  # the timer's q stops it (asking first); otherwise the app's q leaves as usual
            action = "abandon"
        if self.model is None:  # as in the muscle phase, with no last muscle known yet
            if action == "earlier":
                return self._choice[0] != "bedtime"
            return action in ("pick", "back") or action not in {"again", "side", "leg_check", "leg_enter", *RUNNING_ACTIONS}
        return self.model.allows(action)

    # -- picking ----------------------------------------------------------------

    def action_pick(self, muscle: str) -> None:
        """One key for the muscle; the side is asked only when it is not known yet."""
        self._after(self._model().pick(muscle))

    def action_again(self) -> None:
        """Cramps tend to come back in the same muscle: enter picks it again."""
        self._after(self._model().again())

    def action_side(self, side: str) -> None:
        """The second and last question: the routine starts at once."""
        self._after(self._model().choose_side(side))

    def action_earlier(self) -> None:
        """People reach the keyboard after the cramp began: each press moves its start a minute back."""
        model = self._model()
        before = model.earlier
        self._tell(model.began_earlier())
        if model.earlier == before:
            return
        if self.phase in PICKING:
            self.query_one(MusclePicker).show_earlier(model.earlier)
        elif model.session is not None:
            self.refresh_bindings()
            self._tick()

    def action_back(self) -> None:
        """Nothing has started or been written yet, so leaving needs no question."""
        self._close(None)

    # -- running ----------------------------------------------------------------

    def _show_start(self) -> None:
        """The routine has started: its title, the leg question, and (for a cramp) "still running" to others."""
        model = self._model()
        if model.session is not None:
            # until this screen closes (the form to finish the cramp included): "still running" to other apps
            self.set_interval(1.0, model.session.keep_alive)
        view = self.query_one(RoutineView)
        view.show_title(model.title)
        view.ask(model.leg_question)
        self.phase = "running"
        self._tick()

    def _tick(self) -> None:
        """Sample the countdown: show it, cue each step change, and finish when it is over."""
        sample = self.model.sample() if self.model is not None else None
        if sample is None:
            return
        state = sample.state
        self._show(state)
        if sample.step_changes:
            self._cue(sample.step_changes)
            if sample.question_changed:
                # the question and its keys come or go with the step; redrawn after the flash, not during it
                self.set_timer(FLASH_SECONDS, self._show_question)
        if state.finished and self.is_active:
            if not state.released:
                self._cue(1)
            self._finish(state)
            return
        self._schedule(state)

    def _schedule(self, state: CountdownState) -> None:
        """Sample the countdown again at its next quarter second (one event-loop timer, re-set each sample).

        The event loop's own timer, not a Textual one: a Textual timer per sample (a task, a message, a check
        of the callback's signature) cost more than the sample itself, and 3 samples in 4 show nothing new.
        """
        self._stop_ticker()
        self.next_sample = min(state.until_next_sample(SAMPLE_GAP) + LATE_BY, SAMPLE_GAP)
        self._ticker = asyncio.get_running_loop().call_later(self.next_sample, self._sampled)

    def _sampled(self) -> None:
        """The scheduled sample: its timer has fired and is done; an error in it stops the app as Textual's would."""
        self._ticker = None
        if not self.is_attached:
            return
        try:
            self._tick()
        except Exception as error:  # noqa: BLE001 - handed to the app, which shows it and exits
            self.app._handle_exception(error)

    def _stop_ticker(self) -> None:
        if self._ticker is not None:
            self._ticker.cancel()
            self._ticker = None

    def on_unmount(self) -> None:
        """A sample due after the screen has gone must not fire."""
        self._stop_ticker()

    def _show(self, state: CountdownState) -> None:
        """Update the widgets from one reading of the countdown."""
        model = self._model()
        assert model.routine is not None and model.countdown is not None
        self._view().show(state, model.routine, model.countdown.upcoming, self.muted)
        if self.has_class("-paused") != state.paused:
            self.set_class(state.paused, "-paused")

    def _view(self) -> RoutineView:
        """The running routine, looked up once: a sample that changes nothing should cost next to nothing."""
        if self._routine_view is None:
            self._routine_view = self.query_one(RoutineView)
        return self._routine_view

    def _cue(self, changes: int) -> None:
        """A bell per step change and one brief flash, unless muted."""
        if self.muted:
            return
        for _ in range(changes):
            self.app.bell()
        self._flash(True)
        self.set_timer(FLASH_SECONDS, lambda: self._flash(False))

    def _flash(self, on: bool) -> None:
        """The screen says it is flashing; only the routine is restyled (restyling the screen costs 3x)."""
        self.set_class(on, "-flash", update=False)
        self.query_one(RoutineView).set_class(on, "-flash")

    def action_pause(self) -> None:
        """Hold the countdown, e.g. to sit down; the cramp's own time keeps running."""
        self._control(self._model().pause)

    def action_resume(self) -> None:
        """Carry on from the same second of the same step."""
        self._control(self._model().resume)

    def action_skip(self) -> None:
        """A step that cannot be done now (e.g. standing) should not hold everything up."""
        self._control(self._model().skip)

    def action_extend(self) -> None:
        """The cramp has not let go yet: hold this stretch a little longer."""
        self._control(self._model().extend)

    def action_release(self) -> None:
        """The cramp let go: its duration ends now, and the form opens to record it."""
        self._control(self._model().release)

    def action_finish(self) -> None:
        """The bedtime stretches were done (perhaps in less time): note them now, if they were held long enough."""
        self._control(self._model().release)

    def _control(self, change: Callable[[], object]) -> None:
        """Apply a key to the countdown and show the result at once, not at the next tick."""
        change()
        self.refresh_bindings()
        self._tick()

    def action_mute(self) -> None:
        """Someone else is asleep nearby: no bell, no flash."""
        self.muted = True

    def action_unmute(self) -> None:
        """Bring back the cues that let a person keep their eyes off the screen."""
        self.muted = False

    def _show_question(self) -> None:
        """The leg question's line and keys as they stand now (asked on the safety step and before the massage)."""
        if self.model is not None and self.countdown is not None:
            self.query_one(RoutineView).ask(self.model.leg_question)
            self._show(self.countdown.state())
        self.refresh_bindings()

    def action_leg_enter(self) -> None:
        """Enter answers "no" on the safety step (later it means "released")."""
        self.action_leg_check("no")

    def action_leg_check(self, answer: str) -> None:
        """One key: "yes" takes the massage out and shows the urgent advice; either answer moves on to the stretch."""
        model = self._model()
        if not model.asking():
            return
        notices, advice = model.answer_leg_question(answer)
        view = self.query_one(RoutineView)
        view.ask(None)
        self._tell(notices)
        if advice is not None:
            view.show_advice(advice)
        self._control(lambda: None)

    # -- ending -----------------------------------------------------------------

    def _stop(self) -> None:
        """No more refreshes, and no running-only keys in the footer."""
        self._model().stop()
        self.phase = "finished"
        self.next_sample = None
        self._stop_ticker()

    def action_abandon(self) -> None:
        """Stopping early: the bedtime routine just stops; a cramp asks whether to keep it."""
        model = self._model()
        if not model.stopping_asks:
            notice = model.stop_stretches()
            self._stop()
            self._tell([notice])
            self._close(None)
            return
        question = Text("Keep this cramp in your diary, with its time so far, or discard it?")
        self.app.push_screen(
            KeepOrDiscardScreen("Stop the timer?", question, keep="Keep", discard="Discard", later="Back to the timer"),
            self._abandon_answered,
        )

    def action_quit(self) -> None:
        """q while the timer runs: the same question as esc, so nothing measured is lost by a stray key."""
        self.action_abandon()

    def _abandon_answered(self, keep: bool | None) -> None:
        """Keep ends the cramp now and records it; discard deletes it; later carries on."""
        if keep:
            self.action_release()
        elif keep is False:
            self._stop()
            self._tell(self._model().discard())
            self._close(None)
        else:
            self._tick()

    def _finish(self, state: CountdownState) -> None:
        """Note the bedtime routine, or save what was measured and open the form to confirm it."""
        ending = self._model().finish(state)
        self._stop()
        self.query_one(RoutineView).show_result(ending.released, ending.seconds)
        self._tell(ending.notices)
        if ending.to_confirm is None:
            self._close(None)
            return
        finish_episode(self.app, ending.to_confirm, self._saved, stored=ending.stored, signs_question=ending.signs_question)

    def _saved(self, saved: Episode | None) -> None:
        """Back to where the timer was opened from; an unsaved cramp waits for the next start."""
        self._tell(self._model().confirmed(saved))
        self._close(saved)

    def _close(self, result: Episode | None) -> None:
        """Leave the timer; other unfinished cramps are asked about now, this one not again."""
        self.dismiss(result)
        offer_recovery(self.app, exclude=self.model.close() if self.model is not None else set())

