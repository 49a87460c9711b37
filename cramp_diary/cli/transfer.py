"""Commands that move the whole diary in and out: export, import."""

from __future__ import annotations

from pathlib import Path

import click

from cramp_diary import exchange
from cramp_diary.cli import Context, cli, pass_context
from cramp_diary.paths import write_private


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
    """Export every episode as CSV or JSON (written readable by you alone)."""
    if output is not None and _is_diary_file(output, obj.path):
        raise click.BadParameter("is the diary itself; exporting there would destroy it", param_hint="'-o'")
    with obj.diary() as diary:
        episodes = list(diary.iter_all())
    text = exchange.export_csv(episodes) if fmt == "csv" else exchange.export_json(episodes)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_private(output, text)
        click.echo(f"Exported {len(episodes)} episodes to {output}", err=True)


@cli.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@pass_context
def import_(obj: Context, file: Path) -> None:
    """Merge a CSV or JSON export into the diary: all or nothing, never duplicated."""
    episodes = exchange.parse_export(file.read_bytes(), obj.now())
    with obj.diary() as diary:
        result = diary.merge(episodes)
    click.echo(
        f"Imported {file}: {result.added} added, {result.updated} updated from a newer edit, "
        f"{result.unchanged} already here."
    )
