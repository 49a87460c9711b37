"""Whether the cramp timer that started an unfinished cramp is still running, known at once.

The timer holds an advisory lock (``flock``) on a small file named after the
cramp's uuid, in a private folder beside the diary, for as long as it runs. The
operating system drops the lock the moment the process ends, however it ends,
so a killed timer is noticed at once, by the next start and by an app that is
already open, and a running one in another terminal is never offered as
stopped. Only this machine's timers leave lock files here: a cramp a timer on
another machine started (it arrived by sync) has none, and is not ours to offer.
"""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks, the heartbeat alone decides
    fcntl = None  # type: ignore[assignment]


class TimerState(Enum):
    RUNNING = "running"
    STOPPED = "stopped"
    #: No lock file: a cramp from another machine, or from a version before the locks.
    UNKNOWN = "unknown"


def lock_folder(diary: Path) -> Path:
    """A private folder beside the diary, named after it (``.<diary name>.timers``)."""
    return diary.parent / f".{diary.name}.timers"


def _lock_file(diary: Path, uuid: str) -> Path:
    return lock_folder(diary) / f"{uuid}.lock"


class TimerLock:
    """The lock a running timer holds on its cramp; :meth:`release` when the timer closes."""

    def __init__(self, diary: Path, uuid: str) -> None:
        self.diary = diary
        self.uuid = uuid
        self._fd: int | None = None

    def hold(self) -> bool:
        """Take the lock (False when it cannot be made: the heartbeat still tells other apps)."""
        if fcntl is None or self._fd is not None:
            return False
        folder = lock_folder(self.diary)
        try:
            folder.mkdir(mode=0o700, exist_ok=True)
            fd = os.open(_lock_file(self.diary, self.uuid), os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
        except OSError:
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def release(self, *, finished: bool) -> None:
        """The timer closes: a cramp saved as done or discarded lets go of the lock and removes its file.

        A cramp left unfinished stays locked until this process ends: this app does
        not ask about the cramp the person just left, and the next start does, at once.
        """
        if not finished:
            _KEPT_UNTIL_EXIT.append(self)
            return
        forget(self.diary, self.uuid)
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


#: Locks of cramps left unfinished, held (referenced) until the process ends.
_KEPT_UNTIL_EXIT: list[TimerLock] = []


def state(diary: Path, uuid: str) -> TimerState:
    """Running (its timer holds the lock), stopped (the file is there, nobody holds it), or unknown."""
    if fcntl is None:
        return TimerState.UNKNOWN
    try:
        fd = os.open(_lock_file(diary, uuid), os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return TimerState.UNKNOWN
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return TimerState.RUNNING
    finally:
        os.close(fd)  # closing drops the shared lock we may just have taken
    return TimerState.STOPPED


def forget(diary: Path, uuid: str) -> None:
    """The cramp was finished or discarded: its lock file goes (and the folder, once empty)."""
    try:
        _lock_file(diary, uuid).unlink(missing_ok=True)
        lock_folder(diary).rmdir()
    except OSError:
        pass


def stopped_uuids(diary: Path) -> set[str]:
    """The cramps whose timers on this machine have stopped: cheap enough to ask every second."""
    folder = lock_folder(diary)
    try:
        names = [entry.name for entry in os.scandir(folder) if entry.name.endswith(".lock")]
    except OSError:
        return set()
    uuids = {name.removesuffix(".lock") for name in names}
    return {uuid for uuid in uuids if state(diary, uuid) is TimerState.STOPPED}
