"""The core never imports Textual or plotext, so `cramp-diary log` starts fast (harlequin's test)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

CORE = (
    "cramp_diary.model",
    "cramp_diary.parsing",
    "cramp_diary.store",
    "cramp_diary.exchange",
    "cramp_diary.records",
    "cramp_diary.stats",
    "cramp_diary.alerts",
    "cramp_diary.cli",
    "cramp_diary.cli.episodes",
    "cramp_diary.cli.transfer",
)
HEAVY = ("textual", "plotext", "textual_plotext")

REPORT = f"""
import atexit, json, sys
def _report():
    loaded = sorted(m for m in sys.modules if m.split(".")[0] in {HEAVY!r})
    sys.__stderr__.write("LOADED=" + json.dumps(loaded) + "\\n")
atexit.register(_report)
"""


def loaded(stderr: str) -> list[str]:
    lines = [line for line in stderr.splitlines() if line.startswith("LOADED=")]
    assert lines, stderr
    return json.loads(lines[-1].removeprefix("LOADED="))


def python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("module", CORE)
def test_importing_a_core_module_loads_no_ui_library(module: str) -> None:
    result = python(f"{REPORT}\nimport {module}")
    assert result.returncode == 0, result.stderr
    assert loaded(result.stderr) == []


@pytest.mark.parametrize(
    "args",
    [
        ["log", "--muscle", "calf", "--side", "left", "--at", "-1h", "--severity", "5"],
        ["list"],
        ["show", "1"],
        ["export", "--format", "csv", "-o", "{dir}/out.csv"],
        ["import", "{dir}/out.csv"],
        ["edit", "1", "--severity", "6"],
        ["delete", "1", "--yes"],
    ],
    ids=lambda args: args[0],
)
def test_everyday_commands_load_no_ui_library(tmp_path: Path, args: list[str]) -> None:
    db = tmp_path / "diary.db"
    setup = []
    if args[0] != "log":
        setup = [
            "from cramp_diary.store import Diary",
            "from cramp_diary.model import Episode",
            "from cramp_diary.clock import system_now",
            f"d = Diary.open(__import__('pathlib').Path({str(db)!r}), system_now)",
            "d.add(Episode(started_at=system_now(), muscle='calf', side='left'))",
            "d.close()",
        ]
        if args[0] == "import":
            setup.append(f"open({str(tmp_path / 'out.csv')!r}, 'w').write('uuid,started_at,muscle,side\\n')")
    argv = ["cramp-diary", "--db", str(db), *(a.replace("{dir}", str(tmp_path)) for a in args)]
    code = "\n".join([REPORT, *setup, "from cramp_diary.cli import main", f"sys.argv = {argv!r}", "main()"])
    result = python(code)
    assert result.returncode == 0, result.stdout + result.stderr
    assert loaded(result.stderr) == [], f"cramp-diary {args[0]} imported a UI library"


def test_python_dash_m_shows_the_help() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cramp_diary", "--help"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "Usage:" in result.stdout
    for command in ("log", "list", "show", "edit", "delete", "export", "import"):
        assert f"  {command} " in result.stdout


def test_python_dash_m_passes_exit_codes_through(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cramp_diary", "--db", str(tmp_path / "d.db"), "log", "--muscle", "calf",
         "--side", "left", "--severity", "11"],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 2
    assert "--severity" in result.stderr and "Traceback" not in result.stderr
