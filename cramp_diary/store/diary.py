"""The Diary: episodes, check-ins and routines saved and read, each write one transaction.

Read-only figures over a period (counts, weeks, warning-sign searches) live in
:mod:`cramp_diary.store.queries`; the schema and its upgrades in
:mod:`cramp_diary.store.schema`, the checks and backups of the file in :mod:`cramp_diary.store.diary_file`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from cramp_diary.store.db import Db

from cramp_diary.clock import Now
from cramp_diary.edits import apply_edit, conflict_words
from cramp_diary.model import Episode, InvalidField, validate
from cramp_diary.paths import create_private_file, make_private_dir
from cramp_diary.records import episode_to_record
from cramp_diary.store.changes import ChangeStore
from cramp_diary.store.checkins import CheckinStore
from cramp_diary.store.merging import MergeStore
from cramp_diary.store.reading import EpisodeReader
from cramp_diary.store.reviews import ReviewStore
from cramp_diary.store.diary_file import backup, backup_path, check_diary_file, explain, privacy_warnings, probe
from cramp_diary.store.schema import (
    LABEL_TABLES,
    SCHEMA_VERSION,
    DiaryError,
    _lower,
    configure,
    connect,
    migrate,
    utc_stamp,
)



class EpisodeGone(DiaryError):
    """The episode being edited was deleted meanwhile (by another program)."""


class EditConflict(DiaryError):
    """Another program changed the same fields of the episode since this editor opened it."""

    def __init__(self, current: Episode, conflicts: tuple[str, ...]) -> None:
        super().__init__(f"episode {current.id} was changed elsewhere meanwhile: {conflict_words(conflicts)}")
        self.current = current
        self.conflicts = conflicts


def _parse_time(text: str) -> datetime:
    return datetime.fromisoformat(text)


class Diary(EpisodeReader, CheckinStore, ChangeStore, ReviewStore, MergeStore):
    """An open diary file. Every write is one immediate transaction, committed at once."""

    def __init__(self, db: Db, path: Path, now: Now) -> None:
        self.db = db
        self.path = path
        self.now = now
        self.backup: Path | None = None
        #: One line each for the person to hear once: others can read the diary, the disk is full, ...
        self.warnings: list[str] = []
        #: Set when the diary was opened for reading only (a full disk): why nothing can be saved.
        self.unsaved_reason: str | None = None

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
            conn = connect(path)
        except sqlite3.Error as error:
            if is_new:  # an empty file left behind would be refused as "not a diary" next time
                path.unlink(missing_ok=True)
            raise explain(path, error, "open") from None
        try:
            version = 0 if is_new else probe(conn, path)
            configure(conn)
            diary = cls(Db(conn), path, now)
            if version < SCHEMA_VERSION:
                if version:
                    diary.backup = backup_path(path, version, now())
                    backup(conn, diary.backup, path)
                diary._migrate(version)
        except BaseException as error:
            conn.close()
            if is_new:
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{path}{suffix}").unlink(missing_ok=True)
            if isinstance(error, sqlite3.Error):
                raise explain(path, error, "use") from None
            raise
        diary.warnings = privacy_warnings(path)
        return diary

    @classmethod
    def open_read_only(cls, path: Path, now: Now, *, reason: str) -> Diary:
        """The diary for reading only, when nothing can be written (a full disk); every save says ``reason``.

        ``immutable`` asks SQLite for no -shm or lock files, which a full disk could not hold.
        """
        path = Path(path)
        check_diary_file(path)
        uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
        try:
            conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        except sqlite3.Error as error:
            raise explain(path, error, "read") from None
        try:
            conn.create_function("py_lower", 1, _lower, deterministic=True)
            probe(conn, path)
        except BaseException:
            conn.close()
            raise
        diary = cls(Db(conn), path, now)
        diary.unsaved_reason = reason
        diary.warnings = [reason]
        return diary

    def _migrate(self, version: int) -> None:
        with self._write():
            migrate(self.db.conn, version, utc_stamp(self.now()))

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
        if self.unsaved_reason is not None:
            raise DiaryError(self.unsaved_reason)
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
        """The episodes row: the export record's fields (labels go to side tables), plus what the diary derives."""
        row = episode_to_record(episode)
        for name in ("id", *(attribute for _, _, attribute in LABEL_TABLES)):
            del row[name]
        started = episode.started_at
        row.update(
            started_utc=utc_stamp(started),
            local_day=started.date().isoformat(),
            status=episode.status,
            created_at=utc_stamp(episode.created_at or self.now()),
            updated_at=utc_stamp(episode.updated_at or self.now()),
            hlc=episode.hlc,
            # the search index's words of the labels, so writing the labels next re-indexes nothing (schema.SEARCH_COLUMNS)
            label_words=" ".join((*episode.triggers, *episode.reliefs, *episode.signs)),
        )
        return row

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
            episode_id = self._insert(episode.with_changes(hlc=self._stamp()))
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
                raise EpisodeGone(f"episode {episode.id} does not exist")
            row = self._row(episode.with_changes(hlc=self._stamp()))
            row["created_at"] = existing[0]
            self.db.table("episodes").update(episode.id, row)
            self._write_labels(episode.id, episode)
        return self.get(episode.id)  # type: ignore[return-value]

    def update_fields(self, original: Episode, edited: Episode, *, keep_mine: bool = False) -> Episode:
        """Save only what changed between ``original`` and ``edited``, onto the episode as it is now.

        Another program's edit of other fields survives, and list fields merge (see
        :mod:`cramp_diary.edits`). Raises :class:`EditConflict` when both changed
        the same field differently (unless ``keep_mine``), :class:`EpisodeGone`
        when it was deleted meanwhile.
        """
        if original.id is None:
            raise InvalidField("id", "an episode must be saved before it can be edited")
        now = self.now()
        with self._write():
            current = self.get(original.id)
            if current is None:
                raise EpisodeGone(f"episode {original.id} was deleted meanwhile")
            outcome = apply_edit(original, edited, current)
            if outcome.conflicts and not keep_mine:
                raise EditConflict(current, outcome.conflicts)
            if not outcome.changed:
                return current
            episode = validate(outcome.episode.with_changes(updated_at=now), now)
            row = self._row(episode.with_changes(hlc=self._stamp()))
            row["created_at"] = utc_stamp(current.created_at or now)
            self.db.table("episodes").update(episode.id, row)
            self._write_labels(episode.id, episode)  # type: ignore[arg-type]
        return self.get(original.id)  # type: ignore[return-value]

    def beat(self, episode_id: int) -> None:
        """The cramp timer is still running on this unfinished episode: note the time."""
        with self._write():
            self.db.execute(
                "UPDATE episodes SET heartbeat_utc = ? WHERE id = ? AND status = 'open'",
                [utc_stamp(self.now()), episode_id],
            )

    def delete(self, episode_id: int) -> Episode:
        """Remove an episode and hand it back, so the caller can offer undo."""
        with self._write():
            episode = self.get(episode_id)
            if episode is None:
                raise DiaryError(f"episode {episode_id} does not exist")
            self.db.execute("DELETE FROM episodes WHERE id = ?", [episode_id])
            self._tombstone("episode", episode.uuid)  # so a sync does not bring it back
        return episode

    def restore(self, episode: Episode) -> Episode:
        """Put back a deleted episode exactly as it was, same id and uuid where free.

        Undo removes the deletion record, and the episode gets a fresh stamp, so
        diaries that already merged the deletion take it back at the next sync.
        """
        episode = validate(episode, self.now())
        with self._write():
            if self.db.execute("SELECT 1 FROM episodes WHERE uuid = ?", [episode.uuid]).fetchone():
                raise DiaryError("that episode is already in the diary")
            episode_id = self._insert(episode.with_changes(hlc=self._stamp()), keep_id=True)
            self._untombstone("episode", episode.uuid)
        return self.get(episode_id)  # type: ignore[return-value]
