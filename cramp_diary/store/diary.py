"""The Diary: one open diary file, composed of one connection, one stamps service and a repository per kind.

``diary.episodes``, ``diary.checkins``, ``diary.routines``, ``diary.changes``,
``diary.discussed``, ``diary.trials`` and ``diary.medicines`` each hold one kind of record; every write is one immediate
transaction (``diary.db.write()``). Read-only figures over a period live in
:mod:`cramp_diary.store.queries`; the schema and its upgrades in :mod:`cramp_diary.store.schema`,
the checks and backups of the file in :mod:`cramp_diary.store.diary_file`.
"""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cramp_diary.clock import Now
from cramp_diary.paths import create_private_file, make_private_dir
from cramp_diary.records import TOMBSTONE_KINDS
from cramp_diary.safe_write import UnsafeTarget, describe_os_error
from cramp_diary.store.checkins import Checkins
from cramp_diary.store.db import Db
from cramp_diary.store.diary_file import backup_path, check_diary_file, explain, privacy_warnings, probe, write_backup
from cramp_diary.store.episodes import Episodes
from cramp_diary.store.schema import (
    BUSY_TIMEOUT_MS,
    SCHEMA_VERSION,
    DiaryError,
    configure,
    connect,
    migrate,
    utc_stamp,
)
from cramp_diary.store.stamps import Stamps
from cramp_diary.store.synced import SyncedKind, SyncedRecords

if TYPE_CHECKING:
    from cramp_diary.store.dated_changes import DatedChanges
    from cramp_diary.store.discussed import DiscussedWarnings
    from cramp_diary.store.medicine_list import Medicines
    from cramp_diary.store.merging import MergeResult
    from cramp_diary.store.routine_sessions import RoutineSessions
    from cramp_diary.store.trials import Trials

    #: Every kind of record that syncs, described once each (see :class:`~cramp_diary.store.synced.SyncedKind`).
    SYNCED_KINDS: tuple[SyncedKind[Any], ...]


@cache
def synced_kinds() -> tuple[SyncedKind[Any], ...]:
    """Every kind of record that syncs, described once each (see :class:`~cramp_diary.store.synced.SyncedKind`).

    Their modules load here, on first use (delete, merge, export, repair): ``log`` needs none of
    them, and the trials' and medicines' modules cost more to import than saving an episode.
    """
    from cramp_diary.store.checkins import CHECKINS
    from cramp_diary.store.dated_changes import DATED_CHANGES
    from cramp_diary.store.episodes import EPISODES
    from cramp_diary.store.medicine_list import MEDICINES
    from cramp_diary.store.routine_sessions import ROUTINE_SESSIONS
    from cramp_diary.store.trials import TRIAL_DAYS, TRIALS

    kinds = (EPISODES, CHECKINS, ROUTINE_SESSIONS, DATED_CHANGES, TRIALS, TRIAL_DAYS, MEDICINES)
    assert tuple(kind.name for kind in kinds) == TOMBSTONE_KINDS
    return kinds


def __getattr__(name: str) -> Any:
    """``SYNCED_KINDS`` is :func:`synced_kinds`, resolved on first use."""
    if name == "SYNCED_KINDS":
        return synced_kinds()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """``mode=ro``, or ``immutable`` when that cannot open (no -shm can be made); explained DiaryError if neither."""
    for flags in ("mode=ro", "mode=ro&immutable=1"):
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?{flags}", uri=True, check_same_thread=False)
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.Error as error:
            conn.close()
            if "immutable" in flags:
                raise explain(path, error, "read") from None
    raise AssertionError("unreachable")


def _remove_empty_wal(path: Path) -> None:
    """Remove the empty -wal and -shm a read-only connection leaves beside a WAL diary.

    A read-only connection cannot delete them; a plain one that reads nothing and
    closes does, as the last connection, without writing to the diary (its WAL is empty).
    """
    try:
        if Path(f"{path}-wal").stat().st_size:
            return
        conn = sqlite3.connect(str(path))
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # opens the file and its WAL
        finally:
            conn.close()
    except (OSError, sqlite3.Error):
        pass


class Diary:
    """An open diary file: a repository per kind of record, one connection shared by all.

    Each repository is made (and its module loaded) on first use, so ``log`` builds only
    the episodes and check-ins it saves through.
    """

    def __init__(self, db: Db, now: Now) -> None:
        self.db = db
        self.path = db.path
        self.now = now
        #: The copy made before an upgrade of the schema, when one was made.
        self.backup: Path | None = None
        #: Opened read-only with no other connection: remove the empty -wal/-shm it leaves (see open_read_only).
        self._tidy_wal = False
        #: One line each for the person to hear once: others can read the diary, the disk is full, ...
        self.warnings: list[str] = []
        self.stamps = Stamps(db, now)
        self.synced = SyncedRecords(db, self.stamps, synced_kinds)

    # -- the repositories, each made on first use -------------------------------

    @cached_property
    def episodes(self) -> Episodes:
        episodes = Episodes(self.db, self.now, self.stamps, self.synced)
        episodes.cramp_saved = lambda day: self.checkins.set_aside_on_cramp_day(day)  # no "no cramps" that day
        return episodes

    @cached_property
    def checkins(self) -> Checkins:
        return Checkins(self.db, self.now, self.stamps, self.synced, self.episodes)

    @cached_property
    def routines(self) -> RoutineSessions:
        from cramp_diary.store.routine_sessions import RoutineSessions

        return RoutineSessions(self.db, self.stamps, self.synced)

    @cached_property
    def changes(self) -> DatedChanges:
        from cramp_diary.store.dated_changes import DatedChanges

        return DatedChanges(self.db, self.now, self.stamps, self.synced)

    @cached_property
    def discussed(self) -> DiscussedWarnings:
        from cramp_diary.store.discussed import DiscussedWarnings

        return DiscussedWarnings(self.db, self.now)

    @cached_property
    def trials(self) -> Trials:
        from cramp_diary.store.trials import Trials

        return Trials(self.db, self.now, self.stamps, self.synced)

    @cached_property
    def medicines(self) -> Medicines:
        from cramp_diary.store.medicine_list import Medicines

        return Medicines(self.db, self.now, self.stamps, self.synced)

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
            diary = cls(Db(conn, path), now)
            if version < SCHEMA_VERSION:
                if version:
                    diary.backup = backup_path(path, version, now())
                    try:
                        write_backup(conn, diary.backup, path, overwrite=False)
                    except UnsafeTarget as error:
                        raise DiaryError(f"cannot make a backup before upgrading: {error}") from None
                with diary.db.write():
                    migrate(conn, version, utc_stamp(now()))
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
    def open_read_only(cls, path: Path, now: Now, *, reason: str | None = None) -> Diary:
        """The diary for reading only: the file is never changed, not even its time.

        For the commands that only read (``list``, ``export``, ``stats``, ...), which may
        be pointed at a backup, and for the timer on a full disk; a ``reason`` (the full
        disk) is said once as a warning and by every save. ``mode=ro`` still sees what
        another program is writing (through the WAL); ``immutable``, which needs no -shm
        file, only when that cannot be opened (a full disk, a read-only folder). A diary
        of an older schema is upgraded in a copy in memory only.
        """
        path = Path(path)
        check_diary_file(path, writing=False)
        tidy = not Path(f"{path}-wal").exists()  # no other connection now: the -wal/-shm reading makes are ours
        try:
            conn = _connect_read_only(path)
            try:
                version = probe(conn, path)
                if version < SCHEMA_VERSION:  # upgrade a copy in memory: the file stays as it is
                    memory = connect(Path(":memory:"))
                    conn.backup(memory)
                    conn.close()
                    conn = memory
                    migrate(conn, version, utc_stamp(now()))
                    conn.commit()
            except BaseException:
                conn.close()
                raise
        except BaseException:
            if tidy:
                _remove_empty_wal(path)
            raise
        diary = cls(Db(conn, path, read_only_reason=reason or "the diary was opened for reading only"), now)
        diary.warnings = [reason] if reason else privacy_warnings(path)
        diary._tidy_wal = tidy
        return diary

    @property
    def unsaved_reason(self) -> str | None:
        """Set when the diary was opened for reading only (a full disk): why nothing can be saved."""
        return self.db.read_only_reason

    def close(self) -> None:
        self.db.close()
        if self._tidy_wal:
            _remove_empty_wal(self.path)

    def __enter__(self) -> Diary:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the whole diary ---------------------------------------------------------

    def data_version(self) -> int:
        """Changes whenever another connection commits: cheap polling for live updates."""
        return self.db.data_version()

    def snapshot(self) -> AbstractContextManager[None]:
        """One read transaction, so an export sees the diary as of one moment while others write."""
        return self.db.snapshot()

    def repair_clock(self) -> int:
        """Stamp again what this device stamped while its clock ran far ahead (see ``SyncedRecords.restamp_ahead``)."""
        with self.db.write():
            return self.synced.restamp_ahead()

    @property
    def saves(self) -> int:
        """Write transactions committed since the diary was opened (a command that saved must say so on any error)."""
        return self.db.commits

    def backup_to(self, target: Path, *, overwrite: bool = True) -> None:
        """A consistent copy of the diary at ``target``, even while another program writes (UnsafeTarget if not).

        ``overwrite=False``: never replace a file there (TargetExists), for a new backup's generated name.
        """
        write_backup(self.db.conn, target, self.path, overwrite=overwrite)

    def merge(self, *records: Any, **options: Any) -> MergeResult:
        """Import another diary's records, every kind in ONE transaction (see :func:`cramp_diary.store.merging.merge`).

        Loaded on first use: ``log`` and the first frame never merge.
        """
        from cramp_diary.store import merging

        return merging.merge(self, *records, **options)
