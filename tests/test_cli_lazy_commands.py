"""Commands load their module on first use, so `cramp-diary log` stays fast (see benchmarks/cli_log.py).

The map from command to module is written by hand in cramp_diary/cli; these
tests catch a command added to a module but not to the map (it would vanish
from the CLI) and a heavy module creeping back onto the `log` path.
"""

from __future__ import annotations

import importlib
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


def loaded_by(argv: list[str]) -> set[str]:
    """Every module (ours, the libraries', the standard library's) that running ``cramp-diary ARGV`` loaded."""
    code = (
        "import sys\n"
        "from cramp_diary.cli import main\n"
        f"sys.argv = ['cramp-diary', *{argv!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
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


#: What the plain ``log`` does not load (issue 26, round 5), each a few milliseconds of its start:
#: ``uuid`` (and with it ``platform``: a new uuid is spelled by ``model.new_uuid``), ``json`` (only
#: for labels read back, a merge or ``--format json``), and dated changes with their record fields
#: (only the schema step that makes their table needs the kinds).
NOT_ON_FAST_LOG = {"uuid", "platform", "json", "cramp_diary.changes", "cramp_diary.record_fields"}


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


#: The dataclasses a plain ``log`` defines: each takes 0.4-1.6 ms of its start to define (a NamedTuple
#: 0.08 ms), so the results, filters, records and kinds on its path are NamedTuples. The episode stays
#: a frozen dataclass: a uuid made per episode, ``replace`` in the sync code, never a tuple to Rich.
DATACLASSES_ON_LOG = {"cramp_diary.model.Episode"}


def test_a_plain_log_defines_no_dataclass_but_the_episode(tmp_path: Path) -> None:
    code = (
        "import sys, dataclasses, json\n"
        "from cramp_diary.cli import main\n"
        f"sys.argv = ['cramp-diary', '--db', {str(existing_diary(tmp_path))!r}, 'log', '--muscle', 'calf', '--side', 'left']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "found = sorted({f'{c.__module__}.{c.__qualname__}' for name, m in list(sys.modules.items()) if name.startswith('cramp_diary')\n"
        "    for c in vars(m).values() if isinstance(c, type) and c.__module__ == name and dataclasses.is_dataclass(c)})\n"
        "print(json.dumps(found))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert set(json.loads(result.stdout.strip().splitlines()[-1])) == DATACLASSES_ON_LOG
