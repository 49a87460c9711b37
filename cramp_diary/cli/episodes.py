"""Commands that record and read single episodes: log, list, show, edit, delete."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import click

from cramp_diary.cli import Context, cli, pass_context, printable
from cramp_diary.model import CONTEXTS, MUSCLES, RELIEFS, SIDES, SIGNS, Episode, InvalidField
from cramp_diary.parsing import format_duration, format_when, parse_duration, parse_severity, parse_when
from cramp_diary.store import Diary, DiaryError, EpisodeFilter
from cramp_diary.wording import plural


def episode_options(required: bool) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The options shared by ``log`` and ``edit``; on edit, only what is given changes."""
    # On edit a list option replaces the saved list whole: say so where people look, in --help.
    several = "replaces the saved list; repeat the option for several" if not required else "repeat for several"

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        options = [
            click.option("--at", "at", help="When it started: now, 03:10, 'yesterday 03:10', -20m ..."),
            click.option(
                "--muscle",
                help=f"Which muscle: {', '.join(MUSCLES)}, or any other word.",
                required=required,
            ),
            click.option("--side", type=click.Choice(SIDES), required=required, help="Which leg."),
            click.option("--duration", help="How long: 90, 90s, 2m, 1m30s, 1:30."),
            click.option("--severity", help="How bad, 0 (barely) to 10 (worst)."),
            click.option("--context", type=click.Choice(CONTEXTS), help="What you were doing (asleep: it woke you)."),
            click.option("--trigger", "triggers", multiple=True, help=f"A possible trigger ({several})."),
            click.option(
                "--relief", "reliefs", multiple=True, type=click.Choice(RELIEFS), help=f"What helped ({several})."
            ),
            click.option(
                "--sign", "signs", multiple=True, type=click.Choice(SIGNS), help=f"A warning sign seen ({several})."
            ),
            click.option("--note", help="Anything else worth remembering."),
        ]
        for option in reversed(options):
            func = option(func)
        return func

    return decorate


def _muscle(value: str) -> tuple[str, str]:
    """A known muscle, or 'other' with the person's own word kept (a blank one is refused)."""
    cleaned = value.strip().lower()
    if not cleaned:
        raise InvalidField("muscle", f"must be one of {', '.join(MUSCLES[:-1])}, or any other word")
    return (cleaned, "") if cleaned in MUSCLES else ("other", value.strip())


def _changes(now: datetime, **given: Any) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    if given["at"] is not None:
        changes["started_at"] = parse_when(given["at"], now)
    if given["muscle"] is not None:
        changes["muscle"], changes["muscle_other"] = _muscle(given["muscle"])
    if given["side"] is not None:
        changes["side"] = given["side"]
    if given["duration"] is not None:
        changes["duration"] = parse_duration(given["duration"])
    if given["severity"] is not None:
        changes["severity"] = parse_severity(given["severity"])
    if given["context"] is not None:
        changes["context"] = given["context"]
    for name in ("triggers", "reliefs", "signs"):
        if given[name]:
            changes[name] = tuple(given[name])
    if given["note"] is not None:
        changes["note"] = given["note"]
    return changes


UNFINISHED = "started by the cramp timer and never finished; open the app to finish or discard it"


def describe(episode: Episode) -> str:
    """One episode as a few readable lines; one the timer left unfinished says so first."""
    lines = [
        f"Episode {episode.id}" + (" (unfinished)" if episode.is_open else ""),
        *([f"  unfinished: {UNFINISHED}"] if episode.is_open else []),
        f"  when       {format_when(episode.started_at)} ({episode.started_at.strftime('%z')})",
        f"  muscle     {printable(episode.muscle_label)} ({episode.side})",
        f"  duration   {format_duration(episode.duration)}",
        f"  severity   {'?' if episode.severity is None else f'{episode.severity}/10'}",
        f"  context    {episode.context or '-'}",
        f"  triggers   {printable(', '.join(episode.triggers)) or '-'}",
        # side tables have no CHECK constraint: a hand-edited diary may hold anything
        f"  reliefs    {printable(', '.join(episode.reliefs)) or '-'}",
        f"  signs      {printable(', '.join(episode.signs)) or '-'}",
    ]
    if episode.note:
        lines.append(f"  note       {printable(episode.note)}")
    return "\n".join(lines)


def table_line(episode: Episode) -> str:
    severity = "-" if episode.severity is None else str(episode.severity)
    muscle = printable(episode.muscle_label)[:12]
    return (
        f"{episode.id:>5}  {format_when(episode.started_at)}  {muscle:<12} {episode.side:<5}  "
        f"{format_duration(episode.duration):>6}  {severity:>3}  {episode.context or '-':<14} "
        f"{printable(', '.join(episode.triggers))}"
    ).rstrip()


#: An episode id or a count, as SQLite can hold it: a larger number would crash the query, not miss.
SQLITE_MAX_INT = 2**63 - 1
EPISODE_ID = click.IntRange(min=1, max=SQLITE_MAX_INT)

TABLE_HEADER = f"{'ID':>5}  {'WHEN':<16}  {'MUSCLE':<12} {'SIDE':<5}  {'DUR':>6}  {'SEV':>3}  {'CONTEXT':<14} TRIGGERS"


@cli.command()
@episode_options(required=True)
@pass_context
def log(obj: Context, **given: Any) -> None:
    """Record a cramp episode.

    \b
    Example:
      cramp-diary log --muscle calf --side left --duration 1m30s \\
          --severity 6 --trigger dehydration --at "yesterday 03:10" --context asleep
    """
    now = obj.now()
    changes = _changes(now, **given)
    changes.setdefault("started_at", now)
    episode = Episode(**changes)
    with obj.diary() as diary:
        saved = diary.add(episode)
    click.echo(f"Saved episode {saved.id}.")
    click.echo(describe(saved))


@cli.command(name="list")
@click.option("--since", help="Only episodes from this time on (same words as --at).")
@click.option(
    "--limit", type=click.IntRange(min=1, max=SQLITE_MAX_INT), default=50, show_default=True, help="How many to show."
)
@pass_context
def list_(obj: Context, since: str | None, limit: int) -> None:
    """List episodes, newest first."""
    query = EpisodeFilter(since=parse_when(since, obj.now(), field="since") if since else None)
    with obj.diary() as diary:
        episodes = diary.episodes(query, limit=limit)
        total = diary.count(query)
        unfinished = diary.open_episodes()
    if not episodes and query.since is not None:
        click.echo(f"No episodes match: none since {format_when(query.since)} (all of them: cramp-diary list).")
    elif not episodes:
        click.echo("No episodes yet. Record one with: cramp-diary log --muscle calf --side left")
    else:
        click.echo(TABLE_HEADER)
        for episode in episodes:
            click.echo(table_line(episode))
        if total > len(episodes):
            click.echo(f"({len(episodes)} of {total} shown; use --limit to see more)")
    if unfinished:
        click.echo(unfinished_line(unfinished))


def unfinished_line(unfinished: list[Episode]) -> str:
    """The timer's unfinished cramps, which the list leaves out, in one line that says what to do."""
    one = len(unfinished) == 1
    ids = ", ".join(str(e.id) for e in unfinished)
    return (
        f"{plural(len(unfinished), 'unfinished cramp')} from the timer {'is' if one else 'are'} waiting "
        f"({'ID' if one else 'IDs'} {ids}); open the app to finish {'it' if one else 'them'}"
    )


def _get(diary: Diary, episode_id: int) -> Episode:
    episode = diary.get(episode_id)
    if episode is None:
        raise DiaryError(f"there is no episode {episode_id} (see: cramp-diary list)")
    return episode


@cli.command()
@click.argument("episode_id", type=EPISODE_ID, metavar="ID")
@pass_context
def show(obj: Context, episode_id: int) -> None:
    """Show one episode in full."""
    with obj.diary() as diary:
        click.echo(describe(_get(diary, episode_id)))


@cli.command()
@click.argument("episode_id", type=EPISODE_ID, metavar="ID")
@episode_options(required=False)
@pass_context
def edit(obj: Context, episode_id: int, **given: Any) -> None:
    """Change an episode; only the options you give are changed.

    --trigger, --relief and --sign replace the saved list: give every one you
    want to keep, e.g. --relief stretch --relief massage.
    """
    changes = _changes(obj.now(), **given)
    if not changes:
        raise click.UsageError("give at least one option to change, e.g. --severity 5")
    with obj.diary() as diary:
        current = _get(diary, episode_id)
        # applied to the row as it is when written: a field changed meanwhile elsewhere (the app's form) survives
        saved = diary.update_fields(current, current.with_changes(**changes), keep_mine=True)
    click.echo(f"Updated episode {saved.id}.")
    click.echo(describe(saved))


@cli.command()
@click.argument("episode_id", type=EPISODE_ID, metavar="ID")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@pass_context
def delete(obj: Context, episode_id: int, yes: bool) -> None:
    """Delete an episode (asks first)."""
    with obj.diary() as diary:
        episode = _get(diary, episode_id)
        if not yes:
            click.echo(table_line(episode))
            click.confirm(f"Delete episode {episode_id}?", abort=True)
        diary.delete(episode_id)
    click.echo(f"Deleted episode {episode_id}.")
