"""`cramp-diary timer`: opens the app on the timer screen, and the core stays free of Textual."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cramp_diary.cli import cli

LOADED_UI = """
import json, sys
import {module}
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "plotext", "textual_plotext"))))
"""


@pytest.mark.parametrize("module", ["cramp_diary.routines", "cramp_diary.countdown", "cramp_diary.cli.timer"])
def test_timer_core_loads_no_ui_library(module: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", LOADED_UI.format(module=module)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Catches the call that would open the full-screen app."""
    calls: dict[str, Any] = {}

    def fake_run_app(path: Path, **options: Any) -> None:
        calls.update(options, path=path)

    monkeypatch.setattr("cramp_diary.tui.app.run_app", fake_run_app)
    return calls


def test_muscle_and_side_start_the_timer_without_questions(tmp_path: Path, opened: dict[str, Any]) -> None:
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "d.db"), "timer", "calf", "--side", "left"])
    assert result.exit_code == 0, result.output
    assert opened["timer"] == ("calf", "left")
    assert opened["path"] == tmp_path / "d.db"


def test_no_arguments_opens_the_picker(tmp_path: Path, opened: dict[str, Any]) -> None:
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "d.db"), "timer"])
    assert result.exit_code == 0, result.output
    assert opened["timer"] == (None, None)


def test_bedtime_refuses_a_side(tmp_path: Path, opened: dict[str, Any]) -> None:
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "d.db"), "timer", "bedtime", "--side", "left"])
    assert result.exit_code == 2
    assert "--side" in result.output and "both legs" in result.output
    assert opened == {}


def test_an_unknown_muscle_names_the_choices(tmp_path: Path, opened: dict[str, Any]) -> None:
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "d.db"), "timer", "knee"])
    assert result.exit_code == 2
    assert "calf" in result.output and "bedtime" in result.output
