"""Commands that record and read single episodes: log, list, show, edit, delete."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from cramp_diary.cli import completion
from cramp_diary.cli.group import SQLITE_MAX_INT, Context, NotFound, RecordId, cli, pass_context, printable
from cramp_diary.cli.output import StreamClosed
from cramp_diary.cli.episode_input import (
    FORMATS,
    as_json,
    describe,
    episode_option_table,
    fields_given,
    new_episode,
    saved_lines,
)
from cramp_diary.model import Episode
from cramp_diary.parsing import format_when, parse_since
from cramp_diary.records import episode_json
from cramp_diary.store import Diary, EpisodeFilter
from cramp_diary.store.search import words as search_words
from cramp_diary.use_cases.episode_actions import delete as delete_episode, edit as edit_episode, log as log_episode
from cramp_diary.wording import episode_fields, plural


def episode_options(required: bool) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The options shared by ``log`` and ``edit`` (the table in episode_input); on edit, only what is given changes."""

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        for option in reversed(episode_option_table(required)):
            if option.is_flag:  # is_flag=False spelled out makes click read '--at -2h' as an option '-2'
                func = click.option(option.flag, option.name, is_flag=True, help=option.help)(func)
                continue
            func = click.option(
                option.flag,
                option.name,
                type=click.Choice(option.choices + option.aliases) if option.choices is not None else None,
                metavar=f"[{'|'.join(option.choices)}]" if option.choices is not None else None,
                multiple=option.multiple,
                required=option.required,
                help=option.help,
                shell_complete=completion.EPISODE_OPTIONS.get(option.name),
            )(func)
        return func

    return decorate


def table_line(episode: Episode) -> str:
    """One row under TABLE_HEADER, the muscle cut to its column."""
    fields = episode_fields(episode)
    return (
        f"{episode.id:>5}  {fields.when}  {fields.muscle[:12]:<12} {fields.side:<5}  "
        f"{fields.duration:>6}  {fields.severity or '-':>3}  {fields.context or '-':<14} {fields.triggers}"
    ).rstrip()


EPISODE_ID = RecordId("episode", "cramp-diary list")

format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="text to read, or json with the field names of 'cramp-diary export'.",
)


TABLE_HEADER = f"{'ID':>5}  {'WHEN':<16}  {'MUSCLE':<12} {'SIDE':<5}  {'DUR':>6}  {'SEV':>3}  {'CONTEXT':<14} TRIGGERS"


@cli.command()
@episode_options(required=True)
@format_option
@pass_context
def log(obj: Context, fmt: str, **given: Any) -> None:
    """Record a cramp episode.

    \b
    Example:
      cramp-diary log --muscle calf --side left --duration 1m30s \\
          --severity 6 --trigger dehydration --at "yesterday 03:10" --context asleep
      cramp-diary log --muscle calf --side right --at "20 minutes ago" --duration "2 minutes"
    """
    episode = new_episode(obj.now(), **given)
    with obj.diary(create=True) as diary:
        saved = log_episode(diary, episode)
    try:
        for line in saved_lines(saved, fmt):
            click.echo(line)
    except StreamClosed as error:  # saved all the same: say so, so nobody logs it twice
        raise click.ClickException(f"saved episode {saved.episode.id}, but {error}") from None


@cli.command(name="list")
@click.option(
    "--since",
    shell_complete=completion.day,
    help="Only episodes from this time on: the words of --at, or a day (yesterday, 2026-11-01).",
)
@click.option(
    "--limit", type=click.IntRange(min=1, max=SQLITE_MAX_INT), default=50, show_default=True, help="How many to show."
)
@click.option(
    "--search",
    metavar="WORDS",
    default="",
    help="Only episodes with all these words (or words starting so) in a note, muscle, trigger, relief or sign.",
)
@format_option
@pass_context
def list_(obj: Context, since: str | None, limit: int, search: str, fmt: str) -> None:
    """List episodes, newest first.

    \b
    Examples:
      cramp-diary list --since yesterday
      cramp-diary list --search "driv"          # finds "cramp after the long drive"
      cramp-diary list --search "calf night" --since 2026-11-01 --format json
    """
    if search.strip() and not search_words(search):  # "-" alone would list every episode, as if all matched
        raise click.BadParameter(
            f"must hold a word to look for: letters or digits; punctuation only separates words (got {printable(search)!r})",
            param_hint="'--search'",
        )
    query = EpisodeFilter(text=search, since=parse_since(since, obj.now()) if since is not None else None)
    with obj.diary(read_only=True) as diary:
        # one row more than asked says whether there are more, without counting a lifetime's rows
        episodes = diary.episodes.newest_first(query, limit=min(limit + 1, SQLITE_MAX_INT))
        more = len(episodes) > limit
        episodes = episodes[:limit]
        from cramp_diary import timer_session  # here: a plain log never loads the timer

        unfinished = timer_session.waiting(diary, obj.now)  # not a running timer's, nor another machine's
    if fmt == "json":  # the listed episodes only: the unfinished ones are not records yet, as in the export
        click.echo(as_json([episode_json(e) for e in episodes]))
        return
    if not episodes and (query.since is not None or search.strip()):
        click.echo(f"No episodes match: {_asked(query)} (all of them: cramp-diary list).")
    elif not episodes:
        click.echo("No episodes yet. Record one with: cramp-diary log --muscle calf --side left")
    else:
        click.echo(TABLE_HEADER)
        for episode in episodes:
            click.echo(table_line(episode))
        if more:
            click.echo(f"({len(episodes)} shown, the newest; there are more: use --limit to see them)")
    if unfinished:
        click.echo(unfinished_line(unfinished))


def _asked(query: EpisodeFilter) -> str:
    """What a list that found nothing was asked for, in words: 'none with "drive" since 2026-11-01 00:00'."""
    with_words = f" with {printable(query.text.strip())!r}" if query.text.strip() else ""
    since = f" since {format_when(query.since)}" if query.since is not None else ""
    return f"none{with_words}{since}"


def unfinished_line(unfinished: list[Episode]) -> str:
    """The timer's unfinished cramps, which the list leaves out, in one line that says what to do."""
    one = len(unfinished) == 1
    ids = ", ".join(str(e.id) for e in unfinished)
    return (
        f"{plural(len(unfinished), 'unfinished cramp')} from the timer {'is' if one else 'are'} waiting "
        f"({'ID' if one else 'IDs'} {ids}); open the app to finish {'it' if one else 'them'}"
    )


def _get(diary: Diary, episode_id: int) -> Episode:
    episode = diary.episodes.get(episode_id)
    if episode is None:
        raise NotFound("episode", episode_id, "cramp-diary list")
    return episode


@cli.command()
@click.argument("episode_id", type=EPISODE_ID, metavar="ID", shell_complete=completion.episode_id)
@format_option
@pass_context
def show(obj: Context, episode_id: int, fmt: str) -> None:
    """Show one episode in full."""
    with obj.diary(read_only=True) as diary:
        episode = _get(diary, episode_id)
        from cramp_diary import timer_session

        waiting = not episode.is_open or episode.uuid in {e.uuid for e in timer_session.waiting(diary, obj.now)}
    click.echo(as_json(episode_json(episode)) if fmt == "json" else describe(episode, waiting=waiting))


@cli.command()
@click.argument("episode_id", type=EPISODE_ID, metavar="ID", shell_complete=completion.episode_id)
@episode_options(required=False)
@pass_context
def edit(obj: Context, episode_id: int, **given: Any) -> None:
    """Change an episode; only the options you give are changed.

    --trigger, --relief and --sign replace the saved list: give every one you
    want to keep, e.g. --relief stretch --relief massage. 'none' empties a list
    (--sign none) or clears the context (--context none).
    """
    changes = fields_given(obj.now(), can_clear=True, **given)
    if not changes:
        raise click.UsageError("give at least one option to change, e.g. --severity 5")
    with obj.diary(create=False) as diary:
        current = _get(diary, episode_id)
        # applied to the row as it is when written: a field changed meanwhile elsewhere (the app's form) survives
        saved = edit_episode(diary, current, current.with_changes(**changes), keep_mine=True)
    click.echo(saved.message)
    click.echo(describe(saved.episode))


@cli.command()
@click.argument("episode_id", type=EPISODE_ID, metavar="ID", shell_complete=completion.episode_id)
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@pass_context
def delete(obj: Context, episode_id: int, yes: bool) -> None:
    """Delete an episode (asks first)."""
    with obj.diary(create=False) as diary:
        episode = _get(diary, episode_id)
        if not yes:
            # on stderr with the line above: `yes | cramp-diary delete 3 > log` keeps stdout to the result
            click.echo(table_line(episode), err=True)
            click.confirm(f"Delete episode {episode_id}?", abort=True, err=True)
        done = delete_episode(diary, episode_id)
    click.echo(done.message)
