"""Cramp now: pick the muscle and side, then a calm guided countdown that ends in a record.

The screen only displays a :class:`~cramp_diary.countdown.Countdown`, which
works everything out from the app's monotonic clock; the refresh timer just
samples it, so a busy event loop can make the display late but never wrong.
What is written to the diary, and when, is :mod:`cramp_diary.timer_session`:
the unfinished episode is written the moment the countdown starts, so a
crash mid-cramp loses nothing (see :mod:`cramp_diary.tui.screens.recover`).

Its parts live beside it: the keys (``timer_keys``), the safety question
(``timer_safety``), the way out, stopped early or finished (``timer_ending``);
the picker and the running routine are widgets (``MusclePicker``, ``RoutineView``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime, timedelta

from textual.app import ComposeResult
from textual.reactive import reactive
from textual.widgets import ContentSwitcher

from cramp_diary.countdown import EXTEND_SECONDS, Countdown, CountdownState
from cramp_diary.model import SIDES
from cramp_diary.routines import ROUTINE_KEYS, Routine, Routines, load_routines
from cramp_diary.store import DiaryError
from cramp_diary.timer_session import CrampSession
from cramp_diary.tui.widgets.key_footer import KeyFooter
from cramp_diary.tui.context import context, new_draft
from cramp_diary.tui.screens.timer_ending import TimerEnding
from cramp_diary.tui.screens.timer_keys import RUNNING_ACTIONS, TIMER_BINDINGS
from cramp_diary.tui.screens.timer_safety import LEG_QUESTION, LegCheck
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

#: Each press of e says the cramp began this much earlier than the key press.
EARLIER_STEP = 60
#: People reach the keyboard within minutes; more than this is a cramp to log with the form instead.
MAX_EARLIER = 30 * 60


class TimerScreen(LegCheck, TimerEnding):
    """Guides a person through releasing a cramp (or the bedtime stretches) and records it."""

    CSS_PATH = "timer.tcss"

    BINDINGS = TIMER_BINDINGS

    phase: reactive[str] = reactive("muscle", init=False)
    """Where the person is: "muscle" and "side" (the picker), "running", then "finished"."""
    muted: reactive[bool] = reactive(False, init=False)
    """Whether step changes stay silent and still."""

    def __init__(self, muscle: str | None = None, side: str | None = None, *, avoid_massage: bool = False) -> None:
        if muscle is not None and muscle not in ROUTINE_KEYS:
            raise ValueError(f"muscle must be one of {', '.join(ROUTINE_KEYS)} (got {muscle!r})")
        if side is not None and side not in SIDES:
            raise ValueError(f"side must be one of {', '.join(SIDES)} (got {side!r})")
        super().__init__()
        self.muscle = muscle
        self.side = side
        self.avoid_massage = avoid_massage
        self.routines: Routines | None = None
        self.routine: Routine | None = None
        self.countdown: Countdown | None = None
        self.session: CrampSession | None = None
        self.started_at: datetime | None = None
        self.last_muscle: str | None = None
        self.earlier = 0
        """Seconds the cramp began before the timer was started, as the person said with e."""
        self.leg_check: str | None = None
        self._ticker: asyncio.TimerHandle | None = None
        self._routine_view: RoutineView | None = None
        self.next_sample: float | None = None
        """Seconds from the last sample to the next one (None when not counting)."""

    # -- layout -----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with ContentSwitcher(initial="picker", id="phases"):
            yield MusclePicker(id="picker")
            yield RoutineView(id="run")
        yield KeyFooter()

    def on_mount(self) -> None:
        app = context(self)
        self.routines, warnings = load_routines(app.config_dir)
        for warning in warnings:
            # markup=False: the warning quotes the person's file, and "[/x]" in it must not crash the timer
            self.notify(warning, title="Your routines file", severity="warning", timeout=15, markup=False)
        last = app.diary.episodes.last()
        self.last_muscle = last.muscle if last is not None and last.muscle in ROUTINE_KEYS else None
        self.query_one(MusclePicker).ask_muscle(self.last_muscle)
        if self.muscle is None:
            self.phase = "muscle"
        elif self.side is None and self.muscle != "bedtime":
            self._ask_side()
        else:
            self._start()

    def watch_phase(self, phase: str) -> None:
        """Show the part of the screen for this phase, and only the keys that work in it."""
        self.query_one("#phases", ContentSwitcher).current = "picker" if phase in ("muscle", "side") else "run"
        self.refresh_bindings()

    def watch_muted(self) -> None:
        """Swap the footer's Mute for Sound on, and show "muted" under the countdown."""
        self.refresh_bindings()
        if self.countdown is not None and self.countdown.started:
            self._show(self.countdown.state())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Each key means one thing at a time: enter repeats the muscle, then means "released"."""
        phase = self.phase
        if action == "pick":
            return phase == "muscle"
        if action == "again":
            return phase == "muscle" and self.last_muscle is not None
        if action == "side":
            return phase == "side"
        if action == "back":
            return phase in ("muscle", "side")
        if action == "earlier":
            if phase in ("muscle", "side"):
                return self.muscle != "bedtime"
            return phase == "running" and self.session is not None and self.earlier < MAX_EARLIER
        if action == "leg_check":
            return self._asking()
        if action not in RUNNING_ACTIONS:
            return True
        if phase != "running" or self.countdown is None or self.routine is None:
            return False
        if action == "release" and self._asking():
            return False  # enter answers the question first
        paused = self.countdown.paused
        prevention = self.routine.is_prevention
        return {
            "pause": not paused,
            "resume": paused,
            "release": not prevention,
            "finish": prevention,
            "mute": not self.muted,
            "unmute": self.muted,
        }.get(action, True)

    # -- picking ----------------------------------------------------------------

    def action_pick(self, muscle: str) -> None:
        """One key for the muscle; the side is asked only when it is not known yet."""
        self.muscle = muscle
        if muscle == "bedtime" or self.side is not None:
            self._start()
        else:
            self._ask_side()

    def action_again(self) -> None:
        """Cramps tend to come back in the same muscle: enter picks it again."""
        if self.last_muscle is not None:
            self.action_pick(self.last_muscle)

    def _ask_side(self) -> None:
        self.query_one(MusclePicker).ask_side(self.muscle or "")
        self.phase = "side"

    def action_side(self, side: str) -> None:
        """The second and last question: the routine starts at once."""
        self.side = side
        self._start()

    def action_earlier(self) -> None:
        """People reach the keyboard after the cramp began: each press moves its start a minute back."""
        step = min(EARLIER_STEP, MAX_EARLIER - self.earlier)
        if step <= 0:
            self.notify(f"At most {MAX_EARLIER // 60} minutes earlier; log an older cramp with the form (n).", markup=False)
            return
        self.earlier += step
        if self.phase in ("muscle", "side"):
            self.query_one(MusclePicker).show_earlier(self.earlier)
            return
        if self.session is not None and self.countdown is not None:
            self.countdown.began_earlier(step)
            try:
                self.session.began_earlier(step)
            except DiaryError as error:
                self.notify(f"Could not save the earlier start yet: {error}", severity="error", markup=False)
            self.refresh_bindings()
            self._tick()

    def action_back(self) -> None:
        """Nothing has started or been written yet, so leaving needs no question."""
        self._close(None)

    # -- running ----------------------------------------------------------------

    def _start(self) -> None:
        """Write the unfinished episode first, then start counting: nothing is lost after this."""
        assert self.routines is not None and self.muscle is not None
        app = context(self)
        self.routine = self.routines.build(self.muscle, avoid_massage=self.avoid_massage)
        self.started_at = app.now()
        if self.routine.is_prevention:
            self.side = "both"
            self.earlier = 0
        else:
            self.started_at -= timedelta(seconds=self.earlier)
            draft = new_draft(self.started_at).with_changes(muscle=self.muscle, side=self.side or "both")
            self.session = CrampSession(app.diary, draft, app.monotonic)
            try:
                self.session.begin()
            except DiaryError as error:
                self.notify(
                    f"Could not save the cramp yet ({error}); the timer runs anyway.", severity="error", markup=False
                )
            # until this screen closes (the form to finish the cramp included): "still running" to other apps
            self.set_interval(1.0, self.session.keep_alive)
        self.countdown = Countdown(self.routine, app.monotonic)
        self.countdown.start()
        if self.earlier:
            self.countdown.began_earlier(self.earlier)
        title = self.routine.title
        if not self.routine.is_prevention:
            title += ", both legs" if self.side == "both" else f", {self.side} leg"
        view = self.query_one(RoutineView)
        view.show_title(title)
        view.ask(None if self.routine.is_prevention else LEG_QUESTION)
        self.phase = "running"
        self._tick()

    def _tick(self) -> None:
        """Sample the countdown: show it, cue each step change, and finish when it is over."""
        countdown = self.countdown
        if countdown is None or self.phase != "running":
            return
        entered = countdown.poll()
        state = countdown.state()
        self._show(state)
        if entered:
            self._cue(len(entered))
            if entered[0] == 1 and self.leg_check is None:
                # the question's keys go with the safety step; redrawn after the flash, not during it
                self.set_timer(FLASH_SECONDS, self.refresh_bindings)
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
        assert self.routine is not None and self.countdown is not None
        self._view().show(state, self.routine, self.countdown.upcoming, self.muted)
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
        self._control(lambda countdown: countdown.pause())

    def action_resume(self) -> None:
        """Carry on from the same second of the same step."""
        self._control(lambda countdown: countdown.resume())

    def action_skip(self) -> None:
        """A step that cannot be done now (e.g. standing) should not hold everything up."""
        self._control(lambda countdown: countdown.skip())

    def action_extend(self) -> None:
        """The cramp has not let go yet: hold this stretch a little longer."""
        self._control(lambda countdown: countdown.extend(EXTEND_SECONDS))

    def action_release(self) -> None:
        """The cramp let go: its duration ends now, and the form opens to record it."""
        self._control(lambda countdown: countdown.release())

    def action_finish(self) -> None:
        """The bedtime stretches were done (perhaps in less time): note them now, if they were held long enough."""
        self._control(lambda countdown: countdown.release())

    def _control(self, change: Callable[[Countdown], None]) -> None:
        """Apply a key to the countdown and show the result at once, not at the next tick."""
        assert self.countdown is not None
        change(self.countdown)
        self.refresh_bindings()
        self._tick()

    def action_mute(self) -> None:
        """Someone else is asleep nearby: no bell, no flash."""
        self.muted = True

    def action_unmute(self) -> None:
        """Bring back the cues that let a person keep their eyes off the screen."""
        self.muted = False

    # -- ending -----------------------------------------------------------------

    def _stop(self) -> None:
        """No more refreshes, and no running-only keys in the footer."""
        self.phase = "finished"
        self.next_sample = None
        self._stop_ticker()
