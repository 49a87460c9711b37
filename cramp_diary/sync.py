"""Sync through a shared folder: one complete export per device, every other device's file merged in.

No server: Syncthing, Dropbox, Nextcloud or a git repository carries the folder.
Each device writes only its own ``<device>.json`` (temporary file and rename), so
no two machines ever write the same file, and a file caught half-carried is
skipped with a warning until it arrives whole. The live diary never goes in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from cramp_diary.exchange import ImportRefused, read_export, write_diary_json
from cramp_diary.model import InvalidField
from cramp_diary.safe_text import printable
from cramp_diary.safe_write import atomic_output, diary_companions
from cramp_diary.store import Diary, DiaryError, MergeResult
from cramp_diary.wording import plural

#: Another machine's clock may run this far ahead of ours.
SLACK = timedelta(days=1)
#: A device file larger than this is not read (a diary of a lifetime is a few MB).
MAX_FILE = 200 * 1024 * 1024


class SyncRefused(Exception):
    """The folder cannot be used for syncing; the message says why in one line."""


@dataclass(frozen=True)
class DeviceMerge:
    device: str
    result: MergeResult


@dataclass
class SyncReport:
    """What one sync did: this device's file, what came in from each other device, files skipped."""

    own_file: Path
    merged: list[DeviceMerge] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """One line a device that sent anything; 'nothing new' when none did."""
        lines = [summary(m.device, m.result) for m in self.merged if changed(m.result)]
        return lines or ["Nothing new from other devices."]


def changed(result: MergeResult) -> bool:
    return any(
        (result.added, result.updated, result.deleted, result.revived, result.checkins_added,
         result.checkins_removed, result.routines_added, result.routines_removed,
         result.changes_added, result.changes_updated, result.changes_removed,
         result.trials_added, result.trials_updated, result.trials_removed, result.trial_days_added)
    )


def summary(device: str, result: MergeResult) -> str:
    """'3 new, 1 updated, 1 deleted from laptop-a1b2', with what came back after a deletion said plainly."""
    parts = [f"{result.added} new", f"{result.updated} updated", f"{result.deleted} deleted"]
    if result.revived:
        parts.append(f"{plural(result.revived, 'episode')} brought back (edited there after it was deleted here)")
    if result.checkins_added or result.checkins_removed:
        parts.append(f"check-ins {result.checkins_added} new, {result.checkins_removed} withdrawn")
    if result.routines_added or result.routines_removed:
        parts.append(f"routine sessions {result.routines_added} new, {result.routines_removed} deleted")
    if result.changes_added or result.changes_updated or result.changes_removed:
        parts.append(
            f"dated changes {result.changes_added} new, {result.changes_updated} updated, {result.changes_removed} deleted"
        )
    if result.trials_added or result.trials_updated or result.trials_removed or result.trial_days_added:
        parts.append(
            f"trials {result.trials_added} new, {result.trials_updated} updated, {result.trials_removed} deleted,"
            f" {plural(result.trial_days_added, 'answer')}"
        )
    return f"{', '.join(parts)} from {printable(device)}"


def check_folder(folder: Path, diary: Path) -> Path:
    """The sync folder, resolved; SyncRefused when it is missing or holds the live diary."""
    if not folder.is_dir():
        raise SyncRefused(f"{printable(str(folder))} is not a folder; create it first (or let Syncthing/Dropbox make it)")
    resolved = folder.resolve()
    if any(path.resolve().parent == resolved for path in diary_companions(diary)):
        raise SyncRefused(
            f"{printable(str(folder))} holds the diary itself; the live diary must never be in a synced folder"
            " (choose an empty folder that your sync tool carries)"
        )
    return resolved


def own_file(folder: Path, diary: Diary) -> Path:
    return folder / f"{diary.stamps.device_name()}.json"


def write_own(diary: Diary, folder: Path) -> Path:
    """This device's complete export, written as one step (0600 when new)."""
    target = own_file(folder, diary)
    with diary.snapshot(), atomic_output(target, protect=[diary.path]) as out:
        write_diary_json(out, diary)  # type: ignore[arg-type]
    return target


def merge_file(diary: Diary, path: Path, now: datetime) -> MergeResult:
    """Merge one other device's file; ImportRefused (or OSError) when it is unreadable or half-written."""
    if not path.is_file() or path.is_symlink():
        raise ImportRefused("not a regular file")
    if path.stat().st_size > MAX_FILE:
        raise ImportRefused(f"larger than {MAX_FILE // (1024 * 1024)} MB")
    found = read_export(path.read_bytes(), now, name=path.name, slack=SLACK)
    return diary.merge(
        found.episodes, found.checkins, found.routines, found.tombstones, found.reviews, found.changes,
        found.trials, found.trial_days, validated=True,
    )


def sync(diary: Diary, folder: Path) -> SyncReport:
    """Merge every other device's file in ``folder``, then write this device's (so it carries what came in)."""
    folder = check_folder(folder, diary.path)
    mine = own_file(folder, diary)
    report = SyncReport(mine)
    for path in sorted(folder.glob("*.json")):
        if path.name == mine.name:
            continue
        try:
            result = merge_file(diary, path, diary.now())
        except (ImportRefused, InvalidField, OSError) as error:
            report.warnings.append(f"skipped {printable(path.name)}: {error}; it will be read again at the next sync")
            continue
        report.merged.append(DeviceMerge(path.stem, result))
    write_own(diary, folder)
    return report


__all__ = ["DiaryError", "SyncRefused", "SyncReport", "check_folder", "summary", "sync", "write_own"]
