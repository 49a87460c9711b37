"""``month_figures`` (the charts' counts per month) always equals a fresh GROUP BY over the finished episodes.

Triggers keep it, so every write path must leave it right: add, edit (moving a
cramp to another month or year, finishing an open one, changing its muscle, side,
hour, duration or labels), delete, undo, and an import's new rows, newer copies and deletion
records. The chart queries, which add a period's partial months from the
episodes, must give what one GROUP BY over the period gives.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from cramp_diary import hlc
from cramp_diary.model import Episode
from cramp_diary.records import Tombstone
from cramp_diary.store import APPLICATION, MIGRATIONS, Diary, apply_migration, queries
from conftest import NOW, FakeClock, new_diary

BERLIN = ZoneInfo("Europe/Berlin")
#: Days on both sides of a month's end (and of the end of summer time, 2026-10-25).
DAYS = ((9, 30), (10, 1), (10, 24), (10, 25), (10, 31), (11, 1))
#: Durations are counted per year: some cramps fall in the year before.
YEARS = (2025, 2026, 2026)
#: Periods that are whole months, no whole month, and whole months with partial ones on either side.
PERIODS = (
    (date(2026, 10, 1), date(2026, 10, 31)),
    (date(2026, 10, 24), date(2026, 11, 1)),
    (date(2026, 9, 30), date(2026, 11, 1)),
    (date(2026, 9, 1), date(2026, 10, 31)),
    (date(2026, 11, 1), date(2026, 11, 1)),
    (date(2020, 1, 1), date(2026, 11, 22)),
    (date(2025, 1, 1), date(2026, 12, 31)),
    (date(2026, 1, 1), date(2026, 12, 31)),
)

#: What the table must hold, written out independently of the schema's own SQL.
EXPECTED = """
    SELECT figure, month, label, count(*) FROM (
        SELECT 'hour' AS figure, substr(local_day, 1, 7) AS month, substr(started_at, 12, 2) AS label
            FROM episodes WHERE status = 'done'
        UNION ALL SELECT 'muscle-' || side, substr(local_day, 1, 7),
            iif(muscle = 'other' AND muscle_other != '', lower(muscle_other), muscle) FROM episodes WHERE status = 'done'
        UNION ALL SELECT 'trigger', substr(local_day, 1, 7), trigger
            FROM episode_triggers JOIN episodes ON id = episode_id WHERE status = 'done'
        UNION ALL SELECT 'relief', substr(local_day, 1, 7), relief
            FROM episode_reliefs JOIN episodes ON id = episode_id WHERE status = 'done'
        UNION ALL SELECT 'sign', substr(local_day, 1, 7), sign FROM episode_signs JOIN episodes ON id = episode_id
            WHERE status = 'done'
        UNION ALL SELECT 'duration', substr(local_day, 1, 4), printf('%05d', duration_s) FROM episodes
            WHERE status = 'done' AND duration_s IS NOT NULL
    ) GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
"""


def expected(conn: sqlite3.Connection) -> list[tuple[object, ...]]:
    return conn.execute(EXPECTED).fetchall()


def kept(conn: sqlite3.Connection) -> list[tuple[object, ...]]:
    return conn.execute("SELECT figure, month, label, n FROM month_figures ORDER BY 1, 2, 3").fetchall()


def direct(conn: sqlite3.Connection, first: date, last: date) -> tuple[object, ...]:
    """The charts' figures of a period grouped straight from the episodes, as the queries did before the table."""
    period = {"first": first.isoformat(), "last": last.isoformat()}
    where = "e.status = 'done' AND e.local_day BETWEEN :first AND :last"
    hours = dict(conn.execute(
        f"SELECT CAST(substr(e.started_at, 12, 2) AS INTEGER) AS h, count(*) FROM episodes e WHERE {where} GROUP BY h",
        period,
    ))
    muscles = [tuple(row[:4]) for row in conn.execute(
        "SELECT iif(e.muscle = 'other' AND e.muscle_other != '', lower(e.muscle_other), e.muscle) AS label,"
        " sum(e.side = 'left'), sum(e.side = 'right'), sum(e.side = 'both'), count(*) AS n"
        f" FROM episodes e WHERE {where} GROUP BY label ORDER BY n DESC, label",
        period,
    )]
    labels = tuple(
        conn.execute(
            f"SELECT t.{column}, count(*) AS n FROM {table} t JOIN episodes e ON e.id = t.episode_id WHERE {where}"
            f" GROUP BY t.{column} ORDER BY n DESC, t.{column}",
            period,
        ).fetchall()
        for table, column in (("episode_triggers", "trigger"), ("episode_reliefs", "relief"), ("episode_signs", "sign"))
    )
    durations = conn.execute(
        f"SELECT e.duration_s, count(*) FROM episodes e WHERE {where} AND e.duration_s IS NOT NULL"
        " GROUP BY e.duration_s ORDER BY e.duration_s",
        period,
    ).fetchall()
    return hours, muscles, *labels, tuple(durations)


def read(diary: Diary, first: date, last: date) -> tuple[object, ...]:
    return (
        queries.cramps_by_hour(diary, first, last),
        queries.muscle_sides(diary, first, last),
        *(queries.label_counts(diary, field, first, last) for field in ("triggers", "reliefs", "signs")),
        queries.duration_counts(diary, first, last),
    )


labels = st.lists(st.sampled_from(("heat", "cold", "exercise")), unique=True, max_size=2)
fields = st.fixed_dictionaries(
    {
        "started_at": st.builds(
            lambda year, day, hour: datetime(year, day[0], day[1], hour, 30, tzinfo=BERLIN),
            st.sampled_from(YEARS), st.sampled_from(DAYS), st.sampled_from((0, 2, 3, 23)),
        ),
        "muscle": st.sampled_from(("calf", "other")),
        "muscle_other": st.sampled_from(("", "Shin", "shin")),
        "side": st.sampled_from(("left", "right", "both")),
        "triggers": labels.map(tuple),
        "reliefs": st.lists(st.sampled_from(("stretch", "walk")), unique=True, max_size=2).map(tuple),
        "signs": st.lists(st.sampled_from(("swelling", "numbness")), unique=True, max_size=1).map(tuple),
        "status": st.sampled_from(("done", "done", "open")),
        "duration": st.sampled_from((None, 45, 600, 10800)),
    }
)


def episode(values: dict[str, object], **more: object) -> Episode:
    if values["muscle"] != "other":
        values = {**values, "muscle_other": ""}
    return Episode(**values, **more)  # type: ignore[arg-type]


class MonthFigures(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="cramp-months-"))
        self.clock = FakeClock(NOW)
        self.diary = new_diary(self.folder / "diary.db", self.clock)
        self.deleted: list[Episode] = []

    def teardown(self) -> None:
        self.diary.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def episodes(self) -> list[Episode]:
        return list(self.diary.episodes.iter_all(include_open=True))

    @rule(values=fields)
    def add(self, values: dict[str, object]) -> None:
        self.diary.episodes.add(episode(values))

    @precondition(lambda self: self.episodes())
    @rule(pick=st.integers(0, 10**6), values=fields)
    def edit(self, pick: int, values: dict[str, object]) -> None:
        episodes = self.episodes()
        chosen = episodes[pick % len(episodes)]
        self.diary.episodes.update(episode({**values}, id=chosen.id, uuid=chosen.uuid))

    @precondition(lambda self: self.episodes())
    @rule(pick=st.integers(0, 10**6))
    def delete(self, pick: int) -> None:
        episodes = self.episodes()
        self.deleted.append(self.diary.episodes.delete(episodes[pick % len(episodes)].id))  # type: ignore[arg-type]

    @precondition(lambda self: self.deleted)
    @rule()
    def undo(self) -> None:
        self.diary.episodes.restore(self.deleted.pop())

    @rule(new=st.lists(fields, max_size=3), picks=st.lists(st.tuples(st.integers(0, 10**6), fields), max_size=3),
          gone=st.lists(st.integers(0, 10**6), max_size=2))
    def merge(self, new: list[dict[str, object]], picks: list[tuple[int, dict[str, object]]], gone: list[int]) -> None:
        """Another device's export: new cramps, newer copies of some here, deletions of others."""
        episodes = self.episodes()
        self.clock.advance(seconds=1)
        stamp = hlc.make(hlc.to_ms(self.clock()), 0, "other")
        copies = {
            (chosen := episodes[pick % len(episodes)]).uuid: episode(values, uuid=chosen.uuid, hlc=stamp)
            for pick, values in picks if episodes
        }
        tombstones = [
            Tombstone("episode", episodes[pick % len(episodes)].uuid, stamp, "other", self.clock())
            for pick in gone if episodes and episodes[pick % len(episodes)].uuid not in copies
        ]
        self.diary.merge([*(episode(values, hlc=stamp) for values in new), *copies.values()], tombstones=tombstones)

    @invariant()
    def the_table_equals_a_fresh_group_by(self) -> None:
        assert kept(self.diary.db.conn) == expected(self.diary.db.conn)

    @invariant()
    def each_period_reads_as_one_group_by_over_its_days(self) -> None:
        for first, last in PERIODS:
            assert read(self.diary, first, last) == direct(self.diary.db.conn, first, last), (first, last)


TestMonthFigures = MonthFigures.TestCase
TestMonthFigures.settings = settings(
    max_examples=40, stateful_step_count=12, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def test_the_upgrade_fills_the_table_from_the_episodes_already_there(tmp_path: Path) -> None:
    """A diary of the version before the table gets every finished episode's figures, and nothing of open ones."""
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    for step in MIGRATIONS[:-1]:  # the version before the table (its step is the last)
        apply_migration(conn, step)
    rows = [
        ("2026-10-31", "done", "calf", "", "left", ("heat",)), ("2026-10-31", "done", "other", "Shin", "both", ()),
        ("2026-11-01", "done", "other", "shin", "both", ("heat", "cold")), ("2026-11-01", "open", "calf", "", "left", ("cold",)),
    ]
    for number, (day, status, muscle, other, side, triggers) in enumerate(rows, start=1):
        conn.execute(
            "INSERT INTO episodes (id, uuid, started_at, started_utc, local_day, muscle, muscle_other, side, status,"
            " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [number, f"00000000-0000-4000-8000-00000000000{number}", f"{day}T03:00:00+01:00", f"{day}T02:00:00+00:00",
             day, muscle, other, side, status, f"{day}T02:00:00+00:00", f"{day}T02:00:00+00:00"],
        )
        conn.executemany("INSERT INTO episode_triggers VALUES (?, ?)", [(number, trigger) for trigger in triggers])
    conn.execute("INSERT INTO meta (key, value) VALUES ('application', ?)", [APPLICATION])
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) - 1}")
    conn.commit()
    conn.close()
    with Diary.open(path, FakeClock(NOW)) as diary:
        assert kept(diary.db.conn) == [
            ("hour", "2026-10", "03", 2), ("hour", "2026-11", "03", 1),
            ("muscle-both", "2026-10", "shin", 1), ("muscle-both", "2026-11", "shin", 1),
            ("muscle-left", "2026-10", "calf", 1),
            ("trigger", "2026-10", "heat", 1), ("trigger", "2026-11", "cold", 1), ("trigger", "2026-11", "heat", 1),
        ]
        diary.episodes.delete(3)
        assert kept(diary.db.conn) == expected(diary.db.conn)
        assert all(month == "2026-10" for _, month, _, _ in kept(diary.db.conn))  # a count at zero leaves no row
