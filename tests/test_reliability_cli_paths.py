"""Every kind of bad ``--db`` through the real command: one line, exit 1, the file left exactly as it was.

test_store_open.py checks the refusals on ``Diary.open``; here the installed
entry point runs in its own process, as a person would run it, so nothing
(click, the error handler, SQLite closing its files) can touch the file or
print a traceback on the way out.
"""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from cramp_diary.model import Episode
from cramp_diary.store import Diary

COMMANDS = {
    "log": ["log", "--muscle", "calf", "--side", "left", "--trigger", "cold"],
    "list": ["list"],
}


def cramp_diary(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cramp_diary", *args], capture_output=True, text=True, timeout=60
    )


def fingerprint(path: Path) -> tuple[object, ...]:
    """Bytes (or a folder's listing), mtime, and what lies beside it: all must survive a refusal."""
    content = sorted(os.listdir(path)) if path.is_dir() else path.read_bytes() if path.exists() else None
    mtime = path.stat().st_mtime_ns if path.exists() else None
    folder = path.parent if path.parent.exists() else path.parent.parent
    return content, mtime, sorted(os.listdir(folder))


def real_diary(path: Path, clock, episodes: int = 300) -> Path:
    with Diary.open(path, clock) as diary:
        diary.merge(
            Episode(started_at=clock() - timedelta(hours=n), muscle="calf", side="left", note="x" * 100,
                    triggers=("heat",))
            for n in range(episodes)
        )
    return path


def page_size(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("PRAGMA page_size").fetchone()[0])
    finally:
        conn.close()


# Each builder makes one kind of bad diary path in a folder of its own and returns it.


def a_folder(tmp: Path, clock) -> Path:
    (tmp / "folder").mkdir()
    return tmp / "folder"


def a_text_file(tmp: Path, clock) -> Path:
    (tmp / "notes.txt").write_text("shopping: magnesium, bananas\n")
    return tmp / "notes.txt"


def another_programs_sqlite(tmp: Path, clock) -> Path:
    conn = sqlite3.connect(tmp / "app.db")
    conn.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO users (name) VALUES ('ada')")
    conn.commit()
    conn.close()
    return tmp / "app.db"


def a_truncated_diary(tmp: Path, clock) -> Path:
    path = real_diary(tmp / "diary.db", clock)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    return path


def a_corrupted_diary(tmp: Path, clock) -> Path:
    """Every other page after the schema overwritten with junk, the SQLite header intact."""
    path = real_diary(tmp / "diary.db", clock)
    size = page_size(path)
    data = bytearray(path.read_bytes())
    rng = random.Random(1)
    for page in range(2, len(data) // size, 2):
        data[page * size : (page + 1) * size] = rng.randbytes(size)
    path.write_bytes(bytes(data))
    return path


def a_read_only_diary(tmp: Path, clock) -> Path:
    """chmod a-w: refused by its mode bits, so the test holds when run as root (as in CI)."""
    path = real_diary(tmp / "diary.db", clock, episodes=3)
    path.chmod(0o444)
    return path


def a_missing_folder(tmp: Path, clock) -> Path:
    return tmp / "nowhere" / "diary.db"


BAD_PATHS: dict[str, tuple[Callable[[Path, object], Path], str]] = {
    "folder": (a_folder, "is a folder"),
    "text-file": (a_text_file, "not a cramp-diary database"),
    "other-sqlite": (another_programs_sqlite, "another program's SQLite database"),
    "truncated": (a_truncated_diary, "damaged"),
    "corrupted": (a_corrupted_diary, "damaged"),
    "read-only": (a_read_only_diary, "read-only"),
    "missing-folder": (a_missing_folder, "does not exist"),
}


def assert_one_line_failure(result: subprocess.CompletedProcess[str], path: Path, words: str) -> None:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1, result.stderr
    assert str(path) in result.stderr and words in result.stderr


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("kind", sorted(BAD_PATHS))
def test_a_bad_diary_path_is_one_line_exit_1_and_left_untouched(
    tmp_path: Path, clock, kind: str, command: str
) -> None:
    build, words = BAD_PATHS[kind]
    if kind == "missing-folder" and command == "list":  # reading never creates: it says there is no diary
        words = "no diary at"
    path = build(tmp_path, clock)
    before = fingerprint(path)
    if kind == "read-only" and command == "list":  # reading needs no write access: it lists, changing nothing
        listed = cramp_diary("--db", str(path), *COMMANDS[command])
        assert listed.returncode == 0 and len(listed.stdout.strip().splitlines()) >= 3, listed.stderr
    else:
        assert_one_line_failure(cramp_diary("--db", str(path), *COMMANDS[command]), path, words)
    assert fingerprint(path) == before


def test_read_only_is_judged_by_the_mode_bits_even_for_root(tmp_path: Path, clock) -> None:
    """os.access() says yes to root for any file; the owner's chmod a-w must still count."""
    path = a_read_only_diary(tmp_path, clock)
    from cramp_diary.store import DiaryError

    with pytest.raises(DiaryError, match="read-only"):
        Diary.open(path, clock)
    path.chmod(0o600)
    Diary.open(path, clock).close()  # writable again: opened as usual


def test_damage_the_open_check_misses_fails_the_save_whole(tmp_path: Path, clock) -> None:
    """An index page full of junk: reading works, the save fails in one line and changes nothing."""
    path = real_diary(tmp_path / "diary.db", clock, episodes=3)
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'episode_triggers_trigger'").fetchone()[0]
    conn.close()
    size = page_size(path)
    data = bytearray(path.read_bytes())
    data[(root - 1) * size : root * size] = random.Random(2).randbytes(size)
    path.write_bytes(bytes(data))
    before = fingerprint(path)
    assert cramp_diary("--db", str(path), "list").returncode == 0
    result = cramp_diary("--db", str(path), *COMMANDS["log"])
    assert_one_line_failure(result, path, "could not save")
    assert "malformed" in result.stderr
    assert fingerprint(path) == before


@pytest.mark.parametrize("value", ["", "   "])
@pytest.mark.parametrize("where", ["before", "after"])
def test_an_empty_db_option_is_bad_input_not_the_default_diary(tmp_path: Path, value: str, where: str) -> None:
    """``--db "$UNSET"`` must not quietly write to the person's real diary."""
    args = ["--db", value, "stats"] if where == "before" else ["stats", "--db", value]
    result = cramp_diary(*args)
    assert result.returncode == 2, result.stderr
    assert "'--db'" in result.stderr and "not empty text" in result.stderr
    assert "Traceback" not in result.stderr
    data_home = Path(os.environ["XDG_DATA_HOME"])  # the conftest points the default diary here
    assert not data_home.exists() or not any(data_home.rglob("diary.db"))
