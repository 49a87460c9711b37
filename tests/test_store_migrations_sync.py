"""Version 4: old rows get clock stamps from their times, routine sessions get uuids, the diary a device name."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from cramp_diary import hlc
from cramp_diary.store import Diary
from conftest import FakeClock
from test_store_migrations_every_version import build


def test_version_3_rows_get_stamps_uuids_and_a_device(db_path: Path) -> None:
    build(db_path, 3)
    conn = sqlite3.connect(db_path)
    conn.execute("INSERT INTO routine_sessions (routine, started_at, local_day) VALUES ('bedtime', '2026-11-01T22:00:00+01:00', '2026-11-01')")
    conn.execute("INSERT INTO checkins (day, created_at) VALUES ('2026-11-02', '2026-11-02T08:00:00+00:00')")
    conn.commit()
    conn.close()
    clock = FakeClock()
    with Diary.open(db_path, clock) as diary:
        [episode] = diary.episodes.newest_first()
        assert episode.hlc == hlc.from_legacy(episode.updated_at)
        [routine] = diary.routines.records()
        assert len(routine.uuid) == 36 and routine.hlc.startswith(f"{hlc.to_ms(routine.started_at):013d}")
        assert diary.checkins.records()[0].hlc != ""
        assert re.fullmatch(hlc.DEVICE, diary.stamps.device_name())
        edited = diary.episodes.update(episode.with_changes(severity=2))
        assert edited.hlc > episode.hlc  # an edit after the upgrade orders after every old row
