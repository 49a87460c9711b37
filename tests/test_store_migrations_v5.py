"""Schema 5: a diary of schema 3 upgrades (with a backup) and then holds the timer's question, the new signs and reviews."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from cramp_diary.model import Episode, InvalidField
from cramp_diary.store import MIGRATIONS, Diary, apply_migration
from cramp_diary.store.schema import APPLICATION
from conftest import NOW


def build_v3(path: Path) -> None:
    conn = sqlite3.connect(path)
    with conn:
        for step in MIGRATIONS[:3]:
            apply_migration(conn, step)
        conn.execute("INSERT INTO meta VALUES ('application', ?), ('created_at', '2026-01-01')", [APPLICATION])
        conn.execute(
            "INSERT INTO episodes (uuid, started_at, started_utc, local_day, muscle, side, created_at, updated_at)"
            " VALUES ('8e0f5a4e-3c61-4d0b-9d7e-0f3a5b1c2d3e', '2026-11-20T03:10:00+01:00', '2026-11-20T02:10:00+00:00',"
            " '2026-11-20', 'calf', 'left', '2026-11-20T02:10:00+00:00', '2026-11-20T02:10:00+00:00')"
        )
        conn.execute("PRAGMA user_version = 3")
    conn.close()


def test_a_schema_3_diary_upgrades_with_a_backup_and_takes_the_new_fields(db_path: Path, clock) -> None:
    build_v3(db_path)
    with Diary.open(db_path, clock) as diary:
        assert diary.backup is not None and diary.backup.exists()
        [old] = diary.episodes.newest_first()
        assert old.leg_check is None
        saved = diary.episodes.add(Episode(NOW, "calf", "right", signs=("tenderness", "wasting", "cold-foot", "walking-pain"), leg_check="yes"))
        again = diary.episodes.get(saved.id)
        assert again is not None and again.leg_check == "yes"
        assert again.signs == ("tenderness", "wasting", "cold-foot", "walking-pain")
        assert diary.discussed.mark("waking", date(2026, 11, 21))
        assert diary.discussed.latest() == {"waking": date(2026, 11, 21)}


def test_the_leg_check_is_yes_or_no(diary: Diary) -> None:
    with pytest.raises(InvalidField, match="leg_check: must be one of yes, no"):
        diary.episodes.add(Episode(NOW, "calf", "right", leg_check="maybe"))
    diary.episodes.add(Episode(NOW, "calf", "right", leg_check="no"))
    with pytest.raises(sqlite3.IntegrityError):  # the schema refuses it too, e.g. a hand edit
        diary.db.conn.execute("UPDATE episodes SET leg_check = 'maybe'")
