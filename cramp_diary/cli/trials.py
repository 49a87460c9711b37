"""The N-of-1 trial from the shell: ``trial start|status|followed|stop|extend|delete``."""

from __future__ import annotations

import json
from datetime import timedelta

import click

from cramp_diary import trial_actions
from cramp_diary.cli import completion
from cramp_diary.cli.dated_records import DAY_WORDS, SubGroup, asked, parse_change_day
from cramp_diary.cli.group import Context, cli, pass_context, printable
from cramp_diary.trial import (
    DEFAULT_BLOCK_DAYS,
    DEFAULT_PAIRS,
    DEFAULT_WASHOUT_DAYS,
    KINDS,
    MAX_BLOCK_DAYS,
    MAX_PAIRS,
    MEDICINE_REFUSED,
    MIN_BLOCK_DAYS,
    MIN_PAIRS,
)
from cramp_diary.trial_result import result_lines, result_of


def _echo(lines: tuple[str, ...] | list[str]) -> None:
    for line in lines:
        click.echo(printable(line))


def _kind(_ctx: click.Context, param: click.Parameter, value: str) -> str:
    """``--kind medicine`` gets its own answer, not click's list of choices."""
    cleaned = value.strip().lower()
    if cleaned == "medicine":
        raise click.BadParameter(MEDICINE_REFUSED, param=param)
    if cleaned not in KINDS:
        raise click.BadParameter(f"must be one of {', '.join(KINDS)} (got {value!r})", param=param)
    return cleaned


@cli.group(name="trial", cls=SubGroup)
def trial_group() -> None:
    """Find out for yourself: alternate blocks with and without one change, in a random order.

    Each pair holds one block WITH the change and one WITHOUT, in an order drawn at
    random and stored. The first days of every block after the first are a washout
    and are not counted. One trial at a time; medicines are planned with your provider.

    \b
    Examples:
      cramp-diary trial start "stretch before bed" --kind habit --block-days 14 --pairs 3
      cramp-diary trial status
      cramp-diary trial followed yes
      cramp-diary trial followed no --date 2026-11-20
    """


@trial_group.command(name="start")
@click.argument("name")
@click.option(
    "--kind", required=True, callback=_kind, metavar="[habit|supplement|other]", shell_complete=completion.trial_kind,
    help="What the change is.",
)
@click.option(
    "--block-days", type=click.IntRange(MIN_BLOCK_DAYS, MAX_BLOCK_DAYS), default=DEFAULT_BLOCK_DAYS, show_default=True,
    help="Days in each block.",
)
@click.option(
    "--pairs", type=click.IntRange(MIN_PAIRS, MAX_PAIRS), default=DEFAULT_PAIRS, show_default=True,
    help="Pairs of blocks (one with, one without, each).",
)
@click.option(
    "--washout-days", type=click.IntRange(0),
    help="Days at the start of every block after the first that are not counted (at most half a block).  "
    f"[default: {DEFAULT_WASHOUT_DAYS}, or half a block if that is less]",
)
@click.option(
    "--start", "first", shell_complete=completion.day,
    help=f"The first night, as the day it ends on: {DAY_WORDS} or tomorrow.  [default: tomorrow, i.e. from tonight]",
)
@click.option("--one-block-at-a-time", is_flag=True, help="Show each block's arm only when it begins.")
@pass_context
def trial_start(
    obj: Context, name: str, kind: str, block_days: int, pairs: int, washout_days: int | None, first: str | None,
    one_block_at_a_time: bool,
) -> None:
    """Plan a trial: its order is drawn at random now and never changes."""
    now = obj.now()
    if washout_days is None:  # the default fits short blocks: nobody is refused over a number they never typed
        washout_days = min(DEFAULT_WASHOUT_DAYS, block_days // 2)
    first_day = None
    if first is not None:
        text = first.strip().lower()
        tomorrow = now.date() + timedelta(days=1)
        first_day = tomorrow if text == "tomorrow" else parse_change_day(first, now.date(), "--start")
    with obj.diary() as diary:
        done = trial_actions.start(
            diary, name, kind, now, block_days=block_days, pairs=pairs, washout_days=washout_days,
            first_day=first_day, one_block_at_a_time=one_block_at_a_time,
        )
    _echo(done.lines)
    click.echo("Each morning, say whether last night followed the plan: cramp-diary trial followed yes|no")


@trial_group.command(name="status")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@pass_context
def trial_status(obj: Context, fmt: str) -> None:
    """Tonight's block, each block's figures, and the result once there is enough data."""
    with obj.diary(read_only=True) as diary:
        result = result_of(diary, trial_actions.current(diary), trial_actions.tonight(obj.now()))
    if fmt == "json":
        click.echo(json.dumps(result.as_dict(), indent=2, ensure_ascii=False))
        return
    _echo(result_lines(result))


@trial_group.command(name="followed")
@click.argument("answer", type=click.Choice(["yes", "no"], case_sensitive=False))
@click.option(
    "--date", "when", shell_complete=completion.day,
    help=f"Which night, as the day it ends on: {DAY_WORDS}.  [default: last night]",
)
@pass_context
def trial_followed(obj: Context, answer: str, when: str | None) -> None:
    """Say whether a night followed the plan (a night off plan is kept and counted, never dropped).

    A night belongs to the day it ends on, as for `checkin`: without --date, last night.
    """
    now = obj.now()
    day = trial_actions.answer_day(now) if when is None else parse_change_day(when, now.date(), "--date")
    with obj.diary() as diary:
        done = trial_actions.answer(diary, answer.lower() == "yes", day, now)
    _echo(done.lines)


@trial_group.command(name="stop")
@click.option("--yes", is_flag=True, help="Do not ask first.")
@pass_context
def trial_stop(obj: Context, yes: bool) -> None:
    """Stop the trial early, from tonight (the result then uses only complete pairs)."""
    with obj.diary() as diary:
        plan = trial_actions.current(diary)
        if not asked(yes, f"Stop trial '{printable(plan.name)}' from tonight?", "Nothing changed."):
            return
        done = trial_actions.stop(diary, obj.now())
    _echo(done.lines)


@trial_group.command(name="extend")
@pass_context
def trial_extend(obj: Context) -> None:
    """Add one more pair of blocks to the running trial."""
    with obj.diary() as diary:
        done = trial_actions.extend(diary, obj.now())
    _echo(done.lines)


@trial_group.command(name="delete")
@click.option("--yes", is_flag=True, help="Do not ask first.")
@pass_context
def trial_delete(obj: Context, yes: bool) -> None:
    """Delete the trial and its answers (asks first unless --yes; cramps and check-ins stay)."""
    with obj.diary() as diary:
        plan = trial_actions.current(diary)
        if not asked(yes, f"Delete trial '{printable(plan.name)}' and its answers? Cramps and check-ins stay."):
            return
        _, line = trial_actions.delete(diary)
    click.echo(printable(line))
