"""Where ``cramp-diary backup`` puts its copies and how many it keeps."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from cramp_diary.paths import make_private_dir

KEEP = 10
PREFIX = "diary-"
SUFFIX = ".db"


def backup_folder(diary: Path) -> Path:
    """``backups/`` beside the diary."""
    return diary.parent / "backups"


def next_backup(diary: Path, now: datetime) -> Path:
    """A new file in the backups folder (created 0700), named by the UTC time so names sort by age."""
    folder = backup_folder(diary)
    make_private_dir(folder)
    stamp = now.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    target = folder / f"{PREFIX}{stamp}{SUFFIX}"
    number = 1
    while target.exists():  # two backups in one second
        number += 1
        target = folder / f"{PREFIX}{stamp}-{number}{SUFFIX}"
    return target


def prune(folder: Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` backups this command made (other files are left alone)."""
    ours = sorted(
        (p for p in folder.glob(f"{PREFIX}*{SUFFIX}") if p.is_file() and not p.is_symlink()),
        key=lambda p: (p.stat().st_mtime, p.name),
    )
    old = ours[:-keep] if keep else ours
    for path in old:
        path.unlink(missing_ok=True)
    return old
