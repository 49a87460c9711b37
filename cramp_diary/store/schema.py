"""The diary's schema: its tables, the append-only upgrade steps, and the connection every diary uses.

Checking the file before opening it, explaining SQLite's errors and the backup before an
upgrade live in :mod:`cramp_diary.store.diary_file`.

The schema is meant to be read by people with ``sqlite3`` or Datasette: one row
per episode, and one row per trigger, relief and warning sign in small side
tables, so ``SELECT trigger, count(*) FROM episode_triggers GROUP BY trigger``
just works.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from cramp_diary import hlc
from cramp_diary.model import CONTEXTS, MUSCLES, SIDES, STATUSES, new_uuid
from cramp_diary.store.search import search_index

APPLICATION = "cramp-diary"
BUSY_TIMEOUT_MS = 5000

#: Side tables holding the many-valued fields: (table, column, Episode attribute).
LABEL_TABLES: tuple[tuple[str, str, str], ...] = (
    ("episode_triggers", "trigger", "triggers"),
    ("episode_reliefs", "relief", "reliefs"),
    ("episode_signs", "sign", "signs"),
)

#: The one condition for "a cramp that counts": a finished episode (alias ``e``), never one the timer left open.
DONE = "e.status = 'done'"


class DiaryError(Exception):
    """Something about the diary file that a person must hear about in one line."""


def _in(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{v}'" for v in values)


SCHEMA_V1 = f"""
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE episodes (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    started_at TEXT NOT NULL,   -- local wall time with its UTC offset, ISO 8601
    started_utc TEXT NOT NULL,  -- the same instant in UTC, for ordering
    local_day TEXT NOT NULL,    -- the calendar day where it happened, YYYY-MM-DD
    muscle TEXT NOT NULL CHECK (muscle IN ({_in(MUSCLES)})),
    muscle_other TEXT NOT NULL DEFAULT '',
    side TEXT NOT NULL CHECK (side IN ({_in(SIDES)})),
    duration_s INTEGER CHECK (duration_s IS NULL OR duration_s BETWEEN 1 AND 10800),
    severity INTEGER CHECK (severity IS NULL OR severity BETWEEN 0 AND 10),
    context TEXT CHECK (context IS NULL OR context IN ({_in(CONTEXTS)})),
    note TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'done' CHECK (status IN ({_in(STATUSES)})),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX episodes_started_utc ON episodes (started_utc);
CREATE INDEX episodes_local_day ON episodes (local_day);
CREATE TABLE episode_triggers (
    episode_id INTEGER NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,
    trigger TEXT NOT NULL,
    PRIMARY KEY (episode_id, trigger)
);
CREATE TABLE episode_reliefs (
    episode_id INTEGER NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,
    relief TEXT NOT NULL,
    PRIMARY KEY (episode_id, relief)
);
CREATE TABLE episode_signs (
    episode_id INTEGER NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,
    sign TEXT NOT NULL,
    PRIMARY KEY (episode_id, sign)
);
CREATE INDEX episode_triggers_trigger ON episode_triggers (trigger);
"""

SCHEMA_V2 = """
CREATE TABLE checkins (
    day TEXT PRIMARY KEY,       -- a local calendar day the person says had no cramp
    created_at TEXT NOT NULL
);
CREATE TABLE routine_sessions (
    id INTEGER PRIMARY KEY,
    routine TEXT NOT NULL,
    started_at TEXT NOT NULL,
    local_day TEXT NOT NULL,
    completed INTEGER NOT NULL DEFAULT 1
);
"""

#: Finding the timer's unfinished episodes at every start must not scan a lifetime diary.
SCHEMA_V3 = """
CREATE INDEX episodes_open ON episodes (status) WHERE status = 'open';
"""

def _changes_table(conn: sqlite3.Connection) -> None:
    """Version 4: dated changes (something started or stopped) for the before/after comparison.

    A function only so that the kinds (:mod:`cramp_diary.changes`, with its records) load when a
    diary is made or upgraded, not at every ``log``.
    """
    from cramp_diary.changes import KINDS

    apply_migration(conn, f"""
CREATE TABLE changes (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ({_in(KINDS)})),
    name TEXT NOT NULL,
    started TEXT NOT NULL,      -- the local day it started, YYYY-MM-DD
    stopped TEXT,               -- the local day it stopped, or NULL while it goes on
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX changes_started ON changes (started);
""")


#: The cramp timer notes the time on its unfinished episode every few seconds while it runs,
#: so another app does not offer a running timer's cramp as abandoned.
SCHEMA_V5 = """
ALTER TABLE episodes ADD COLUMN heartbeat_utc TEXT;
"""

def new_device_name() -> str:
    """This machine's name in the sync folder: its host name and a short random part, e.g. ``laptop-a1b2``."""
    import platform  # only when a diary is created or upgraded: ``log`` does not pay for them
    import secrets

    host = re.sub(r"[^a-z0-9-]+", "-", platform.node().split(".")[0].lower()).strip("-")[:40]
    return f"{host or 'device'}-{secrets.token_hex(2)}"


def _sync_schema(conn: sqlite3.Connection) -> None:
    """Version 6: clock stamps on every record, uuids on routine sessions, deletion records, a device name.

    Existing rows get a stamp from their second-resolution time (no device part),
    so any edit made from now on orders after them.
    """
    conn.create_function("legacy_stamp", 1, lambda text: hlc.from_legacy(datetime.fromisoformat(text) if text else None))
    conn.create_function("new_uuid", 0, new_uuid)
    for statement in (
        "ALTER TABLE episodes ADD COLUMN hlc TEXT NOT NULL DEFAULT ''",
        "UPDATE episodes SET hlc = legacy_stamp(updated_at)",
        "ALTER TABLE checkins ADD COLUMN hlc TEXT NOT NULL DEFAULT ''",
        "UPDATE checkins SET hlc = legacy_stamp(created_at)",
        "ALTER TABLE routine_sessions ADD COLUMN uuid TEXT",
        "ALTER TABLE routine_sessions ADD COLUMN hlc TEXT NOT NULL DEFAULT ''",
        "UPDATE routine_sessions SET uuid = new_uuid(), hlc = legacy_stamp(started_at)",
        "CREATE UNIQUE INDEX routine_sessions_uuid ON routine_sessions (uuid)",
        """CREATE TABLE tombstones (
            kind TEXT NOT NULL,        -- 'episode', 'checkin', 'routine' (later 'change', ...)
            key TEXT NOT NULL,         -- the uuid, or the day of a check-in
            hlc TEXT NOT NULL,         -- clock stamp of the deletion
            device TEXT NOT NULL,      -- which machine deleted it
            deleted_at TEXT NOT NULL,  -- UTC wall time of the deletion, for people
            PRIMARY KEY (kind, key)
        )""",
    ):
        conn.execute(statement)
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('device', ?)", [new_device_name()])


#: The timer's safety question on each episode, warnings marked as discussed with a provider,
#: and (no SQL needed) the wider sign vocabulary: tenderness, wasting, cold-foot, walking-pain.
SCHEMA_V7 = """
ALTER TABLE episodes ADD COLUMN leg_check TEXT CHECK (leg_check IS NULL OR leg_check IN ('yes', 'no'));
CREATE TABLE warning_reviews (
    rule TEXT NOT NULL,          -- the warning rule's key, e.g. one-sided-swelling
    discussed_on TEXT NOT NULL,  -- the local day it was discussed with a healthcare provider
    created_at TEXT NOT NULL,
    PRIMARY KEY (rule, discussed_on)
);
"""

def _change_stamps(conn: sqlite3.Connection) -> None:
    """Version 8: dated changes get clock stamps like every other record, so their deletions sync too."""
    conn.create_function("legacy_stamp", 1, lambda text: hlc.from_legacy(datetime.fromisoformat(text) if text else None))
    conn.execute("ALTER TABLE changes ADD COLUMN hlc TEXT NOT NULL DEFAULT ''")
    conn.execute("UPDATE changes SET hlc = legacy_stamp(updated_at)")


#: A deletion record keeps the stamp and rank of the version it removed ('' in older records: their own stamp
#: stands in; an older episode's deletion removed a finished one), so an edit made elsewhere to that version,
#: or the owner's finish of an unfinished one, comes back whatever the clocks say (issue 20).
SCHEMA_DELETION_SEES_A_VERSION = """
ALTER TABLE tombstones ADD COLUMN seen TEXT NOT NULL DEFAULT '';
ALTER TABLE tombstones ADD COLUMN seen_rank INTEGER NOT NULL DEFAULT 0;
UPDATE tombstones SET seen_rank = 1 WHERE kind = 'episode';
"""

#: The old "tenderness" sign was the form's "tender after": the soreness most cramps leave, which the
#: references call normal. It becomes "sore-after" (recorded, never an alarm); "tender-between" and
#: "cord" are the new clot signs and need no SQL. A cramp holding both words keeps one row.
SIGNS_SORE_AFTER = """
INSERT OR IGNORE INTO episode_signs (episode_id, sign) SELECT episode_id, 'sore-after' FROM episode_signs WHERE sign = 'tenderness';
DELETE FROM episode_signs WHERE sign = 'tenderness'
"""

#: The medicines list: a synced kind (uuid and clock stamp); ``started`` NULL means "since before the diary".
MEDICINES_TABLE = """
CREATE TABLE medicines (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    class TEXT NOT NULL CHECK (class IN ('diuretic', 'statin', 'beta-blocker', 'asthma-inhaler', 'other')),
    started TEXT,
    stopped TEXT,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    hlc TEXT NOT NULL DEFAULT ''
)
"""

#: One upgrade step: SQL statements separated by ';', or a function given the connection (inside the transaction).
Migration = str | Callable[[sqlite3.Connection], None]

#: Statistics and charts over a lifetime diary start from one row per local day with a finished
#: cramp (17 500 days for a million cramps), never from the million rows. The row holds counts
#: only (the severity bands, sums and maxima are derived in :mod:`cramp_diary.stats`); the median
#: and longest durations read ``episodes_done_durations``, already in duration order, and the
#: hour, muscle, trigger and relief charts read ``episodes_done_figures`` instead of the table
#: (dropping it made each of them 10-30 % slower at 1M; on a 10k import it cost nothing measurable).
_FINISHED = DONE.removeprefix("e.")  # a trigger's or an index's WHERE has no alias
SEVERITIES = range(11)  # the CHECK on episodes.severity: 0 to 10
_DAY_TOTALS = f"""
CREATE TABLE day_totals (
    day TEXT PRIMARY KEY,           -- a local day with at least one finished episode
    cramps INTEGER NOT NULL,        -- its finished episodes
    asleep INTEGER NOT NULL,        -- of them, context 'asleep'
    with_context INTEGER NOT NULL,  -- of them, any context given
    {", ".join(f"severity_{n} INTEGER NOT NULL" for n in SEVERITIES)}  -- how many rated 0, 1, ... 10
) WITHOUT ROWID
"""


def _day_rows(where: str) -> str:
    """``day_totals`` rows grouped from the episodes matching ``where`` (finished ones only: the caller says so)."""
    return f"""
        SELECT local_day, count(*), count(*) FILTER (WHERE context = 'asleep'), count(context),
            {", ".join(f"count(*) FILTER (WHERE severity = {n})" for n in SEVERITIES)}
        FROM episodes WHERE {where} GROUP BY local_day"""


def _day_totals_of(day: str) -> str:
    """The trigger statements that rebuild ``day``'s row from its finished episodes (none left: no row)."""
    return f"""
        DELETE FROM day_totals WHERE day = {day};
        INSERT INTO day_totals {_day_rows(f"local_day = {day} AND {_FINISHED}")};"""


#: Kept by triggers, so every write (add, edit, delete, undo, an import's executemany, a sync's
#: deletions) updates it in its own transaction, with no Python path to forget. A new finished
#: episode adds itself to its day's counts (an import inserts a hundred thousand: rebuilding the
#: day each time cost 2.5x as much, measured 430 against 130 ms per 10 000 rows); a delete
#: or an edit rebuilds the touched day(s) from ``episodes_local_day`` (a day has a few rows), so
#: any day an edit touches is exact again, and a day without a finished episode has no row.
_DAY_TRIGGERS = (
    f"""CREATE TRIGGER day_totals_insert AFTER INSERT ON episodes WHEN NEW.{_FINISHED} BEGIN
        INSERT INTO day_totals VALUES (NEW.local_day, 1, NEW.context IS 'asleep', NEW.context IS NOT NULL,
            {", ".join(f"NEW.severity IS {n}" for n in SEVERITIES)})
        ON CONFLICT (day) DO UPDATE SET cramps = cramps + 1, asleep = asleep + excluded.asleep,
            with_context = with_context + excluded.with_context,
            {", ".join(f"severity_{n} = severity_{n} + excluded.severity_{n}" for n in SEVERITIES)};
    END""",
    f"""CREATE TRIGGER day_totals_delete AFTER DELETE ON episodes WHEN OLD.{_FINISHED} BEGIN
        {_day_totals_of("OLD.local_day")}
    END""",
    f"""CREATE TRIGGER day_totals_update AFTER UPDATE OF local_day, status, severity, context ON episodes
    WHEN OLD.{_FINISHED} OR NEW.{_FINISHED} BEGIN
        {_day_totals_of("OLD.local_day")}
        {_day_totals_of("NEW.local_day")}
    END""",
)


def _day_totals(conn: sqlite3.Connection) -> None:
    """Version 9: the per-day totals table, filled from the existing episodes, its triggers, and two partial covering indexes.

    While unreleased, step 9 was the two indexes alone and the day figures grouped a
    million index entries on every read; the table was added to the step before any release.
    """
    conn.execute(
        "CREATE INDEX episodes_done_figures ON episodes (local_day, severity, duration_s, context, muscle, side,"
        f" muscle_other, started_at, status) WHERE {_FINISHED}"
    )
    conn.execute(f"CREATE INDEX episodes_done_durations ON episodes (duration_s, local_day, status) WHERE {_FINISHED}")
    conn.execute(_DAY_TOTALS)
    conn.execute(f"INSERT INTO day_totals {_day_rows(_FINISHED)}")  # reads the first index, already in day order
    for trigger in _DAY_TRIGGERS:
        conn.execute(trigger)


#: Version 10: an episode's id is never given to another one after a delete ("show 2" must not silently
#: mean another cramp). INTEGER PRIMARY KEY hands out max(id) + 1, so deleting the newest freed its id;
#: AUTOINCREMENT would need the table rebuilt (and, with foreign keys on, dropping it cascades to the
#: labels), so the same rule is kept as a high-water mark that a trigger raises on every insert and
#: the store numbers new episodes from (``store.episodes.next_id``).
def _ids_never_reused(conn: sqlite3.Connection) -> None:
    """Version 10 (a function: the trigger's body holds a ';', which would split a SQL step)."""
    conn.execute("CREATE TABLE id_high_water (tbl TEXT PRIMARY KEY, last_id INTEGER NOT NULL)")
    conn.execute("INSERT INTO id_high_water (tbl, last_id) SELECT 'episodes', coalesce(max(id), 0) FROM episodes")
    conn.execute(
        """CREATE TRIGGER episodes_id_high_water AFTER INSERT ON episodes
        WHEN NEW.id > (SELECT last_id FROM id_high_water WHERE tbl = 'episodes')
        BEGIN
            UPDATE id_high_water SET last_id = NEW.id WHERE tbl = 'episodes';
        END"""
    )


#: How much cramps disturbed a night's sleep, 0-10 (issue 23), asked on night episodes and with the
#: morning check-in; a night's figure is the highest given for its day. The partial index holds only
#: the finished episodes that carry a figure, so a night's figures over a lifetime read a few rows, not all.
SCHEMA_SLEEP = f"""
ALTER TABLE episodes ADD COLUMN sleep_disturbance INTEGER
    CHECK (sleep_disturbance IS NULL OR sleep_disturbance BETWEEN 0 AND 10);
ALTER TABLE checkins ADD COLUMN sleep_disturbance INTEGER
    CHECK (sleep_disturbance IS NULL OR sleep_disturbance BETWEEN 0 AND 10);
CREATE INDEX episodes_sleep ON episodes (local_day, sleep_disturbance)
    WHERE {_FINISHED} AND sleep_disturbance IS NOT NULL
"""


#: An N-of-1 trial (issue 24): the plan holds the seed its order derives from (see
#: :mod:`cramp_diary.trial`), so the blocks are never stored and never change; one row a
#: day answers "was the plan followed?". Both sync like every record: ``key`` is the one
#: column a deletion record names (``<trial uuid>/<day>``).
SCHEMA_TRIALS = """
CREATE TABLE trials (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('habit', 'supplement', 'other')),
    start TEXT NOT NULL,
    seed INTEGER NOT NULL CHECK (seed >= 0),
    block_days INTEGER NOT NULL CHECK (block_days BETWEEN 3 AND 56),
    pairs INTEGER NOT NULL CHECK (pairs BETWEEN 1 AND 8),
    washout_days INTEGER NOT NULL CHECK (washout_days >= 0 AND washout_days * 2 <= block_days),
    stopped_on TEXT,
    one_block_at_a_time INTEGER NOT NULL DEFAULT 0 CHECK (one_block_at_a_time IN (0, 1)),
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    hlc TEXT NOT NULL DEFAULT ''
);
CREATE TABLE trial_days (
    key TEXT PRIMARY KEY,
    trial_uuid TEXT NOT NULL,
    day TEXT NOT NULL,
    followed INTEGER NOT NULL CHECK (followed IN (0, 1)),
    hlc TEXT NOT NULL DEFAULT ''
);
CREATE INDEX trial_days_trial ON trial_days (trial_uuid, day)
"""


def _labels(table: str, column: str) -> str:
    """An episode's labels of one side table as text, in the order they were given: 'heat, long-drive'."""
    return (
        f"(SELECT group_concat({column}, ', ') FROM"
        f" (SELECT {column} FROM {table} WHERE episode_id = e.id ORDER BY rowid))"
    )


#: For people reading the diary with Datasette or sqlite-utils (issue 25): each finished cramp in
#: columns a person reads (local time, the muscle in their own word, minutes, labels as text),
#: without the ids, stamps and heartbeats the app keeps. The shipped Datasette metadata
#: (``cramp_diary/store/datasette.json``) describes it. A view holds no data: nothing to migrate or sync.
_CRAMPS_VIEW = f"""
CREATE VIEW cramps AS SELECT
    e.id,
    replace(substr(e.started_at, 1, 16), 'T', ' ') AS local_time,
    e.local_day AS day,
    CASE WHEN e.muscle_other != '' THEN e.muscle_other ELSE e.muscle END AS muscle,
    e.side,
    e.duration_s AS seconds,
    round(e.duration_s / 60.0, 1) AS minutes,
    e.severity,
    e.context,
    {_labels("episode_triggers", "trigger")} AS triggers,
    {_labels("episode_reliefs", "relief")} AS reliefs,
    {_labels("episode_signs", "sign")} AS signs,
    e.sleep_disturbance,
    e.note
FROM episodes e WHERE {DONE}
"""


def _month_figures(conn: sqlite3.Connection) -> None:
    """The charts' counts per month (durations per year), kept by triggers: :func:`cramp_diary.store.month_figures.create`."""
    from cramp_diary.store import month_figures  # it builds its SQL on DONE, defined here

    month_figures.create(conn)


#: Entry ``i`` moves the schema from version ``i`` to ``i + 1``; ``PRAGMA user_version`` holds the version.
#:
#: To change the schema, APPEND one entry at the end (never edit or reorder a released one):
#: a SQL string, or a function taking the ``sqlite3.Connection`` for data changes SQL cannot say.
#: SCHEMA_VERSION follows by itself; opening an older diary backs it up first, then runs the
#: missing steps in one transaction. tests/test_store_migrations_every_version.py then builds a
#: diary of every earlier version and upgrades it, so the new step is tested without more work.
MIGRATIONS: tuple[Migration, ...] = (
    SCHEMA_V1,
    SCHEMA_V2,
    SCHEMA_V3,
    _changes_table,
    SCHEMA_V5,
    _sync_schema,
    SCHEMA_V7,
    _change_stamps,
    _day_totals,
    _ids_never_reused,
    SCHEMA_SLEEP,
    SCHEMA_TRIALS,
    _CRAMPS_VIEW,
    search_index,
    SCHEMA_DELETION_SEES_A_VERSION,
    _month_figures,
    SIGNS_SORE_AFTER,
    MEDICINES_TABLE,
)
SCHEMA_VERSION = len(MIGRATIONS)


def apply_migration(conn: sqlite3.Connection, step: Migration) -> None:
    """Run one entry of :data:`MIGRATIONS`; the caller owns the transaction."""
    if callable(step):
        step(conn)
        return
    for statement in step.split(";"):
        if statement.strip():
            conn.execute(statement)


def migrate(conn: sqlite3.Connection, version: int, created_at: str) -> None:
    """Bring a diary at ``version`` (0: a new, empty file) up to :data:`SCHEMA_VERSION`, inside the caller's transaction."""
    for step in MIGRATIONS[version:]:
        apply_migration(conn, step)
    if version == 0:
        conn.execute(
            "INSERT INTO meta (key, value) VALUES ('application', ?), ('created_at', ?)", [APPLICATION, created_at]
        )
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def utc_stamp(moment: datetime) -> str:
    """How the diary stores an instant: UTC, whole seconds, so text order is time order."""
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def connect(path: Path) -> sqlite3.Connection:
    """A connection that waits for another writer instead of failing."""
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def configure(conn: sqlite3.Connection) -> None:
    """The pragmas every diary connection uses: WAL, full sync (a health diary), foreign keys."""
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
