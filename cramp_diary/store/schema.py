"""The diary file itself: what it looks like on disk, how it is opened, checked, backed up and upgraded.

The schema is meant to be read by people with ``sqlite3`` or Datasette: one row
per episode, and one row per trigger, relief and warning sign in small side
tables, so ``SELECT trigger, count(*) FROM episode_triggers GROUP BY trigger``
just works.
"""

from __future__ import annotations

import os
import platform
import re
import sqlite3
import stat
import uuid
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from cramp_diary import hlc
from cramp_diary.changes import KINDS
from cramp_diary.model import CONTEXTS, MUSCLES, SIDES, STATUSES
from cramp_diary.safe_write import UnsafeTarget, atomic_path, describe_os_error

APPLICATION = "cramp-diary"
SQLITE_HEADER = b"SQLite format 3\x00"
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

#: Dated changes (something started or stopped) for the before/after comparison.
SCHEMA_V4 = f"""
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
"""

#: The cramp timer notes the time on its unfinished episode every few seconds while it runs,
#: so another app does not offer a running timer's cramp as abandoned.
SCHEMA_V5 = """
ALTER TABLE episodes ADD COLUMN heartbeat_utc TEXT;
"""

def new_device_name() -> str:
    """This machine's name in the sync folder: its host name and a short random part, e.g. ``laptop-a1b2``."""
    import secrets  # only when a diary is created or upgraded: ``log`` does not pay for it

    host = re.sub(r"[^a-z0-9-]+", "-", platform.node().split(".")[0].lower()).strip("-")[:40]
    return f"{host or 'device'}-{secrets.token_hex(2)}"


def _sync_schema(conn: sqlite3.Connection) -> None:
    """Version 6: clock stamps on every record, uuids on routine sessions, deletion records, a device name.

    Existing rows get a stamp from their second-resolution time (no device part),
    so any edit made from now on orders after them.
    """
    conn.create_function("legacy_stamp", 1, lambda text: hlc.from_legacy(datetime.fromisoformat(text) if text else None))
    conn.create_function("new_uuid", 0, lambda: str(uuid.uuid4()))
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


#: One upgrade step: SQL statements separated by ';', or a function given the connection (inside the transaction).
Migration = str | Callable[[sqlite3.Connection], None]

#: Statistics and charts over a lifetime diary read only finished episodes, by local day or by
#: duration: partial covering indexes (``status`` listed so SQLite 3.40 sees them as covering)
#: let a million-cramp GROUP BY read an index already in order instead of the whole table.
_FINISHED = DONE.removeprefix("e.")  # an index's WHERE has no alias
SCHEMA_V9 = f"""
CREATE INDEX episodes_done_figures ON episodes
    (local_day, severity, duration_s, context, muscle, side, muscle_other, started_at, status) WHERE {_FINISHED};
CREATE INDEX episodes_done_durations ON episodes (duration_s, local_day, status) WHERE {_FINISHED};
"""

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
    SCHEMA_V4,
    SCHEMA_V5,
    _sync_schema,
    SCHEMA_V7,
    _change_stamps,
    SCHEMA_V9,
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


class DiskFull(DiaryError):
    """The disk holding the diary has no space left: it can be read (perhaps) but nothing can be saved."""


def check_diary_file(path: Path) -> bool:
    """Refuse anything that is not a diary; True when the file does not exist yet.

    Looked at with stat() before anything opens it: a fifo or a device is refused
    without hanging, and a dangling symlink without SQLite creating its target.
    """
    try:
        found = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise DiaryError(
                f"{path} is a symbolic link to {os.readlink(path)}, which does not exist; "
                "give the path of an existing diary, or of a new file to create"
            ) from None
        if not path.parent.is_dir():
            raise DiaryError(f"cannot create {path}: the folder {path.parent} does not exist")
        return True
    except OSError as error:
        raise DiaryError(f"cannot read {path}: {describe_os_error(error)}") from None
    if stat.S_ISDIR(found.st_mode):
        raise DiaryError(f"{path} is a folder, not a cramp-diary database")
    if not stat.S_ISREG(found.st_mode):
        raise DiaryError(f"{path} is a device, fifo or socket, not a cramp-diary database")
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise DiaryError(f"cannot read {path}: {describe_os_error(error)}") from None
    if not header:
        raise DiaryError(f"{path} is an empty file, not a cramp-diary database")
    if header != SQLITE_HEADER:
        raise DiaryError(f"{path} is not a cramp-diary database (not an SQLite file)")
    # The mode bits too, not only access(): root may write anywhere, but a file its owner
    # made read-only (chmod a-w) is meant to stay as it is.
    if not os.access(path, os.W_OK) or not found.st_mode & stat.S_IWUSR:
        raise DiaryError(f"{path} is read-only: cramp-diary needs to write to it")
    check_working_files(path)
    return False


def check_working_files(path: Path) -> None:
    """The folder must take SQLite's -wal and -shm files, and any already there must be ours to use."""
    folder = path.parent
    if not os.access(folder, os.W_OK | os.X_OK):
        raise DiaryError(
            f"the folder {folder} is not writable: cramp-diary keeps two working files "
            f"({path.name}-wal and {path.name}-shm) beside the diary"
        )
    for companion in (Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            found = os.stat(companion)
        except OSError:
            continue
        if os.access(companion, os.R_OK | os.W_OK):
            continue
        if found.st_uid != os.geteuid():
            raise DiaryError(
                f"{companion} belongs to another user (uid {found.st_uid}), so this diary cannot be opened; "
                "open it once as that user so it is closed cleanly, or make the file yours again"
            )
        raise DiaryError(f"{companion} is read-only: cramp-diary needs to write to it")


def disk_is_full(path: Path) -> bool:
    """True when the file system holding ``path`` has no free block left for us."""
    try:
        found = os.statvfs(path.parent)
    except OSError:
        return False
    return found.f_bavail == 0 or (os.geteuid() == 0 and found.f_bfree == 0)


def explain(path: Path, error: sqlite3.Error, doing: str) -> DiaryError:
    """An SQLite error while opening as the one line a person can act on; 'damaged' only when nothing else fits."""
    text = str(error)
    if "database or disk is full" in text or disk_is_full(path):
        return DiskFull(f"the disk holding {path} is full: free some space, then try again")
    if "unable to open" in text or "readonly" in text:
        try:
            check_working_files(path)
        except DiaryError as problem:
            return problem
        return DiaryError(f"cannot {doing} {path}: {text}")
    if any(words in text for words in ("disk I/O error", "locked", "busy")):  # the file itself may be fine
        return DiaryError(f"cannot {doing} {path}: {text}")
    return DiaryError(f"{path} is damaged or not a cramp-diary database ({text})")


def privacy_warnings(path: Path) -> list[str]:
    """One line each when others can read or change the diary, or replace it through its folder."""
    warnings = []
    try:
        folder = os.stat(path.parent)
        mode = os.stat(path).st_mode
    except OSError:
        return warnings
    if folder.st_mode & 0o022 and not folder.st_mode & stat.S_ISVTX:
        warnings.append(
            f"Warning: other users can change the folder {path.parent} (mode {stat.S_IMODE(folder.st_mode):o}); "
            f"to keep your diary yours: chmod 700 {path.parent}"
        )
    if mode & 0o066:
        warnings.append(
            f"Warning: other users can read or change {path} (mode {stat.S_IMODE(mode):o}); "
            f"to keep it private: chmod 600 {path}"
        )
    return warnings


def _lower(text: object) -> object:
    """Python's lower(): SQLite's lower() and LIKE fold ASCII only, so 'Übung' never matched 'übung'."""
    return text.lower() if isinstance(text, str) else text


def connect(path: Path) -> sqlite3.Connection:
    """A connection that waits for another writer instead of failing, with ``py_lower`` for searching."""
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.create_function("py_lower", 1, _lower, deterministic=True)
    return conn


def configure(conn: sqlite3.Connection) -> None:
    """The pragmas every diary connection uses: WAL, full sync (a health diary), foreign keys."""
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")


def _probe(conn: sqlite3.Connection, path: Path) -> int:
    """Read the schema before writing anything; return the diary's schema version."""
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "meta" not in tables:
            raise DiaryError(f"{path} is another program's SQLite database, not a cramp-diary one")
        row = conn.execute("SELECT value FROM meta WHERE key = 'application'").fetchone()
        if row is None or row[0] != APPLICATION:
            raise DiaryError(f"{path} is another program's SQLite database, not a cramp-diary one")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute("SELECT count(*) FROM episodes").fetchone()
    except sqlite3.DatabaseError as error:
        raise explain(path, error, "read") from None
    if version > SCHEMA_VERSION:
        raise DiaryError(
            f"{path} was written by a newer cramp-diary (schema {version}); please upgrade cramp-diary"
        )
    if version < 1:
        raise DiaryError(f"{path} has no cramp-diary schema version; it was not written by cramp-diary")
    return version


def backup_path(path: Path, version: int, now: datetime) -> Path:
    stamp = now.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    return path.with_name(f"{path.name}.v{version}-backup-{stamp}")


def backup(conn: sqlite3.Connection, target: Path, diary: Path | None = None) -> None:
    """Copy the whole diary into a new private file before touching its schema.

    SQLite's backup fills a 0600 temporary file beside the target, which then
    takes the target's name in one step: a half-made copy never looks like a backup,
    and nothing already there (or a link) is ever written over.
    """
    try:
        with atomic_path(target, protect=[diary] if diary else [], overwrite=False) as temp:
            copy = sqlite3.connect(str(temp))
            try:
                conn.backup(copy)
            finally:
                copy.close()
    except UnsafeTarget as error:
        raise DiaryError(f"cannot make a backup before upgrading: {error}") from None
    except OSError as error:
        raise DiaryError(f"cannot make a backup before upgrading: {describe_os_error(error)}") from None
