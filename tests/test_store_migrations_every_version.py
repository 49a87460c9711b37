"""Every earlier schema version upgrades through the commands, with a private backup beside it.

A command that only reads (``export``) shows an old diary without changing it; the first write upgrades it.

test_store_migrations.py checks version 1 in detail. This file builds each
earlier version from the migration list itself, so when a new schema version
is added, the diaries written by every release before it are tested too. The commands run through
click's runner, in this process (a process each cost 34 interpreters); ``python -m cramp_diary``
itself is run by test_layers.py and the CLI's process-level tests.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from cramp_diary.cli import cli
from cramp_diary.store import APPLICATION, MIGRATIONS, SCHEMA_VERSION, apply_migration

EPISODE = (
    "INSERT INTO episodes (uuid, started_at, started_utc, local_day, muscle, side, duration_s, severity,"
    " note, created_at, updated_at) VALUES ('5a0c3c2e-8f5b-4a51-9b7e-2d1f0c7a9e11', '2026-11-01T03:10:00+01:00',"
    " '2026-11-01T02:10:00+00:00', '2026-11-01', 'calf', 'left', 90, 6, 'from an old release',"
    " '2026-11-01T02:15:00+00:00', '2026-11-01T02:15:00+00:00')"
)


def build(path: Path, version: int) -> None:
    """A diary exactly as the release with schema ``version`` left it: its migrations, no later ones."""
    conn = sqlite3.connect(path)
    for step in MIGRATIONS[:version]:
        apply_migration(conn, step)
    conn.execute("INSERT INTO meta (key, value) VALUES ('application', ?)", [APPLICATION])
    conn.execute(EPISODE)
    conn.execute("INSERT INTO episode_triggers (episode_id, trigger) VALUES (1, 'dehydration')")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()
    path.chmod(0o600)


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_each_earlier_version_upgrades_keeping_its_episodes_and_a_backup(db_path: Path, version: int) -> None:
    build(db_path, version)
    original = db_path.read_bytes()
    result = CliRunner().invoke(cli, ["--db", str(db_path), "export", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "from an old release" in result.stdout and "dehydration" in result.stdout
    assert db_path.read_bytes() == original  # a command that only reads upgrades a copy in memory
    result = CliRunner().invoke(cli, ["--db", str(db_path), "checkin", "--none", "--date", "2026-11-02"])
    assert result.exit_code == 0, result.output
    assert f"v{version}-backup-" in result.stderr  # the person is told where the copy is
    [backup] = [p for p in db_path.parent.iterdir() if p.name.startswith(f"{db_path.name}.v{version}-backup-")]
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    conn = sqlite3.connect(backup)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == version
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT note FROM episodes").fetchall() == [("from an old release",)]
    finally:
        conn.close()
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        conn.close()
    assert db_path.read_bytes() != original
    assert sorted(os.listdir(db_path.parent)) == sorted([db_path.name, backup.name])  # no -wal/-shm left behind
