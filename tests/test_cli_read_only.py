"""Commands that only read open the diary read-only and never change it, not even its time (issue 20)."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from cramp_diary.cli import cli
from cramp_diary.model import Episode
from cramp_diary.store import Diary, DiaryError
from conftest import NOW, FakeClock

READERS = [["list"], ["show", "1"], ["export"], ["export", "--format", "csv"], ["stats"], ["change", "list"],
           ["medicine", "list"], ["warnings"], ["backup", "-o", "copy.db"]]


def fingerprint(path: Path) -> tuple[bytes, int, list[str]]:
    return path.read_bytes(), path.stat().st_mtime_ns, sorted(os.listdir(path.parent))


@pytest.mark.parametrize("command", READERS, ids=" ".join)
def test_a_command_that_only_reads_leaves_a_backup_exactly_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    clock = FakeClock()
    with Diary.open(tmp_path / "diary.db", clock) as diary:
        diary.episodes.add(Episode(NOW - timedelta(hours=1), "calf", "left", note="kept"))
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", str(tmp_path / "diary.db"), "backup"], obj={"now": clock}).exit_code == 0
    [copy] = (tmp_path / "backups").iterdir()
    os.utime(copy, ns=(1_000_000_000, 1_000_000_000))
    before = fingerprint(copy)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["--db", str(copy), *command], obj={"now": clock})
    assert result.exit_code == 0, result.output
    assert fingerprint(copy) == before


def test_a_live_diary_read_while_another_program_writes_shows_the_latest_and_keeps_its_working_files(
    tmp_path: Path,
) -> None:
    clock = FakeClock()
    writer = Diary.open(tmp_path / "diary.db", clock)
    writer.episodes.add(Episode(NOW - timedelta(hours=1), "calf", "left", note="first"))
    writer.episodes.add(Episode(NOW - timedelta(minutes=30), "calf", "left", note="second"))  # still in the WAL
    result = CliRunner().invoke(cli, ["--db", str(writer.path), "export"], obj={"now": clock})
    assert result.exit_code == 0 and "first" in result.output and "second" in result.output
    writer.episodes.add(Episode(NOW - timedelta(minutes=10), "calf", "left", note="third"))  # its -wal and -shm still work
    writer.close()
    assert sorted(os.listdir(tmp_path)) == ["diary.db"]


def test_a_read_only_diary_refuses_a_save_with_the_reason(tmp_path: Path) -> None:
    clock = FakeClock()
    Diary.open(tmp_path / "diary.db", clock).close()
    with Diary.open_read_only(tmp_path / "diary.db", clock) as diary:
        with pytest.raises(DiaryError, match="opened for reading only"):
            diary.episodes.add(Episode(NOW - timedelta(hours=1), "calf", "left"))
