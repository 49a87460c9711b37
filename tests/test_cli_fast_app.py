"""`cramp-diary` with no command opens the app without loading click; anything unsure is click's (issue 26).

The app itself cannot run without a terminal here, so each subprocess stands in
for the terminal check and for the running app, and reports what was loaded.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FakeClock

from cramp_diary.cli.fast_app import db_only
from cramp_diary.paths import ENV_DB
from cramp_diary.store import Diary

RUN_WITH_A_TERMINAL = """
import json, sys
from cramp_diary.tui import app
app.has_terminal = lambda: True
opened = []
def run_on(diary, **_):
    opened.append(str(diary.path))
    diary.close()
app.run_on = run_on
sys.argv = ["cramp-diary", *json.loads(sys.argv[1])]
code = 0
try:
    from cramp_diary.cli import main
    main()
except SystemExit as exit:
    code = exit.code
print(json.dumps({"opened": opened, "code": code, "click": "click" in sys.modules}))
"""


def _start(argv: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[dict[str, object], str]:
    done = subprocess.run([sys.executable, "-c", RUN_WITH_A_TERMINAL, json.dumps(argv)], cwd=cwd,
                          capture_output=True, text=True, timeout=60, env=env)
    return json.loads(done.stdout.strip().splitlines()[-1]), done.stderr


@pytest.mark.parametrize("argv", [["--db", "{db}"], ["--db={db}"]])
def test_the_app_opens_on_the_diary_without_click(tmp_path: Path, argv: list[str]) -> None:
    db = tmp_path / "d.db"
    Diary.open(db, FakeClock()).close()  # made beforehand: a new diary's search step loads sqlite-utils (and click)
    report, _ = _start([arg.format(db=db) for arg in argv], tmp_path)
    assert report == {"opened": [str(db)], "code": 0, "click": False}


def test_a_first_start_makes_the_diary_owner_only(tmp_path: Path) -> None:
    db = tmp_path / "new" / "d.db"
    (tmp_path / "new").mkdir()
    report, _ = _start(["--db", str(db)], tmp_path)
    assert report["opened"] == [str(db)] and report["code"] == 0
    assert db.stat().st_mode & 0o077 == 0


def test_a_file_that_is_not_a_diary_is_refused_in_clicks_words_and_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "notes.txt"
    db.write_text("my shopping list\n")
    report, stderr = _start(["--db", str(db)], tmp_path)
    assert report["opened"] == [] and report["code"] == 1 and report["click"]
    assert "Error:" in stderr and "notes.txt" in stderr
    assert db.read_text() == "my shopping list\n"


def test_a_command_or_an_option_goes_to_click(tmp_path: Path) -> None:
    report, _ = _start(["--db", str(tmp_path / "d.db"), "stats"], tmp_path)
    assert report["opened"] == [] and report["click"]


@settings(max_examples=200, deadline=None)  # a pure parser: many argv cheaply
@given(argv=st.lists(st.sampled_from(["--db", "--db=", "x.db", "", " ", "-", "--help", "--version", "log", "stats"]),
                     max_size=4))
def test_the_fast_path_is_sure_only_of_the_app_with_a_usable_db(argv: list[str]) -> None:
    sure, db = db_only(argv, {})
    if sure:
        assert argv == [] or argv == ["--db", db] or argv == [f"--db={db}"]
        assert db is None or (db.strip() and not db.startswith("-"))
    else:
        assert db is None


def test_a_blank_diary_variable_is_left_to_click() -> None:
    assert db_only([], {ENV_DB: " "}) == (False, None)
    assert db_only([], {ENV_DB: "x.db"}) == (True, None)  # the variable names it: resolved like click's
