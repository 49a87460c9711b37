"""A running timer's cramp is known to be alive (issue 10, item 6): heartbeat, staleness, a vanished episode."""

from __future__ import annotations

from pathlib import Path

from cramp_diary.model import Episode
from test_store_migrations_every_version import build
from cramp_diary.store import Diary, schema
from cramp_diary.timer_lock import lock_folder
from cramp_diary.timer_session import HEARTBEAT_SECONDS, STALE_AFTER, CrampSession, abandoned
from conftest import FakeClock
from fake_monotonic import FakeMonotonic


def _draft(clock: FakeClock) -> Episode:
    return Episode(muscle="calf", side="left", started_at=clock())


def test_a_running_timer_is_not_abandoned_while_it_holds_its_lock_however_quiet(diary: Diary, clock: FakeClock) -> None:
    monotonic = FakeMonotonic()
    session = CrampSession(diary, _draft(clock), monotonic)
    session.begin()
    assert abandoned(diary, clock) == []
    for _ in range(10):  # five minutes of a running timer, a beat every few seconds
        clock.advance(seconds=HEARTBEAT_SECONDS)
        monotonic.advance(HEARTBEAT_SECONDS)
        session.keep_alive()
        assert abandoned(diary, clock) == []
    clock.advance(seconds=STALE_AFTER.total_seconds() + 1)  # a suspended laptop: no beats, but the timer lives
    assert abandoned(diary, clock) == []
    session.discard()
    session.release()
    assert not lock_folder(diary.path).exists()  # a cramp discarded leaves no lock file behind


def test_beats_are_not_written_more_often_than_needed(diary: Diary, clock: FakeClock) -> None:
    monotonic = FakeMonotonic()
    session = CrampSession(diary, _draft(clock), monotonic)
    session.begin()
    before = diary.data_version(), diary.db.conn.total_changes
    for _ in range(20):
        monotonic.advance(0.1)
        session.keep_alive()
    assert diary.db.conn.total_changes == before[1]


def test_an_open_episode_from_an_older_version_with_no_beat_is_offered(diary: Diary, clock: FakeClock) -> None:
    left = diary.episodes.add(_draft(clock).with_changes(status="open"))
    assert [e.id for e in abandoned(diary, clock)] == [left.id]


def test_the_measured_time_of_a_cramp_deleted_elsewhere_is_saved_again(diary: Diary, clock: FakeClock) -> None:
    session = CrampSession(diary, _draft(clock), FakeMonotonic())
    first = session.begin()
    diary.episodes.delete(first.id)  # `d` in another app
    saved = session.save(session.measured(75, ("stretch",)))
    again = diary.episodes.get(saved.id)
    assert again is not None
    assert (again.duration, again.reliefs, again.status) == (75, ("stretch",), "open")


def test_the_heartbeat_column_is_added_to_an_older_diary(tmp_path: Path, clock: FakeClock) -> None:
    path = tmp_path / "old.db"
    build(path, schema.MIGRATIONS.index(schema.SCHEMA_V5))  # the version just before the heartbeat step
    with Diary.open(path, clock) as diary:
        assert diary.backup is not None
        columns = {row[1] for row in diary.db.conn.execute("PRAGMA table_info(episodes)")}
        assert "heartbeat_utc" in columns
        session = CrampSession(diary, _draft(clock))
        session.begin()
        assert abandoned(diary, clock) == []
