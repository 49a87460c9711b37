"""Dated changes and their before/after comparison: ``change add|list|stop|edit|delete`` and ``compare``."""

from __future__ import annotations

import json

import click

from cramp_diary.changes import KINDS, Change, change_to_record
from cramp_diary.cli import completion
from cramp_diary.cli.dated_records import (
    DAY_WORDS, DatedRecords, SubGroup, day_or_none, parse_change_day, require_updates, stopped_or_cleared,
)
from cramp_diary.cli.group import Context, RecordId, cli, pass_context, printable
from cramp_diary.use_cases.compare_change import compare_change

CHANGE_ID = RecordId("change", "cramp-diary change list")
CHANGES = DatedRecords("change", "changes", "cramp-diary change list")


def change_line(change: Change) -> str:
    """'3  supplement  magnesium  2026-09-01 to -  note': one change, its text shown literally."""
    stopped = change.stopped.isoformat() if change.stopped else "ongoing"
    note = f"  {printable(' '.join(change.note.split()))}" if change.note else ""
    return f"{change.id:>4}  {change.kind:<10}  {change.started.isoformat()} to {stopped:<10}  {printable(change.name)}{note}"


def _with_field_options(function):  # type: ignore[no-untyped-def]
    """The options ``add`` and ``edit`` share."""
    function = click.option("--note", help="A note of your own.")(function)
    function = click.option("--stopped", help=f"The day it stopped: {DAY_WORDS}.")(function)
    return function


kind_choice = click.Choice(KINDS, case_sensitive=False)
#: --kind on add and edit: the kinds, completed in any case.
kind_option = {"type": kind_choice, "shell_complete": completion.change_kind}


@cli.group(name="change", cls=SubGroup)
def change_group() -> None:
    """Record something you started or stopped (a medicine, supplement or habit), to compare before and after.

    No dose is needed. The diary never suggests a medicine, a dose or stopping one.

    \b
    Examples:
      cramp-diary change add magnesium --kind supplement --started 2026-09-01
      cramp-diary change list
      cramp-diary change stop 1 --date today
      cramp-diary compare 1
    """


@change_group.command(name="add")
@click.argument("name")
@click.option("--kind", **kind_option, required=True, help="What it is.")
@click.option("--started", required=True, help=f"The day it started: {DAY_WORDS}.")
@_with_field_options
@pass_context
def change_add(obj: Context, name: str, kind: str, started: str, stopped: str | None, note: str | None) -> None:
    """Save a change and print it with its id."""
    today = obj.now().date()
    change = Change(
        name=name,
        kind=kind.lower(),
        started=parse_change_day(started, today, "--started"),
        stopped=day_or_none(stopped, today, "--stopped"),
        note=note or "",
    )
    CHANGES.add(obj, change)


@change_group.command(name="list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@pass_context
def change_list(obj: Context, fmt: str) -> None:
    """List every change, the earliest first."""
    empty = "No changes yet. Add one with: cramp-diary change add NAME --kind KIND --started DAY"
    CHANGES.list(obj, fmt, change_to_record, change_line, empty)


@change_group.command(name="stop")
@click.argument("change_id", metavar="ID", type=CHANGE_ID, shell_complete=completion.change_id)
@click.option("--date", "when", default="today", show_default=True, help=f"The day it stopped: {DAY_WORDS}.")
@pass_context
def change_stop(obj: Context, change_id: int, when: str) -> None:
    """Mark a change as stopped on a day."""
    saved = CHANGES.stop(obj, change_id, when, lambda change, day: change.with_changes(stopped=day))
    CHANGES.saved(saved, "Stopped")


@change_group.command(name="edit")
@click.argument("change_id", metavar="ID", type=CHANGE_ID, shell_complete=completion.change_id)
@click.option("--name", help="A new name.")
@click.option("--kind", **kind_option, help="What it is.")
@click.option("--started", help=f"The day it started: {DAY_WORDS}.")
@_with_field_options
@pass_context
def change_edit(
    obj: Context, change_id: int, name: str | None, kind: str | None, started: str | None, stopped: str | None,
    note: str | None,
) -> None:
    """Change what you give; the rest stays. '--stopped ""' clears the stop day."""
    today = obj.now().date()
    updates: dict[str, object] = {}
    if name is not None:
        updates["name"] = name
    if kind is not None:
        updates["kind"] = kind.lower()
    if started is not None:
        updates["started"] = parse_change_day(started, today, "--started")
    if stopped is not None:
        updates["stopped"] = stopped_or_cleared(stopped, today)
    if note is not None:
        updates["note"] = note
    require_updates(updates, "--name, --kind, --started, --stopped or --note")
    CHANGES.edit(obj, change_id, updates, Change.with_changes)


@change_group.command(name="delete")
@click.argument("change_id", metavar="ID", type=CHANGE_ID, shell_complete=completion.change_id)
@click.option("--yes", is_flag=True, help="Do not ask first.")
@pass_context
def change_delete(obj: Context, change_id: int, yes: bool) -> None:
    """Delete a change (asks first unless --yes)."""
    CHANGES.delete(obj, change_id, yes)


@cli.command(name="compare")
@click.argument("change_id", metavar="CHANGE_ID", type=CHANGE_ID, shell_complete=completion.change_id)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@pass_context
def compare_(obj: Context, change_id: int, fmt: str) -> None:
    """Cramps per week in the 4 weeks before a change against 4 weeks from its fourteenth day.

    \b
    Examples:
      cramp-diary compare 1
      cramp-diary compare 1 --format json
    """
    today = obj.now().date()
    with obj.diary(read_only=True) as diary:
        compared = compare_change(diary, CHANGES.get(diary, change_id), today)
    if fmt == "json":
        click.echo(json.dumps(compared.comparison.as_dict(), indent=2, ensure_ascii=False))
        return
    for line in compared.lines:
        click.echo(printable(line))
