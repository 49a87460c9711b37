"""What the cramp timer writes to the diary, without any screen: open, measure, finish, discard, bedtime."""

from __future__ import annotations

from pathlib import Path

from datetime import timedelta

import pytest
from conftest import FakeClock
from fake_monotonic import FakeMonotonic
from hypothesis import given
from hypothesis import strategies as st

from cramp_diary.countdown import Countdown
from cramp_diary.model import MAX_DURATION, Episode
from cramp_diary.routines import builtin_routines
from cramp_diary.store import Diary, DiaryError
from cramp_diary.timer_session import CrampSession, discard, measured_duration, ready_to_finish, record_bedtime


def draft(clock: FakeClock, **extra: object) -> Episode:
    return Episode(started_at=clock() - timedelta(minutes=1), muscle="calf", side="left").with_changes(**extra)


class BrokenDiary:
    """A diary whose every write fails, as when another program holds the lock too long (``diary.episodes.add``, ...)."""

    path = Path("/nonexistent/diary.db")

    def __init__(self, name: str = "diary") -> None:
        self.name = name

    def __getattr__(self, name: str) -> BrokenDiary:
        return BrokenDiary(f"{self.name}.{name}")

    def __call__(self, *args: object, **kwargs: object) -> object:
        raise DiaryError(f"diary.db is busy ({self.name})")


def test_begin_writes_an_unfinished_episode(diary: Diary, clock: FakeClock) -> None:
    session = CrampSession(diary, draft(clock))
    written = session.begin()
    assert written.status == "open" and written.id is not None
    assert [episode.uuid for episode in diary.episodes.unfinished()] == [written.uuid]
    assert session.episode == written


def test_measurement_is_saved_on_the_unfinished_episode(diary: Diary, clock: FakeClock) -> None:
    session = CrampSession(diary, draft(clock, reliefs=("walk",)))
    session.begin()
    saved = session.save(session.measured(42.4, ("stretch", "walk", "massage")))
    assert (saved.duration, saved.reliefs, saved.status) == (42, ("walk", "stretch", "massage"), "open")
    [stored] = diary.episodes.unfinished()
    assert (stored.duration, stored.reliefs) == (42, ("walk", "stretch", "massage"))


def test_a_draft_that_was_never_written_stays_a_draft(clock: FakeClock) -> None:
    session = CrampSession(BrokenDiary(), draft(clock))  # type: ignore[arg-type]
    with pytest.raises(DiaryError):
        session.begin()
    assert session.episode is None
    measured = session.save(session.measured(30, ("stretch",)))
    assert (measured.id, measured.duration, measured.reliefs) == (None, 30, ("stretch",))
    session.discard()  # nothing was written, so nothing to delete and nothing to fail


def test_a_failed_save_of_the_measurement_raises(diary: Diary, clock: FakeClock) -> None:
    session = CrampSession(diary, draft(clock))
    session.begin()
    session.diary = BrokenDiary()  # type: ignore[assignment]
    with pytest.raises(DiaryError):
        session.save(session.measured(30, ()))


def test_discard_deletes_the_unfinished_episode(diary: Diary, clock: FakeClock) -> None:
    session = CrampSession(diary, draft(clock))
    session.begin()
    session.discard()
    assert diary.episodes.unfinished() == [] and diary.episodes.count() == 0


def test_recovery_discards_and_finishes_through_the_same_rules(diary: Diary, clock: FakeClock) -> None:
    kept = CrampSession(diary, draft(clock)).begin()
    dropped = CrampSession(diary, draft(clock, muscle="foot")).begin()
    discard(diary, dropped)
    assert [episode.uuid for episode in diary.episodes.unfinished()] == [kept.uuid]
    assert ready_to_finish(kept).status == "done"
    assert diary.episodes.update(ready_to_finish(kept)).status == "done" and diary.episodes.unfinished() == []


@given(st.floats(min_value=0, max_value=2 * MAX_DURATION, allow_nan=False))
def test_measured_duration_is_whole_seconds_or_unknown(seconds: float) -> None:
    duration = measured_duration(seconds)
    if seconds > MAX_DURATION + 0.5:
        assert duration is None  # a timer left running for hours says nothing about the cramp
    else:
        assert duration is not None and 1 <= duration <= MAX_DURATION and abs(duration - seconds) <= 1


def bedtime(mono: FakeMonotonic) -> Countdown:
    countdown = Countdown(builtin_routines().build("bedtime"), mono)
    countdown.start()
    return countdown


def sessions(diary: Diary) -> list[tuple[str, int]]:
    return [tuple(row) for row in diary.db.execute("SELECT routine, completed FROM routine_sessions")]


def test_bedtime_held_long_enough_is_noted(diary: Diary, clock: FakeClock) -> None:
    mono = FakeMonotonic()
    countdown = bedtime(mono)
    mono.advance(sum(step.seconds for step in countdown.routine.steps))  # the whole routine, held throughout
    assert countdown.finished
    outcome = record_bedtime(diary, countdown, clock())
    assert outcome.noted and outcome.held_seconds >= countdown.hold_seconds_needed()
    assert sessions(diary) == [("bedtime", 1)]


def test_bedtime_skipped_through_is_not_noted(diary: Diary, clock: FakeClock) -> None:
    mono = FakeMonotonic()
    countdown = bedtime(mono)
    while not countdown.finished:
        mono.advance(0.5)
        countdown.skip()
    outcome = record_bedtime(diary, countdown, clock())
    assert not outcome.noted and outcome.held_seconds < countdown.hold_seconds_needed()
    assert sessions(diary) == []


def test_bedtime_write_failure_raises(clock: FakeClock) -> None:
    mono = FakeMonotonic()
    countdown = bedtime(mono)
    mono.advance(sum(step.seconds for step in countdown.routine.steps))
    with pytest.raises(DiaryError):
        record_bedtime(BrokenDiary(), countdown, clock())  # type: ignore[arg-type]
