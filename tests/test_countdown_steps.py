"""The countdown moves from step to step exactly at the boundaries the clock says."""

from __future__ import annotations

import pytest
from fake_monotonic import FakeMonotonic

from cramp_diary.countdown import Countdown
from cramp_diary.routines import Routine, Step


def routine(*seconds: int) -> Routine:
    steps = tuple(
        Step(name=f"step {n}", instruction="do it", seconds=s, relief=("stretch", "massage", "walk")[n % 3])
        for n, s in enumerate(seconds)
    )
    return Routine(key="calf", title="Calf cramp", steps=steps)


@pytest.fixture
def mono() -> FakeMonotonic:
    return FakeMonotonic()


def started(mono: FakeMonotonic, *seconds: int) -> Countdown:
    countdown = Countdown(routine(*seconds), mono)
    countdown.start()
    return countdown


def test_first_step_shows_its_full_length_at_the_start(mono: FakeMonotonic) -> None:
    state = started(mono, 8, 30, 20).state()
    assert (state.index, state.remaining, state.remaining_whole) == (0, 8.0, 8)
    assert state.step_fraction == 0.0 and state.routine_fraction == 0.0
    assert not state.finished and not state.paused


def test_step_changes_exactly_at_its_boundary(mono: FakeMonotonic) -> None:
    countdown = started(mono, 8, 30, 20)
    mono.advance(7.999)
    assert countdown.state().index == 0
    assert countdown.state().remaining_whole == 1
    mono.advance(0.001)
    state = countdown.state()
    assert (state.index, state.remaining) == (1, 30.0)


def test_fractions_follow_the_clock(mono: FakeMonotonic) -> None:
    countdown = started(mono, 10, 30)
    mono.advance(25)
    state = countdown.state()
    assert state.index == 1
    assert state.step_fraction == pytest.approx(0.5)
    assert state.routine_fraction == pytest.approx(25 / 40)
    assert state.elapsed == 25


def test_routine_ends_at_the_sum_of_its_steps(mono: FakeMonotonic) -> None:
    countdown = started(mono, 8, 30, 20)
    mono.advance(57.9)
    assert not countdown.finished
    mono.advance(0.1)
    assert countdown.finished
    state = countdown.state()
    assert (state.index, state.remaining, state.routine_fraction) == (2, 0.0, 1.0)
    assert not state.released


def test_a_late_look_finds_the_exact_end_not_the_time_of_looking(mono: FakeMonotonic) -> None:
    countdown = started(mono, 8, 30, 20)
    mono.advance(58 + 12.5)  # the display was busy for 12.5 s past the end
    assert countdown.finished
    assert countdown.duration == 58.0
    assert countdown.state().elapsed == 58.0
    mono.advance(100)
    assert countdown.duration == 58.0


def test_late_irregular_ticks_never_drift(mono: FakeMonotonic) -> None:
    """However unevenly the screen samples, each reading matches the clock exactly."""
    countdown = started(mono, 30, 30, 30)
    elapsed = 0.0
    gaps = [0.125, 0.9, 3.3, 0.01, 7.25, 0.125, 12.0, 0.5] * 4  # 96.84 s: the last readings are past the end
    assert sum(gaps) > 90
    readings_after_the_end = 0
    for gap in gaps:
        mono.advance(gap)
        elapsed += gap
        state = countdown.state()
        if elapsed >= 90:  # read 6.34 s late, the routine still ended at 90 s, not at the reading
            readings_after_the_end += 1
            assert state.finished
            assert (state.index, state.remaining, state.routine_fraction, state.elapsed) == (2, 0.0, 1.0, 90.0)
            continue
        assert not state.finished
        assert state.elapsed == pytest.approx(elapsed, abs=1e-9)
        assert state.index == int(elapsed // 30)
        assert state.remaining == pytest.approx(30 - elapsed % 30, abs=1e-9)
    assert readings_after_the_end == 2  # at 96.34 and 96.84 s


def test_poll_reports_each_step_entered_once(mono: FakeMonotonic) -> None:
    countdown = started(mono, 10, 10, 10, 10)
    assert countdown.poll() == []
    mono.advance(10)
    assert countdown.poll() == [1]
    assert countdown.poll() == []


def test_poll_after_a_long_stall_reports_every_step_skipped_over(mono: FakeMonotonic) -> None:
    countdown = started(mono, 10, 10, 10, 10)
    mono.advance(35)
    assert countdown.poll() == [1, 2, 3]
    mono.advance(100)
    assert countdown.poll() == []


def test_upcoming_lists_the_steps_after_the_current_one(mono: FakeMonotonic) -> None:
    countdown = started(mono, 10, 10, 10)
    assert [step.name for step in countdown.upcoming()] == ["step 1", "step 2"]
    mono.advance(30)
    assert countdown.upcoming() == []


def test_reading_before_the_start_is_an_error(mono: FakeMonotonic) -> None:
    countdown = Countdown(routine(10), mono)
    with pytest.raises(RuntimeError):
        countdown.state()
    countdown.start()
    with pytest.raises(RuntimeError):
        countdown.start()
