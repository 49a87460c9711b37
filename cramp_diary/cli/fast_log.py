"""``cramp-diary log`` without click, for the plain well-formed case (issue 14: log must beat jrnl).

Loading click costs more than saving the episode. So the console entry point
first hands its argv here: when it is a ``log`` whose every option this
parser is sure of, the episode is built by the same functions the click
command uses (:mod:`cramp_diary.cli.episode_input`), saved by the same store
and printed with the same lines. Anything else (help, an unknown or repeated
option, a value click would refuse, a value a rule refuses, an odd terminal)
returns None *before anything is written*, and click runs as always, so every
error and help text is click's own. ``tests/test_cli_fast_log.py`` runs random
argv through both and compares what they print and save.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from typing import Any, TextIO

from cramp_diary.cli.episode_input import FORMATS, episode_option_table, new_episode, saved_lines
from cramp_diary.cli.output import ClosedStream, opening_notes, quiet_broken_pipe
from cramp_diary.clock import Now, system_now
from cramp_diary.model import validate
from cramp_diary.paths import ENV_DB, resolve_db_path
from cramp_diary.store import Diary
from cramp_diary.use_cases.episode_actions import log

#: The options ``log`` takes besides the episode's own: the output format and the diary file.
FORMAT, DB = "--format", "--db"


def _option(argv: Sequence[str], at: int) -> tuple[str, str, int] | None:
    """``--name value`` or ``--name=value`` at ``at``, and where the next one starts; None when unsure."""
    token = argv[at]
    if not token.startswith("--"):
        return None
    if "=" in token:
        name, value = token.split("=", 1)
        return name, value, at + 1
    if at + 1 >= len(argv) or argv[at + 1].startswith("-"):  # a missing value, or one click may read otherwise
        return None
    return token, argv[at + 1], at + 2


def parse(argv: Sequence[str], environ: Mapping[str, str]) -> tuple[str | None, str, dict[str, Any]] | None:
    """(the --db given, the format, the option values as click would pass them), or None to let click decide."""
    table = {option.flag: option for option in episode_option_table(required=True)}
    db: str | None = None
    at = 0
    while at < len(argv) and argv[at] != "log":  # before the command only --db, once
        found = _option(argv, at)
        if found is None or found[0] != DB or db is not None:
            return None
        _, db, at = found
    if at >= len(argv) or (db is None and ENV_DB in environ and not environ[ENV_DB].strip()):
        return None
    given: dict[str, Any] = {option.name: () if option.multiple else None for option in table.values()}
    fmt: str | None = None
    command_db: str | None = None
    at += 1
    while at < len(argv):
        found = _option(argv, at)
        if found is None:
            return None
        name, value, at = found
        if name == FORMAT and fmt is None and value in FORMATS:
            fmt = value
        elif name == DB and command_db is None and db is None:
            command_db = value
        elif name in table:
            option = table[name]
            if option.choices is not None and value not in option.choices + option.aliases:
                return None
            if option.multiple:
                given[option.name] = (*given[option.name], value)
            elif given[option.name] is None:
                given[option.name] = value
            else:
                return None
        else:
            return None
    db = db if db is not None else command_db
    if any(given[option.name] is None for option in table.values() if option.required):
        return None
    if db is not None and not db.strip():
        return None
    return db, fmt or "text", given


def _plain(stream: TextIO) -> bool:
    """An open UTF-8 stream (or a test's StringIO): anything else is left to click's own handling."""
    if isinstance(stream, ClosedStream):
        return False
    encoding = getattr(stream, "encoding", None) or "utf-8"
    return encoding.lower().replace("-", "").replace("_", "") == "utf8"


def run(
    argv: Sequence[str],
    *,
    now: Now = system_now,
    environ: Mapping[str, str] | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int | None:
    """Save and print the episode and return the exit code, or return None (nothing written) for click."""
    out = sys.stdout if out is None else out
    err = sys.stderr if err is None else err
    parsed = parse(argv, os.environ if environ is None else environ)
    if parsed is None or not (_plain(out) and _plain(err)):
        return None
    db, fmt, given = parsed
    try:
        moment = now()
        episode = new_episode(moment, **given)
        validate(episode, moment)  # only to know click would not refuse it: the store validates what it saves
        path, is_default = resolve_db_path(db)
        diary = Diary.open(path, now, create_folder=is_default)
    except Exception:  # every refusal is click's to word, and nothing has been saved
        return None
    try:
        saved = log(diary, episode)
    except Exception:  # not saved: click opens the diary again and says why
        if diary.backup:  # ...but the upgrade is done, so its note would be lost
            err.write(opening_notes(diary)[0] + "\n")
        return None
    finally:
        diary.close()
    try:
        for note in opening_notes(diary):
            err.write(note + "\n")
        for line in saved_lines(saved, fmt):
            out.write(line + "\n")
        out.flush()
    except BrokenPipeError:  # the reader has what it wanted: not a failure (as in the click group)
        quiet_broken_pipe()
    except OSError as error:  # saved already, so never click (it would save again): its words, though
        import click

        from cramp_diary.cli.group import os_reason

        click.ClickException(os_reason(error)).show(err)
        return 1
    return 0
