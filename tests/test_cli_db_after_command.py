"""``--db`` works after every command's name, as before it: ``cramp-diary log ... --db x.db``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from cramp_diary.cli import COMMAND_MODULES, cli
from cramp_diary.store import Diary
from conftest import FakeClock


def run(clock: FakeClock, *args: str) -> Result:
    """No --db before the command: the default diary (in the test's own data folder) would be used."""
    return CliRunner().invoke(cli, list(args), obj={"now": clock})


#: One ordinary use of each command; {file} is an export in the test's folder.
USES: dict[str, list[str]] = {
    "log": ["log", "--muscle", "calf", "--side", "left"],
    "list": ["list"],
    "show": ["show", "1"],
    "edit": ["edit", "1", "--severity", "3"],
    "delete": ["delete", "1", "--yes"],
    "export": ["export"],
    "import": ["import", "{file}"],
    "checkin": ["checkin", "--none", "--date", "2026-11-01"],
    "stats": ["stats"],
    "report": ["report"],
    "timer": ["timer", "calf", "--side", "left"],
    "warnings": ["warnings"],
    "demo": ["demo"],
    "change": ["change", "list"],
    "compare": ["compare", "1"],
    "sync": ["sync", "{folder}"],
    "backup": ["backup"],
    "trial": ["trial", "start", "stretch before bed", "--kind", "habit"],
    "remind": ["remind", "--ics", "-o", "{folder}/reminders.ics"],
    "datasette-metadata": ["datasette-metadata"],
}


def test_every_command_has_a_use_here() -> None:
    assert set(USES) == set(COMMAND_MODULES)


@pytest.fixture
def no_app(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """`timer` must not open a real screen; remember which diary it was given."""
    opened: dict[str, Any] = {}
    monkeypatch.setattr("cramp_diary.tui.app.run_app", lambda path, **_: opened.update(path=path))
    return opened


@pytest.mark.parametrize("command", sorted(USES))
def test_db_after_the_command_uses_that_diary(
    command: str, clock: FakeClock, tmp_path: Path, no_app: dict[str, Any]
) -> None:
    db = tmp_path / "after.db"
    if command != "demo":  # demo wants a diary of its own
        result = run(clock, "--db", str(db), "log", "--muscle", "foot", "--side", "right", "--at", "-1h")
        assert result.exit_code == 0, result.output
    if command == "compare":  # it needs a change to compare
        result = run(clock, "--db", str(db), "change", "add", "water", "--kind", "habit", "--started", "today")
        assert result.exit_code == 0, result.output
    file = tmp_path / "in.json"
    file.write_text(run(clock, "--db", str(db), "export").output if db.exists() else "[]")
    (tmp_path / "shared").mkdir()
    args = [part.replace("{file}", str(file)).replace("{folder}", str(tmp_path / "shared")) for part in USES[command]]
    result = run(clock, *args, "--db", str(db))
    assert result.exit_code == 0, result.output
    assert db.exists()
    if command == "timer":
        assert no_app["path"] == db
    data_home = Path(os.environ["XDG_DATA_HOME"])
    assert not any(data_home.rglob("diary.db")), "the default diary was used instead"


def test_db_after_the_command_is_the_one_written(clock: FakeClock, tmp_path: Path) -> None:
    before, after = tmp_path / "before.db", tmp_path / "after.db"
    result = run(clock, "--db", str(before), "log", "--muscle", "calf", "--side", "left", "--db", str(after))
    assert result.exit_code == 0, result.output
    assert not before.exists()
    with Diary.open(after, clock) as diary:
        assert diary.episodes.count() == 1


def test_every_command_lists_db_in_its_help(clock: FakeClock) -> None:
    for name in sorted(COMMAND_MODULES):
        result = run(clock, name, "--help")
        assert result.exit_code == 0, result.output
        assert "--db PATH" in result.output, name


def test_an_empty_db_after_any_command_is_refused(clock: FakeClock, tmp_path: Path) -> None:
    result = run(clock, "log", "--muscle", "calf", "--side", "left", "--db", " ")
    assert result.exit_code == 2
    assert "'--db'" in result.output and "not empty text" in result.output
