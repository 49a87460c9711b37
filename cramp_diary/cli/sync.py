"""``sync`` (a shared folder between machines) and ``backup`` (a consistent copy of the diary)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import click

from cramp_diary import backups
from cramp_diary.cli.group import Context, cli, pass_context, printable
from cramp_diary.model import InvalidField
from cramp_diary.paths import config_dir, make_private_dir
from cramp_diary.safe_write import UnsafeTarget, ending_cleanly_on_signal, sweep_temporaries
from cramp_diary.settings import SettingsUnreadable, change_settings
from cramp_diary.sync import SyncRefused


@cli.command()
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=str))
@click.option("--name", help="Rename this device (its file in the folder is NAME-<id>.json).")
@click.option("--remember", is_flag=True, help="Save FOLDER in the settings, so the app syncs on start and quit.")
@pass_context
def sync(obj: Context, folder: str | None, name: str | None, remember: bool) -> None:
    """Sync with your other machines through FOLDER (a Syncthing, Dropbox or Nextcloud folder).

    Merges every other device's file in FOLDER, then writes this device's
    complete diary there as <device>-<id>.json. Safe while the app is open and from
    cron. Never put the diary itself in FOLDER. Exits with status 1 when it skipped
    a file or a record (each named with the reason), so cron notices. With no FOLDER,
    the one saved with --remember.
    """
    from cramp_diary.use_cases.sync_now import NoSyncFolder, remembered_folder, sync_now

    if folder is None:
        try:
            folder = str(remembered_folder(config_dir()))
        except NoSyncFolder as error:
            raise click.UsageError(f"no FOLDER given, and {error}") from None
    with obj.diary() as diary, ending_cleanly_on_signal():
        if name is not None:
            try:
                diary.stamps.rename_device(name)
            except InvalidField as error:  # the option's name, not the field's ('NAME')
                raise click.BadParameter(error.rule, param_hint="'--name'") from None
        try:
            report = sync_now(diary, folder).report
        except (SyncRefused, UnsafeTarget) as error:
            raise click.ClickException(str(error)) from None
        device = diary.stamps.device_name()
    for warning in report.warnings:
        click.echo(f"Warning: {warning}", err=True)
    for line in report.lines():
        click.echo(line)
    click.echo(f"Wrote this device's diary ({printable(device)}) to {printable(str(report.own_file))}", err=True)
    if remember:
        try:  # only this line of the file changes: other settings and comments stay
            change_settings(config_dir(), sync_folder=str(report.own_file.parent))
        except (OSError, UnsafeTarget, SettingsUnreadable) as error:
            raise click.ClickException(f"synced, but could not save the setting: {error}") from None
        click.echo("The app will sync with this folder when it starts and when it closes.", err=True)
    if report.warnings:
        raise click.ClickException(f"not everything was merged: see the {len(report.warnings)} warning(s) above")


@cli.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=str),
    help="File to write, or a folder to write a new backup into (default: a new file in backups/ beside the diary).",
)
@click.option("--keep", type=click.IntRange(1, 10000), default=backups.KEEP, show_default=True, help="How many of this diary's backups to keep in backups/.")
@pass_context
def backup(obj: Context, output: str | None, keep: int) -> None:
    """Write a consistent copy of the diary (correct even while the app is open and writing).

    Backups are named after the diary and the time (diary-20261122T203000Z.db),
    and --keep deletes only this diary's older backups in backups/, oldest by
    the time in the name.
    """
    folder, target = _backup_place(obj, output)
    with obj.diary(read_only=True) as diary, ending_cleanly_on_signal():
        sweep_temporaries(folder, f"{obj.path.stem}-*{backups.SUFFIX}", time.time())
        try:
            if target is None:  # a name we choose: placed without replacing a backup another run made meanwhile
                target = backups.write_new_backup(
                    obj.path, obj.now(), lambda path: diary.backup_to(path, overwrite=False), folder
                )
            else:
                diary.backup_to(target)
        except UnsafeTarget as error:
            raise click.ClickException(str(error)) from None
    removed = [] if output is not None else backups.prune(obj.path, target.parent, keep)
    click.echo(f"Backed up the diary to {printable(str(target))}")
    if removed:
        click.echo(f"Removed {len(removed)} older backup(s) of this diary, keeping the newest {keep}.", err=True)


def _backup_place(obj: Context, output: str | None) -> tuple[Path, Path | None]:
    """The folder to write in (made, 0700, for a new name), and ``-o``'s file; None: a new name in backups/ or ``-o``'s folder."""
    if output is None:
        folder = backups.backup_folder(obj.path)
    elif not output.strip():
        raise click.BadParameter("must be a file or folder name, not empty text", param_hint="'-o'")
    elif Path(output).expanduser().is_dir() or output.endswith(("/", os.sep)):
        folder = Path(output).expanduser()
    else:
        return Path(output).expanduser().parent, Path(output).expanduser()
    make_private_dir(folder)
    return folder, None
