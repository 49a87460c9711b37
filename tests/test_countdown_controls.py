"""Pause, skip, +15 s and "released", checked to the exact second with a fake clock."""

from __future__ import annotations

import pytest
from fake_monotonic import FakeMonotonic

from cramp_diary.countdown import DONE_AFTER, Countdown
from cramp_diary.routines import Routine, Step

STEPS = (
    Step(name="Safety first", instruction="sit down", seconds=8, kind="safety"),
    Step(name="Stretch", instruction="toes up", seconds=30, relief="stretch"),
    Step(name="Massage", instruction="rub", seconds=30, relief="massage"),
    Step(name="Walk", instruction="walk", seconds=30, kind="move", relief="walk"),
)


@pytest.fixture
def mono() -> FakeMonotonic:
    return FakeMonotonic()


@pytest.fixture
def countdown(mono: FakeMonotonic) -> Countdown:
    timer = Countdown(Routine(key="calf", title="Calf cramp", steps=STEPS), mono)
    timer.start()
    return timer


def test_pause_stops_the_countdown_but_not_the_elapsed_time(mono: FakeMonotonic, countdown: Countdown) -> None:
    mono.advance(5)
    countdown.pause()
    mono.advance(60)
    state = countdown.state()
    assert state.paused
    assert (state.index, state.remaining, state.elapsed) == (0, 3.0, 65.0)
    countdown.resume()
    mono.advance(3)
    assert countdown.state().index == 1
    assert countdown.state().remaining == 30.0


def test_toggle_pauses_and_resumes(mono: FakeMonotonic, countdown: Countdown) -> None:
    countdown.toggle()
    assert countdown.paused
    mono.advance(10)
    countdown.toggle()
    assert not countdown.paused
    assert countdown.state().remaining == 8.0


def test_paused_time_is_excluded_across_several_pauses(mono: FakeMonotonic, countdown: Countdown) -> None:
    for _ in range(3):
        mono.advance(10)
        countdown.pause()
        mono.advance(100)
        countdown.resume()
    # 30 s of countdown have run, 300 s of pause do not count
    state = countdown.state()
    assert (state.index, state.remaining, state.elapsed) == (1, 8.0, 330.0)
    mono.advance(98 - 30)
    assert countdown.finished
    assert countdown.duration == 398.0


def test_the_routine_does_not_end_while_paused(mono: FakeMonotonic, countdown: Countdown) -> None:
    mono.advance(97)
    countdown.pause()
    mono.advance(500)
    assert not countdown.finished
    countdown.resume()
    mono.advance(1)
    assert countdown.finished
    assert countdown.duration == 598.0


def test_skip_starts_the_next_step_at_once(mono: FakeMonotonic, countdown: Countdown) -> None:
    mono.advance(2)
    countdown.skip()
    state = countdown.state()
    assert (state.index, state.remaining) == (1, 30.0)
    assert countdown.poll() == [1]
    mono.advance(30)
    assert countdown.state().index == 2


def test_skip_while_paused_moves_on_and_stays_paused(mono: FakeMonotonic, countdown: Countdown) -> None:
    mono.advance(12)
    countdown.pause()
    countdown.skip()
    mono.advance(40)
    state = countdown.state()
    assert state.paused
    assert (state.index, state.remaining) == (2, 30.0)


def test_skipping_the_last_step_ends_the_routine(mono: FakeMonotonic, countdown: Countdown) -> None:
    mono.advance(70)
    countdown.skip()
    assert countdown.finished and not countdown.released
    assert countdown.duration == 70.0


def test_extend_adds_fifteen_seconds_to_the_current_step_only(mono: FakeMonotonic, countdown: Countdown) -> None:
    mono.advance(10)
    countdown.extend()
    state = countdown.state()
    assert (state.index, state.remaining, state.step_length) == (1, 43.0, 45.0)
    mono.advance(43)
    assert countdown.state().index == 2
    assert countdown.state().remaining == 30.0
    mono.advance(60)
    assert countdown.finished
    assert countdown.duration == 98.0 + 15.0


def test_released_records_the_exact_real_duration(mono: FakeMonotonic, countdown: Countdown) -> None:
    mono.advance(20)
    countdown.pause()
    mono.advance(7.5)
    countdown.resume()
    mono.advance(14.25)
    countdown.release()
    assert countdown.finished and countdown.released
    assert countdown.duration == 41.75
    mono.advance(30)
    assert countdown.state().elapsed == 41.75
    assert countdown.state().index == 1


def test_controls_do_nothing_once_finished(mono: FakeMonotonic, countdown: Countdown) -> None:
    mono.advance(20)
    countdown.release()
    countdown.pause()
    countdown.skip()
    countdown.extend()
    mono.advance(5)
    state = countdown.state()
    assert not state.paused
    assert (state.index, state.remaining, state.elapsed) == (1, 18.0, 20.0)


def test_reliefs_come_from_steps_done(mono: FakeMonotonic, countdown: Countdown) -> None:
    mono.advance(8 + 30 + 3)  # massage for 3 s only
    countdown.release()
    assert countdown.steps_done() == [0, 1]
    assert countdown.reliefs() == ("stretch",)


def test_a_step_held_long_enough_counts_even_when_skipped(mono: FakeMonotonic, countdown: Countdown) -> None:
    mono.advance(8 + 30 + DONE_AFTER)
    countdown.skip()
    mono.advance(1)
    countdown.skip()  # walking skipped after one second
    assert countdown.finished
    assert countdown.reliefs() == ("stretch", "massage")


def test_a_whole_routine_counts_every_relief(mono: FakeMonotonic, countdown: Countdown) -> None:
    mono.advance(200)
    assert countdown.steps_done() == [0, 1, 2, 3]
    assert countdown.reliefs() == ("stretch", "massage", "walk")
