"""Sync through a shared folder: one complete export per device, every other device's file merged in.

No server: Syncthing, Dropbox, Nextcloud or a git repository carries the folder.
Each device writes only its own ``<device>.json`` (temporary file and rename), so
no two machines ever write the same file, and a file caught half-carried is
skipped with a warning until it arrives whole. The live diary never goes in.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from cramp_diary.exchange import MAX_EXPORT_BYTES, ImportRefused, stream_export, write_diary_json
from cramp_diary.model import OTHER_MACHINE_SLACK, InvalidField
from cramp_diary.safe_text import printable
from cramp_diary import device
from cramp_diary.backups import backup_folder
from cramp_diary.safe_write import atomic_output, sweep_temporaries
from cramp_diary.store import Diary, DiaryError, MergeResult
from cramp_diary.sync_folder import SyncRefused, UntrustedFile, read_trusted, trusted_folder
from cramp_diary.wording import plural

#: Another machine's clock may run this far ahead of ours.
SLACK = OTHER_MACHINE_SLACK
#: A device file larger than this is not read: more than a diary could hold (see exchange.MAX_EXPORT_BYTES).
MAX_FILE = MAX_EXPORT_BYTES


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
    #: What the person should know that is not a failure: this diary became a new device.
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """One line a device that sent anything; 'nothing new' when none did."""
        lines = [summary(m.device, m.result) for m in self.merged if changed(m.result)]
        return self.notes + (lines or ["Nothing new from other devices."])


def changed(result: MergeResult) -> bool:
    return any(
        (result.added, result.updated, result.deleted, result.revived, result.checkins_added,
         result.checkins_removed, result.routines_added, result.routines_removed,
         result.changes_added, result.changes_updated, result.changes_removed,
         result.trials_added, result.trials_updated, result.trials_removed, result.trial_days_added, result.trial_days_skipped,
         result.medicines_added, result.medicines_updated, result.medicines_removed)
    )


def summary(device: str, result: MergeResult) -> str:
    """'3 new, 1 updated, 1 deleted from laptop-a1b2', with what came back after a deletion said plainly."""
    parts = [f"{result.added} new", f"{result.updated} updated", f"{result.deleted} deleted"]
    if result.revived:
        parts.append(f"{plural(result.revived, 'episode')} brought back (edited there, where the deletion had not arrived)")
    if result.checkins_added or result.checkins_removed:
        parts.append(f"check-ins {result.checkins_added} new, {result.checkins_removed} withdrawn")
    if result.routines_added or result.routines_removed:
        parts.append(f"routine sessions {result.routines_added} new, {result.routines_removed} deleted")
    if result.changes_added or result.changes_updated or result.changes_removed:
        parts.append(
            f"dated changes {result.changes_added} new, {result.changes_updated} updated, {result.changes_removed} deleted"
        )
    if (result.trials_added or result.trials_updated or result.trials_removed or result.trial_days_added
            or result.trial_days_skipped):
        parts.append(
            f"trials {result.trials_added} new, {result.trials_updated} updated, {result.trials_removed} deleted,"
            f" {plural(result.trial_days_added, 'answer')}"
            + (f" ({result.trial_days_skipped} left out: no such trial or day of it)" if result.trial_days_skipped else "")
        )
    if result.medicines_added or result.medicines_updated or result.medicines_removed:
        parts.append(
            f"medicines {result.medicines_added} new, {result.medicines_updated} updated, {result.medicines_removed} deleted"
        )
    return f"{', '.join(parts)} from {printable(device)}"


def check_folder(folder: Path | str, diary: Path) -> Path:
    """The sync folder, resolved; SyncRefused with the reason when it cannot be trusted (see sync_folder)."""
    return trusted_folder(folder, diary, backup_folder(diary))


def own_file(folder: Path, diary: Diary) -> Path:
    """``<name>-<id>.json``: the random id keeps two devices with one name (or Laptop and laptop) apart."""
    return folder / device.file_name(diary.stamps.device_name(), diary.stamps.identity())


def write_own(diary: Diary, folder: Path) -> Path:
    """This device's complete export, written as one step into a new 0600 file (never through one planted there)."""
    target = own_file(folder, diary)
    try:
        with diary.snapshot(), atomic_output(target, protect=[diary.path], fresh=True) as out:
            write_diary_json(out, diary, device_id=diary.stamps.identity())  # type: ignore[arg-type]
    except PermissionError:
        owner = _owner(target)
        if owner is None or owner == os.geteuid():
            raise
        # a sticky folder lets only a file's owner replace it: someone else put a file under this device's name
        raise SyncRefused(
            f"{printable(str(target))} belongs to another user (uid {owner}), and the folder lets only its owner"
            " replace it; ask them or an administrator to remove it, and make the folder yours alone"
        ) from None
    return target


def _owner(path: Path) -> int | None:
    try:
        return os.lstat(path).st_uid
    except OSError:
        return None


def merge_file(
    diary: Diary, path: Path, now: datetime, skipped: list[str] | None = None, *, ours: bool = False
) -> MergeResult | None:
    """Merge one other device's file; ImportRefused, UntrustedFile (or OSError) when it is not to be read.

    A record stamped too far ahead is left out on its own, its reason added to ``skipped``.
    None when the file is this device's own (its id inside) under a name not its own, unless ``ours``.
    The episodes are read as they are merged (``stream_export``): a bad one ends the merge's one
    transaction, so the diary is left as it was.
    """
    found = stream_export(read_trusted(path, MAX_FILE), now, name=path.name, slack=SLACK, skipped=skipped)
    if not ours and found.device_id is not None and found.device_id == diary.stamps.identity():
        return None
    return diary.merge(
        found.episodes, found.checkins, found.routines, found.tombstones, found.reviews, found.changes,
        found.trials, found.trial_days, medicines=found.medicines, validated=True,
    )


def sync(diary: Diary, folder: Path) -> SyncReport:
    """Merge every other device's file in ``folder``, then write this device's (so it carries what came in)."""
    folder = check_folder(folder, diary.path)
    device_id = diary.stamps.identity()
    mine = own_file(folder, diary)
    report = SyncReport(mine)
    restamped = diary.repair_clock()
    if restamped:
        report.notes.append(
            f"This machine's clock ran ahead at some time: {plural(restamped, 'record')} stamped in the future"
            f" {'was' if restamped == 1 else 'were'} stamped again now, so the other devices take"
            f" {'it' if restamped == 1 else 'them'}."
        )
    if diary.stamps.copied_from() is not None:
        report.notes.append(
            f"This diary was copied here from another machine or folder: it now syncs as a new device,"
            f" {printable(mine.name)} (the original keeps its own file)."
        )
    for path in sorted(folder.glob("*.json")):
        ours = device.id_of_file(path.name) == device_id
        if path.name == mine.name and _signature(path) in (None, diary.stamps.own_file_written()):
            continue  # what this diary wrote last time: nothing in it is new here
        # Our own file that this diary did not write (it was restored from an older copy, which keeps
        # the identity on its own machine and path), or ours under an older name: what the diary did
        # before is in there, so it is merged like any other device's before it is replaced.
        skipped: list[str] = []
        try:
            result = merge_file(diary, path, diary.now(), skipped, ours=ours)
        except (ImportRefused, UntrustedFile, InvalidField, OSError) as error:
            report.warnings.append(f"skipped {printable(path.name)}: {error}; it will be read again at the next sync")
            continue
        report.warnings.extend(f"skipped in {printable(path.name)}: {printable(reason)}" for reason in skipped)
        if result is not None:
            report.merged.append(DeviceMerge(path.stem, result))
        if ours and path.name != mine.name:  # from before a rename: it would only go stale
            _remove_own_old_file(path)
    sweep_temporaries(folder, mine.name, time.time())  # left by a sync killed mid-write
    write_own(diary, folder)
    written = _signature(mine)
    if written is not None:
        diary.stamps.note_own_file_written(written)
    return report


def _signature(path: Path) -> str | None:
    """Size, time and inode of a file: a new one (renamed into place) always differs."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return f"{found.st_size}:{found.st_mtime_ns}:{found.st_ino}"


def _remove_own_old_file(path: Path) -> None:
    try:
        read_trusted(path, 0)  # a regular file of ours (its size does not matter here)
    except UntrustedFile as error:
        if "larger than" not in str(error):
            return
    path.unlink(missing_ok=True)


__all__ = ["DiaryError", "SyncRefused", "SyncReport", "check_folder", "summary", "sync", "write_own"]
