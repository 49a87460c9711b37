"""Commands that move the whole diary in and out, export and import: the CLI of cramp_diary.exchange."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import click

from cramp_diary import exchange
from cramp_diary.cli import Context, cannot, cli, pass_context, printable
from cramp_diary.safe_write import UnsafeTarget, write_atomic, writes_to_stdout
from cramp_diary.store import MergeResult
from cramp_diary.wording import plural


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default: print).")
@pass_context
def export(obj: Context, fmt: str, output: Path | None) -> None:
    """Export every episode as CSV or JSON (written readable by you alone).

    JSON also holds the days you checked in as cramp-free; CSV holds episodes only.
    """
    with obj.diary() as diary:
        episodes = list(diary.iter_all())
        checkins = diary.all_checkins()
        changes = diary.changes()
        reviews = diary.warning_reviews()
    text = (
        exchange.export_csv(episodes) if fmt == "csv" else exchange.export_json(episodes, checkins, changes, reviews=reviews)
    )
    if output is None:
        click.echo(text, nl=False)
        return
    try:  # a temporary file renamed into place: never through a link, never over the diary, never half-written
        write_atomic(output, text, protect=[obj.path])
    except UnsafeTarget as error:
        raise click.ClickException(printable(str(error))) from None
    except OSError as error:
        raise cannot("write", output, error) from None
    if writes_to_stdout(output):
        return  # '-' or /dev/stdout into a pipe: the data is the whole answer, quietly
    if fmt == "json":
        what = f"{plural(len(episodes), 'episode')} and {plural(len(checkins), 'check-in')}"
        if changes:
            what += f" and {plural(len(changes), 'change')}"
    elif checkins:
        what = (
            f"{plural(len(episodes), 'episode')} (CSV holds episodes only: "
            f"use --format json to keep your {plural(len(checkins), 'check-in')} too)"
        )
    else:
        what = plural(len(episodes), "episode")
    click.echo(f"Exported {what} to {printable(str(output))}", err=True)


def summary_line(file: Path, result: MergeResult) -> str:
    """What an import did, in one line; check-ins are named only when the file had some."""
    line = (
        f"Imported {printable(str(file))}: {result.added} added, {result.updated} updated from a newer edit, "
        f"{result.unchanged} already here"
    )
    if result.checkins_added or result.checkins_present or result.checkins_skipped:
        line += f"; {plural(result.checkins_added, 'check-in')} added, {result.checkins_present} already here"
        if result.checkins_skipped:
            line += f", {result.checkins_skipped} left out because the diary has a cramp that day"
    if result.reviews_added:
        line += f"; {plural(result.reviews_added, 'warning')} marked as discussed"
    return line + "."


#: The largest file ``import`` reads: a lifetime of cramps is a few megabytes, and /dev/zero never ends.
MAX_IMPORT_BYTES = 512 * 1024 * 1024
MAX_IMPORT_WORDS = "512 MiB"


def read_import_file(file: Path) -> bytes:
    """The whole file, refusing what is not a regular file (a fifo, a device) or is larger than the limit.

    Opened without blocking and checked on the open handle, so a fifo never hangs
    the command and nothing can be swapped in between the check and the read.
    """
    try:
        fd = os.open(file, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as error:
        raise cannot("read", file, error) from None
    with os.fdopen(fd, "rb") as handle:
        found = os.fstat(fd)
        if not stat.S_ISREG(found.st_mode):
            raise click.ClickException(
                f"cannot import {printable(str(file))}: it is a device, fifo or socket, not an export file"
            )
        if found.st_size > MAX_IMPORT_BYTES:
            raise click.ClickException(
                f"cannot import {printable(str(file))}: it is larger than {MAX_IMPORT_WORDS}, "
                "the most an export file can be"
            )
        try:
            data = handle.read(MAX_IMPORT_BYTES + 1)
        except OSError as error:
            raise cannot("read", file, error) from None
    if len(data) > MAX_IMPORT_BYTES:  # it grew while we read it
        raise click.ClickException(
            f"cannot import {printable(str(file))}: it is larger than {MAX_IMPORT_WORDS}, the most an export file can be"
        )
    return data


@cli.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@pass_context
def import_(obj: Context, file: Path) -> None:
    """Merge a CSV or JSON export into the diary: all or nothing, never duplicated.

    A file named .json or .csv is read as that format. Check-ins (JSON only) for
    days that have a cramp in the diary are left out.
    """
    data = read_import_file(file)
    found = exchange.read_export(data, obj.now(), name=file.name)
    with obj.diary() as diary:
        result = diary.merge(found.episodes, checkins=found.checkins, reviews=found.reviews)
        changed = diary.merge_changes(found.changes) if found.changes else None
    click.echo(summary_line(file, result))
    if changed is not None:
        click.echo(
            f"Changes: {changed.added} added, {changed.updated} updated from a newer edit, {changed.unchanged} already here."
        )
