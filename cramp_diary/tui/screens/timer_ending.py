"""How a cramp timer ends: stopped early (keep or discard?), or finished and recorded.

A cramp routine ends in the episode form with the measured time; the bedtime
routine is noted for the evening only if its stretches were really held. The
diary writes themselves are :mod:`cramp_diary.timer_session`.
"""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.screen import Screen

from cramp_diary.countdown import Countdown, CountdownState
from cramp_diary.model import Episode
from cramp_diary.routines import Routine
from cramp_diary.store import DiaryError
from cramp_diary.timer_session import CrampSession, record_bedtime
from cramp_diary.tui.context import context
from cramp_diary.tui.screens.recover import KeepOrDiscardScreen, finish_episode, offer_recovery
from cramp_diary.tui.screens.timer_safety import SIGNS_QUESTION
from cramp_diary.tui.widgets.routine_view import RoutineView

#: Less stretching than this is "a few seconds" in the message that the stretches were not noted.
FEW_SECONDS = 15


class TimerEnding(Screen["Episode | None"]):
    """The timer screen's way out (mixed into :class:`TimerScreen`)."""

    phase: str
    routine: Routine | None
    countdown: Countdown | None
    session: CrampSession | None
    started_at: datetime | None
    leg_check: str | None

    @property
    def episode(self) -> Episode | None:
        """The unfinished episode this timer wrote to the diary, if any."""
        return self.session.episode if self.session is not None else None

    def _stop(self) -> None:
        raise NotImplementedError

    def _tick(self) -> None:
        raise NotImplementedError

    def action_release(self) -> None:
        raise NotImplementedError

    def action_abandon(self) -> None:
        """Stopping early: the bedtime routine just stops; a cramp asks whether to keep it."""
        assert self.routine is not None
        if self.routine.is_prevention:
            self._stop()
            self.notify("Bedtime stretches stopped; nothing was noted.", markup=False)
            self._close(None)
            return
        question = Text("Keep this cramp in your diary, with its time so far, or discard it?")
        self.app.push_screen(
            KeepOrDiscardScreen("Stop the timer?", question, keep="Keep", discard="Discard", later="Back to the timer"),
            self._abandon_answered,
        )

    def _abandon_answered(self, keep: bool | None) -> None:
        """Keep ends the cramp now and records it; discard deletes it; later carries on."""
        assert self.countdown is not None
        if keep:
            self.action_release()
        elif keep is False:
            self._stop()
            if self.session is not None:
                try:
                    self.session.discard()
                except DiaryError as error:
                    self.notify(f"Not discarded: {error}", severity="error", markup=False)
            self._close(None)
        else:
            self._tick()

    def save_so_far(self) -> None:
        """The app is closing mid-cramp: keep the time measured so far, for the next start to offer."""
        if self.phase != "running" or self.session is None or self.countdown is None:
            return
        try:
            self.session.save_so_far(self.countdown.duration, self.countdown.reliefs())
        except DiaryError:
            pass  # the unfinished episode is already in the diary; only its time so far is lost

    def _finish(self, state: CountdownState) -> None:
        """Note the bedtime routine, or save what was measured and open the form to confirm it."""
        assert self.countdown is not None and self.routine is not None
        self._stop()
        seconds = self.countdown.duration
        self.query_one(RoutineView).show_result(state.released, seconds)
        if self.session is None:  # only the bedtime routine runs without a cramp
            self._note_stretches()
            self._close(None)
            return
        draft = self.session.measured(seconds, self.countdown.reliefs())
        try:
            draft = self.session.save(draft)
        except DiaryError as error:
            self.notify(f"Could not save the measured time yet: {error}", severity="error", markup=False)
        ask = SIGNS_QUESTION if self.leg_check == "yes" else None
        finish_episode(self.app, draft, self._saved, stored=self.session.episode, signs_question=ask)

    def _note_stretches(self) -> None:
        """Note the evening only if the stretches were really held: skipping through them is not doing them."""
        assert self.countdown is not None and self.started_at is not None
        try:
            outcome = record_bedtime(context(self).diary, self.countdown, self.started_at)
        except DiaryError as error:
            self.notify(f"Could not note the stretches: {error}", severity="error", markup=False)
            return
        if outcome.noted:
            self.notify("Bedtime stretches done and noted for tonight. Sleep well.", markup=False)
            return
        held = outcome.held_seconds
        amount = "a few seconds" if held < FEW_SECONDS else f"{int(held)} seconds"
        self.notify(f"Only {amount} of stretching; not noted. Try the full routine when you can.", timeout=8, markup=False)

    def _saved(self, saved: Episode | None) -> None:
        """Back to where the timer was opened from; an unsaved cramp waits for the next start."""
        if saved is None and self.episode is not None:
            self.notify(
                "Not saved yet: the cramp stays in your diary as unfinished, and you will be asked about it next time.",
                timeout=8,
                markup=False,
            )
        self._close(saved)

    def _close(self, result: Episode | None) -> None:
        """Leave the timer; other unfinished cramps are asked about now, this one not again."""
        if self.session is not None:
            self.session.release()  # an unfinished one is offered at the next start
        self.dismiss(result)
        offer_recovery(self.app, exclude={self.episode.uuid} if self.episode else set())
