"""A consistent copy of the live diary with SQLite's online backup API, placed atomically."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

from cramp_diary.safe_write import UnsafeTarget, check_target, describe_os_error


def _between_steps(_status: int, _remaining: int, _total: int) -> None:
    """Python code between copy steps, so a SIGTERM handler can end a long backup (and remove its temporary file)."""


def write_backup(conn: sqlite3.Connection, target: Path, diary: Path) -> None:
    """Copy the diary into ``target`` (0600 unless it exists): a temporary file in its folder, then a rename.

    The backup API copies pages under SQLite's own locking, so the copy is
    consistent even while the app is open and writing.
    """
    check_target(target, protect=[diary])
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as error:
        raise UnsafeTarget(f"cannot write in {target.parent}: {describe_os_error(error)}") from None
    os.close(fd)
    temp = Path(temp_name)
    try:
        copy = sqlite3.connect(temp)
        try:
            conn.backup(copy, pages=4096, progress=_between_steps)
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal beside it
        finally:
            copy.close()
        with open(temp, "rb") as handle:
            os.fsync(handle.fileno())
        check_target(target, protect=[diary])
        os.replace(temp, target)
    except sqlite3.Error as error:
        raise UnsafeTarget(f"cannot back up to {target}: {error}") from None
    except OSError as error:
        raise UnsafeTarget(f"cannot back up to {target}: {describe_os_error(error)}") from None
    finally:
        temp.unlink(missing_ok=True)
