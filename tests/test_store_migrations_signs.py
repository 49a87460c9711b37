"""The "tender after" sign of older diaries becomes "sore after the cramp": soreness, never a clot alarm."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from cramp_diary import alerts
from cramp_diary.store import APPLICATION, MIGRATIONS, Diary, apply_migration
from cramp_diary.store.schema import MEDICINES_TABLE, SCHEMA_VERSION, SIGNS_SORE_AFTER

EPISODE = (
    "INSERT INTO episodes (id, uuid, started_at, started_utc, local_day, muscle, side, created_at, updated_at)"
    " VALUES (?, ?, '2026-11-20T03:10:00+01:00', '2026-11-20T02:10:00+00:00', '2026-11-20', 'calf', ?,"
    " '2026-11-20T02:15:00+00:00', '2026-11-20T02:15:00+00:00')"
)


def test_the_new_steps_are_at_the_end_of_the_migrations() -> None:
    assert MIGRATIONS.index(SIGNS_SORE_AFTER) < MIGRATIONS.index(MEDICINES_TABLE) == len(MIGRATIONS) - 1


def build_before_the_step(path: Path) -> None:
    """A diary as the release before the step left it: the old word, once alone and once beside today's."""
    conn = sqlite3.connect(path)
    step = MIGRATIONS.index(SIGNS_SORE_AFTER)
    for migration in MIGRATIONS[:step]:
        apply_migration(conn, migration)
    conn.execute("INSERT INTO meta (key, value) VALUES ('application', ?)", [APPLICATION])
    conn.execute(EPISODE, [1, "5a0c3c2e-8f5b-4a51-9b7e-2d1f0c7a9e11", "left"])
    conn.execute(EPISODE, [2, "6a0c3c2e-8f5b-4a51-9b7e-2d1f0c7a9e11", "right"])
    conn.execute("INSERT INTO episode_signs VALUES (1, 'swelling'), (1, 'tenderness'), (2, 'tenderness'), (2, 'sore-after')")
    conn.execute(f"PRAGMA user_version = {step}")
    conn.commit()
    conn.close()
    path.chmod(0o600)


def test_stored_tender_after_signs_are_rewritten_on_upgrade(db_path: Path, clock) -> None:
    build_before_the_step(db_path)
    with Diary.open(db_path, clock) as diary:
        assert diary.backup is not None
        assert diary.episodes.get(1).signs == ("swelling", "sore-after")
        assert diary.episodes.get(2).signs == ("sore-after",)
        found = {alert.rule for alert in alerts.find_alerts(diary, date(2026, 11, 22))}
        assert found == {"one-sided-swelling"}  # the swelling, not the soreness
        assert diary.medicines.all() == []  # and the medicines table came with the upgrade
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("SELECT count(*) FROM episode_signs WHERE sign = 'tenderness'").fetchone()[0] == 0
    conn.close()
