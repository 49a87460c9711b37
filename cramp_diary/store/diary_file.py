"""The diary file on disk: checked before anything opens it, probed before anything writes, backed up before an upgrade.

Every SQLite error met while opening becomes one line a person can act on (:func:`explain`).
"""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import datetime, timezone
from pathlib import Path

from cramp_diary.safe_write import DISK_FULL, UnsafeTarget, atomic_path, describe_os_error
from cramp_diary.store.schema import APPLICATION, SCHEMA_VERSION, DiaryError

SQLITE_HEADER = b"SQLite format 3\x00"


class DiskFull(DiaryError):
    """The disk holding the diary has no space left: it can be read (perhaps) but nothing can be saved."""


def check_diary_file(path: Path, *, writing: bool = True) -> bool:
    """Refuse anything that is not a diary; True when the file does not exist yet.

    ``writing=False`` (opening for reading only) accepts a file or folder that cannot be written.

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
    if not writing:
        return False
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


def probe(conn: sqlite3.Connection, path: Path) -> int:
    """Read the schema before writing anything; return the diary's schema version."""
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "meta" not in tables:
            raise DiaryError(f"{path} is another program's SQLite database, not a cramp-diary one")
        row = conn.execute("SELECT value FROM meta WHERE key = 'application'").fetchone()
        if row is None or row[0] != APPLICATION:
            raise DiaryError(f"{path} is another program's SQLite database, not a cramp-diary one")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        # the episodes table is there and readable; one page, not count(*)'s walk of an index
        # at every start (2.8 ms a log at 100k episodes). A file shorter than its header says is
        # refused by SQLite at the first read above, whatever is lost.
        conn.execute("SELECT 1 FROM episodes LIMIT 1").fetchone()
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


def _between_steps(_status: int, _remaining: int, _total: int) -> None:
    """Python code between copy steps, so a SIGTERM handler can end a long backup (and remove its temporary file)."""


def write_backup(conn: sqlite3.Connection, target: Path, diary: Path | None = None, *, overwrite: bool = True) -> None:
    """The one backup writer: a consistent copy of the diary at ``target`` (0600 when new), placed in one step.

    SQLite's backup API copies pages under its own locking, so the copy is consistent
    even while another program writes; it fills a temporary file beside ``target``
    (:func:`~cramp_diary.safe_write.atomic_path`), which then takes the name: a half-made
    copy never looks like a backup, and a link there is never written through.
    ``overwrite=False`` (before an upgrade) never replaces a file already there.
    Raises :class:`~cramp_diary.safe_write.UnsafeTarget` with one line saying why.
    """
    try:
        with atomic_path(target, protect=[diary] if diary else [], overwrite=overwrite) as temp:
            copy = sqlite3.connect(str(temp))
            try:
                conn.backup(copy, pages=4096, progress=_between_steps)
                copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal beside it
            finally:
                copy.close()
    except sqlite3.Error as error:  # SQLite's own "database or disk is full" reads as every other full disk
        reason = DISK_FULL if "disk is full" in str(error) else str(error)
        raise UnsafeTarget(f"cannot back up to {target}: {reason}") from None
    except UnsafeTarget:
        raise
    except OSError as error:
        raise UnsafeTarget(f"cannot back up to {target}: {describe_os_error(error)}") from None
