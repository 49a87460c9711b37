"""The "tender after" sign of older diaries becomes "sore after the cramp": soreness, never a clot alarm."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from cramp_diary import alerts
from cramp_diary.model import Episode
from cramp_diary.store import MIGRATIONS, Diary
from cramp_diary.store.schema import SIGNS_SORE_AFTER, SCHEMA_VERSION
from conftest import NOW


def test_the_step_is_at_the_end_of_the_migrations() -> None:
    assert MIGRATIONS[-1] is SIGNS_SORE_AFTER or SIGNS_SORE_AFTER in MIGRATIONS


def test_stored_tender_after_signs_are_rewritten_on_upgrade(db_path: Path, clock) -> None:
    with Diary.open(db_path, clock) as diary:
        one = diary.episodes.add(Episode(NOW, "calf", "left", signs=("swelling",)))
        two = diary.episodes.add(Episode(NOW.replace(hour=1), "calf", "right"))
    step = MIGRATIONS.index(SIGNS_SORE_AFTER)
    conn = sqlite3.connect(db_path)
    with conn:  # what a diary of the step before held: the old word, once alone and once beside today's
        conn.execute("INSERT INTO episode_signs VALUES (?, 'tenderness')", [one.id])
        conn.execute("INSERT INTO episode_signs VALUES (?, 'tenderness'), (?, 'sore-after')", [two.id, two.id])
        conn.execute(f"PRAGMA user_version = {step}")
    conn.close()
    with Diary.open(db_path, clock) as diary:
        assert diary.backup is not None
        assert diary.episodes.get(one.id).signs == ("swelling", "sore-after")
        assert diary.episodes.get(two.id).signs == ("sore-after",)
        found = {alert.rule for alert in alerts.find_alerts(diary, date(2026, 11, 22))}
        assert found == {"one-sided-swelling"}  # the swelling, not the soreness
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("SELECT count(*) FROM episode_signs WHERE sign = 'tenderness'").fetchone()[0] == 0
    conn.close()
