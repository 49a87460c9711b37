"""SQL lives in the storage package only: stats, warning signs, screens and commands ask it by name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import cramp_diary

PACKAGE = Path(cramp_diary.__file__).parent
STORE = PACKAGE / "store"
#: What gives SQL away in Python source: its statements, and reaching past the Diary to its connection
#: (``diary.db.execute``, ``diary.db`` handed on); the file name "diary.db" is not SQL.
SQL = re.compile(r"\b(?:SELECT |INSERT |DELETE FROM|UPDATE |CREATE )|\.db\.[A-Za-z_]|\bdiary\.db(?:\s*$|[,)\]])|\.execute\(")


def outside_store() -> list[Path]:
    """Python source and the data files shipped with it (a Datasette metadata file holds queries)."""
    files = [path for pattern in ("*.py", "*.json", "*.toml") for path in sorted(PACKAGE.rglob(pattern))]
    return [path for path in files if STORE not in path.parents]


def test_the_store_is_a_package_and_everything_else_is_checked() -> None:
    assert (STORE / "__init__.py").is_file() and not (PACKAGE / "store.py").exists()
    names = {path.relative_to(PACKAGE).as_posix() for path in outside_store()}
    assert {"stats.py", "alerts.py", "report/data.py", "exchange/reading.py", "cli/pattern.py", "tui/screens/home.py"} <= names


@pytest.mark.parametrize("path", outside_store(), ids=lambda path: path.relative_to(PACKAGE).as_posix())
def test_no_sql_outside_the_store(path: Path) -> None:
    found = [
        f"{number}: {line.strip()}"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if SQL.search(line)
    ]
    assert found == [], f"SQL in {path.relative_to(PACKAGE)}; move it into cramp_diary/store/"


def test_the_pattern_finds_what_it_is_meant_to_find() -> None:
    for line in ("rows = diary.db.execute(sql)", "conn.execute(x)", 'sql = "DELETE FROM checkins"', "f(app.diary.db)"):
        assert SQL.search(line), line
    for line in ('path = Path("diary.db")', "the folder for diary.db files", 'glob("diary.db*")', "e.g. ~/diary.db.", "--db demo.db)"):
        assert not SQL.search(line), line


def test_finished_means_one_condition_in_one_place() -> None:
    text = "\n".join(path.read_text(encoding="utf-8") for path in sorted(PACKAGE.rglob("*.py")))
    assert text.count("status = 'done'") == 1
