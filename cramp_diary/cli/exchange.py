"""Commands that move the whole diary in and out, export and import: the CLI of cramp_diary.exchange."""

from __future__ import annotations

import os
import stat
import sys
from datetime import date
from pathlib import Path

import click

from cramp_diary import exchange
from cramp_diary.cli.day_range import day_range, day_range_options
from cramp_diary.cli.group import Context, cannot, clip, cli, pass_context, printable
from cramp_diary.model import FIRST_YEAR
from cramp_diary.safe_write import UnsafeTarget, atomic_output, writes_to_stdout
from cramp_diary.wording import plural


def _export_format(fmt: str | None, output: Path | None) -> str:
    """The format asked for, else the one the file's name says; never one that import would read back as the other."""
    named = exchange.format_named(output.name) if output is not None else None
    if fmt is not None and named is not None and fmt != named:
        raise click.BadParameter(
            f"{fmt} does not match the name {printable(output.name)}, which import reads as {named}; "  # type: ignore[union-attr]
            f"name it .{fmt} or leave --format out",
            param_hint="'--format'",
        )
    return fmt or named or "json"


@cli.command()
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "json"]), help="[default: csv for a file named .csv, else json]"
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path), help="File to write, - for standard output (default: print).")
@day_range_options("the episodes to export")
@click.option("--excel", is_flag=True, help="With --format csv: a byte-order mark and CRLF line ends, so Excel shows accents right.")
@pass_context
def export(
    obj: Context, fmt: str | None, output: Path | None, from_day: str | None, to_day: str | None, excel: bool
) -> None:
    """Export the whole diary as JSON (default) or its finished episodes as CSV (written readable by you alone).

    A file named .csv gets CSV, as import reads it back; a --format that
    contradicts the name is refused.

    JSON is complete: every episode (unfinished ones marked "status": "open"),
    check-ins, bedtime-routine sessions and deletion records, so another machine
    can merge it. CSV holds finished episodes only.

    --from and --to keep the episodes, check-ins and routine sessions of those
    days (by the local day they happened); a JSON export of a range leaves the
    deletion records out, so importing it never deletes anything.

    \b
    Examples:
      cramp-diary export -o cramps.json
      cramp-diary export --format csv --excel --from 2026-09-01 --to 2026-11-30 -o autumn.csv
    """
    fmt = _export_format(fmt, output)
    if excel and fmt != "csv":
        raise click.UsageError("--excel goes with --format csv (JSON is read by programs, not spreadsheets)")
    target = output if output is not None else Path("-")
    days = day_range(from_day, to_day, obj.now(), lambda: date(FIRST_YEAR, 1, 1))
    with obj.diary(read_only=True) as diary:
        try:
            with diary.snapshot(), atomic_output(target, protect=[obj.path]) as out:
                if fmt == "json":
                    counts = exchange.write_diary_json(out, diary, days)  # type: ignore[arg-type]
                else:
                    episodes = [e for e in diary.episodes.iter_all() if exchange.in_days(e.started_at.date(), days)]
                    checkins = [day for day in diary.checkins.all_days() if exchange.in_days(day, days)]
                    counts = exchange.ExportCounts(episodes=len(episodes), checkins=len(checkins))
                    out.write(exchange.export_csv(episodes, excel=excel))
                    counts.unfinished = sum(exchange.in_days(e.started_at.date(), days) for e in diary.episodes.unfinished())
        except UnsafeTarget as error:
            raise click.ClickException(printable(str(error))) from None
        except BrokenPipeError:
            raise  # the reader left (export | head): the command group ends quietly
        except OSError as error:
            if error.filename:  # about another file (the diary): the command group names it
                raise
            raise cannot("write", target, error) from None
    if output is None or writes_to_stdout(output):
        return  # '-' or /dev/stdout into a pipe: the data is the whole answer, quietly
    span = "" if days is None else f" from {days[0].isoformat()} to {days[1].isoformat()}"
    click.echo(f"Exported {_what(fmt, counts, ranged=days is not None)}{span} to {printable(str(output))}", err=True)


def _what(fmt: str, counts: exchange.ExportCounts, ranged: bool = False) -> str:
    """What the file holds, with what CSV leaves out said plainly."""
    if fmt == "json":
        what = plural(counts.episodes, "episode")
        if counts.unfinished:
            what += f" ({counts.unfinished} unfinished, marked \"status\": \"open\")"
        what += f", {plural(counts.checkins, 'check-in')}, {plural(counts.routines, 'routine session')}"
        if counts.changes:
            what += f", {plural(counts.changes, 'change')}"
        if counts.medicines:
            what += f", {plural(counts.medicines, 'medicine')}"
        if counts.trials:
            what += f", {plural(counts.trials, 'trial')}"
        if ranged:
            return what + " (deletion records stay out of a range)"
        return what + f" and {plural(counts.tombstones, 'deletion record')}"
    what = plural(counts.episodes, "episode")
    left = []
    if counts.unfinished:
        left.append(f"{plural(counts.unfinished, 'unfinished episode')} left out")
    if counts.checkins:
        left.append(f"use --format json to keep your {plural(counts.checkins, 'check-in')} too")
    if left:
        what += f" (CSV holds finished episodes only: {'; '.join(left)})"
    return what


#: The largest file ``import`` reads (more than a diary could hold), and /dev/zero never ends.
MAX_IMPORT_BYTES = exchange.MAX_EXPORT_BYTES
MAX_IMPORT_WORDS = exchange.MAX_EXPORT_WORDS


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
@click.argument("file", type=click.Path(exists=True, dir_okay=False, allow_dash=True, path_type=Path))
@pass_context
def import_(obj: Context, file: Path) -> None:
    """Merge a CSV or JSON export (- for standard input) into the diary: all or nothing, never duplicated.

    A file named .json or .csv is read as that format. Check-ins (JSON only) for
    days that have a cramp in the diary are left out; deletion records keep
    deleted things deleted unless they were edited after the deletion.
    """
    if str(file) == "-":
        data = sys.stdin.buffer.read(MAX_IMPORT_BYTES + 1)
        if len(data) > MAX_IMPORT_BYTES:
            raise click.ClickException(f"cannot import standard input: it is larger than {MAX_IMPORT_WORDS}")
        name = None
    else:
        data, name = read_import_file(file), file.name
    try:
        found = exchange.stream_export(data, obj.now(), name=name)
    except exchange.ImportRefused as error:
        raise click.UsageError(clip(f"cannot import: {error}")) from None
    from cramp_diary.use_cases.importing import import_export

    with obj.diary() as diary:
        try:  # each episode is checked as it is merged: a bad one undoes the whole import
            imported = import_export(diary, found, str(file))
        except exchange.ImportRefused as error:
            raise click.UsageError(clip(f"cannot import: {error}")) from None
    click.echo(imported.message)
