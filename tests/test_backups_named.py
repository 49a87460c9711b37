"""Backups named after their diary: rotation touches only that diary's backups, oldest by the time in the name (issue 20)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from cramp_diary.cli import cli
from cramp_diary.model import Episode
from cramp_diary.store import Diary
from conftest import NOW, FakeClock


def backup(db: Path, clock: FakeClock, *args: str) -> str:
    Diary.open(db, clock).close()  # `backup` only reads: the diary must be there
    result = CliRunner().invoke(cli, ["--db", str(db), "backup", *args], obj={"now": clock})
    assert result.exit_code == 0, result.output
    return result.output


def test_keep_2_on_two_diaries_in_one_folder_keeps_both_diaries_newest_two(tmp_path: Path) -> None:
    clock = FakeClock()
    folder = tmp_path / "backups"
    folder.mkdir()
    mine = [folder / "diary-old.db", folder / "notes.db", folder / "work-copy.db"]
    for path in mine:
        path.write_text("the person's own file")
    for _ in range(3):
        for name in ("diary", "work"):
            backup(tmp_path / f"{name}.db", clock, "--keep", "2")
        clock.advance(seconds=1)
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted([
        "diary-20261122T203001Z.db", "diary-20261122T203002Z.db",
        "work-20261122T203001Z.db", "work-20261122T203002Z.db",
        *(p.name for p in mine),
    ])


def test_rotation_goes_by_the_time_in_the_name_not_the_files_time(tmp_path: Path) -> None:
    clock = FakeClock()
    db = tmp_path / "diary.db"
    for _ in range(3):
        backup(db, clock)
        clock.advance(seconds=1)
    folder = tmp_path / "backups"
    oldest = folder / "diary-20261122T203000Z.db"
    newest = folder / "diary-20261122T203002Z.db"
    os.utime(oldest, (time.time() + 100, time.time() + 100))  # opened or copied later: its own time moved
    os.utime(newest, (1, 1))
    backup(db, clock, "--keep", "2")
    assert not oldest.exists() and newest.exists()


def test_output_into_a_folder_writes_a_named_backup_inside_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    clock = FakeClock()
    with Diary.open(tmp_path / "diary.db", clock) as diary:
        diary.episodes.add(Episode(NOW - timedelta(hours=1), "calf", "left"))
    (tmp_path / "existing").mkdir()
    backup(tmp_path / "diary.db", clock, "-o", "existing")
    backup(tmp_path / "diary.db", clock, "-o", "fresh/")
    assert [p.name for p in (tmp_path / "existing").iterdir()] == ["diary-20261122T203000Z.db"]
    assert [p.name for p in (tmp_path / "fresh").iterdir()] == ["diary-20261122T203000Z.db"]
    with Diary.open(tmp_path / "fresh" / "diary-20261122T203000Z.db", clock) as copy:
        assert copy.episodes.count() == 1


def test_a_stale_temporary_file_of_this_diary_is_swept_and_others_are_left(tmp_path: Path) -> None:
    clock = FakeClock()
    folder = tmp_path / "backups"
    folder.mkdir()
    stale = folder / ".diary-20261101T000000Z.db.k3j2h1.tmp"
    busy = folder / ".diary-20261122T000000Z.db.a1b2c3.tmp"  # another backup still filling it
    other = folder / ".work-20261101T000000Z.db.k3j2h1.tmp"
    for path in (stale, busy, other):
        path.write_bytes(b"half a diary")
    for path in (stale, other):
        os.utime(path, (time.time() - 7200, time.time() - 7200))
    backup(tmp_path / "diary.db", clock)
    assert not stale.exists() and busy.exists() and other.exists()


#: A command that sends itself SIGTERM (or SIGHUP) while its temporary file is being filled.
KILLED_MID_WRITE = textwrap.dedent(
    """
    import os, signal, sys
    from cramp_diary import safe_write
    from cramp_diary.store import backups as store_backups
    from cramp_diary.cli import cli

    sig = getattr(signal, sys.argv[1])
    real_fsync = os.fsync

    def killed(fd):
        os.kill(os.getpid(), sig)
        real_fsync(fd)

    os.fsync = killed
    cli(sys.argv[2:])
    """
)


@pytest.mark.parametrize("sig", ["SIGTERM", "SIGHUP"])
@pytest.mark.parametrize("command", ["backup", "sync"])
def test_a_signal_mid_write_leaves_no_temporary_file(tmp_path: Path, sig: str, command: str) -> None:
    db = tmp_path / "data" / "diary.db"
    db.parent.mkdir()
    with Diary.open(db, FakeClock()) as diary:
        diary.episodes.add(Episode(NOW - timedelta(hours=1), "calf", "left"))
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o700)
    args = ["backup"] if command == "backup" else ["sync", str(shared)]
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config")}
    done = subprocess.run([sys.executable, "-c", KILLED_MID_WRITE, sig, "--db", str(db), *args],
                          capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode != 0, done.stdout
    left = [p for folder in (db.parent, db.parent / "backups", shared) if folder.is_dir() for p in folder.iterdir()
            if p.name.endswith(".tmp")]
    assert left == [], done.stderr
