"""``day_totals`` (schema step 9) always equals a fresh GROUP BY over the finished episodes.

Triggers keep it, so every write path must leave it right: add, edit (moving a
cramp to another day, finishing an open one, changing severity or context),
delete, undo, and an import's batch of new rows, newer copies and deletion records.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from cramp_diary import hlc
from cramp_diary.model import Episode
from cramp_diary.records import Tombstone
from cramp_diary.store import APPLICATION, MIGRATIONS, Diary, apply_migration
from conftest import NOW, FakeClock, new_diary

BERLIN = ZoneInfo("Europe/Berlin")
#: Four local days around the end of summer time (2026-10-25 has 25 hours).
DAYS = (23, 24, 25, 26)

#: What the table must hold, written out independently of the schema's own SQL.
EXPECTED = """
    SELECT local_day, count(*), sum(context = 'asleep'), count(context),
        sum(severity = 0), sum(severity = 1), sum(severity = 2), sum(severity = 3), sum(severity = 4),
        sum(severity = 5), sum(severity = 6), sum(severity = 7), sum(severity = 8), sum(severity = 9),
        sum(severity = 10)
    FROM episodes WHERE status = 'done' GROUP BY local_day ORDER BY local_day
"""


def expected(conn: sqlite3.Connection) -> list[tuple[object, ...]]:
    return [tuple(0 if value is None else value for value in row) for row in conn.execute(EXPECTED)]


def kept(conn: sqlite3.Connection) -> list[tuple[object, ...]]:
    return conn.execute("SELECT * FROM day_totals ORDER BY day").fetchall()


fields = st.fixed_dictionaries(
    {
        "started_at": st.builds(
            lambda day, hour, minute: datetime(2026, 10, day, hour, minute, tzinfo=BERLIN),
            st.sampled_from(DAYS), st.sampled_from((0, 2, 3, 23)), st.sampled_from((0, 30)),
        ),
        "severity": st.none() | st.integers(0, 10),
        "context": st.sampled_from((None, "asleep", "resting")),
        "status": st.sampled_from(("done", "done", "open")),
    }
)


class DayTotals(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="cramp-days-"))
        self.clock = FakeClock(NOW)
        self.diary = new_diary(self.folder / "diary.db", self.clock)
        self.deleted: list[Episode] = []

    def teardown(self) -> None:
        self.diary.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def episodes(self) -> list[Episode]:
        return list(self.diary.episodes.iter_all(include_open=True))

    def later_stamp(self) -> str:
        """A stamp newer than every edit so far, as another device's later edit would carry."""
        self.clock.advance(seconds=1)
        return hlc.make(hlc.to_ms(self.clock()), 0, "other")

    @rule(values=fields)
    def add(self, values: dict[str, object]) -> None:
        self.diary.episodes.add(Episode(muscle="calf", side="left", **values))  # type: ignore[arg-type]

    @precondition(lambda self: self.episodes())
    @rule(pick=st.integers(0, 10**6), values=fields)
    def edit(self, pick: int, values: dict[str, object]) -> None:
        episodes = self.episodes()
        self.diary.episodes.update(episodes[pick % len(episodes)].with_changes(**values))

    @precondition(lambda self: self.episodes())
    @rule(pick=st.integers(0, 10**6))
    def delete(self, pick: int) -> None:
        episodes = self.episodes()
        self.deleted.append(self.diary.episodes.delete(episodes[pick % len(episodes)].id))  # type: ignore[arg-type]

    @precondition(lambda self: self.deleted)
    @rule()
    def undo(self) -> None:
        self.diary.episodes.restore(self.deleted.pop())

    @rule(new=st.lists(fields, max_size=4), picks=st.lists(st.tuples(st.integers(0, 10**6), fields), max_size=3),
          gone=st.lists(st.integers(0, 10**6), max_size=2))
    def merge(self, new: list[dict[str, object]], picks: list[tuple[int, dict[str, object]]], gone: list[int]) -> None:
        """Another device's export: new cramps, newer copies of some here, deletions of others."""
        episodes = self.episodes()
        stamp = self.later_stamp()
        copies = {
            episodes[pick % len(episodes)].uuid: episodes[pick % len(episodes)].with_changes(id=None, hlc=stamp, **values)
            for pick, values in picks if episodes
        }
        tombstones = [
            Tombstone("episode", episodes[pick % len(episodes)].uuid, stamp, "other", self.clock())
            for pick in gone if episodes and episodes[pick % len(episodes)].uuid not in copies
        ]
        added = [Episode(muscle="foot", side="right", hlc=stamp, **values) for values in new]  # type: ignore[arg-type]
        self.diary.merge([*added, *copies.values()], tombstones=tombstones)

    @invariant()
    def the_table_equals_a_fresh_group_by(self) -> None:
        assert kept(self.diary.db.conn) == expected(self.diary.db.conn)


TestDayTotals = DayTotals.TestCase
TestDayTotals.settings = settings(
    max_examples=40, stateful_step_count=12, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def test_the_upgrade_fills_the_table_from_the_episodes_already_there(tmp_path: Path) -> None:
    """A diary of the version before the table gets every finished day's row, and nothing for open or no cramps."""
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    for step in MIGRATIONS[:8]:
        apply_migration(conn, step)
    rows = [
        ("2026-10-25", "done", 3, "asleep"), ("2026-10-25", "done", None, None), ("2026-10-25", "open", 9, None),
        ("2026-10-26", "done", 10, "resting"), ("2026-10-27", "open", 5, "asleep"),
    ]
    for number, (day, status, severity, context) in enumerate(rows):
        conn.execute(
            "INSERT INTO episodes (uuid, started_at, started_utc, local_day, muscle, side, severity, context, status,"
            " created_at, updated_at) VALUES (?, ?, ?, ?, 'calf', 'left', ?, ?, ?, ?, ?)",
            [f"00000000-0000-4000-8000-00000000000{number}", f"{day}T03:00:00+01:00", f"{day}T02:00:00+00:00", day,
             severity, context, status, f"{day}T02:00:00+00:00", f"{day}T02:00:00+00:00"],
        )
    conn.execute("INSERT INTO meta (key, value) VALUES ('application', ?)", [APPLICATION])
    conn.execute("PRAGMA user_version = 8")
    conn.commit()
    conn.close()
    with Diary.open(path, FakeClock(NOW)) as diary:
        assert kept(diary.db.conn) == [
            ("2026-10-25", 2, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0),
            ("2026-10-26", 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1),
        ]
        assert kept(diary.db.conn) == expected(diary.db.conn)
        diary.episodes.delete(diary.db.execute("SELECT id FROM episodes WHERE local_day = '2026-10-26'").fetchone()[0])
        assert [row[0] for row in kept(diary.db.conn)] == ["2026-10-25"]  # a day with no finished cramp left has no row
