"""Opening a diary: anything that is not one is refused and left exactly as it was."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from cramp_diary.cli import cli
from cramp_diary.model import Episode
from cramp_diary.paths import default_db_path
from cramp_diary.store import Diary, DiaryError


def fingerprint(path: Path) -> tuple[bytes, int, list[str]]:
    """The file's bytes, its mtime and what lies beside it: all must survive a refusal."""
    return path.read_bytes(), path.stat().st_mtime_ns, sorted(os.listdir(path.parent))


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def refuse(path: Path, clock, *words: str) -> str:
    """Open ``path``, expect a refusal naming it, and check nothing changed."""
    before = fingerprint(path)
    with pytest.raises(DiaryError) as caught:
        Diary.open(path, clock)
    message = str(caught.value)
    assert str(path) in message and "\n" not in message
    for word in words:
        assert word in message
    assert fingerprint(path) == before
    return message


def test_a_folder_is_refused(tmp_path: Path, clock) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    with pytest.raises(DiaryError, match="is a folder"):
        Diary.open(folder, clock)
    assert list(folder.iterdir()) == []


def test_a_text_file_is_refused_untouched(tmp_path: Path, clock) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("shopping: magnesium, bananas\n")
    refuse(path, clock, "not a cramp-diary database")


def test_an_empty_file_is_refused_untouched(tmp_path: Path, clock) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    refuse(path, clock, "empty file")


@pytest.mark.parametrize("journal", ["delete", "wal"])
def test_another_programs_sqlite_file_is_refused_untouched(tmp_path: Path, clock, journal: str) -> None:
    path = tmp_path / "app.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA journal_mode = {journal}")
    conn.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO users (name) VALUES ('ada')")
    conn.commit()
    conn.close()
    refuse(path, clock, "another program's SQLite database")


def test_a_sqlite_file_with_a_different_meta_table_is_refused_untouched(tmp_path: Path, clock) -> None:
    path = tmp_path / "meta.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE meta (name TEXT, content TEXT)")
    conn.commit()
    conn.close()
    refuse(path, clock, "not a cramp-diary database")


def test_a_truncated_diary_is_refused_untouched(tmp_path: Path, clock) -> None:
    real = tmp_path / "real.db"
    with Diary.open(real, clock) as diary:
        for minutes in range(40):
            started = clock() - timedelta(minutes=minutes)
            diary.episodes.add(Episode(started_at=started, muscle="calf", side="left", note="x" * 200))
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(real.read_bytes()[:1000])
    refuse(damaged, clock, "damaged")


@pytest.mark.parametrize("kept", ["first page", "half", "all but the last page"])
def test_a_diary_cut_anywhere_is_refused_untouched_for_writing_and_reading(tmp_path: Path, clock, kept: str) -> None:
    """The probe reads one page of the episodes, not all of them: SQLite itself refuses a file shorter than its header says."""
    real = tmp_path / "real.db"
    with Diary.open(real, clock) as diary:
        for minutes in range(200):
            diary.episodes.add(Episode(started_at=clock() - timedelta(minutes=minutes), muscle="calf", side="left", note="x" * 200))
    data = real.read_bytes()
    cut = {"first page": 4096, "half": len(data) // 2, "all but the last page": len(data) - 4096}[kept]
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(data[:cut])
    refuse(damaged, clock, "damaged")
    before = fingerprint(damaged)
    with pytest.raises(DiaryError, match="damaged"):
        Diary.open_read_only(damaged, clock)
    assert fingerprint(damaged) == before


def test_a_missing_folder_is_refused_and_not_created(tmp_path: Path, clock) -> None:
    path = tmp_path / "nowhere" / "diary.db"
    with pytest.raises(DiaryError, match="does not exist"):
        Diary.open(path, clock)
    assert not path.parent.exists()


def test_a_folder_that_cannot_be_created_gives_a_diary_error(tmp_path: Path, clock) -> None:
    """A file where the folder should be: one clear line, not an OSError traceback."""
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    with pytest.raises(DiaryError, match="cannot create"):
        Diary.open(blocker / "cramp-diary" / "diary.db", clock, create_folder=True)


def test_a_new_diary_and_its_wal_and_shm_are_private(db_path: Path, clock) -> None:
    with Diary.open(db_path, clock) as diary:
        diary.episodes.add(Episode(started_at=clock(), muscle="calf", side="left"))
        assert mode(db_path) == 0o600
        assert mode(Path(f"{db_path}-wal")) == 0o600
        assert mode(Path(f"{db_path}-shm")) == 0o600


def test_the_default_folder_is_created_private(tmp_path: Path, clock) -> None:
    path = tmp_path / "data" / "cramp-diary" / "diary.db"
    old = os.umask(0o022)
    try:
        Diary.open(path, clock, create_folder=True).close()
    finally:
        os.umask(old)
    assert mode(path.parent) == 0o700
    assert mode(path) == 0o600


def test_the_cli_creates_the_default_diary_privately(clock) -> None:
    path = default_db_path()
    assert str(path).startswith(os.environ["XDG_DATA_HOME"])  # the conftest keeps us out of $HOME
    result = CliRunner().invoke(cli, ["log", "--muscle", "calf", "--side", "left"], obj={"now": clock})
    assert result.exit_code == 0, result.output
    assert mode(path.parent) == 0o700
    assert mode(path) == 0o600


def test_a_diary_that_already_exists_is_reopened_with_its_episodes(db_path: Path, clock) -> None:
    with Diary.open(db_path, clock) as diary:
        diary.episodes.add(Episode(started_at=clock(), muscle="foot", side="right"))
    with Diary.open(db_path, clock) as diary:
        assert [e.muscle for e in diary.episodes.newest_first()] == ["foot"]


def test_every_connection_has_the_safe_pragmas(diary: Diary) -> None:
    conn = diary.db.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0


def test_reopened_diary_has_the_safe_pragmas_too(db_path: Path, clock) -> None:
    Diary.open(db_path, clock).close()
    with Diary.open(db_path, clock) as diary:
        conn = diary.db.conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0
