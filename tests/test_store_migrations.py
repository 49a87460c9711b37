"""Upgrading an old diary keeps a private backup; a diary from the future is left alone."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from cramp_diary import store
from cramp_diary.store import APPLICATION, SCHEMA_VERSION, Diary, DiaryError

V1_EPISODE = (
    "INSERT INTO episodes (uuid, started_at, started_utc, local_day, muscle, side, duration_s, severity,"
    " created_at, updated_at) VALUES ('5a0c3c2e-8f5b-4a51-9b7e-2d1f0c7a9e11', '2026-11-01T03:10:00+01:00',"
    " '2026-11-01T02:10:00+00:00', '2026-11-01', 'calf', 'left', 90, 6,"
    " '2026-11-01T02:15:00+00:00', '2026-11-01T02:15:00+00:00')"
)


def build_v1(path: Path) -> None:
    """A diary as the first release wrote it: only MIGRATIONS[0], its meta row, user_version 1."""
    conn = sqlite3.connect(path)
    for statement in store.MIGRATIONS[0].split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute("INSERT INTO meta (key, value) VALUES ('application', ?)", [APPLICATION])
    conn.execute(V1_EPISODE)
    conn.execute("INSERT INTO episode_triggers (episode_id, trigger) VALUES (1, 'dehydration')")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()


def tables(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.close()


def test_a_version_1_diary_is_migrated_to_the_latest(db_path: Path, clock) -> None:
    build_v1(db_path)
    with Diary.open(db_path, clock) as diary:
        assert diary.db.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert {"checkins", "routine_sessions"} <= set(diary.db.table_names())
        (episode,) = diary.episodes.newest_first()
        assert (episode.muscle, episode.duration, episode.triggers) == ("calf", 90, ("dehydration",))


def test_the_migration_keeps_a_private_backup_with_the_old_data(db_path: Path, clock) -> None:
    build_v1(db_path)
    with Diary.open(db_path, clock) as diary:
        backup = diary.backup
    assert backup is not None and backup.parent == db_path.parent
    assert backup.name.startswith("diary.db.v1-backup-")
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    conn = sqlite3.connect(backup)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert conn.execute("SELECT muscle, duration_s FROM episodes").fetchall() == [("calf", 90)]
    finally:
        conn.close()
    assert "checkins" not in tables(backup)


def test_an_up_to_date_diary_makes_no_backup(db_path: Path, clock) -> None:
    Diary.open(db_path, clock).close()
    with Diary.open(db_path, clock) as diary:
        assert diary.backup is None
    assert [p.name for p in db_path.parent.iterdir() if "backup" in p.name] == []


def test_the_cli_says_where_the_backup_is(db_path: Path, clock) -> None:
    from click.testing import CliRunner

    from cramp_diary.cli import cli

    build_v1(db_path)
    result = CliRunner().invoke(cli, ["--db", str(db_path), "list"], obj={"now": clock})  # reading: upgraded in memory
    assert result.exit_code == 0, result.output
    assert "v1-backup-" not in result.output and "calf" in result.output
    result = CliRunner().invoke(cli, ["--db", str(db_path), "checkin", "--none", "--date", "2026-11-02"], obj={"now": clock})
    assert result.exit_code == 0, result.output
    assert "v1-backup-" in result.output


def test_a_diary_from_a_newer_version_is_refused_untouched(db_path: Path, clock) -> None:
    Diary.open(db_path, clock).close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = db_path.read_bytes(), db_path.stat().st_mtime_ns, sorted(os.listdir(db_path.parent))
    with pytest.raises(DiaryError, match="newer cramp-diary"):
        Diary.open(db_path, clock)
    assert (db_path.read_bytes(), db_path.stat().st_mtime_ns, sorted(os.listdir(db_path.parent))) == before


def test_a_diary_without_a_version_is_refused(db_path: Path, clock) -> None:
    build_v1(db_path)
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA user_version = 0")
    conn.commit()
    conn.close()
    with pytest.raises(DiaryError, match="schema version"):
        Diary.open(db_path, clock)


def test_a_version_3_diary_gains_the_changes_table(db_path: Path, clock) -> None:
    build_v1(db_path)
    conn = sqlite3.connect(db_path)
    for step in store.MIGRATIONS[1:3]:
        store.apply_migration(conn, step)
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()
    with Diary.open(db_path, clock) as diary:
        assert diary.backup is not None and "v3-backup-" in diary.backup.name
        assert "changes" in diary.db.table_names()
        assert len(diary.episodes.newest_first()) == 1
    assert "changes" not in tables(diary.backup)
