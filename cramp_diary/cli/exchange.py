"""Commands that move the whole diary in and out, export and import: the CLI of cramp_diary.exchange."""

from __future__ import annotations

from pathlib import Path

import click

from cramp_diary import exchange
from cramp_diary.cli import Context, cannot, cli, pass_context, printable
from cramp_diary.safe_write import UnsafeTarget, atomic_output
from cramp_diary.store import MergeResult
from cramp_diary.wording import plural


def _is_diary_file(output: Path, diary: Path) -> bool:
    """True when ``output`` is the diary or one of its -wal/-shm companions (-o would truncate it)."""
    target = output.expanduser().resolve()
    base = diary.expanduser().resolve()
    return target in {base, base.with_name(base.name + "-wal"), base.with_name(base.name + "-shm")}


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path), help="File to write, - for standard output (default: print).")
@pass_context
def export(obj: Context, fmt: str, output: Path | None) -> None:
    """Export the whole diary as JSON (default) or its finished episodes as CSV (written readable by you alone).

    JSON is complete: every episode (unfinished ones marked "status": "open"),
    check-ins, bedtime-routine sessions and deletion records, so another machine
    can merge it. CSV holds finished episodes only.
    """
    if output is not None and str(output) != "-" and _is_diary_file(output, obj.path):
        raise click.BadParameter("is the diary itself; exporting there would destroy it", param_hint="'-o'")
    target = output if output is not None else Path("-")
    with obj.diary() as diary:
        try:
            with diary.reading(), atomic_output(target, protect=[obj.path]) as out:
                if fmt == "json":
                    counts = exchange.write_json(
                        out,  # type: ignore[arg-type]
                        diary.iter_all(include_open=True),
                        diary.checkin_records(),
                        diary.routine_records(),
                        diary.tombstones(),
                        device=diary.device_name(),
                    )
                else:
                    episodes = list(diary.iter_all())
                    counts = exchange.ExportCounts(episodes=len(episodes), checkins=len(diary.all_checkins()))
                    out.write(exchange.export_csv(episodes))
                    counts.unfinished = len(diary.open_episodes())
        except UnsafeTarget as error:
            raise click.ClickException(str(error)) from None
        except BrokenPipeError:
            raise  # the reader left (export | head): the command group ends quietly
        except OSError as error:
            if error.filename:  # about another file (the diary): the command group names it
                raise
            raise cannot("write", target, error) from None
    if output is None or str(output) == "-":
        return
    click.echo(f"Exported {_what(fmt, counts)} to {printable(str(output))}", err=True)


def _what(fmt: str, counts: exchange.ExportCounts) -> str:
    """What the file holds, with what CSV leaves out said plainly."""
    if fmt == "json":
        what = plural(counts.episodes, "episode")
        if counts.unfinished:
            what += f" ({counts.unfinished} unfinished, marked \"status\": \"open\")"
        what += f", {plural(counts.checkins, 'check-in')}, {plural(counts.routines, 'routine session')}"
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


def summary_line(file: Path, result: MergeResult) -> str:
    """What an import did, in one line; check-ins are named only when the file had some."""
    line = (
        f"Imported {printable(str(file))}: {result.added} added, {result.updated} updated from a newer edit, "
        f"{result.unchanged} already here"
    )
    if result.deleted or result.revived:
        line += f"; {result.deleted} deleted (deleted there after their last edit)"
        if result.revived:
            line += f", {plural(result.revived, 'deleted episode')} brought back (edited there after the deletion)"
    if result.checkins_added or result.checkins_present or result.checkins_skipped:
        line += f"; {plural(result.checkins_added, 'check-in')} added, {result.checkins_present} already here"
        if result.checkins_skipped:
            line += f", {result.checkins_skipped} left out because the diary has a cramp that day"
    return line + "."


@cli.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, allow_dash=True, path_type=Path))
@pass_context
def import_(obj: Context, file: Path) -> None:
    """Merge a CSV or JSON export (- for standard input) into the diary: all or nothing, never duplicated.

    A file named .json or .csv is read as that format. Check-ins (JSON only) for
    days that have a cramp in the diary are left out; deletion records keep
    deleted things deleted unless they were edited after the deletion.
    """
    stdin = str(file) == "-"
    try:
        data = click.get_binary_stream("stdin").read() if stdin else file.read_bytes()
    except OSError as error:
        raise cannot("read", file, error) from None
    found = exchange.read_export(data, obj.now(), name=None if stdin else file.name)
    with obj.diary() as diary:
        result = diary.merge(found.episodes, found.checkins, found.routines, found.tombstones)
    click.echo(summary_line(file, result))
