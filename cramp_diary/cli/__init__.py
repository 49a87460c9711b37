"""The ``cramp-diary`` command: log, list and move episodes from the shell.

Importing this package is cheap on purpose: the console entry point first
offers the argv to :mod:`cramp_diary.cli.fast_app`, which opens the full-screen
app when no command is given, and to :mod:`cramp_diary.cli.fast_log`, which saves
a plain well-formed ``log``, both without loading click; only otherwise is the click
group (:mod:`cramp_diary.cli.group`) loaded. The group's names (``cli``, ``Context``,
``COMMAND_MODULES`` ...) are still reachable from here, loaded on first use.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any


def main() -> None:
    """Console entry point: the app or the fast ``log`` when sure of the argv, click for everything else."""
    from cramp_diary.cli.output import StreamClosed, degrade_gracefully, stand_in_for_closed_streams

    stand_in_for_closed_streams()
    degrade_gracefully()
    try:
        from cramp_diary.cli import fast_app

        code = fast_app.run(sys.argv[1:])
        if code is None:
            from cramp_diary.cli import fast_log

            code = fast_log.run(sys.argv[1:])
        if code is not None:
            raise SystemExit(code)  # as click ends in standalone mode
        from cramp_diary.cli.group import cli

        cli(prog_name="cramp-diary")
    except StreamClosed as error:  # stderr itself is closed, so the message cannot be shown either
        raise SystemExit(1) from error


def __getattr__(name: str) -> Any:
    """``from cramp_diary.cli import cli`` and the rest of the group's names, loaded on first use."""
    if name.startswith("__"):
        raise AttributeError(name)
    if os.path.isfile(os.path.join(__path__[0], f"{name}.py")):  # `from cramp_diary.cli import fast_log`: no click
        return importlib.import_module(f"{__name__}.{name}")
    group = importlib.import_module("cramp_diary.cli.group")
    try:
        return getattr(group, name)
    except AttributeError:
        raise AttributeError(f"module 'cramp_diary.cli' has no attribute {name!r}") from None
