"""Saving, reading, changing and removing episodes in the diary file."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from cramp_diary.model import Episode, InvalidField
from cramp_diary.store import Diary, DiaryError, EpisodeFilter


def cramp(clock, minutes_ago: int = 0, **fields: object) -> Episode:
    base = Episode(started_at=clock() - timedelta(minutes=minutes_ago), muscle="calf", side="left")
    return base.with_changes(**fields)


def test_add_then_get_gives_back_every_field(diary: Diary, clock) -> None:
    saved = diary.episodes.add(
        cramp(
            clock, 30, muscle="other", muscle_other="Peroneus", side="both", duration=95, severity=7,
            context="asleep", triggers=("dehydration", "Long Walk"), reliefs=("stretch", "walk"),
            signs=("swelling",), note="woke me up\nbad one 🦵",
        )
    )
    assert saved.id is not None
    got = diary.episodes.get(saved.id)
    assert got == saved
    assert got.started_at == clock() - timedelta(minutes=30)
    assert got.started_at.utcoffset() == timedelta(hours=1)
    assert (got.muscle, got.muscle_label, got.side) == ("other", "Peroneus", "both")
    assert (got.duration, got.severity, got.context) == (95, 7, "asleep")
    assert got.triggers == ("dehydration", "long-walk")
    assert (got.reliefs, got.signs) == (("stretch", "walk"), ("swelling",))
    assert got.note == "woke me up\nbad one 🦵"
    assert got.created_at == got.updated_at == clock()


def test_add_refuses_an_invalid_episode_and_saves_nothing(diary: Diary, clock) -> None:
    with pytest.raises(InvalidField):
        diary.episodes.add(cramp(clock, severity=11))
    assert diary.episodes.count() == 0


def test_get_of_a_missing_id_is_none(diary: Diary) -> None:
    assert diary.episodes.get(42) is None


def test_update_changes_fields_and_the_edit_time_but_not_the_creation(diary: Diary, clock) -> None:
    saved = diary.episodes.add(cramp(clock, 10, triggers=("heat",)))
    clock.advance(hours=1)
    updated = diary.episodes.update(saved.with_changes(severity=3, triggers=("cold", "sitting"), note="better"))
    assert (updated.severity, updated.triggers, updated.note) == (3, ("cold", "sitting"), "better")
    assert updated.created_at == saved.created_at
    assert updated.updated_at == clock()
    assert updated.uuid == saved.uuid and updated.id == saved.id


def test_update_of_an_unsaved_or_deleted_episode_is_refused(diary: Diary, clock) -> None:
    with pytest.raises(InvalidField):
        diary.episodes.update(cramp(clock))
    saved = diary.episodes.add(cramp(clock))
    diary.episodes.delete(saved.id)
    with pytest.raises(DiaryError, match="does not exist"):
        diary.episodes.update(saved)


def test_delete_removes_the_episode_and_its_labels(diary: Diary, clock) -> None:
    saved = diary.episodes.add(cramp(clock, triggers=("heat",), reliefs=("stretch",), signs=("warmth",)))
    removed = diary.episodes.delete(saved.id)
    assert removed == saved
    assert diary.episodes.get(saved.id) is None
    for table in ("episode_triggers", "episode_reliefs", "episode_signs"):
        assert diary.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0


def test_delete_of_a_missing_episode_is_refused(diary: Diary) -> None:
    with pytest.raises(DiaryError, match="does not exist"):
        diary.episodes.delete(7)


def test_restore_keeps_id_and_uuid(diary: Diary, clock) -> None:
    first = diary.episodes.add(cramp(clock, 20, triggers=("heat",)))
    diary.episodes.add(cramp(clock, 10))
    removed = diary.episodes.delete(first.id)
    restored = diary.episodes.restore(removed)
    assert (restored.id, restored.uuid) == (first.id, first.uuid)
    assert restored.hlc > first.hlc  # a fresh stamp, so diaries that merged the deletion take it back
    assert restored == first.with_changes(hlc=restored.hlc)
    assert diary.stamps.tombstones() == []  # undo removes the deletion record


def test_restore_takes_a_new_id_when_the_old_one_is_taken(diary: Diary, clock) -> None:
    first = diary.episodes.add(cramp(clock, 20))
    diary.episodes.delete(first.id)
    diary.db.execute(
        "INSERT INTO episodes (id, uuid, started_at, started_utc, local_day, muscle, side, created_at, updated_at)"
        " VALUES (?, 'b1d7f0b2-1c1e-4c55-8a55-3f0d6a9c0a01', '2026-11-22T21:00:00+01:00',"
        " '2026-11-22T20:00:00+00:00', '2026-11-22', 'foot', 'right', 'x', 'x')",
        [first.id],
    )
    restored = diary.episodes.restore(first)
    assert restored.uuid == first.uuid and restored.id != first.id


def test_restoring_twice_is_refused(diary: Diary, clock) -> None:
    saved = diary.episodes.add(cramp(clock))
    with pytest.raises(DiaryError, match="already"):
        diary.episodes.restore(saved)


def test_pages_come_newest_first(diary: Diary, clock) -> None:
    for minutes in (50, 10, 30, 40, 20):
        diary.episodes.add(cramp(clock, minutes, severity=minutes // 10))
    assert [e.severity for e in diary.episodes.newest_first()] == [1, 2, 3, 4, 5]
    assert [e.severity for e in diary.episodes.newest_first(limit=2)] == [1, 2]
    first = diary.episodes.newest_first(limit=2)  # the next page starts after the last one shown
    second = diary.episodes.newest_first(limit=2, older_than=first[-1])
    assert [e.severity for e in second] == [3, 4]
    assert [e.severity for e in diary.episodes.newest_first(limit=2, older_than=second[-1])] == [5]
    assert diary.episodes.newest_first(limit=2, older_than=diary.episodes.newest_first()[-1]) == []
    assert diary.episodes.last().severity == 1


def test_order_is_by_instant_not_by_wall_clock_text(diary: Diary, clock) -> None:
    """03:30+05:00 happened before 00:00+01:00 the same day."""
    from datetime import datetime, timezone

    far_east = datetime(2026, 11, 20, 3, 30, tzinfo=timezone(timedelta(hours=5)))
    home = datetime(2026, 11, 20, 0, 0, tzinfo=timezone(timedelta(hours=1)))
    diary.episodes.add(cramp(clock, started_at=far_east, note="east"))
    diary.episodes.add(cramp(clock, started_at=home, note="home"))
    assert [e.note for e in diary.episodes.newest_first()] == ["home", "east"]


def test_since_keeps_only_later_episodes(diary: Diary, clock) -> None:
    for minutes in (90, 60, 30):
        diary.episodes.add(cramp(clock, minutes, duration=minutes))
    query = EpisodeFilter(since=clock() - timedelta(minutes=60))
    assert [e.duration for e in diary.episodes.newest_first(query)] == [30, 60]
    assert diary.episodes.count(query) == 2


def test_filter_text_matches_muscle_trigger_and_note(diary: Diary, clock) -> None:
    diary.episodes.add(cramp(clock, 1, muscle="foot", note="after football"))
    diary.episodes.add(cramp(clock, 2, triggers=("Long Walk",)))
    diary.episodes.add(cramp(clock, 3, note="Krampf nach der Übung"))
    diary.episodes.add(cramp(clock, 4, muscle="other", muscle_other="Peroneus"))

    def notes(text: str) -> int:
        return diary.episodes.count(EpisodeFilter(text=text))

    assert notes("foot") == 1  # muscle and note of the same episode: counted once
    assert notes("long-walk") == 1 and notes("WALK") == 1
    assert notes("krampf") == 1
    assert notes("peroneus") == 1
    assert notes("calf") == 2
    assert notes("calf walk") == 1  # every word must match
    assert notes("nothing-like-it") == 0


def test_filter_text_folds_case_beyond_ascii(diary: Diary, clock) -> None:
    """Case and accents beyond ASCII fold: 'übung' finds 'Übung', 'ä' the start of 'Ä'."""
    diary.episodes.add(cramp(clock, 1, note="Krampf nach der Übung"))
    diary.episodes.add(cramp(clock, 2, muscle="other", muscle_other="Wadenmuskel Ä"))
    assert diary.episodes.count(EpisodeFilter(text="übung")) == 1
    assert diary.episodes.count(EpisodeFilter(text="ÜBUNG")) == 1
    assert diary.episodes.count(EpisodeFilter(text="ä")) == 1


def test_filter_text_is_words_and_punctuation_only_separates_them(diary: Diary, clock) -> None:
    """Full-text (issue 25): '%', '_' or a quote are no wildcard and no syntax error, just not words."""
    diary.episodes.add(cramp(clock, 1, note="100% sure"))
    diary.episodes.add(cramp(clock, 2, note="nothing special"))
    assert diary.episodes.count(EpisodeFilter(text="100%")) == 1
    assert diary.episodes.count(EpisodeFilter(text='"sure')) == 1
    assert diary.episodes.count(EpisodeFilter(text="%")) == diary.episodes.count(EpisodeFilter(text="_ -")) == 2


def test_own_triggers_lists_only_the_persons_words_most_used_first(diary: Diary, clock) -> None:
    diary.episodes.add(cramp(clock, 1, triggers=("dehydration", "long walk")))
    diary.episodes.add(cramp(clock, 2, triggers=("Long-Walk", "stairs")))
    diary.episodes.add(cramp(clock, 3, triggers=("heat",)))
    assert diary.episodes.own_triggers() == ["long-walk", "stairs"]


def test_open_episodes_are_left_out_of_lists_and_counts(diary: Diary, clock) -> None:
    done = diary.episodes.add(cramp(clock, 5))
    running = diary.episodes.add(cramp(clock, 1, status="open"))
    assert [e.id for e in diary.episodes.newest_first()] == [done.id]
    assert diary.episodes.count() == 1
    assert diary.episodes.last().id == done.id
    assert [e.id for e in diary.episodes.unfinished()] == [running.id]
    assert diary.episodes.count(EpisodeFilter(include_open=True)) == 2
    assert running.id not in [e.id for e in diary.episodes.iter_all()]


def test_each_save_is_committed_at_once(diary: Diary, db_path: Path, clock) -> None:
    other = sqlite3.connect(db_path)
    try:
        saved = diary.episodes.add(cramp(clock))
        assert other.execute("SELECT count(*) FROM episodes").fetchone()[0] == 1
        diary.episodes.update(saved.with_changes(severity=9))
        assert other.execute("SELECT severity FROM episodes").fetchone()[0] == 9
        diary.episodes.delete(saved.id)
        assert other.execute("SELECT count(*) FROM episodes").fetchone()[0] == 0
        diary.episodes.restore(saved)
        assert other.execute("SELECT count(*) FROM episodes").fetchone()[0] == 1
        assert not diary.db.conn.in_transaction
    finally:
        other.close()


def test_iter_all_walks_every_episode_oldest_first_in_batches(diary: Diary, clock) -> None:
    for minutes in range(7):
        diary.episodes.add(cramp(clock, minutes, duration=minutes + 1))
    assert [e.duration for e in diary.episodes.iter_all(batch=3)] == [7, 6, 5, 4, 3, 2, 1]


def test_the_readme_queries_work_on_the_file(diary: Diary, db_path: Path, clock) -> None:
    diary.episodes.add(cramp(clock, 1, triggers=("dehydration",)))
    diary.episodes.add(cramp(clock, 2, triggers=("dehydration", "heat")))
    conn = sqlite3.connect(db_path)
    try:
        rows = conn.execute(
            "SELECT trigger, count(*) FROM episode_triggers GROUP BY trigger ORDER BY 2 DESC"
        ).fetchall()
        assert rows == [("dehydration", 2), ("heat", 1)]
        row = conn.execute(
            "SELECT started_at, local_day, duration_s FROM episodes ORDER BY started_utc DESC LIMIT 1"
        ).fetchone()
        assert row == ("2026-11-22T21:29:00+01:00", "2026-11-22", None)
    finally:
        conn.close()
