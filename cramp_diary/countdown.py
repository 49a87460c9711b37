"""The routine's countdown as plain arithmetic on a monotonic clock.

Nothing here counts ticks: every figure is worked out from ``now - start -
paused``, so a late or dropped refresh cannot make the countdown drift, and a
test can drive it second by second with a fake clock. No Textual here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import accumulate

from cramp_diary.clock import Monotonic
from cramp_diary.routines import Routine, Step

#: A step skipped or cut short by "released" still counts as done after this long.
DONE_AFTER = 5.0
EXTEND_SECONDS = 15.0
#: The bedtime stretches count for the evening once this share of their planned hold time was spent holding.
HELD_ENOUGH = 0.5


@dataclass(frozen=True, slots=True)
class CountdownState:
    """Everything the timer screen shows, at one instant."""

    index: int
    step: Step
    remaining: float
    step_length: float
    step_fraction: float
    routine_fraction: float
    elapsed: float
    paused: bool
    finished: bool
    released: bool
    earlier: float = 0.0
    """Seconds the cramp began before the countdown started (already counted in ``elapsed``)."""
    routine_length: float = 0.0
    """Countdown seconds in the whole routine, "+15 s" included (what ``routine_fraction`` is a share of)."""

    @property
    def remaining_whole(self) -> int:
        """Seconds left as people count them: 30 at the start, 1 during the last second."""
        return math.ceil(self.remaining - 1e-9)

    def until_next_sample(self, gap: float) -> float:
        """Seconds until the display should be read again: at most ``gap`` (which must divide a second).

        Counting, the readings fall where ``remaining`` is a multiple of ``gap``, so each new second of the
        digits (and the step's end) is read the moment it begins; paused, where ``elapsed`` is. The elapsed
        time's next whole second is never passed over, even when a pause has put it off the digits' grid.
        """
        if self.paused or self.finished:
            return (math.floor(self.elapsed / gap) + 1) * gap - self.elapsed
        to_second = math.floor(self.elapsed) + 1 - self.elapsed
        to_grid = self.remaining - (math.ceil(self.remaining / gap) - 1) * gap
        return min(to_second, to_grid)


class Countdown:
    """A routine in progress: which step, how long left, what was done.

    Time runs on two scales. The countdown ("active" time) stops while paused;
    ``elapsed`` is real time since the cramp began, paused or not, because that
    is how long the cramp lasted.
    """

    def __init__(self, routine: Routine, monotonic: Monotonic) -> None:
        self.routine = routine
        self._monotonic = monotonic
        self._ends = list(accumulate(float(step.seconds) for step in routine.steps))
        self._started: float | None = None
        self._paused_at: float | None = None
        self._paused_total = 0.0
        self._ended: float | None = None
        self._released = False
        self._reported = 0
        self._earlier = 0.0

    # -- controls ---------------------------------------------------------------

    def start(self) -> None:
        """Begin the first step now."""
        if self._started is not None:
            raise RuntimeError("the countdown has already started")
        self._started = self._monotonic()

    def pause(self) -> None:
        if self._settle() or self._paused_at is not None:
            return
        self._paused_at = self._monotonic()

    def resume(self) -> None:
        if self._paused_at is None:
            return
        self._paused_total += self._monotonic() - self._paused_at
        self._paused_at = None

    def toggle(self) -> None:
        """Pause when running, resume when paused."""
        if self._paused_at is None:
            self.pause()
        else:
            self.resume()

    def skip(self) -> None:
        """End the current step now; the next one starts at once."""
        if self._settle():
            return
        active = self._active(self._monotonic())
        self._shift(self._index(active), active)
        self._settle()

    def extend(self, seconds: float = EXTEND_SECONDS) -> None:
        """Give the current step more time, e.g. when the cramp has not let go yet."""
        if self._settle():
            return
        index = self._index(self._active(self._monotonic()))
        self._shift(index, self._ends[index] + seconds)

    def release(self) -> None:
        """The cramp let go: stop now, even in the middle of a step or a pause."""
        if self._settle():
            return
        self._ended = self._monotonic()
        self._released = True

    def began_earlier(self, seconds: float) -> None:
        """The cramp began before the key press: its measured time counts from then (the steps do not move)."""
        if seconds < 0:
            raise ValueError("seconds must not be negative")
        self._earlier += seconds

    def swap_routine(self, routine: Routine) -> None:
        """Run ``routine`` from the next step on, e.g. without massage once the leg is found swollen.

        The steps up to the current one must be the same; the current step keeps its
        end (a "+15 s" stays), and the new later steps follow it.
        """
        index = self._index(self._active(self._now())) if self.started else 0
        if routine.steps[: index + 1] != self.routine.steps[: index + 1]:
            raise ValueError("the new routine must share the steps done so far")
        ends = self._ends[: index + 1]
        for step in routine.steps[index + 1 :]:
            ends.append(ends[-1] + float(step.seconds))
        self.routine = routine
        self._ends = ends

    # -- reading ----------------------------------------------------------------

    @property
    def earlier(self) -> float:
        """Seconds the cramp began before the countdown started, as the person said."""
        return self._earlier

    @property
    def started(self) -> bool:
        return self._started is not None

    @property
    def paused(self) -> bool:
        return self._paused_at is not None and not self.finished

    @property
    def finished(self) -> bool:
        return self._settle()

    @property
    def released(self) -> bool:
        return self._released

    @property
    def duration(self) -> float:
        """Real seconds from the start to "released" or the routine's end (or until now)."""
        return self._wall(self._now())

    def state(self) -> CountdownState:
        """The countdown at this instant."""
        now = self._now()
        active = self._active(now)
        total = self._ends[-1]
        index = self._index(active)
        begin = self._step_start(index)
        length = self._ends[index] - begin
        into = min(max(active - begin, 0.0), length)
        return CountdownState(
            index=index,
            step=self.routine.steps[index],
            remaining=length - into,
            step_length=length,
            step_fraction=into / length if length else 1.0,
            routine_fraction=min(active / total, 1.0) if total else 1.0,
            elapsed=self._wall(now),
            paused=self.paused,
            finished=self._ended is not None,
            released=self._released,
            earlier=self._earlier,
            routine_length=total,
        )

    def poll(self) -> list[int]:
        """Step indexes entered since the last poll, each once, even if polls came late."""
        current = self._index(self._active(self._now()))
        entered = list(range(self._reported + 1, current + 1))
        self._reported = max(self._reported, current)
        return entered

    def seconds_in_steps(self) -> list[float]:
        """Countdown seconds spent in each step so far (pauses left out), one figure per step."""
        active = self._active(self._now())
        current = self._index(active)
        return [
            max(min(active, self._ends[index]) - self._step_start(index), 0.0) if index <= current else 0.0
            for index in range(len(self._ends))
        ]

    def steps_done(self) -> list[int]:
        """Steps run to their end, or held for at least ``DONE_AFTER`` seconds before moving on."""
        return [
            index
            for index, (spent, step) in enumerate(zip(self.seconds_in_steps(), self.routine.steps))
            if spent >= min(DONE_AFTER, step.seconds)
        ]

    def _counted(self) -> list[int]:
        """The steps whose time shows the routine was done: the holds, or every step if it has none."""
        holds = [index for index, step in enumerate(self.routine.steps) if step.kind == "hold"]
        return holds or list(range(len(self.routine.steps)))

    def held_seconds(self) -> float:
        """Seconds really spent in the hold (stretch) steps; skipped and paused time does not count."""
        spent = self.seconds_in_steps()
        return sum(spent[index] for index in self._counted())

    def hold_seconds_needed(self, share: float = HELD_ENOUGH) -> float:
        """How much holding makes the routine count: ``share`` of its planned hold time."""
        return share * sum(self.routine.steps[index].seconds for index in self._counted())

    def held_enough(self, share: float = HELD_ENOUGH) -> bool:
        """True once the stretches were held for ``share`` of their planned time, however the rest went."""
        return self.held_seconds() >= self.hold_seconds_needed(share) - 1e-9

    def reliefs(self) -> tuple[str, ...]:
        """What the diary should record as having helped, in the order it was done."""
        found = (self.routine.steps[index].relief for index in self.steps_done())
        return tuple(dict.fromkeys(relief for relief in found if relief))

    def upcoming(self) -> list[Step]:
        """The steps still to come after the current one."""
        if self.finished:
            return []
        return list(self.routine.steps[self.state().index + 1 :])

    # -- arithmetic -------------------------------------------------------------

    def _begun(self) -> float:
        if self._started is None:
            raise RuntimeError("the countdown has not started")
        return self._started

    def _now(self) -> float:
        """The clock, stopped at the end once the routine is over."""
        self._settle()
        return self._ended if self._ended is not None else self._monotonic()

    def _active(self, now: float) -> float:
        """Countdown seconds run by ``now``: real time minus every pause."""
        paused = self._paused_total
        if self._paused_at is not None:
            paused += now - self._paused_at
        return now - self._begun() - paused

    def _wall(self, now: float) -> float:
        return now - self._begun() + self._earlier

    def _step_start(self, index: int) -> float:
        return self._ends[index - 1] if index else 0.0

    def _index(self, active: float) -> int:
        """The step running at ``active`` seconds; a step ends exactly at its boundary."""
        for index, end in enumerate(self._ends):
            if active < end:
                return index
        return len(self._ends) - 1

    def _shift(self, index: int, new_end: float) -> None:
        """Move step ``index``'s end, and every later step with it."""
        delta = new_end - self._ends[index]
        self._ends[index] = new_end
        for later in range(index + 1, len(self._ends)):
            self._ends[later] += delta

    def _settle(self) -> bool:
        """Notice the routine's natural end at the exact instant it happened; True when over."""
        if self._ended is not None:
            return True
        if self._paused_at is not None:
            return False
        end = self._begun() + self._paused_total + self._ends[-1]
        if self._monotonic() >= end:
            self._ended = end
            return True
        return False
