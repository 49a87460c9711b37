"""Which sync folders and which files in them cramp-diary trusts.

A sync folder carries health data between a person's own machines. Anyone who
can write into it can add episodes with warning signs, or plant a file under
this device's name for us to write the whole diary through. So the folder must
be changeable by its owner alone (or protected by the sticky bit, as /tmp is),
must not hold the diary or its backups (nor be a folder above them), and a file
in it is read only when it belongs to the person running cramp-diary.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from cramp_diary.safe_text import printable
from cramp_diary.safe_write import diary_companions

#: Folders of the system itself: never a sync folder.
SYSTEM = (Path("/dev"), Path("/proc"), Path("/sys"))


class SyncRefused(Exception):
    """The folder cannot be used for syncing; the message says why in one line."""


def _ours(owner: int) -> bool:
    """Owned by the person running cramp-diary (root's own files are trusted too: root can change anything)."""
    return owner in (os.geteuid(), 0)


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def trusted_folder(folder: Path | str, diary: Path, backups: Path) -> Path:
    """The sync folder, resolved; :class:`SyncRefused` with the reason when it cannot be trusted."""
    if not str(folder).strip():
        raise SyncRefused("no sync folder given (empty text); give the folder your sync tool carries")
    shown = printable(str(folder))
    folder = Path(folder).expanduser()
    if not folder.is_dir():
        raise SyncRefused(f"{shown} is not a folder; create it first (or let Syncthing/Dropbox make it)")
    resolved = folder.resolve()
    if resolved == Path("/") or any(_within(resolved, system) for system in SYSTEM):
        raise SyncRefused(f"{shown} is a folder of the system; choose an empty folder that your sync tool carries")
    for companion in diary_companions(diary):
        place = companion.resolve()
        if place.parent == resolved:
            raise SyncRefused(
                f"{shown} holds the diary itself; the live diary must never be in a synced folder"
                " (choose an empty folder that your sync tool carries)"
            )
        if resolved in place.parents:
            raise SyncRefused(
                f"{shown} holds the diary further down ({printable(str(place))}); the live diary must never be"
                " in a synced folder: choose an empty folder of its own for syncing"
            )
    if _within(resolved, backups.resolve()):
        raise SyncRefused(f"{shown} is the diary's backups folder; choose an empty folder of its own for syncing")
    found = resolved.stat()
    if not _ours(found.st_uid):
        raise SyncRefused(
            f"{shown} belongs to another user (uid {found.st_uid}); use a folder of your own for syncing"
        )
    if found.st_mode & 0o022 and not found.st_mode & stat.S_ISVTX:
        raise SyncRefused(
            f"other users can change {shown} (mode {stat.S_IMODE(found.st_mode):o}), so anyone could add"
            f" records to your diary; make it yours alone: chmod 700 {shown}"
        )
    return resolved


class UntrustedFile(Exception):
    """A file in the sync folder that is not read; the message says why."""


def read_trusted(path: Path, limit: int) -> bytes:
    """The bytes of a device file that is a regular file of ours, at most ``limit`` of them.

    Opened without following a link and checked on the open handle, so a file
    swapped for a link or for another user's file between a look and the read is
    never read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as error:
        if os.path.islink(path):
            raise UntrustedFile("it is a symbolic link") from None
        raise UntrustedFile((error.strerror or str(error)).lower()) from None
    with os.fdopen(fd, "rb") as handle:
        found = os.fstat(fd)
        if not stat.S_ISREG(found.st_mode):
            raise UntrustedFile("it is not a regular file")
        if not _ours(found.st_uid):
            raise UntrustedFile(f"it belongs to another user (uid {found.st_uid}), who could have put anything in it")
        if found.st_size > limit:
            raise UntrustedFile(f"it is larger than {limit // (1024 * 1024)} MB, more than a diary could hold")
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise UntrustedFile(f"it is larger than {limit // (1024 * 1024)} MB, more than a diary could hold")
    return data
