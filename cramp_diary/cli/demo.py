"""``cramp-diary demo``: fill a new diary with sample data to explore the app."""

from __future__ import annotations

from datetime import date

import click

from cramp_diary.cli.group import Context, cli, pass_context
from cramp_diary.demo import write_demo
from cramp_diary.store import DiaryError, EpisodeFilter
from cramp_diary.wording import plural


@cli.command()
@click.option("--force", is_flag=True, help="Add the sample even if the diary already has episodes.")
@pass_context
def demo(obj: Context, force: bool) -> None:
    """Write about six months of realistic sample episodes into a diary.

    \b
    Example:
      cramp-diary demo --db demo.db && cramp-diary --db demo.db
    """
    if obj.is_default:
        raise click.UsageError("sample data goes into a diary of its own: give --db, e.g. cramp-diary demo --db demo.db")
    with obj.diary() as diary:
        existing = diary.episodes.count(EpisodeFilter(include_open=True))
        checkins = len(diary.checkins.days_between(date.min, date.max))
        if (existing or checkins) and not force:
            raise DiaryError(
                f"{obj.path} already has {plural(existing, 'episode')} and {plural(checkins, 'check-in')}; "
                "put the sample in a new file (--db demo.db)"
            )
        result, sample = write_demo(diary, obj.now())
    click.echo(
        f"Wrote {result.added} sample episodes, {len(sample.checkins)} cramp-free check-ins and "
        f"{len(sample.bedtime_routines)} bedtime routines to {obj.path}"
    )
