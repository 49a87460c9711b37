"""Every file cramp-diary writes goes through here: a private temporary file, then a rename.

A half-written export, report or backup must never replace a good one, and an
output path must never lead the program into writing through a link, a device
or a second name of the diary itself. So a target is refused when it is a
symlink, a folder, a device or fifo (other than the process's own standard
output, which is written directly), or the same file as one of the protected
paths (the diary and its ``-wal``/``-shm``). The data is written to a new
0600 file in the target's folder, flushed to disk, and renamed over the target
in one step; on any error, or if the process is killed, the old file stays
byte for byte as it was. An existing regular file keeps its own mode: we only
decide the mode of files we create.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

#: The name that means "standard output" for ``-o``.
STDOUT = "-"


class UnsafeTarget(Exception):
    """The output path cannot be written safely; the message says why in one line."""


class TargetExists(UnsafeTarget):
    """``overwrite=False`` and something is already there: the caller may offer its own way to replace it."""


#: What a full disk means to a person, said the same everywhere (the README quotes it).
DISK_FULL = "the disk is full; free some space, then try again"

#: Plain words for the file errors people meet most: the one table for the CLI, the app and the store.
#: Any other error uses the system's own words.
OS_REASONS: dict[int, str] = {
    code: words
    for name, words in (
        ("ENOENT", "no such file or folder"),
        ("EACCES", "permission denied"),
        ("EPERM", "permission denied"),
        ("EISDIR", "it is a folder"),
        ("ENOTDIR", "part of the path is not a folder"),
        ("ENOSPC", DISK_FULL),  # as the README says
        ("EDQUOT", "over your disk quota"),
        ("EROFS", "the disk is read-only"),
        ("ENAMETOOLONG", "the name is too long"),
        ("EFBIG", "the file would be too large"),
    )
    if (code := getattr(errno, name, None)) is not None  # not every platform has every code
}


def describe_os_error(error: OSError) -> str:
    """Why a file could not be used, in a few plain words: never the Python class name."""
    if error.errno in OS_REASONS:
        return OS_REASONS[error.errno]
    return " ".join((error.strerror or str(error) or "an error of the operating system").split()).lower()


def diary_companions(diary: Path) -> list[Path]:
    """The diary file and the two files SQLite keeps beside it in WAL mode."""
    return [diary, Path(f"{diary}-wal"), Path(f"{diary}-shm")]


def _same_file(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _is_own_stdout(target: Path) -> bool:
    """True for /dev/stdout, /proc/self/fd/1 and the like when they lead to our own fd 1."""
    try:
        return _same_file(os.stat(target), os.fstat(sys.stdout.fileno()))
    except (OSError, ValueError, AttributeError):
        return False


def writes_to_stdout(target: Path | str) -> bool:
    """True when ``target`` means this process's standard output: ``-``, /dev/stdout and the like."""
    return str(target) == STDOUT or _is_own_stdout(Path(target))


def check_target(target: Path, protect: Iterable[Path] = ()) -> os.stat_result | None:
    """Refuse an unsafe output path; return the existing file's status, or None when it is new."""
    protected: list[os.stat_result] = []
    for path in protect:
        for companion in diary_companions(Path(path)):
            try:
                protected.append(os.stat(companion))
            except OSError:
                pass
    try:
        found = os.lstat(target)
    except FileNotFoundError:
        if not target.parent.is_dir():
            raise UnsafeTarget(f"cannot write {target}: the folder {target.parent} does not exist") from None
        return None
    except OSError as error:
        raise UnsafeTarget(f"cannot write {target}: {describe_os_error(error)}") from None
    if stat.S_ISLNK(found.st_mode):
        raise UnsafeTarget(f"{target} is a symbolic link; cramp-diary never writes through a link")
    if stat.S_ISDIR(found.st_mode):
        raise UnsafeTarget(f"{target} is a folder; give a file name")
    if not stat.S_ISREG(found.st_mode):
        raise UnsafeTarget(f"{target} is a device, fifo or socket, not a regular file")
    if any(_same_file(found, other) for other in protected):
        raise UnsafeTarget(f"{target} is the diary itself (or one of its files); choose another name")
    return found


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextmanager
def atomic_output(
    target: Path | str,
    *,
    protect: Iterable[Path] = (),
    overwrite: bool = True,
    binary: bool = False,
    fresh: bool = False,
) -> Iterator[IO[str] | IO[bytes]]:
    """Yield a handle to write the whole file into; it replaces ``target`` only when the block ends cleanly.

    ``-`` (or a path that is this process's own standard output, such as /dev/stdout)
    is written straight to standard output. ``overwrite=False`` refuses an existing
    file, and the check and the final placement are one atomic step (a hard link),
    so a file someone creates meanwhile is not replaced either. ``fresh`` gives the
    new file 0600 and our ownership even when one is already there (a sync folder's
    device file, which someone else may have planted).
    """
    if writes_to_stdout(target):
        stream = sys.stdout.buffer if binary else sys.stdout
        yield stream
        stream.flush()
        return
    with atomic_path(target, protect=protect, overwrite=overwrite, fresh=fresh) as temp:
        with open(temp, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8", "newline": ""})) as handle:
            yield handle


@contextmanager
def atomic_path(
    target: Path | str, *, protect: Iterable[Path] = (), overwrite: bool = True, fresh: bool = False
) -> Iterator[Path]:
    """Yield the path of a new, empty 0600 file beside ``target`` to fill; it becomes ``target`` when the block ends.

    For writers that need a path rather than a handle, such as SQLite's backup.
    The same refusals as :func:`atomic_output`; on any error the temporary file
    is removed and ``target`` is as it was.
    """
    target = Path(target)
    existing = check_target(target, protect)
    if existing is not None and not overwrite:
        raise TargetExists(f"{target} already exists; choose another name or allow overwriting")
    import tempfile  # here, not at the top: `cramp-diary log` loads this module but never writes a file with it

    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as error:
        raise UnsafeTarget(f"cannot write in {target.parent}: {describe_os_error(error)}") from None
    os.close(fd)
    temp = Path(temp_name)
    try:
        yield temp
        _fsync_file(temp)
        if existing is not None and not fresh:
            _keep_owner_and_mode(temp, existing)
        if overwrite:
            if existing is not None:
                check_target(target, protect)  # it may have been swapped for a link meanwhile
            os.replace(temp, target)
        else:
            try:
                os.link(temp, target)
            except FileExistsError:
                raise TargetExists(f"{target} already exists; choose another name or allow overwriting") from None
            temp.unlink()
        _fsync_folder(target.parent)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _fsync_file(path: Path) -> None:
    """The data on disk before the rename, so a crash never leaves an empty file under the old name."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _keep_owner_and_mode(temp: Path, existing: os.stat_result) -> None:
    """Keep the mode the person gave their own file (ours stay 0600), and, for root, its owner."""
    os.chmod(temp, stat.S_IMODE(existing.st_mode))
    if os.geteuid() == 0 and (existing.st_uid, existing.st_gid) != (0, 0):
        try:
            os.chown(temp, existing.st_uid, existing.st_gid)
        except OSError:
            pass


def write_atomic(
    target: Path | str, data: str | bytes, *, protect: Iterable[Path] = (), overwrite: bool = True
) -> None:
    """Write a whole file at once through :func:`atomic_output`."""
    with atomic_output(target, protect=protect, overwrite=overwrite, binary=isinstance(data, bytes)) as handle:
        handle.write(data)  # type: ignore[arg-type]


#: A temporary file of ours this much older than now was left by a killed process (a write takes seconds).
STALE_AFTER = 3600.0


def sweep_temporaries(folder: Path, target_glob: str, now: float) -> list[Path]:
    """Remove our temporary files for targets matching ``target_glob`` left in ``folder`` by a killed process.

    Only ``.<target>.<random>.tmp`` files of this user, untouched for an hour:
    one another process is still filling is written to all the time.
    """
    removed = []
    for temp in folder.glob(f".{target_glob}.*.tmp"):
        try:
            found = os.lstat(temp)
        except OSError:
            continue
        if stat.S_ISREG(found.st_mode) and found.st_uid == os.geteuid() and now - found.st_mtime > STALE_AFTER:
            temp.unlink(missing_ok=True)
            removed.append(temp)
    return removed


@contextmanager
def ending_cleanly_on_signal() -> Iterator[None]:
    """SIGTERM and SIGHUP end the block as an exception does, so every temporary file is removed on the way out.

    Python's default for both is to die at once, leaving a half-written copy of
    the whole diary behind. Only the main thread may set handlers; elsewhere this does nothing.
    """
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    caught = [sig for sig in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if sig is not None]
    previous = {sig: signal.signal(sig, stop) for sig in caught}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
