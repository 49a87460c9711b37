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


def test_logging_an_episode_loads_only_what_it_needs(tmp_path: Path) -> None:
    code = (
        "import sys, json\n"
        "from cramp_diary.cli import main\n"
        f"sys.argv = ['cramp-diary', '--db', {str(tmp_path / 'd.db')!r}, 'log', '--muscle', 'calf', '--side', 'left']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith(('cramp_diary', 'plotext', 'textual')))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    loaded = set(json.loads(result.stdout.strip().splitlines()[-1]))
    assert "cramp_diary.cli.episodes" in loaded
    heavy = {"cramp_diary.report", "cramp_diary.stats", "cramp_diary.routines", "cramp_diary.demo", "cramp_diary.plots"}
    assert loaded & heavy == set()
    assert not any(m.startswith(("textual", "plotext")) for m in loaded)
