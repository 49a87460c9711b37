"""Two programs on one diary: a save waits for the other writer, or fails whole."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from cramp_diary import store
from cramp_diary.model import Episode
from cramp_diary.store import Diary, DiaryError


@pytest.fixture
def locker(db_path: Path, clock) -> Iterator[sqlite3.Connection]:
    """A second connection, like another cramp-diary window, on an existing diary."""
    Diary.open(db_path, clock).close()
    conn = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    yield conn
    if conn.in_transaction:
        conn.execute("ROLLBACK")
    conn.close()


def cramp(clock) -> Episode:
    return Episode(started_at=clock(), muscle="calf", side="left", triggers=("heat",), reliefs=("stretch",))


def test_a_save_waits_for_another_writer_then_succeeds(
    db_path: Path, clock, locker: sqlite3.Connection
) -> None:
    with Diary.open(db_path, clock) as diary:
        locker.execute("BEGIN IMMEDIATE")
        release = threading.Timer(0.3, lambda: locker.execute("COMMIT"))
        release.start()
        started = time.monotonic()
        try:
            saved = diary.episodes.add(cramp(clock))
        finally:
            release.join()
        assert time.monotonic() - started >= 0.25  # it really waited for the lock
        assert diary.episodes.get(saved.id) == saved
    assert locker.execute("SELECT count(*) FROM episodes").fetchone()[0] == 1


def test_a_save_blocked_past_the_busy_timeout_fails_and_writes_nothing(
    db_path: Path, clock, locker: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store.schema, "BUSY_TIMEOUT_MS", 200)
    with Diary.open(db_path, clock) as diary:
        assert diary.db.conn.execute("PRAGMA busy_timeout").fetchone()[0] == 200
        locker.execute("BEGIN IMMEDIATE")
        with pytest.raises(DiaryError, match="busy"):
            diary.episodes.add(cramp(clock))
        locker.execute("COMMIT")
        assert not diary.db.conn.in_transaction
        for table in ("episodes", "episode_triggers", "episode_reliefs"):
            assert diary.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0
        # once the other writer is gone, saving works again
        assert diary.episodes.add(cramp(clock)).id is not None


def test_a_failure_halfway_through_a_write_leaves_nothing_behind(diary: Diary, clock, monkeypatch) -> None:
    """The episode row is written, then its labels fail: the row must go too."""

    def broken(*_: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr("cramp_diary.store.episodes._write_labels", broken)
    with pytest.raises((sqlite3.OperationalError, DiaryError)):
        diary.episodes.add(cramp(clock))
    assert diary.db.execute("SELECT count(*) FROM episodes").fetchone()[0] == 0
    assert not diary.db.conn.in_transaction
