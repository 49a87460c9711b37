"""Commands that move the whole diary in and out, export and import: the CLI of cramp_diary.exchange."""

from __future__ import annotations

from pathlib import Path

import click

from cramp_diary import exchange
from cramp_diary.cli import Context, cannot, cli, pass_context, printable
from cramp_diary.paths import write_private
from cramp_diary.store import MergeResult
from cramp_diary.wording import plural


def _is_diary_file(output: Path, diary: Path) -> bool:
    """True when ``output`` is the diary or one of its -wal/-shm companions (-o would truncate it)."""
    target = output.expanduser().resolve()
    base = diary.expanduser().resolve()
    return target in {base, base.with_name(base.name + "-wal"), base.with_name(base.name + "-shm")}


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default: print).")
@pass_context
def export(obj: Context, fmt: str, output: Path | None) -> None:
    """Export every episode as CSV or JSON (written readable by you alone).

    JSON also holds the days you checked in as cramp-free; CSV holds episodes only.
    """
    if output is not None and _is_diary_file(output, obj.path):
        raise click.BadParameter("is the diary itself; exporting there would destroy it", param_hint="'-o'")
    with obj.diary() as diary:
        episodes = list(diary.iter_all())
        checkins = diary.all_checkins()
        reviews = diary.warning_reviews()
    text = exchange.export_csv(episodes) if fmt == "csv" else exchange.export_json(episodes, checkins, reviews)
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        write_private(output, text)
    except OSError as error:
        raise cannot("write", output, error) from None
    if fmt == "json":
        what = f"{plural(len(episodes), 'episode')} and {plural(len(checkins), 'check-in')}"
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


@cli.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@pass_context
def import_(obj: Context, file: Path) -> None:
    """Merge a CSV or JSON export into the diary: all or nothing, never duplicated.

    A file named .json or .csv is read as that format. Check-ins (JSON only) for
    days that have a cramp in the diary are left out.
    """
    try:
        data = file.read_bytes()
    except OSError as error:
        raise cannot("read", file, error) from None
    found = exchange.read_export(data, obj.now(), name=file.name)
    with obj.diary() as diary:
        result = diary.merge(found.episodes, checkins=found.checkins, reviews=found.reviews)
    click.echo(summary_line(file, result))
