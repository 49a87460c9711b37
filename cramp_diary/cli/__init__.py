"""The ``cramp-diary`` command: log, list and move episodes from the shell.

This module must not import Textual or plotext at import time, so the
everyday commands start fast; the full-screen app is imported only when asked for.
"""

from __future__ import annotations

import importlib
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from cramp_diary.exchange import ImportRefused
from cramp_diary.clock import Now, system_now
from cramp_diary.model import InvalidField
from cramp_diary.paths import resolve_db_path
from cramp_diary.safe_text import clip, printable  # noqa: F401  (printable re-exported: commands print with it)
from cramp_diary.store import Diary, DiaryError

#: Which command-line option a model field comes from, for error messages.
OPTION_FOR_FIELD = {
    "time": "--at",
    "muscle": "--muscle",
    "side": "--side",
    "duration": "--duration",
    "severity": "--severity",
    "context": "--context",
    "trigger": "--trigger",
    "relief": "--relief",
    "sign": "--sign",
    "note": "--note",
    "since": "--since",
}


#: The module that defines each command. It is imported only when its command runs (or help
#: lists them all), so `cramp-diary log` never loads the statistics, report or timer code.
COMMAND_MODULES: dict[str, str] = {
    "log": "episodes",
    "list": "episodes",
    "show": "episodes",
    "edit": "episodes",
    "delete": "episodes",
    "export": "transfer",
    "import": "transfer",
    "checkin": "pattern",
    "stats": "pattern",
    "report": "pattern",
    "timer": "timer",
    "demo": "demo",
}


class CrampGroup(click.Group):
    """Turns the diary's own errors into one-line messages and exit codes, never a traceback."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMAND_MODULES})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """Import the command's module on first use (click's lazy-loading recipe)."""
        module = COMMAND_MODULES.get(cmd_name)
        if module is not None and cmd_name not in self.commands:
            importlib.import_module(f"{__name__}.{module}")
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except InvalidField as error:
            option = OPTION_FOR_FIELD.get(error.field, error.field)
            raise click.BadParameter(error.rule, param_hint=f"'{option}'") from None
        except ImportRefused as error:
            raise click.UsageError(f"cannot import: {error}") from None
        except DiaryError as error:
            raise click.ClickException(str(error)) from None
        except (sqlite3.Error, OSError) as error:
            raise click.ClickException(f"{type(error).__name__}: {error}") from None
        except click.ClickException as error:  # click quotes the value too: a 100 kB paste must not come back whole
            error.message = clip(error.message)
            raise


class Context:
    """What every command needs: where the diary is and what time it is."""

    def __init__(self, db: str | None, now: Now) -> None:
        self.path, self.is_default = resolve_db_path(db)
        self.now = now

    @contextmanager
    def diary(self) -> Iterator[Diary]:
        diary = Diary.open(self.path, self.now, create_folder=self.is_default)
        try:
            if diary.backup:
                click.echo(f"Upgraded the diary; a copy of the old one is at {diary.backup}", err=True)
            yield diary
        finally:
            diary.close()


pass_context = click.make_pass_decorator(Context)


def _not_blank(_ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """``--db ""`` is an unset shell variable or a typo: refuse it, never quietly use the default diary."""
    if value is not None and not value.strip():
        raise click.BadParameter("must be the path of a diary file, not empty text", param=param)
    return value


def _use_db(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if _not_blank(ctx, param, value) is not None:
        ctx.ensure_object(Context).path, ctx.ensure_object(Context).is_default = resolve_db_path(value)


#: Lets a command take ``--db`` after its name too: ``cramp-diary demo --db demo.db``.
db_option = click.option(
    "--db",
    type=click.Path(path_type=str),
    expose_value=False,
    callback=_use_db,
    help="Diary file to use (same as the global --db).",
)


@click.group(cls=CrampGroup, invoke_without_command=True)
@click.option(
    "--db",
    type=click.Path(dir_okay=True, path_type=str),
    envvar="CRAMP_DIARY_DB",
    callback=_not_blank,
    help="Diary file to use (default: $CRAMP_DIARY_DB, else your data folder).",
)
@click.version_option(package_name="cramp-diary")
@click.pass_context
def cli(ctx: click.Context, db: str | None) -> None:
    """A diary and coach for leg cramps. With no command, opens the full-screen app."""
    now = ctx.obj.get("now", system_now) if isinstance(ctx.obj, dict) else system_now
    ctx.obj = Context(db, now)
    if ctx.invoked_subcommand is None:
        from cramp_diary.tui.app import run_app

        run_app(ctx.obj.path, now=now, create_folder=ctx.obj.is_default)


def main() -> None:
    """Console entry point."""
    cli(prog_name="cramp-diary")

