"""A diary as an older app left it: every schema step before a given one, none after."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from cramp_diary.store.schema import APPLICATION, MIGRATIONS, Migration, apply_migration


def diary_before(path: Path, step: Migration, episodes: int = 0) -> None:
    """Build ``path`` at the version just before ``step``, with ``episodes`` plain rows (ids 1..n)."""
    version = MIGRATIONS.index(step)
    conn = sqlite3.connect(path)
    for earlier in MIGRATIONS[:version]:
        apply_migration(conn, earlier)
    conn.execute("INSERT INTO meta (key, value) VALUES ('application', ?)", [APPLICATION])
    for n in range(1, episodes + 1):
        conn.execute(
            "INSERT INTO episodes (uuid, started_at, started_utc, local_day, muscle, side, duration_s, severity,"
            " note, created_at, updated_at) VALUES (?, '2026-11-01T03:10:00+01:00', '2026-11-01T02:10:00+00:00',"
            " '2026-11-01', 'calf', 'left', 90, 6, '', '2026-11-01T02:15:00+00:00', '2026-11-01T02:15:00+00:00')",
            [f"5a0c3c2e-8f5b-4a51-9b7e-{n:012d}"],
        )
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()
    path.chmod(0o600)
