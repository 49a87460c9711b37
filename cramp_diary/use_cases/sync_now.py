"""Syncing now through the shared folder, from ``cramp-diary sync`` or the app (start, ctrl+y, quit).

Which folder: the one given, else the one remembered in the settings (``sync FOLDER --remember``),
found and explained here once for both edges.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cramp_diary.safe_text import printable
from cramp_diary.settings import load_settings

if TYPE_CHECKING:  # the sync and export code loads only when a sync runs, not at every start of the app
    from cramp_diary.store import Diary
    from cramp_diary.sync import SyncReport


class NoSyncFolder(Exception):
    """No folder was given and none can be used from the settings; the message says why and what to do."""


#: What to do when no folder is remembered, said by the CLI and the app alike.
HOW_TO_REMEMBER = "run  cramp-diary sync FOLDER --remember  once"


def remembered_folder(config_dir: Path | None) -> Path:
    """The folder saved by ``sync FOLDER --remember``, or NoSyncFolder saying why there is none."""
    settings, warnings = load_settings(config_dir)
    if settings.sync_folder is not None:
        return Path(settings.sync_folder).expanduser()
    # a settings file that does not parse, or a bad sync_folder line, is the reason: say it
    why = [warning for warning in warnings if "sync_folder" in warning or warning.endswith("using the default settings")]
    if why:
        raise NoSyncFolder(f"the remembered sync folder cannot be read: {printable('; '.join(why))}")
    raise NoSyncFolder(f"no sync folder remembered: {HOW_TO_REMEMBER}")


@dataclass(frozen=True)
class Synced:
    """What one sync did (a line a device that sent anything, the files skipped) and the folder used."""

    folder: Path | str
    report: SyncReport

    @property
    def message(self) -> str:
        return "\n".join([*self.report.lines(), *self.report.warnings])


def sync_now(diary: Diary, folder: Path | str) -> Synced:
    """Merge every other device's file in ``folder``, then write this device's complete diary there.

    SyncRefused or UnsafeTarget when the folder cannot be used; DiaryError when the diary cannot.
    """
    from cramp_diary.sync import sync

    return Synced(folder, sync(diary, folder))
