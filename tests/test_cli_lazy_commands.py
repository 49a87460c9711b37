"""Commands load their module on first use, so `cramp-diary log` stays fast (see benchmarks/cli_log.py).

The map from command to module is written by hand in cramp_diary/cli; these
tests catch a command added to a module but not to the map (it would vanish
from the CLI) and a heavy module creeping back onto the `log` path.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import cramp_diary.cli as cli_package
from cramp_diary.cli import COMMAND_MODULES, cli


def test_every_command_is_in_the_map_under_its_own_module() -> None:
    defined: dict[str, str] = {}
    for module in pkgutil.iter_modules(cli_package.__path__):
        importlib.import_module(f"cramp_diary.cli.{module.name}")
    for name, command in cli.commands.items():
        defined[name] = command.callback.__module__.rsplit(".", 1)[-1]  # type: ignore[union-attr]
    assert defined == COMMAND_MODULES


#: The console script pip installed beside this interpreter: what a person types, and what benchmarks/cli_log.py times.
CONSOLE_SCRIPT = Path(sys.executable).parent / "cramp-diary"


def loaded_by(argv: list[str]) -> set[str]:
    """Every module (ours, the libraries', the standard library's) that running ``cramp-diary ARGV`` loaded.

    The installed console script itself runs, as its ``#!`` line would run it, so what it imports counts too.
    """
    assert CONSOLE_SCRIPT.is_file(), f"no console script at {CONSOLE_SCRIPT}: install the project (pip install -e .)"
    code = (
        "import runpy, sys\n"
        f"sys.argv = [{str(CONSOLE_SCRIPT)!r}, *{argv!r}]\n"
        "try:\n    runpy.run_path(sys.argv[0], run_name='__main__')\nexcept SystemExit:\n    pass\n"
        "loaded = sorted(sys.modules)\n"
        "import json\n"
        "print(json.dumps(loaded))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


#: sqlite-utils and icalendar each cost tens of milliseconds to import (issue 25): the search step and `remind` only.
HEAVY = {
    "cramp_diary.report", "cramp_diary.stats", "cramp_diary.routines", "cramp_diary.demo", "cramp_diary.plots",
    "sqlite_utils", "icalendar", "cramp_diary.reminders",
}

#: Repositories a log never touches (issue 26): the Diary makes each on first use, with its module.
NOT_ON_LOG = {
    "cramp_diary.trial", "cramp_diary.trial_records", "cramp_diary.medicines", "cramp_diary.store.trials",
    "cramp_diary.store.medicine_list", "cramp_diary.store.dated_changes", "cramp_diary.store.discussed",
    "cramp_diary.store.routine_sessions", "cramp_diary.store.merging",
}


#: What the plain ``log`` does not load (issue 26), each a few milliseconds of its start: ``uuid`` (and
#: with it ``platform``: a new uuid is spelled by ``model.new_uuid``), ``json`` (only for labels read
#: back, a merge or ``--format json``), dated changes with their record fields (only the schema step
#: that makes their table needs the kinds), and ``dataclasses``, which loads ``inspect`` with ``ast``,
#: ``dis`` and ``tokenize`` (round 6: ``Episode`` is written out, the store copies records with
#: ``with_changes``; the results, filters, records and kinds on the path are NamedTuples).
NOT_ON_FAST_LOG = {
    "uuid", "platform", "json", "cramp_diary.changes", "cramp_diary.record_fields",
    "dataclasses", "inspect", "ast", "dis", "tokenize",
}
#: ``hashlib`` loads OpenSSL's library: the device fingerprint a log checks uses CPython's own SHA-256
#: (``device._sha256``), where this build has one.
if importlib.util.find_spec("_sha2") or importlib.util.find_spec("_sha256"):
    NOT_ON_FAST_LOG |= {"hashlib", "_hashlib"}


def existing_diary(tmp_path: Path) -> Path:
    """A diary made beforehand: making one runs the schema steps, and the search step loads sqlite-utils, once."""
    path = tmp_path / "d.db"
    from conftest import FakeClock
    from cramp_diary.store import Diary

    Diary.open(path, FakeClock()).close()
    return path


def test_logging_an_episode_loads_only_what_it_needs(tmp_path: Path) -> None:
    loaded = loaded_by(["--db", str(existing_diary(tmp_path)), "log", "--muscle", "calf", "--side", "left"])
    assert {"cramp_diary.cli.fast_log", "cramp_diary.cli.episode_input", "cramp_diary.store"} <= loaded
    assert not any(m == "click" or m.startswith("click.") for m in loaded), "the plain log must not load click"
    assert loaded & HEAVY == set()
    assert loaded & NOT_ON_LOG == set()
    assert loaded & NOT_ON_FAST_LOG == set()
    assert not any(m.startswith(("textual", "plotext")) for m in loaded)


def test_a_log_the_fast_path_is_unsure_of_runs_the_click_command_and_still_loads_only_what_it_needs(
    tmp_path: Path,
) -> None:
    loaded = loaded_by(["--db", str(existing_diary(tmp_path)), "log", "--muscle", "calf", "--side", "left", "--note", "-"])
    assert {"cramp_diary.cli.episodes", "click"} <= loaded
    assert loaded & HEAVY == set()
    assert loaded & NOT_ON_LOG == set()
    assert not any(m.startswith(("textual", "plotext")) for m in loaded)


def test_no_named_tuple_on_the_log_path_keeps_its_field_types_as_text(tmp_path: Path) -> None:
    """``typing`` compiles each annotation kept as text when a NamedTuple is defined: 2-3 ms of every log."""
    import typing

    loaded = loaded_by(["--db", str(existing_diary(tmp_path)), "log", "--muscle", "calf", "--side", "left"])
    named_tuples = [
        value
        for name in sorted(loaded)
        if name.startswith("cramp_diary.")
        for value in vars(importlib.import_module(name)).values()
        if isinstance(value, type) and issubclass(value, tuple) and hasattr(value, "_fields")
        and value.__module__ == name
    ]
    assert len(named_tuples) >= 10  # the results, filters, records and kinds a log defines
    as_text = [  # typing turns a field's text into a ForwardRef, compiling it
        f"{t.__module__}.{t.__qualname__}" for t in named_tuples
        if any(isinstance(a, (str, typing.ForwardRef)) for a in t.__annotations__.values())
    ]
    assert as_text == []
