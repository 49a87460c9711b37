"""What ``change`` and ``medicine`` (and ``trial``) commands share: the day reading, the subcommand group and
the get/stop/edit/delete steps, so each command file says only what is its own."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import json

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


def asked(yes: bool, question: str, nothing: str = "Nothing deleted.") -> bool:
    """True when ``--yes`` was given or the person agrees; otherwise says ``nothing`` (on stderr) happened."""
    if yes or click.confirm(question, err=True):
        return True
    click.echo(nothing, err=True)
    return False


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

    def add(self, obj: Context, record: Any) -> None:
        """Save a new record and print it with its id."""
        with obj.diary() as diary:
            saved = self.repository(diary).add(record)
        self.saved(saved)

    def list(
        self, obj: Context, fmt: str, to_record: Callable[[Any], dict[str, Any]], line: Callable[[Any], str], empty: str
    ) -> None:
        """Every record as JSON or one line each (``empty`` when there is none); the diary is only read."""
        with obj.diary(read_only=True) as diary:
            found = self.repository(diary).all()
        if fmt == "json":
            click.echo(json.dumps([to_record(record) for record in found], indent=2, ensure_ascii=False))
            return
        if not found:
            click.echo(empty)
            return
        for record in found:
            click.echo(line(record))

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
            if not asked(yes, f"Delete {self.noun} {record.id}, {printable(record.label)}?"):
                return
            self.repository(diary).delete(record_id)
        click.echo(f"Deleted {self.noun} {record_id}.")


def require_updates(updates: dict[str, object], options: str) -> dict[str, object]:
    """An edit that names nothing to change is a usage error listing ``options``."""
    if not updates:
        raise click.UsageError(f"say what to change: {options}")
    return updates
