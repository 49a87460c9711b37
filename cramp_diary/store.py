"""The diary file: the only module that speaks SQL.

The schema is meant to be read by people with ``sqlite3`` or Datasette: one row
per episode, and one row per trigger, relief and warning sign in small side
tables, so ``SELECT trigger, count(*) FROM episode_triggers GROUP BY trigger``
just works.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

from sqlite_utils import Database

from cramp_diary.model import CONTEXTS, MUSCLES, SIDES, STATUSES, TRIGGERS, Episode, InvalidField, validate
from cramp_diary.paths import create_private_file, make_private_dir

APPLICATION = "cramp-diary"
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000

#: Side tables holding the many-valued fields: (table, column, Episode attribute).
LABEL_TABLES: tuple[tuple[str, str, str], ...] = (
    ("episode_triggers", "trigger", "triggers"),
    ("episode_reliefs", "relief", "reliefs"),
    ("episode_signs", "sign", "signs"),
)

Now = Callable[[], datetime]


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

#: Each entry moves the schema from version ``index`` to ``index + 1``.
MIGRATIONS: tuple[str, ...] = (SCHEMA_V1, SCHEMA_V2, SCHEMA_V3)
SCHEMA_VERSION = len(MIGRATIONS)


def utc_stamp(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def _parse_time(text: str) -> datetime:
    return datetime.fromisoformat(text)


@dataclass(frozen=True)
class MergeResult:
    """What an import did: new episodes, ones replaced by a newer edit, ones already here; and the check-ins."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    checkins_added: int = 0
    checkins_present: int = 0
    #: Check-in days left out because the diary holds a cramp on that day.
    checkins_skipped: int = 0


@dataclass(frozen=True)
class Query:
    """Which episodes a list shows: newest first, optionally filtered."""

    text: str = ""
    since: datetime | None = None
    include_open: bool = False


def check_diary_file(path: Path) -> bool:
    """Refuse anything that is not a diary; True when the file does not exist yet."""
    if path.is_dir():
        raise DiaryError(f"{path} is a folder, not a cramp-diary database")
    if not path.exists():
        if not path.parent.is_dir():
            raise DiaryError(f"cannot create {path}: the folder {path.parent} does not exist")
        return True
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise DiaryError(f"cannot read {path}: {error.strerror}") from None
    if not header:
        raise DiaryError(f"{path} is an empty file, not a cramp-diary database")
    if header != SQLITE_HEADER:
        raise DiaryError(f"{path} is not a cramp-diary database (not an SQLite file)")
    # The mode bits too, not only access(): root may write anywhere, but a file its owner
    # made read-only (chmod a-w) is meant to stay as it is.
    if not os.access(path, os.W_OK) or not path.stat().st_mode & stat.S_IWUSR:
        raise DiaryError(f"{path} is read-only: cramp-diary needs to write to it")
    return False


def _lower(text: object) -> object:
    """Python's lower(): SQLite's lower() and LIKE fold ASCII only, so 'Übung' never matched 'übung'."""
    return text.lower() if isinstance(text, str) else text


def _like(word: str) -> str:
    """A LIKE pattern (with ESCAPE '\\') finding ``word`` anywhere, its own % and _ taken literally."""
    escaped = word.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.create_function("py_lower", 1, _lower, deterministic=True)
    return conn


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
        raise DiaryError(f"{path} is damaged or not a cramp-diary database ({error})") from None
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


def _backup(conn: sqlite3.Connection, target: Path) -> None:
    """Copy the whole diary into a new private file before touching its schema."""
    if not create_private_file(target):
        raise DiaryError(f"cannot make a backup: {target} already exists")
    copy = sqlite3.connect(str(target))
    try:
        conn.backup(copy)
    finally:
        copy.close()


class Diary:
    """An open diary file. Every write is one immediate transaction, committed at once."""

    def __init__(self, db: Database, path: Path, now: Now) -> None:
        self.db = db
        self.path = path
        self.now = now
        self.backup: Path | None = None

    # -- opening --------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, now: Now, *, create_folder: bool = False) -> Diary:
        """Open or create a diary, refusing any file that is not one and leaving it untouched."""
        path = Path(path)
        try:  # e.g. no permission to create the folder or the file: one line, not a traceback
            if create_folder and not path.parent.exists():
                make_private_dir(path.parent)
            is_new = check_diary_file(path)
            if is_new and not create_private_file(path):
                is_new = False  # someone else created it just now: probe it like any other
                check_diary_file(path)
        except OSError as error:
            raise DiaryError(f"cannot create {path}: {error.strerror or error}") from None
        try:
            conn = _connect(path)
        except sqlite3.Error as error:
            if is_new:  # an empty file left behind would be refused as "not a diary" next time
                path.unlink(missing_ok=True)
            raise DiaryError(f"cannot open {path}: {error}") from None
        try:
            version = 0 if is_new else _probe(conn, path)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            # no sqlite-utils plugins: no foreign code on a health diary's connection, and 20 ms less per start
            diary = cls(Database(conn, execute_plugins=False), path, now)
            if version < SCHEMA_VERSION:
                if version:
                    diary.backup = backup_path(path, version, now())
                    _backup(conn, diary.backup)
                diary._migrate(version)
        except BaseException as error:
            conn.close()
            if is_new:
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{path}{suffix}").unlink(missing_ok=True)
            if isinstance(error, sqlite3.Error):
                raise DiaryError(f"cannot use {path}: {error}") from None
            raise
        return diary

    def _migrate(self, version: int) -> None:
        with self._write():
            for step in range(version, SCHEMA_VERSION):
                for statement in MIGRATIONS[step].split(";"):
                    if statement.strip():
                        self.db.execute(statement)
            if version == 0:
                self.db.execute(
                    "INSERT INTO meta (key, value) VALUES ('application', ?), ('created_at', ?)",
                    [APPLICATION, utc_stamp(self.now())],
                )
            self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Diary:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[None]:
        """One immediate transaction: waits for another writer, then all or nothing."""
        conn = self.db.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise DiaryError(f"the diary is busy (another program is writing to it): {error}") from None
        try:
            yield
        except BaseException as error:
            if conn.in_transaction:  # some errors (disk full, I/O) already rolled it back
                conn.execute("ROLLBACK")
            if isinstance(error, sqlite3.Error):  # the screens catch DiaryError, not sqlite3's own errors
                raise DiaryError(f"could not save to {self.path}: {error}") from None
            raise
        try:
            conn.execute("COMMIT")
        except sqlite3.Error as error:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise DiaryError(f"could not save to {self.path}: {error}") from None

    def data_version(self) -> int:
        """Changes whenever another connection commits: cheap polling for live updates."""
        return self.db.conn.execute("PRAGMA data_version").fetchone()[0]

    # -- episodes -------------------------------------------------------------

    def _row(self, episode: Episode) -> dict[str, object]:
        started = episode.started_at
        return {
            "uuid": episode.uuid,
            "started_at": started.isoformat(timespec="seconds"),
            "started_utc": utc_stamp(started),
            "local_day": started.date().isoformat(),
            "muscle": episode.muscle,
            "muscle_other": episode.muscle_other,
            "side": episode.side,
            "duration_s": episode.duration,
            "severity": episode.severity,
            "context": episode.context,
            "note": episode.note,
            "status": episode.status,
            "created_at": utc_stamp(episode.created_at or self.now()),
            "updated_at": utc_stamp(episode.updated_at or self.now()),
        }

    def _write_labels(self, episode_id: int, episode: Episode) -> None:
        for table, column, attribute in LABEL_TABLES:
            self.db.execute(f"DELETE FROM {table} WHERE episode_id = ?", [episode_id])
            values = getattr(episode, attribute)
            if values:
                self.db.table(table).insert_all(
                    ({"episode_id": episode_id, column: value} for value in values)
                )

    def _insert(self, episode: Episode, keep_id: bool = False) -> int:
        row = self._row(episode)
        if keep_id and episode.id is not None:
            taken = self.db.execute("SELECT 1 FROM episodes WHERE id = ?", [episode.id]).fetchone()
            if not taken:
                row["id"] = episode.id
        episode_id = int(self.db.table("episodes").insert(row).last_pk)
        self._write_labels(episode_id, episode)
        return episode_id

    def add(self, episode: Episode) -> Episode:
        """Validate and save a new episode; it is on disk when this returns."""
        now = self.now()
        episode = validate(episode.with_changes(created_at=now, updated_at=now, id=None), now)
        with self._write():
            episode_id = self._insert(episode)
        return self.get(episode_id)  # type: ignore[return-value]

    def update(self, episode: Episode) -> Episode:
        """Save an edit; the edit time decides which copy wins when diaries merge."""
        if episode.id is None:
            raise InvalidField("id", "an episode must be saved before it can be edited")
        now = self.now()
        episode = validate(episode.with_changes(updated_at=now), now)
        with self._write():
            existing = self.db.execute("SELECT created_at FROM episodes WHERE id = ?", [episode.id]).fetchone()
            if existing is None:
                raise DiaryError(f"episode {episode.id} does not exist")
            row = self._row(episode)
            row["created_at"] = existing[0]
            self.db.table("episodes").update(episode.id, row)
            self._write_labels(episode.id, episode)
        return self.get(episode.id)  # type: ignore[return-value]

    def delete(self, episode_id: int) -> Episode:
        """Remove an episode and hand it back, so the caller can offer undo."""
        with self._write():
            episode = self.get(episode_id)
            if episode is None:
                raise DiaryError(f"episode {episode_id} does not exist")
            self.db.execute("DELETE FROM episodes WHERE id = ?", [episode_id])
        return episode

    def restore(self, episode: Episode) -> Episode:
        """Put back a deleted episode exactly as it was, same id and uuid where free."""
        episode = validate(episode, self.now())
        with self._write():
            if self.db.execute("SELECT 1 FROM episodes WHERE uuid = ?", [episode.uuid]).fetchone():
                raise DiaryError("that episode is already in the diary")
            episode_id = self._insert(episode, keep_id=True)
        return self.get(episode_id)  # type: ignore[return-value]

    _SELECT = """
        SELECT e.*,
            (SELECT json_group_array(trigger) FROM
                (SELECT trigger FROM episode_triggers WHERE episode_id = e.id ORDER BY rowid)) AS triggers,
            (SELECT json_group_array(relief) FROM
                (SELECT relief FROM episode_reliefs WHERE episode_id = e.id ORDER BY rowid)) AS reliefs,
            (SELECT json_group_array(sign) FROM
                (SELECT sign FROM episode_signs WHERE episode_id = e.id ORDER BY rowid)) AS signs
        FROM episodes e
    """

    @staticmethod
    def _episode(row: dict[str, object]) -> Episode:
        return Episode(
            id=int(row["id"]),  # type: ignore[arg-type]
            uuid=str(row["uuid"]),
            started_at=_parse_time(str(row["started_at"])),
            muscle=str(row["muscle"]),
            muscle_other=str(row["muscle_other"]),
            side=str(row["side"]),
            duration=row["duration_s"],  # type: ignore[arg-type]
            severity=row["severity"],  # type: ignore[arg-type]
            context=row["context"],  # type: ignore[arg-type]
            triggers=tuple(json.loads(str(row["triggers"]))),
            reliefs=tuple(json.loads(str(row["reliefs"]))),
            signs=tuple(json.loads(str(row["signs"]))),
            note=str(row["note"]),
            status=str(row["status"]),
            created_at=_parse_time(str(row["created_at"])),
            updated_at=_parse_time(str(row["updated_at"])),
        )

    def get(self, episode_id: int) -> Episode | None:
        rows = list(self.db.query(self._SELECT + " WHERE e.id = ?", [episode_id]))
        return self._episode(rows[0]) if rows else None

    def get_by_uuid(self, uuid: str) -> Episode | None:
        rows = list(self.db.query(self._SELECT + " WHERE e.uuid = ?", [uuid]))
        return self._episode(rows[0]) if rows else None

    @staticmethod
    def _where(query: Query) -> tuple[str, list[object]]:
        clauses: list[str] = []
        params: list[object] = []
        if not query.include_open:
            clauses.append("e.status = 'done'")
        if query.since is not None:
            clauses.append("e.started_utc >= ?")
            params.append(utc_stamp(query.since))
        for word in query.text.split():
            like = _like(word)
            clauses.append(
                "(e.muscle LIKE ? ESCAPE '\\' OR py_lower(e.muscle_other) LIKE ? ESCAPE '\\'"
                " OR e.side LIKE ? ESCAPE '\\' OR e.context LIKE ? ESCAPE '\\'"
                " OR py_lower(e.note) LIKE ? ESCAPE '\\'"
                " OR EXISTS (SELECT 1 FROM episode_triggers t WHERE t.episode_id = e.id"
                " AND t.trigger LIKE ? ESCAPE '\\')"
                " OR EXISTS (SELECT 1 FROM episode_reliefs r WHERE r.episode_id = e.id"
                " AND r.relief LIKE ? ESCAPE '\\'))"
            )
            params.extend([like] * 7)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def episodes(
        self, query: Query = Query(), *, limit: int | None = None, offset: int = 0, older_than: Episode | None = None
    ) -> list[Episode]:
        """A page of episodes, newest first: the UI never loads more than it shows.

        ``older_than`` (the last episode shown) pages by position in time, not by
        count, so episodes another program saves meanwhile cannot shift the next page.
        """
        where, params = self._where(query)
        if older_than is not None:
            where += (" AND " if where else " WHERE ") + "(e.started_utc, e.id) < (?, ?)"
            params += [utc_stamp(older_than.started_at), older_than.id]
        sql = self._SELECT + where + " ORDER BY e.started_utc DESC, e.id DESC"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        return [self._episode(row) for row in self.db.query(sql, params)]

    def count(self, query: Query = Query()) -> int:
        where, params = self._where(query)
        return int(self.db.execute("SELECT count(*) FROM episodes e" + where, params).fetchone()[0])

    def iter_all(self, batch: int = 1000) -> Iterator[Episode]:
        """Every finished episode, oldest first, a batch at a time (for export)."""
        last = ("", 0)
        while True:
            rows = list(
                self.db.query(
                    self._SELECT
                    + " WHERE e.status = 'done' AND (e.started_utc, e.id) > (?, ?)"
                    " ORDER BY e.started_utc, e.id LIMIT ?",
                    [last[0], last[1], batch],
                )
            )
            if not rows:
                return
            for row in rows:
                yield self._episode(row)
            last = (str(rows[-1]["started_utc"]), int(rows[-1]["id"]))  # type: ignore[arg-type]

    def open_episodes(self) -> list[Episode]:
        """Episodes a cramp timer started but never finished (the app was closed or killed)."""
        return [self._episode(r) for r in self.db.query(self._SELECT + " WHERE e.status = 'open' ORDER BY e.id")]

    def last_episode(self) -> Episode | None:
        found = self.episodes(limit=1)
        return found[0] if found else None

    def own_triggers(self) -> list[str]:
        """Triggers the person made up, most used first, to offer them again."""
        placeholders = ", ".join("?" for _ in TRIGGERS)
        return [
            row["trigger"]
            for row in self.db.query(
                f"SELECT trigger, count(*) AS n FROM episode_triggers WHERE trigger NOT IN ({placeholders})"
                " GROUP BY trigger ORDER BY n DESC, trigger",
                list(TRIGGERS),
            )
        ]

    def days_with_episodes(self, first: date, last: date) -> int:
        row = self.db.execute(
            "SELECT count(DISTINCT local_day) FROM episodes WHERE status = 'done' AND local_day BETWEEN ? AND ?",
            [first.isoformat(), last.isoformat()],
        ).fetchone()
        return int(row[0])

    def count_between(self, first: date, last: date) -> int:
        row = self.db.execute(
            "SELECT count(*) FROM episodes WHERE status = 'done' AND local_day BETWEEN ? AND ?",
            [first.isoformat(), last.isoformat()],
        ).fetchone()
        return int(row[0])

    # -- merging --------------------------------------------------------------

    def merge(self, episodes: Iterable[Episode], checkins: Iterable[date] = ()) -> MergeResult:
        """Import episodes and check-in days all or nothing; the same episode twice is one, the newest edit wins.

        A check-in says a day had no cramp, so one for a day that has a cramp (after the
        episodes are merged) is left out and counted as skipped.
        """
        now = self.now()
        added = updated = unchanged = 0
        with self._write():
            for episode in episodes:
                episode = validate(episode, now)
                row = self.db.execute(
                    "SELECT id, updated_at FROM episodes WHERE uuid = ?", [episode.uuid]
                ).fetchone()
                if row is None:
                    self._insert(episode)
                    added += 1
                elif episode.updated_at and episode.updated_at > _parse_time(row[1]):
                    fields = self._row(episode)
                    self.db.table("episodes").update(row[0], fields)
                    self._write_labels(row[0], episode)
                    updated += 1
                else:
                    unchanged += 1
            checkins_added, checkins_present, checkins_skipped = self._merge_checkins(checkins, now)
        return MergeResult(added, updated, unchanged, checkins_added, checkins_present, checkins_skipped)

    # -- check-ins and routines -----------------------------------------------

    def checkin(self, day: date) -> bool:
        """Record that ``day`` had no cramp; False when it was already recorded."""
        with self._write():
            cursor = self.db.execute(
                "INSERT OR IGNORE INTO checkins (day, created_at) VALUES (?, ?)",
                [day.isoformat(), utc_stamp(self.now())],
            )
        return cursor.rowcount > 0

    def remove_checkin(self, day: date) -> bool:
        with self._write():
            cursor = self.db.execute("DELETE FROM checkins WHERE day = ?", [day.isoformat()])
        return cursor.rowcount > 0

    def checkin_days(self, first: date, last: date) -> list[date]:
        return [
            date.fromisoformat(row[0])
            for row in self.db.execute(
                "SELECT day FROM checkins WHERE day BETWEEN ? AND ? ORDER BY day",
                [first.isoformat(), last.isoformat()],
            )
        ]

    def record_routine(self, routine: str, started_at: datetime, completed: bool = True) -> int:
        """Remember that a routine (e.g. the bedtime stretches) was done."""
        with self._write():
            return int(
                self.db.table("routine_sessions")
                .insert(
                    {
                        "routine": routine,
                        "started_at": started_at.isoformat(timespec="seconds"),
                        "local_day": started_at.date().isoformat(),
                        "completed": int(completed),
                    }
                )
                .last_pk
            )

    def routine_days(self, routine: str, first: date, last: date) -> list[date]:
        return [
            date.fromisoformat(row[0])
            for row in self.db.execute(
                "SELECT DISTINCT local_day FROM routine_sessions WHERE routine = ? AND completed"
                " AND local_day BETWEEN ? AND ? ORDER BY local_day",
                [routine, first.isoformat(), last.isoformat()],
            )
        ]

    def all_checkins(self) -> list[date]:
        """Every day checked in as cramp-free, oldest first (for export)."""
        return [date.fromisoformat(row[0]) for row in self.db.execute("SELECT day FROM checkins ORDER BY day")]

    def _merge_checkins(self, days: Iterable[date], now: datetime) -> tuple[int, int, int]:
        """Add imported check-in days inside merge's transaction: (added, already here, skipped for a cramp)."""
        added = present = skipped = 0
        for day in sorted(set(days)):
            if day > now.date():
                raise InvalidField("checkin", f"must not be in the future (got {day.isoformat()})")
            has_cramp = self.db.execute(
                "SELECT 1 FROM episodes WHERE status = 'done' AND local_day = ? LIMIT 1", [day.isoformat()]
            ).fetchone()
            if has_cramp:
                skipped += 1
                continue
            cursor = self.db.execute(
                "INSERT OR IGNORE INTO checkins (day, created_at) VALUES (?, ?)", [day.isoformat(), utc_stamp(now)]
            )
            if cursor.rowcount > 0:
                added += 1
            else:
                present += 1
        return added, present, skipped
