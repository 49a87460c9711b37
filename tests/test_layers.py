"""The core never imports Textual or plotext, so `cramp-diary log` starts fast (harlequin's test)."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import cramp_diary

#: The only modules that may import a UI library: the app, and ``python -m`` (which runs the CLI).
UI_EDGE = ("cramp_diary.tui", "cramp_diary.__main__")


def core_modules() -> list[str]:
    """Every module outside the UI edge, found on disk: a new module is checked without being listed."""
    found = (info.name for info in pkgutil.walk_packages(cramp_diary.__path__, "cramp_diary."))
    return sorted(name for name in found if not any(name == edge or name.startswith(edge + ".") for edge in UI_EDGE))


CORE = core_modules()
#: Named as well, so a discovery that found too little fails instead of checking nothing.
KNOWN_CORE = tuple(
    f"cramp_diary.{name}"
    for name in (
        "model", "parsing", "wording", "store", "exchange", "stats", "alerts", "report", "report.data",
        "report.markdown", "report.html_page", "report.files", "countdown", "routines", "demo", "clock",
        "paths", "safe_text", "plots", "records", "safe_write", "settings", "cli", "cli.episodes", "cli.exchange", "cli.pattern", "cli.timer",
        "cli.demo",
    )
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


def test_every_core_module_is_checked() -> None:
    assert set(KNOWN_CORE) <= set(CORE)


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
            "d.episodes.add(Episode(started_at=system_now(), muscle='calf', side='left'))",
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
