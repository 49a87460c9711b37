"""The cramp timer's safety question: is the leg swollen, warm, red or tender?

Asked during the safety step of a cramp routine, answered with one key. A
"yes" takes the massage out of the routine and keeps the urgent advice on
screen (contact a healthcare provider); the answer is saved on the cramp at
once, so the report can say it was asked.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import Screen

from cramp_diary.alerts import urgent_advice
from cramp_diary.countdown import Countdown
from cramp_diary.model import Episode
from cramp_diary.routines import Routine, Routines
from cramp_diary.store import DiaryError
from cramp_diary.timer_session import CrampSession
from cramp_diary.tui.widgets.routine_view import RoutineView

#: Asked during the safety step of a cramp routine; one key answers, enter meaning "no".
LEG_QUESTION = "Is this leg swollen, warm, red, or tender even between cramps?  y / n  (enter = no)"
#: The line the episode form shows over its warning signs after a "yes".
SIGNS_QUESTION = "You said the leg was swollen, warm, red or tender: which of these did you see?"


class LegCheck(Screen["Episode | None"]):
    """The timer screen's part that asks and takes the answer (mixed into :class:`TimerScreen`)."""

    phase: str
    muscle: str | None
    avoid_massage: bool
    routines: Routines | None
    routine: Routine | None
    countdown: Countdown | None
    session: CrampSession | None
    leg_check: str | None
    """The answer: "yes", "no", or None while not (yet) answered."""

    def _control(self, change: Callable[[Countdown], None]) -> None:
        raise NotImplementedError

    def _asking(self) -> bool:
        """The question stands while a cramp routine is on its safety step and nobody has answered."""
        if self.phase != "running" or self.countdown is None or self.routine is None or self.routine.is_prevention:
            return False
        return self.leg_check is None and not self.countdown.finished and self.countdown.state().step.kind == "safety"

    def action_leg_check(self, answer: str) -> None:
        """One key: "yes" takes the massage out and shows the urgent advice; either answer moves on to the stretch."""
        if not self._asking():
            return
        assert self.countdown is not None and self.routines is not None and self.muscle is not None
        self.leg_check = answer
        view = self.query_one(RoutineView)
        view.ask(None)
        if self.session is not None:
            try:
                self.session.note_leg_check(answer)
            except DiaryError as error:
                self.notify(f"Could not save the answer yet: {error}", severity="error", markup=False)
        if answer == "yes":
            self.avoid_massage = True
            self.routine = self.routines.build(self.muscle, avoid_massage=True)
            self.countdown.swap_routine(self.routine)
            view.show_advice(urgent_advice())
        self._control(lambda countdown: countdown.skip())
