"""Commands that show the pattern: ``checkin``, ``stats`` and ``report``.

plotext is imported inside ``stats`` only, so the other commands start fast.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from datetime import date, datetime
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from cramp_diary import iso_weeks, parsing, plots, stats
from cramp_diary.cli.day_range import day_range, day_range_options
from cramp_diary.cli.group import Context, cannot, cli, pass_context, printable
from cramp_diary.markers import ChangeMarker, legend
from cramp_diary.model import InvalidField, check_day_in_range
from cramp_diary.parsing import parse_sleep
from cramp_diary.report import FORMATS, build_report, period_line, save_report, summary_rows, to_markdown
from cramp_diary.safe_write import TargetExists, UnsafeTarget

DAY_HELP = f"last night, {parsing.DAY_HELP}"
CHART_HEIGHT = 18
#: About 190 years: further back than any diary reaches, and the dates stay computable.
MAX_WEEKS = 9999


class Weeks(click.ParamType):
    """A number of ISO weeks (1 or more), or 'all' for every record; 'all' becomes None."""

    name = "N|all"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int | None:
        if value is None or isinstance(value, int):
            return value
        text = str(value).strip().lower()
        if text == "all":
            return None
        # isdecimal, not isdigit: int() refuses '²'; the cap keeps the first Monday a real date
        if text.isdecimal() and len(text) <= len(str(MAX_WEEKS)) and 1 <= int(text) <= MAX_WEEKS:
            return int(text)
        self.fail(f"must be a whole number of weeks from 1 to {MAX_WEEKS}, or 'all' (got {value!r})", param, ctx)


weeks_option = click.option(
    "--weeks",
    type=Weeks(),
    default="12",
    show_default=True,
    help="How many ISO weeks (Monday to Sunday), ending with this one; 'all' for every record.",
)


def parse_day(text: str, now: datetime) -> date:
    """The day a check-in is for: 'last night' (the default) or any day :func:`parsing.parse_day` reads; none to come."""
    cleaned = " ".join(text.strip().lower().split())
    try:
        day = stats.last_night(now) if cleaned in ("", "last night") else parsing.parse_day(text, now.date(), "date")
        return check_day_in_range("date", day, now.date())
    except InvalidField as error:
        rule = error.rule.replace(f"must be {parsing.DAY_HELP}", f"must be {DAY_HELP}")  # 'last night' too, here
        raise click.BadParameter(rule if "(got" in rule else f"{rule} (got {text!r})", param_hint="'--date'") from None


@cli.command()
@click.option("--date", "when", help=f"Which evening: {DAY_HELP} (default: tonight; after midnight, last evening).")
@pass_context
def stretched(obj: Context, when: str | None) -> None:
    """Note that you did your bedtime stretches, without the timer.

    They count in the report's "Bedtime stretches done on N of M evenings",
    like stretches timed in the app.

    \b
    Examples:
      cramp-diary stretched
      cramp-diary stretched --date yesterday
    """
    from cramp_diary.timer_session import note_stretches

    now = obj.now()
    evening = None if when is None else parse_day(when, now)
    with obj.diary() as diary:
        try:
            noted = note_stretches(diary, now, evening)
        except InvalidField as error:
            raise click.BadParameter(error.rule, param_hint="'--date'") from None
    click.echo(noted.message)


@cli.command()
@click.option("--none", "no_cramps", is_flag=True, help="Record that there was no cramp.")
@click.option("--date", "when", default="", help=f"Which day: {DAY_HELP} (default: last night).")
@click.option("--undo", is_flag=True, help="Take back the check-in for that day.")
@click.option("--from", "from_day", help=f"With --none and --to: the first day to mark ({DAY_HELP}).")
@click.option("--to", "to_day", help="With --none and --from: the last day to mark (at most 92 days in all).")
@click.option(
    "--sleep", "sleep", metavar="N", help="With --none: how much cramps disturbed that night's sleep, 0 (not at all) to 10."
)
@pass_context
def checkin(
    obj: Context, no_cramps: bool, when: str, undo: bool, from_day: str | None, to_day: str | None, sleep: str | None
) -> None:
    """Record a night without cramps, so the day counts as cramp-free instead of unknown.

    A night belongs to the day it ends on. Without --date the check-in is for
    the night that ended this morning; before 04:00 it is for the night before.

    \b
    Examples:
      cramp-diary checkin --none
      cramp-diary checkin --none --date yesterday
      cramp-diary checkin --undo --date 2026-11-20
      cramp-diary checkin --none --from 2026-11-01 --to 2026-11-20
      cramp-diary checkin --none --sleep 2
    """
    if no_cramps == undo:
        raise click.UsageError("say --none to record a night without cramps, or --undo to take one back")
    rating = parse_sleep(sleep) if sleep is not None else None
    if sleep is not None and (undo or from_day is not None or to_day is not None):
        raise click.UsageError("--sleep goes with --none for one night (not with --undo, --from or --to)")
    if from_day is not None or to_day is not None:
        _backfill(obj, undo, when, from_day, to_day)
        return
    from cramp_diary.use_cases.check_in import check_in, take_back

    day = parse_day(when, obj.now())
    with obj.diary() as diary:
        if undo:
            click.echo(take_back(diary, day).message)
            return
        done = check_in(diary, day, rating)
    if done.refused:
        raise click.UsageError(done.message)
    click.echo(done.message)


def _backfill(obj: Context, undo: bool, when: str, from_day: str | None, to_day: str | None) -> None:
    """``checkin --none --from DAY --to DAY``: every day of the range without a cramp, through the one check-in rule."""
    from cramp_diary.use_cases.check_in import backfill, check_backfill

    if undo or when:
        raise click.UsageError("--from and --to go with --none alone (not with --date or --undo)")
    if from_day is None or to_day is None:
        raise click.UsageError("give both --from and --to")
    now = obj.now()
    first = _option_day(from_day, now, "--from")
    last = _option_day(to_day, now, "--to")
    check_backfill(first, last)  # before the diary is opened (or made)
    with obj.diary() as diary:
        click.echo(backfill(diary, first, last).message)


def _option_day(text: str, now: datetime, option: str) -> date:
    """parse_day for another option: the same words, the error naming ``option``."""
    try:
        return parse_day(text, now)
    except click.BadParameter as error:
        raise click.BadParameter(error.message, param_hint=f"'{option}'") from None


def weekly_chart(
    timeline: iso_weeks.Timeline, width: int, colour: bool, markers: Sequence[ChangeMarker] = ()
) -> str:
    """The weekly bars (months or years for long periods) drawn by plotext; plain text off a terminal.

    Each dated change is marked on the chart and named again in a legend line below it, in case a label is cut.
    """
    import plotext as plt

    plots.plot_timeline(plt, timeline, width, markers=markers)
    plt.plotsize(width, CHART_HEIGHT)
    plt.theme("clear")
    chart: str = plt.build()
    chart = chart if colour else plt.uncolorize(chart)
    lines = [chart, plots.timeline_key(timeline), legend(markers) if markers else None]
    return "\n".join(line for line in lines if line)


def wants_colour(choice: str) -> bool:
    """--color always/never as told; auto colours a terminal unless NO_COLOR is set (no-color.org) or TERM=dumb."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout.isatty()


def summary_text(summary: stats.Summary, weeks: int | None) -> str:
    rows = summary_rows(summary)
    widest = max(len(label) for label, _ in rows)
    lines = [f"Cramp statistics, {period_line(summary, weeks)}", ""]
    lines += [f"  {label:<{widest}}  {value}" for label, value in rows]
    return "\n".join(lines)


@cli.command(name="stats")
@weeks_option
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Output format."
)
@click.option(
    "--color",
    "colour",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the chart: auto is on a terminal, unless NO_COLOR is set.",
)
@pass_context
def stats_(obj: Context, weeks: int | None, fmt: str, colour: str) -> None:
    """Show cramps per week, cramp-free days, severity and duration, and the weekly chart.

    \b
    Examples:
      cramp-diary stats                  # the last 12 weeks
      cramp-diary stats --weeks 52
      cramp-diary stats --weeks all --format json
      cramp-diary stats --color never    # or set NO_COLOR=1
    """
    from cramp_diary.use_cases.pattern_view import pattern_view

    today = obj.now().date()
    with obj.diary(read_only=True) as diary:
        view = pattern_view(diary, today, weeks)
        weekly = iso_weeks.weekly(diary, view.first, view.last) if fmt == "json" else []  # the text chart draws the bars
    if fmt == "json":
        figures = {"weeks_asked": weeks, "summary": view.summary.as_dict(), "weeks": [w.as_dict() for w in weekly]}
        click.echo(json.dumps(figures, indent=2))
        return
    width = max(40, min(shutil.get_terminal_size((80, 24)).columns, 120))
    click.echo(summary_text(view.summary, weeks))
    click.echo()
    coloured = wants_colour(colour)
    chart = weekly_chart(view.timeline, width, colour=coloured, markers=view.markers)
    click.echo(chart, color=coloured)  # click would strip it off a terminal


@cli.command(name="report")
@weeks_option
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to FILE.md or FILE.html, readable by you only; prints Markdown when left out.",
)
@click.option("--force", is_flag=True, help="Replace FILE if it already exists (it keeps its own permissions).")
@day_range_options("the report, instead of --weeks")
@click.pass_context
def report_(
    ctx: click.Context, weeks: int | None, output: Path | None, force: bool, from_day: str | None, to_day: str | None
) -> None:
    """Make a report to take to your healthcare provider.

    It holds the period, days recorded, the weekly table and chart, warning
    signs, muscles, triggers and reliefs, every episode, and questions to ask.
    The HTML file is self-contained and prints well.

    \b
    Examples:
      cramp-diary report --weeks 12 -o cramps.html
      cramp-diary report --weeks 12 -o cramps.html --force   # replace last time's file
      cramp-diary report --weeks all > cramps.md
      cramp-diary report --from 2026-09-01 --to 2026-11-30 -o autumn.html
    """
    obj: Context = ctx.find_object(Context)  # type: ignore[assignment]
    if output is not None and output.suffix.lower() not in FORMATS:
        raise click.BadParameter(f"must end in .md or .html (got {output.name!r})", param_hint="'--output'")
    from cramp_diary.clock import home_zone
    from cramp_diary.paths import config_dir
    from cramp_diary.settings import began_day, load_settings

    ranged = from_day is not None or to_day is not None
    if ranged and ctx.get_parameter_source("weeks") is not click.core.ParameterSource.DEFAULT:
        raise click.UsageError("give --weeks, or --from and --to, not both")
    now = obj.now()
    today, zone, began = now.date(), home_zone(now), began_day(load_settings(config_dir())[0])
    with obj.diary(read_only=True) as diary:
        days = day_range(from_day, to_day, obj.now(), lambda: stats.first_recorded_day(diary) or today)
        if output is None:
            click.echo(to_markdown(build_report(diary, today, weeks, zone, days=days, began=began)), nl=False)
            return
        try:
            data = save_report(diary, today, weeks, output, overwrite=force, days=days, zone=zone, began=began)
        except TargetExists:
            raise click.ClickException(
                f"{printable(str(output))} already exists; choose another name, or add --force to replace it"
            ) from None
        except UnsafeTarget as error:
            raise click.ClickException(printable(str(error))) from None
        except OSError as error:
            raise cannot("write", output, error) from None
    click.echo(f"Wrote the report for {data.summary.first} to {data.summary.last} to {output}")
