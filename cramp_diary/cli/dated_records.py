"""What ``change`` and ``medicine`` (and ``trial``) commands share: the day reading, the subcommand group and
the get/stop/edit/delete steps, so each command file says only what is its own."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import click

from cramp_diary.cli.group import Context, NotFound, _db_parameter, printable
from cramp_diary.model import InvalidField
from cramp_diary.parsing import DAY_HELP, parse_day

DAY_WORDS = DAY_HELP


def parse_change_day(text: str, today: date, option: str) -> date:
    """A day as people type it for a change (the one reading every day field shares); bad text exits 2 naming ``option``."""
    try:
        return parse_day(text, today, option.lstrip("-"))
    except InvalidField as error:
        raise click.BadParameter(error.rule, param_hint=f"'{option}'") from None


def day_or_none(text: str | None, today: date, option: str) -> date | None:
    return None if text is None else parse_change_day(text, today, option)


def stopped_or_cleared(text: str, today: date) -> date | None:
    """``--stopped`` on edit: '' (or blanks) clears the stop day."""
    return None if not text.strip() else parse_change_day(text, today, "--stopped")


class SubGroup(click.Group):
    """A command group whose every subcommand also takes ``--db`` after its name, like the top-level ones."""

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        if not any(param.name == "db" for param in cmd.params):
            cmd.params.append(_db_parameter())
        super().add_command(cmd, name)


class DatedRecords:
    """One kind of dated record as the CLI reaches it: its repository on the diary and the words it is named by."""

    def __init__(self, noun: str, attribute: str, list_command: str) -> None:
        self.noun = noun
        self.attribute = attribute
        self.list_command = list_command

    def repository(self, diary: Any) -> Any:
        return getattr(diary, self.attribute)

    def get(self, diary: Any, record_id: int) -> Any:
        found = self.repository(diary).get(record_id)
        if found is None:
            raise NotFound(self.noun, record_id, self.list_command)
        return found

    def saved(self, record: Any, verb: str = "Saved") -> None:
        click.echo(f"{verb} {self.noun} {record.id}: {printable(record.label)}")

    def stop(self, obj: Context, record_id: int, when: str, with_fields: Callable[[Any, date], Any]) -> Any:
        """Save the stop day read from ``--date``; a day before the start exits 2 naming ``--date``."""
        day = parse_change_day(when, obj.now().date(), "--date")
        with obj.diary() as diary:
            try:
                return self.repository(diary).update(with_fields(self.get(diary, record_id), day))
            except InvalidField as error:
                raise click.BadParameter(error.rule, param_hint="'--date'") from None

    def edit(self, obj: Context, record_id: int, updates: dict[str, object], with_fields: Callable[..., Any]) -> None:
        """Save what ``updates`` changes; the rest stays."""
        with obj.diary() as diary:
            saved = self.repository(diary).update(with_fields(self.get(diary, record_id), **updates))
        self.saved(saved)

    def delete(self, obj: Context, record_id: int, yes: bool) -> None:
        """Delete after asking (unless ``yes``); says what happened once it is saved."""
        with obj.diary() as diary:
            record = self.get(diary, record_id)
            if not yes and not click.confirm(f"Delete {self.noun} {record.id}, {printable(record.label)}?", err=True):
                click.echo("Nothing deleted.", err=True)
                return
            self.repository(diary).delete(record_id)
        click.echo(f"Deleted {self.noun} {record_id}.")


def require_updates(updates: dict[str, object], options: str) -> dict[str, object]:
    """An edit that names nothing to change is a usage error listing ``options``."""
    if not updates:
        raise click.UsageError(f"say what to change: {options}")
    return updates
