"""The timer's reading schedule: at least 4 readings a second, each new second read the moment it begins.

Driven by an injected clock through whatever a person does (pause, resume, skip, +15 s), following the
same rule the screen follows: the next reading ``min(until_next_sample + LATE_BY, SAMPLE_GAP)`` away.
"""

from __future__ import annotations

from fake_monotonic import FakeMonotonic
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cramp_diary.countdown import Countdown, CountdownState
from cramp_diary.routines import Routine, Step
from cramp_diary.tui.screens.timer import LATE_BY, SAMPLE_GAP

ACTIONS = ("pause", "resume", "skip", "extend")


def routine(seconds: list[int]) -> Routine:
    steps = tuple(Step(name=f"step {n}", instruction="do it", seconds=s) for n, s in enumerate(seconds))
    return Routine(key="calf", title="Calf cramp", steps=steps)


def shown(state: CountdownState) -> tuple[int, int, int]:
    """What changes on whole seconds: the step, its digits, the elapsed time."""
    return state.index, state.remaining_whole, int(state.elapsed)


@settings(max_examples=60, deadline=None)
@given(
    seconds=st.lists(st.integers(min_value=1, max_value=40), min_size=1, max_size=5),
    presses=st.lists(
        st.tuples(st.floats(min_value=0.0, max_value=60.0), st.sampled_from(ACTIONS)), max_size=6
    ),
)
@example(seconds=[1, 25], presses=[(0.005, "skip")])  # a step ending within float noise of a reading
def test_readings_come_4_times_a_second_and_catch_every_change_at_once(
    seconds: list[int], presses: list[tuple[float, str]]
) -> None:
    mono = FakeMonotonic()
    countdown = Countdown(routine(seconds), mono)
    countdown.start()
    begun = mono()
    keys = sorted(presses)
    last = countdown.state()
    while not last.finished and mono() - begun < 300:
        wait = min(last.until_next_sample(SAMPLE_GAP) + LATE_BY, SAMPLE_GAP)
        assert 0 < wait <= SAMPLE_GAP
        if keys and begun + keys[0][0] < mono() + wait:
            # a key before the next reading: the screen reads the countdown at once, and schedules anew
            at, action = keys.pop(0)
            mono.current = max(mono.current, begun + at)
            getattr(countdown, action)()
            last = countdown.state()
            continue
        before = wait - LATE_BY - 1e-6  # below 0 when a change is due within float noise: nothing to check
        if before > 0:
            mono.advance(before)
            if not countdown.finished:
                # just before the reading (less its lateness) nothing new shows: no change waits longer than that
                assert shown(countdown.state()) == shown(last)
        mono.advance(wait - max(before, 0.0))
        last = countdown.state()


def test_a_new_second_is_read_the_moment_it_begins() -> None:
    """On the digits' own quarter seconds: a reading 0.3 s into a step waits 0.2 s, then 0.25 s each."""
    mono = FakeMonotonic()
    countdown = Countdown(routine([10]), mono)
    countdown.start()
    mono.advance(0.3)
    assert abs(countdown.state().until_next_sample(SAMPLE_GAP) - 0.2) < 1e-9
    mono.advance(0.2)
    assert abs(countdown.state().until_next_sample(SAMPLE_GAP) - 0.25) < 1e-9
