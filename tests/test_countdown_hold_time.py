"""Time really spent in the hold (stretch) steps, which decides whether bedtime stretches count."""

from __future__ import annotations

import pytest
from fake_monotonic import FakeMonotonic

from cramp_diary.countdown import HELD_ENOUGH, Countdown
from cramp_diary.routines import Routine, Step, builtin_routines

#: Like the bedtime routine: 30 s holds with 10 s rests, 120 s of holding in all.
STEPS = (
    Step(name="Left calf", instruction="lean", seconds=30, relief="stretch"),
    Step(name="Rest", instruction="breathe", seconds=10, kind="rest"),
    Step(name="Right calf", instruction="lean", seconds=30, relief="stretch"),
    Step(name="Rest", instruction="breathe", seconds=10, kind="rest"),
    Step(name="Left hamstring", instruction="towel", seconds=30, relief="stretch"),
    Step(name="Rest", instruction="breathe", seconds=10, kind="rest"),
    Step(name="Right hamstring", instruction="towel", seconds=30, relief="stretch"),
    Step(name="Ready for sleep", instruction="loose sheets", seconds=10, kind="aftercare"),
)


@pytest.fixture
def mono() -> FakeMonotonic:
    return FakeMonotonic()


@pytest.fixture
def countdown(mono: FakeMonotonic) -> Countdown:
    timer = Countdown(Routine(key="bedtime", title="Bedtime stretches", steps=STEPS, kind="prevention"), mono)
    timer.start()
    return timer


def test_the_rule_is_half_of_the_planned_hold_time() -> None:
    assert HELD_ENOUGH == 0.5


def test_seconds_in_each_step_follow_the_clock(mono: FakeMonotonic, countdown: Countdown) -> None:
    mono.advance(12)
    countdown.skip()  # 12 s of the first hold
    mono.advance(4)
    countdown.skip()  # 4 s of rest
    mono.advance(30)  # the whole second hold
    mono.advance(2)  # 2 s into the next rest
    assert countdown.seconds_in_steps() == [12.0, 4.0, 30.0, 2.0, 0.0, 0.0, 0.0, 0.0]
    assert countdown.held_seconds() == 42.0


def test_skipping_through_every_step_holds_almost_nothing(mono: FakeMonotonic, countdown: Countdown) -> None:
    for _ in STEPS:  # the user trial: s eight times in 3 s
        mono.advance(3 / 8)
        countdown.skip()
    assert countdown.finished
    assert countdown.held_seconds() == pytest.approx(4 * 3 / 8)
    assert not countdown.held_enough()


def test_pauses_do_not_count_as_holding(mono: FakeMonotonic, countdown: Countdown) -> None:
    mono.advance(10)
    countdown.pause()
    mono.advance(300)
    countdown.resume()
    assert countdown.held_seconds() == 10.0


def test_exactly_half_the_hold_time_counts_and_a_second_less_does_not(mono: FakeMonotonic, countdown: Countdown) -> None:
    mono.advance(30 + 10 + 29)  # first hold, rest, 29 s of the second hold: 59 s held
    assert not countdown.held_enough()
    mono.advance(1)  # 60 s of 120
    assert countdown.held_enough()
    countdown.release()  # "Done" now
    assert countdown.held_enough()


def test_extra_time_in_a_hold_counts(mono: FakeMonotonic, countdown: Countdown) -> None:
    mono.advance(25)
    countdown.extend(15)
    mono.advance(20)  # 45 s in the first hold
    assert countdown.held_seconds() == 45.0


def test_the_whole_routine_holds_all_of_it(mono: FakeMonotonic, countdown: Countdown) -> None:
    mono.advance(500)
    assert countdown.held_seconds() == 120.0
    assert countdown.held_enough()


def test_a_routine_without_hold_steps_counts_all_of_its_time(mono: FakeMonotonic) -> None:
    steps = (Step(name="Walk", instruction="walk", seconds=20, kind="move"),)
    countdown = Countdown(Routine(key="bedtime", title="Walk", steps=steps, kind="prevention"), mono)
    countdown.start()
    mono.advance(9)
    assert not countdown.held_enough()
    mono.advance(1)
    assert countdown.held_enough()


def test_the_builtin_bedtime_routine_needs_a_minute_of_stretching(mono: FakeMonotonic) -> None:
    routine = builtin_routines()["bedtime"]
    countdown = Countdown(routine, mono)
    assert countdown.hold_seconds_needed() == 60.0
