"""``sync`` (a shared folder between machines) and ``backup`` (a consistent copy of the diary)."""

from __future__ import annotations

from pathlib import Path

import click

from cramp_diary import backups
from cramp_diary.cli.group import Context, cli, pass_context, printable
from cramp_diary.model import InvalidField
from cramp_diary.paths import config_dir
from cramp_diary.safe_write import UnsafeTarget
from cramp_diary.settings import SettingsUnreadable, change_settings
from cramp_diary.sync import SyncRefused


@cli.command()
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--name", help="Rename this device (its file in the folder is NAME.json).")
@click.option("--remember", is_flag=True, help="Save FOLDER in the settings, so the app syncs on start and quit.")
@pass_context
def sync(obj: Context, folder: Path | None, name: str | None, remember: bool) -> None:
    """Sync with your other machines through FOLDER (a Syncthing, Dropbox or Nextcloud folder).

    Merges every other device's file in FOLDER, then writes this device's
    complete diary there as <device>.json. Safe while the app is open and from cron.
    Never put the diary itself in FOLDER. With no FOLDER, the one saved with --remember.
    """
    from cramp_diary.use_cases.sync import NoSyncFolder, remembered_folder, sync_now

    if folder is None:
        try:
            folder = remembered_folder(config_dir())
        except NoSyncFolder as error:
            raise click.UsageError(f"no FOLDER given, and {error}") from None
    with obj.diary() as diary:
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


@cli.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default: a new file in backups/ beside the diary).")
@click.option("--keep", type=click.IntRange(1, 10000), default=backups.KEEP, show_default=True, help="How many backups to keep in backups/.")
@pass_context
def backup(obj: Context, output: Path | None, keep: int) -> None:
    """Write a consistent copy of the diary (correct even while the app is open and writing)."""
    with obj.diary() as diary:
        target = output if output is not None else backups.next_backup(obj.path, obj.now())
        try:
            diary.backup_to(target)
        except UnsafeTarget as error:
            raise click.ClickException(str(error)) from None
    removed = [] if output is not None else backups.prune(backups.backup_folder(obj.path), keep)
    click.echo(f"Backed up the diary to {printable(str(target))}")
    if removed:
        click.echo(f"Removed {len(removed)} older backup(s), keeping the newest {keep}.", err=True)
