"""The cramp timer as a plain object: its phases, what each key means in each, and what it writes.

A run goes "muscle" → "side" → "running" → "finished" (bedtime and a known side skip
the picker's questions). Each key is a method here, returning the :class:`Notice` lines
the person should see; :meth:`TimerModel.allows` says which keys work now. The screen
(``tui/screens/timer.py``) only draws this model and maps keys to its methods, so every
phase is tested without Textual. The countdown's arithmetic is :mod:`cramp_diary.countdown`;
the diary writes are :mod:`cramp_diary.timer_session`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal

from cramp_diary.alerts import urgent_advice
from cramp_diary.clock import Monotonic, Now
from cramp_diary.countdown import EXTEND_SECONDS, Countdown, CountdownState
from cramp_diary.model import SIDES, Episode
from cramp_diary.routines import ROUTINE_KEYS, Routine, Routines
from cramp_diary.store import Diary, DiaryError
from cramp_diary.timer_session import CrampSession, record_bedtime

#: Each press of e says the cramp began this much earlier than the key press.
EARLIER_STEP = 60
#: People reach the keyboard within minutes; more than this is a cramp to log with the form instead.
MAX_EARLIER = 30 * 60
#: Less stretching than this is "a few seconds" in the message that the stretches were not noted.
FEW_SECONDS = 15

#: Asked during the safety step of a cramp routine; one key answers, enter meaning "no".
LEG_QUESTION = "Is this leg swollen, warm, red, or tender even between cramps?  y / n  (enter = no)"
#: Asked again on the step before the massage when the safety step ended unanswered (enter means "released" here).
LEG_QUESTION_AGAIN = "Massage is next only after a no: is this leg swollen, warm, red, or tender even between cramps?  y / n"
#: The line the episode form shows over its warning signs after a "yes".
SIGNS_QUESTION = "You said the leg was swollen, warm, red or tender: which of these did you see?"

#: The phases in which the picker asks (nothing has started or been written yet).
PICKING = ("muscle", "side")
#: The keys that work only while a routine counts down.
RUNNING_ACTIONS = frozenset({"pause", "resume", "release", "finish", "skip", "extend", "mute", "unmute", "abandon"})


@dataclass(frozen=True, slots=True)
class Notice:
    """One line for the person: what happened, how loudly, and for how long (None: the usual time)."""

    text: str
    severity: Literal["information", "warning", "error"] = "information"
    timeout: float | None = None


def check_choice(muscle: str | None, side: str | None) -> None:
    """A muscle and side given up front (``cramp-diary timer calf left``) must be ones the timer knows."""
    if muscle is not None and muscle not in ROUTINE_KEYS:
        raise ValueError(f"muscle must be one of {', '.join(ROUTINE_KEYS)} (got {muscle!r})")
    if side is not None and side not in SIDES:
        raise ValueError(f"side must be one of {', '.join(SIDES)} (got {side!r})")


@dataclass(frozen=True, slots=True)
class Sample:
    """One reading of the running countdown, and what the screen should do about it."""

    state: CountdownState
    step_changes: int
    """Steps entered since the last reading: one cue each."""
    question_changed: bool
    """The leg question came or went with this step change: its line and keys are redrawn."""


@dataclass(frozen=True, slots=True)
class Ending:
    """How the routine ended, and what comes next: the form to confirm the cramp, or nothing."""

    released: bool
    seconds: float
    notices: list[Notice] = field(default_factory=list)
    to_confirm: Episode | None = None
    """The cramp with its measured time, for the form (None for the bedtime routine)."""
    stored: Episode | None = None
    """The cramp as the diary holds it, so the form saves every difference from it."""
    signs_question: str | None = None


class TimerModel:
    """One run of the cramp timer, from the picker to the record; no Textual here."""

    def __init__(
        self,
        diary: Diary,
        now: Now,
        monotonic: Monotonic,
        routines: Routines,
        *,
        muscle: str | None = None,
        side: str | None = None,
        avoid_massage: bool = False,
        draft: Callable[[datetime], Episode],
    ) -> None:
        check_choice(muscle, side)
        self.diary = diary
        self.now = now
        self.monotonic = monotonic
        self.routines = routines
        self.draft = draft
        self.muscle = muscle
        self.side = side
        self.avoid_massage = avoid_massage
        last = diary.episodes.last()
        self.last_muscle = last.muscle if last is not None and last.muscle in ROUTINE_KEYS else None
        self.phase = "muscle"
        self.routine: Routine | None = None
        self.countdown: Countdown | None = None
        self.session: CrampSession | None = None
        self.started_at: datetime | None = None
        self.earlier = 0
        """Seconds the cramp began before the timer was started, as the person said with e."""
        self.leg_check: str | None = None
        """The answer to the leg question: "yes", "no", or None while not (yet) answered."""
        self._was_asking: str | None = None
        """The question as it stood at the last reading, so a step change that brings, words or ends it is told."""
        self.muted = False
        """Whether step changes stay silent and still."""

    @property
    def episode(self) -> Episode | None:
        """The unfinished episode this timer wrote to the diary, if any."""
        return self.session.episode if self.session is not None else None

    @property
    def is_prevention(self) -> bool:
        return self.routine is not None and self.routine.is_prevention

    def open(self) -> list[Notice]:
        """The first phase: ask the muscle, or the side, or start at once when both are known."""
        if self.muscle is None:
            self.phase = "muscle"
            return []
        if self.side is None and self.muscle != "bedtime":
            self.phase = "side"
            return []
        return self.start()

    # -- which keys work --------------------------------------------------------

    def allows(self, action: str) -> bool:
        """Each key means one thing at a time: enter repeats the muscle, answers "no", then means "released"."""
        phase = self.phase
        if action == "pick":
            return phase == "muscle"
        if action == "again":
            return phase == "muscle" and self.last_muscle is not None
        if action == "side":
            return phase == "side"
        if action == "back":
            return phase in PICKING
        if action == "earlier":
            if phase in PICKING:
                return self.muscle != "bedtime"
            return phase == "running" and self.session is not None and self.earlier < MAX_EARLIER
        if action == "leg_check":
            return self.asking()
        if action == "leg_enter":  # enter answers "no" on the safety step only; later it means "released"
            return self.asking() and self._on_safety_step()
        if action not in RUNNING_ACTIONS:
            return True
        if phase != "running" or self.countdown is None or self.routine is None:
            return False
        if action == "release" and self.asking() and self._on_safety_step():
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

    def pick(self, muscle: str) -> list[Notice]:
        """One key for the muscle; the side is asked only when it is not known yet."""
        self.muscle = muscle
        if muscle == "bedtime" or self.side is not None:
            return self.start()
        self.phase = "side"
        return []

    def again(self) -> list[Notice]:
        """Cramps tend to come back in the same muscle: the last one's muscle, picked again."""
        return self.pick(self.last_muscle) if self.last_muscle is not None else []

    def choose_side(self, side: str) -> list[Notice]:
        """The second and last question: the routine starts at once."""
        self.side = side
        return self.start()

    def began_earlier(self) -> list[Notice]:
        """People reach the keyboard after the cramp began: each press moves its start a minute back."""
        step = min(EARLIER_STEP, MAX_EARLIER - self.earlier)
        if step <= 0:
            return [Notice(f"At most {MAX_EARLIER // 60} minutes earlier; log an older cramp with the form (n).")]
        self.earlier += step
        if self.phase in PICKING or self.session is None or self.countdown is None:
            return []
        self.countdown.began_earlier(step)
        try:
            self.session.began_earlier(step)
        except DiaryError as error:
            return [Notice(f"Could not save the earlier start yet: {error}", "error")]
        return []

    # -- running ----------------------------------------------------------------

    def start(self) -> list[Notice]:
        """Write the unfinished episode first, then start counting: nothing is lost after this."""
        assert self.muscle is not None
        notices: list[Notice] = []
        self.routine = self.routines.build(self.muscle, avoid_massage=self.avoid_massage)
        if not self.routine.is_prevention:  # no massage until the leg question is answered "no"
            self.routine = self.routines.build(self.muscle, avoid_massage=True)
        self.started_at = self.now()
        if self.routine.is_prevention:
            self.side = "both"
            self.earlier = 0
        else:
            self.started_at -= timedelta(seconds=self.earlier)
            draft = self.draft(self.started_at).with_changes(muscle=self.muscle, side=self.side or "both")
            self.session = CrampSession(self.diary, draft, self.monotonic)
            try:
                self.session.begin()
            except DiaryError as error:
                notices.append(Notice(f"Could not save the cramp yet ({error}); the timer runs anyway.", "error"))
        self.countdown = Countdown(self.routine, self.monotonic)
        self.countdown.start()
        if self.earlier:
            self.countdown.began_earlier(self.earlier)
        self.phase = "running"
        self._was_asking = self.leg_question
        return notices

    @property
    def title(self) -> str:
        """The routine's name, and for a cramp the leg it is in."""
        assert self.routine is not None
        if self.routine.is_prevention:
            return self.routine.title
        return self.routine.title + (", both legs" if self.side == "both" else f", {self.side} leg")

    def sample(self) -> Sample | None:
        """Read the countdown (None when nothing counts): the state to show and the cues it calls for."""
        if self.countdown is None or self.phase != "running":
            return None
        entered = self.countdown.poll()
        question = self.leg_question
        changed = bool(entered) and question != self._was_asking
        self._was_asking = question
        return Sample(self.countdown.state(), len(entered), changed)

    def pause(self) -> None:
        """Hold the countdown, e.g. to sit down; the cramp's own time keeps running."""
        self._counting().pause()

    def resume(self) -> None:
        """Carry on from the same second of the same step."""
        self._counting().resume()

    def skip(self) -> None:
        """A step that cannot be done now (e.g. standing) should not hold everything up."""
        self._counting().skip()

    def extend(self) -> None:
        """The cramp has not let go yet: hold this stretch a little longer."""
        self._counting().extend(EXTEND_SECONDS)

    def release(self) -> None:
        """The cramp let go (or the bedtime stretches were done): its time ends now."""
        self._counting().release()

    def _counting(self) -> Countdown:
        assert self.countdown is not None
        return self.countdown

    # -- the leg (safety) question: asked, answered, and what the answer changes ----------

    @property
    def leg_question(self) -> str | None:
        """The question while it can be answered: on the safety step, then again before the massage."""
        if not self.asking():
            return None
        return LEG_QUESTION if self._on_safety_step() else LEG_QUESTION_AGAIN

    def asking(self) -> bool:
        """The question stands, unanswered, on the safety step and again on the step before the massage.

        Unanswered, the massage stays out (the caution step stands in for it); a "no"
        on either step brings it back.
        """
        if self.phase != "running" or self.countdown is None or self.routine is None or self.routine.is_prevention:
            return False
        if self.leg_check is not None or self.countdown.finished:
            return False
        return self._on_safety_step() or self._before_caution()

    def _on_safety_step(self) -> bool:
        return self.countdown is not None and self.countdown.state().step.kind == "safety"

    def _before_caution(self) -> bool:
        """The step before the caution that stands in for the massage (not one a warning sign put there)."""
        if self.avoid_massage or self.countdown is None or self.routine is None:
            return False
        index = self.countdown.state().index
        steps = self.routine.steps
        return index + 1 < len(steps) and steps[index + 1] == self.routines.caution

    def answer_leg_question(self, answer: str) -> tuple[list[Notice], str | None]:
        """Save the answer at once; "yes" takes the massage out. Moves on to the stretch either way.

        Returns the lines to tell the person and the advice to keep on screen (None after "no").
        """
        if not self.asking():
            return [], None
        assert self.countdown is not None and self.muscle is not None
        self.leg_check = answer
        notices: list[Notice] = []
        if self.session is not None:
            try:
                self.session.note_leg_check(answer)
            except DiaryError as error:
                notices.append(Notice(f"Could not save the answer yet: {error}", "error"))
        advice = None
        if answer == "yes":
            self.avoid_massage = True
            advice = urgent_advice()
        elif not self.avoid_massage:  # a "no", and no warning sign in the diary: the massage comes back
            self.routine = self.routines.build(self.muscle)
            self.countdown.swap_routine(self.routine)
        if self._on_safety_step():
            self.countdown.skip()  # on to the stretch; asked again later, the step in hand goes on
        self._was_asking = None
        return notices, advice

    # -- ending -----------------------------------------------------------------

    def stop(self) -> None:
        """No more counting, and no running-only keys."""
        self.phase = "finished"

    @property
    def stopping_asks(self) -> bool:
        """Stopping a cramp asks whether to keep it; the bedtime routine just stops."""
        return not self.is_prevention

    def stop_stretches(self) -> Notice:
        """The bedtime routine stopped early: nothing is noted."""
        self.stop()
        return Notice("Bedtime stretches stopped; nothing was noted.")

    def discard(self) -> list[Notice]:
        """Stopped, and the person does not want the cramp: delete its unfinished episode."""
        self.stop()
        if self.session is not None:
            try:
                self.session.discard()
            except DiaryError as error:
                return [Notice(f"Not discarded: {error}", "error")]
        return []

    def save_so_far(self) -> None:
        """The app is closing mid-cramp: keep the time measured so far, for the next start to offer."""
        if self.phase != "running" or self.session is None or self.countdown is None:
            return
        try:
            self.session.save_so_far(self.countdown.duration, self.countdown.reliefs())
        except DiaryError:
            pass  # the unfinished episode is already in the diary; only its time so far is lost

    def finish(self, state: CountdownState) -> Ending:
        """Note the bedtime routine, or save what was measured and hand it to the form to confirm."""
        assert self.countdown is not None
        self.stop()
        seconds = self.countdown.duration
        if self.session is None:  # only the bedtime routine runs without a cramp
            return Ending(state.released, seconds, self._note_stretches())
        notices: list[Notice] = []
        draft = self.session.measured(seconds, self.countdown.reliefs())
        try:
            draft = self.session.save(draft)
        except DiaryError as error:
            notices.append(Notice(f"Could not save the measured time yet: {error}", "error"))
        ask = SIGNS_QUESTION if self.leg_check == "yes" else None
        return Ending(state.released, seconds, notices, draft, self.session.episode, ask)

    def _note_stretches(self) -> list[Notice]:
        """Note the evening only if the stretches were really held: skipping through them is not doing them."""
        assert self.countdown is not None and self.started_at is not None
        try:
            outcome = record_bedtime(self.diary, self.countdown, self.started_at)
        except DiaryError as error:
            return [Notice(f"Could not note the stretches: {error}", "error")]
        if outcome.noted:
            return [Notice("Bedtime stretches done and noted for tonight. Sleep well.")]
        held = outcome.held_seconds
        amount = "a few seconds" if held < FEW_SECONDS else f"{int(held)} seconds"
        return [Notice(f"Only {amount} of stretching; not noted. Try the full routine when you can.", timeout=8)]

    def confirmed(self, saved: Episode | None) -> list[Notice]:
        """The form closed: an unsaved cramp waits, unfinished, for the next start."""
        if saved is None and self.episode is not None:
            return [
                Notice(
                    "Not saved yet: the cramp stays in your diary as unfinished, and you will be asked about it next time.",
                    timeout=8,
                )
            ]
        return []

    def close(self) -> set[str]:
        """The timer closes: its hold on the cramp is let go (an unfinished one is offered at the next start).

        Returns the unfinished cramps to leave out when others are offered now: this one, asked about already.
        """
        if self.session is not None:
            self.session.release()
        return {self.episode.uuid} if self.episode is not None else set()
