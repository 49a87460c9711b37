"""Any SQLite failure inside a save reaches the caller as one DiaryError line, with nothing half-written.

The screens catch DiaryError (and InvalidField) only, so a raw sqlite3 error
from a write would end the app mid-cramp. A trigger that aborts stands in for
every failure SQLite can raise inside a transaction (a constraint, a full
disk, a damaged page).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from conftest import FakeClock

from cramp_diary.model import Episode
from cramp_diary.store import Diary, DiaryError


def cramp(clock: FakeClock, **extra: object) -> Episode:
    fields: dict[str, object] = {"started_at": clock() - timedelta(hours=1), "muscle": "calf", "side": "left",
                                 "triggers": ("heat",)}
    fields.update(extra)
    return Episode(**fields)  # type: ignore[arg-type]


def test_adding_an_episode_whose_uuid_is_taken_is_one_diary_error(diary: Diary, clock: FakeClock) -> None:
    first = diary.episodes.add(cramp(clock))
    with pytest.raises(DiaryError) as caught:
        diary.episodes.add(cramp(clock, uuid=first.uuid, note="a copy"))
    message = str(caught.value)
    assert "\n" not in message and "UNIQUE constraint failed: episodes.uuid" in message
    assert str(diary.path) in message
    assert diary.episodes.count() == 1 and not diary.db.conn.in_transaction
    assert diary.db.execute("SELECT count(*) FROM episode_triggers").fetchone()[0] == 1


#: Each write, and the table whose trigger makes it fail.
WRITES: dict[str, tuple[str, Callable[[Diary, FakeClock, Episode], object]]] = {
    "add": ("INSERT ON episode_triggers", lambda d, c, e: d.episodes.add(cramp(c))),
    "update": ("UPDATE ON episodes", lambda d, c, e: d.episodes.update(e.with_changes(severity=5))),
    "delete": ("DELETE ON episodes", lambda d, c, e: d.episodes.delete(e.id)),  # type: ignore[arg-type]
    "restore": ("INSERT ON episodes", lambda d, c, e: d.episodes.restore(cramp(c))),
    "merge": ("INSERT ON episode_triggers", lambda d, c, e: d.merge([cramp(c), cramp(c)])),
    "checkin": ("INSERT ON checkins", lambda d, c, e: d.checkins.add(date(2026, 11, 20))),
    "remove_checkin": ("DELETE ON checkins", lambda d, c, e: d.checkins.remove(date(2026, 11, 19))),
    "record_routine": ("INSERT ON routine_sessions", lambda d, c, e: d.routines.record("bedtime", c())),
}


def contents(diary: Diary) -> list[object]:
    tables = ("episodes", "episode_triggers", "episode_reliefs", "episode_signs", "checkins", "routine_sessions")
    return [diary.db.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall() for table in tables]


@pytest.mark.parametrize("write", sorted(WRITES))
def test_a_failure_inside_any_write_is_one_diary_error_and_changes_nothing(
    diary: Diary, clock: FakeClock, write: str
) -> None:
    when, action = WRITES[write]
    existing = diary.episodes.add(cramp(clock, reliefs=("stretch",)))
    diary.checkins.add(date(2026, 11, 19))
    before = contents(diary)
    diary.db.execute(f"CREATE TRIGGER fail BEFORE {when} BEGIN SELECT RAISE(ABORT, 'disk is full'); END")
    with pytest.raises(DiaryError) as caught:
        action(diary, clock, existing)
    assert str(caught.value) == f"could not save to {diary.path}: disk is full"
    assert not diary.db.conn.in_transaction
    diary.db.execute("DROP TRIGGER fail")
    assert contents(diary) == before
