"""Where ``cramp-diary backup`` puts its copies, what they are called and how many it keeps.

A backup is named after its diary and the UTC time it was made
(``diary-20261122T203000Z.db`` for ``diary.db``), so several diaries can share one
``backups/`` folder: rotation deletes only the exact names of this diary's
backups, oldest by the time in the name (a file's own time moves when it is
copied or opened; its name does not).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from cramp_diary.paths import make_private_dir
from cramp_diary.safe_write import TargetExists, UnsafeTarget

KEEP = 10
SUFFIX = ".db"
STAMP = "%Y%m%dT%H%M%SZ"


def backup_folder(diary: Path) -> Path:
    """``backups/`` beside the diary."""
    return diary.parent / "backups"


def _pattern(diary: Path) -> re.Pattern[str]:
    """This diary's backup names: its stem, the UTC time, a number for a second one in the same second."""
    return re.compile(rf"{re.escape(diary.stem)}-(?P<stamp>\d{{8}}T\d{{6}}Z)(?:-(?P<number>\d+))?{re.escape(SUFFIX)}")


def next_backup(diary: Path, now: datetime, folder: Path | None = None) -> Path:
    """A new file named after the diary and the UTC time, in ``folder`` (default: ``backups/``, created 0700)."""
    folder = backup_folder(diary) if folder is None else folder
    make_private_dir(folder)
    stamp = now.astimezone(timezone.utc).strftime(STAMP)
    # numbered after every backup of this second: the newest must sort last, or --keep would remove it
    pattern = _pattern(diary)
    taken = (pattern.fullmatch(path.name) for path in folder.iterdir())
    number = max((int(m["number"] or 1) for m in taken if m and m["stamp"] == stamp), default=0) + 1
    target = folder / (f"{diary.stem}-{stamp}{SUFFIX}" if number == 1 else f"{diary.stem}-{stamp}-{number}{SUFFIX}")
    while target.exists() or target.is_symlink():  # two backups in one second
        number += 1
        target = folder / f"{diary.stem}-{stamp}-{number}{SUFFIX}"
    return target


def write_new_backup(diary: Path, now: datetime, write: Callable[[Path], None], folder: Path | None = None) -> Path:
    """Write a backup under a name no backup has yet, and return it.

    Two runs in the same second may choose the same name; ``write`` must place the
    file without replacing one (``overwrite=False``: a hard link, which fails if the
    name is taken), and then the next number is tried, so neither copy is lost.
    """
    for _ in range(100):
        target = next_backup(diary, now, folder)
        try:
            write(target)
        except TargetExists:
            continue  # another backup took this name meanwhile
        return target
    raise UnsafeTarget(f"cannot back up to {target.parent}: every name for this second is taken")


def backups_of(diary: Path, folder: Path) -> list[Path]:
    """This diary's backups in ``folder``, oldest first by the time in their names."""
    pattern = _pattern(diary)
    found = []
    for path in folder.iterdir() if folder.is_dir() else ():
        match = pattern.fullmatch(path.name)
        if match and path.is_file() and not path.is_symlink():
            found.append(((match["stamp"], int(match["number"] or 1)), path))
    return [path for _, path in sorted(found)]


def prune(diary: Path, folder: Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` backups of this diary (any other file is left alone)."""
    ours = backups_of(diary, folder)
    old = ours[:-keep] if keep else ours
    for path in old:
        path.unlink(missing_ok=True)
    return old
