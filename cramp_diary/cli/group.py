"""The click group behind ``cramp-diary``: the shared options, the error net and the lazy command table.

This module must not import Textual or plotext at import time, so the
everyday commands start fast; the full-screen app is imported only when asked for.
"""

from __future__ import annotations

import importlib
import os
import sqlite3
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from cramp_diary.cli.output import StreamClosed, opening_notes, quiet_broken_pipe
from cramp_diary.clock import Now, system_now
from cramp_diary.model import InvalidField
from cramp_diary.paths import resolve_db_path
from cramp_diary.safe_text import clip, printable  # noqa: F401  (printable re-exported: commands print with it)
from cramp_diary.safe_write import describe_os_error
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
    "sleep_disturbance": "--sleep",
    "since": "--since",
    "kind": "--kind",
    "name": "NAME",
    "started": "--started",
    "stopped": "--stopped",
    "block_days": "--block-days",
    "pairs": "--pairs",
    "washout_days": "--washout-days",
    "start": "--start",
    "date": "--date",
    "from": "--from",
    "to": "--to",
    "bedtime": "--bedtime",
    "morning": "--morning",
}


#: The variable a shell sets to ask for completions (``cramp-diary`` as click spells it), whatever the program is called.
COMPLETE_VAR = "_CRAMP_DIARY_COMPLETE"

#: The module that defines each command. It is imported only when its command runs (or help
#: lists them all), so `cramp-diary log` never loads the statistics, report or timer code.
COMMAND_MODULES: dict[str, str] = {
    "log": "episodes",
    "list": "episodes",
    "show": "episodes",
    "edit": "episodes",
    "delete": "episodes",
    "export": "exchange",
    "import": "exchange",
    "checkin": "pattern",
    "stretched": "pattern",
    "began": "visit",
    "medicine": "medicines",
    "stats": "pattern",
    "report": "pattern",
    "timer": "timer",
    "warnings": "warnings",
    "demo": "demo",
    "change": "changes",
    "compare": "changes",
    "sync": "sync",
    "backup": "sync",
    "trial": "trials",
    "remind": "remind",
    "datasette-metadata": "explore",
}


def os_reason(error: OSError, path: Path | None = None) -> str:
    """Why a file could not be used, in a few plain words; a missing folder is named (the words: ``safe_write``)."""
    if isinstance(error, FileNotFoundError) and path is not None and not path.parent.is_dir():
        return f"the folder {printable(str(path.parent))} does not exist"
    return describe_os_error(error)


def cannot(action: str, path: Path, error: OSError) -> click.ClickException:
    """A failed file read or write as one line (exit 1): 'cannot write x.csv: the folder ... does not exist'."""
    return click.ClickException(f"cannot {action} {printable(str(path))}: {os_reason(error, path)}")


def _db_parameter() -> click.Option:
    """``--db`` after a command's name, as before it: ``cramp-diary log --muscle calf --side left --db x.db``."""
    return click.Option(
        ["--db"],
        type=click.Path(path_type=str),
        expose_value=False,
        callback=_use_db,
        help="Diary file to use (same as --db before the command).",
    )


class CrampGroup(click.Group):
    """Turns the diary's own errors into one-line messages and exit codes, never a traceback."""

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        """Every command takes ``--db`` after its name too: added here, once, so none can miss it."""
        if not any(param.name == "db" for param in cmd.params):
            cmd.params.append(_db_parameter())
        super().add_command(cmd, name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMAND_MODULES})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """Import the command's module on first use (click's lazy-loading recipe)."""
        module = COMMAND_MODULES.get(cmd_name)
        if module is not None and cmd_name not in self.commands:
            importlib.import_module(f"cramp_diary.cli.{module}")
        return super().get_command(ctx, cmd_name)

    def _main_shell_completion(
        self, ctx_args: MutableMapping[str, Any], prog_name: str, complete_var: str | None = None
    ) -> None:
        """A shell asking for completions (click's recipe): bash first learns to quote words with spaces."""
        if os.environ.get(complete_var or COMPLETE_VAR):
            from cramp_diary.cli.completion import register

            register()
        super()._main_shell_completion(ctx_args, prog_name, complete_var or COMPLETE_VAR)

    def resolve_command(self, ctx: click.Context, args: list[str]) -> tuple[str | None, click.Command | None, list[str]]:
        """A slip ('lsit') suggests the command meant: click looks only among the commands loaded so far."""
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError as error:
            name = str(args[0]) if args else ""
            if not error.message.startswith("No such command") or "Did you mean" in error.message:
                raise
            import difflib  # only on a slip

            close = difflib.get_close_matches(name, self.list_commands(ctx), n=1)
            if not close:
                raise
            raise click.UsageError(f"No such command {name!r}. Did you mean {close[0]!r}?", ctx) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except InvalidField as error:
            option = OPTION_FOR_FIELD.get(error.field, error.field)
            raise click.BadParameter(error.rule, param_hint=f"'{option}'") from None
        except DiaryError as error:
            raise click.ClickException(str(error)) from None
        except BrokenPipeError:  # the reader has what it wanted (`stats | head -1`): not a failure
            quiet_broken_pipe()
            ctx.exit(0)
        except StreamClosed as error:  # `export >&-`, `import - <&-`: said plainly, exit 1
            if getattr(ctx.obj, "saved", False):  # saved all the same: say so, or a script may run it again
                raise click.ClickException(f"saved in the diary, but {error}") from None
            raise click.ClickException(str(error)) from None
        except sqlite3.Error as error:  # the store words its own; this is the net under it
            path = getattr(ctx.obj, "path", "")
            raise click.ClickException(f"cannot use the diary {printable(str(path))}: {error}") from None
        except OSError as error:
            where = f"{printable(str(error.filename))}: " if error.filename else ""
            raise click.ClickException(where + os_reason(error)) from None
        except click.ClickException as error:  # click quotes the value too: a 100 kB paste must not come back whole
            error.message = clip(error.message)
            raise


class Context:
    """What every command needs: where the diary is and what time it is."""

    def __init__(self, db: str | None, now: Now) -> None:
        self.path, self.is_default = resolve_db_path(db)
        self.now = now
        self.saved = False
        """Whether this command committed a change to the diary (so a later error must say it was saved)."""

    @contextmanager
    def diary(self, create: bool = True, read_only: bool = False) -> Iterator[Diary]:
        """The open diary; ``create=False`` never makes a file, ``read_only`` (a command that only reads) never changes one."""
        if (read_only or not create) and not os.path.lexists(self.path):  # a dangling link is for the store to explain
            raise click.ClickException(f"no diary at {printable(str(self.path))}; `cramp-diary log` creates one")
        if read_only:
            diary = Diary.open_read_only(self.path, self.now)
        else:
            diary = Diary.open(self.path, self.now, create_folder=create and self.is_default)
        opened = diary.saves  # what opening wrote (a new file, an upgrade) is not the command's save
        try:
            for note in opening_notes(diary):  # once per command, on stderr: never mixed into an export
                click.echo(note, err=True)
            yield diary
        finally:
            self.saved = self.saved or diary.saves > opened
            diary.close()


pass_context = click.make_pass_decorator(Context)


def _not_blank(_ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """``--db ""`` is an unset shell variable or a typo: refuse it, never quietly use the default diary."""
    if value is not None and not value.strip():
        raise click.BadParameter("must be the path of a diary file, not empty text", param=param)
    return value


def _use_db(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if ctx.resilient_parsing:  # a shell is completing: no Context is built, so keep the path for it
        from cramp_diary.cli.completion import DB_META

        ctx.meta[DB_META] = value
        return
    if _not_blank(ctx, param, value) is not None:
        ctx.ensure_object(Context).path, ctx.ensure_object(Context).is_default = resolve_db_path(value)


def _show_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """Print the one version (cramp_diary.__version__), also from an uninstalled source tree."""
    if value and not ctx.resilient_parsing:
        from cramp_diary import __version__

        click.echo(f"cramp-diary, version {__version__}")
        ctx.exit()


#: An id or a count, as SQLite can hold it: a larger number would crash the query, not miss.
SQLITE_MAX_INT = 2**63 - 1


class RecordId(click.IntRange):
    """A record's number, as its listing shows it; anything else, or one too large to exist, says so in those words."""

    name = "id"

    def __init__(self, kind: str, listing: str) -> None:
        super().__init__(min=1, max=SQLITE_MAX_INT)
        self.kind, self.listing = kind, listing

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        text = str(value).strip()
        if not (text.isascii() and text.isdecimal()):  # isdecimal, not isdigit: int() refuses '²'
            article = "an" if self.kind[0] in "aeiou" else "a"
            self.fail(f"must be {article} {self.kind} number, as '{self.listing}' shows (got {value!r})", param, ctx)
        return super().convert(text, param, ctx)


class NotFound(click.ClickException):
    """No record has that id: exit 1 for every kind of record (2 is for a value that is malformed)."""

    def __init__(self, kind: str, record_id: int, listing: str) -> None:
        super().__init__(f"there is no {kind} {record_id} (see: {listing})")


#: -h as well as --help, on every command: set on the group, so each command inherits it.
CONTEXT_SETTINGS: dict[str, Any] = {"help_option_names": ["-h", "--help"]}


@click.group(cls=CrampGroup, invoke_without_command=True, context_settings=CONTEXT_SETTINGS)
@click.option(
    "--db",
    type=click.Path(dir_okay=True, path_type=str),
    envvar="CRAMP_DIARY_DB",
    callback=_not_blank,
    help="Diary file to use (default: $CRAMP_DIARY_DB, else your data folder).",
)
@click.option(
    "--version", is_flag=True, expose_value=False, is_eager=True, callback=_show_version, help="Show the version and exit."
)
@click.pass_context
def cli(ctx: click.Context, db: str | None) -> None:
    """A diary and coach for leg cramps. With no command, opens the full-screen app."""
    now = ctx.obj.get("now", system_now) if isinstance(ctx.obj, dict) else system_now
    ctx.obj = Context(db, now)
    if ctx.invoked_subcommand is None:
        open_app(ctx.obj)


def open_app(obj: Context, timer: tuple[str | None, str | None] | None = None) -> None:
    """The full-screen app (or straight into its timer); without a terminal, one line and exit 1."""
    from cramp_diary.tui import app

    try:
        app.run_app(obj.path, now=obj.now, create_folder=obj.is_default, timer=timer)
    except app.NoTerminal as error:
        raise click.ClickException(str(error)) from None
