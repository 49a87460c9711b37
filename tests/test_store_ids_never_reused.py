"""An episode's id is never handed to another one: after a delete, `show 2` still means that cramp or none (issue 21)."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

from conftest import FakeClock

from cramp_diary.model import Episode
from cramp_diary.store import Diary
from cramp_diary.store.schema import _ids_never_reused
from schema_helpers import diary_before


def _cramp(clock: FakeClock, minutes: int = 0) -> Episode:
    return Episode(clock() - timedelta(minutes=minutes), "calf", "left")


def test_the_newest_deleted_id_is_not_given_to_the_next_cramp(diary: Diary, clock: FakeClock) -> None:
    first, second = diary.episodes.add(_cramp(clock, 20)), diary.episodes.add(_cramp(clock, 10))
    diary.episodes.delete(second.id)  # type: ignore[arg-type]
    third = diary.episodes.add(_cramp(clock))
    assert third.id not in (first.id, second.id) and third.id == 3
    assert diary.episodes.get(2) is None


def test_undo_puts_an_episode_back_under_its_own_id(diary: Diary, clock: FakeClock) -> None:
    diary.episodes.add(_cramp(clock, 10))
    gone = diary.episodes.delete(diary.episodes.add(_cramp(clock)).id)  # type: ignore[arg-type]
    assert diary.episodes.restore(gone).id == gone.id == 2
    assert diary.episodes.add(_cramp(clock, 5)).id == 3


def test_episodes_merged_in_after_a_delete_get_new_ids(diary: Diary, clock: FakeClock, tmp_path: Path) -> None:
    with Diary.open(tmp_path / "other.db", clock) as other:
        arriving = [other.episodes.add(_cramp(clock, 100 + n)) for n in range(3)]
    diary.episodes.add(_cramp(clock, 10))
    diary.episodes.delete(diary.episodes.add(_cramp(clock, 5)).id)  # type: ignore[arg-type]  # id 2 freed
    diary.merge(arriving)
    assert sorted(e.id for e in diary.episodes.newest_first()) == [1, 3, 4, 5]  # type: ignore[type-var]


def test_an_older_diary_upgraded_numbers_on_from_its_highest_id(tmp_path: Path, clock: FakeClock) -> None:
    path = tmp_path / "old.db"
    diary_before(path, _ids_never_reused, episodes=3)  # as an older app left it
    with Diary.open(path, clock) as diary:
        assert diary.episodes.add(_cramp(clock)).id == 4
