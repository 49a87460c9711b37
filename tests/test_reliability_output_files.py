"""issue 10, items 1, 2, 19: no output file is ever followed through a link, written over the diary, or half-written.

Each case the hostile trial found runs through the real command: the refusal is
one line (exit 1), and whatever the path led to is left byte for byte and mode
for mode as it was.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cramp_diary.cli import cli
from conftest import FakeClock


def run(clock: FakeClock, db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *args], obj={"now": clock})


@pytest.fixture
def filled(clock: FakeClock, db_path: Path) -> Path:
    for hours in ("-1h", "-2h"):
        result = run(clock, db_path, "log", "--muscle", "calf", "--side", "left", "--at", hours, "--note", "ouch")
        assert result.exit_code == 0, result.output
    return db_path


def state(path: Path) -> tuple[bytes, int]:
    """What must survive a refusal: the bytes and the mode."""
    return path.read_bytes(), stat.S_IMODE(path.stat().st_mode)


OUTPUTS = [("export", "rep.json"), ("report", "rep.html")]


@pytest.mark.parametrize(("command", "name"), OUTPUTS)
def test_a_symlink_to_another_file_is_refused_and_its_target_untouched(
    clock: FakeClock, filled: Path, tmp_path: Path, command: str, name: str
) -> None:
    victim = tmp_path / "p2.txt"
    victim.write_text("someone else's notes\n")
    victim.chmod(0o644)
    (tmp_path / name).symlink_to(victim)
    before = state(victim)
    for extra in ([], ["--force"]) if command == "report" else ([],):
        result = run(clock, filled, command, "-o", str(tmp_path / name), *extra)
        assert result.exit_code == 1, result.output
        assert "symbolic link" in result.output
        assert state(victim) == before


@pytest.mark.parametrize(("command", "name"), OUTPUTS)
def test_a_symlink_to_the_diary_is_refused_and_the_diary_untouched(
    clock: FakeClock, filled: Path, tmp_path: Path, command: str, name: str
) -> None:
    link = tmp_path / name
    link.symlink_to(filled)
    before = state(filled)
    extra = ["--force"] if command == "report" else []
    result = run(clock, filled, command, "-o", str(link), *extra)
    assert result.exit_code == 1, result.output
    assert state(filled) == before
    assert run(clock, filled, "list").exit_code == 0


def test_report_onto_the_diary_itself_is_refused_even_with_force(clock: FakeClock, tmp_path: Path) -> None:
    diary = tmp_path / "diary.md"
    assert run(clock, diary, "log", "--muscle", "calf", "--side", "left").exit_code == 0
    before = state(diary)
    for extra in ([], ["--force"]):
        refused = run(clock, diary, "report", "-o", str(diary), *extra)
        assert refused.exit_code == 1 and "the diary itself" in refused.output
    assert state(diary) == before


@pytest.mark.parametrize(("command", "name"), OUTPUTS)
def test_a_hard_link_to_the_diary_is_refused(
    clock: FakeClock, filled: Path, tmp_path: Path, command: str, name: str
) -> None:
    hard = tmp_path / name
    os.link(filled, hard)
    before = state(filled)
    extra = ["--force"] if command == "report" else []
    result = run(clock, filled, command, "-o", str(hard), *extra)
    assert result.exit_code == 1, result.output
    assert "the diary itself" in result.output
    assert state(filled) == before


def _special_files(tmp_path: Path) -> list[Path]:
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo, 0o644)
    found = [fifo]
    if os.geteuid() == 0:  # as in the trial: a copy of /dev/null (char 1, 3), mode 0666
        node = tmp_path / "null-copy"
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        os.chmod(node, 0o666)
        found.append(node)
    return found


def test_a_device_or_fifo_is_refused_without_blocking_and_keeps_its_mode(
    clock: FakeClock, filled: Path, tmp_path: Path
) -> None:
    for special in _special_files(tmp_path):
        mode = stat.S_IMODE(os.lstat(special).st_mode)
        result = run(clock, filled, "export", "-o", str(special))
        assert result.exit_code == 1, result.output
        assert "device, fifo or socket" in result.output
        assert stat.S_IMODE(os.lstat(special).st_mode) == mode


def test_report_refuses_an_existing_file_unless_force_which_keeps_its_mode(
    clock: FakeClock, filled: Path, tmp_path: Path
) -> None:
    target = tmp_path / "cramps.html"
    target.write_text("last month's report")
    target.chmod(0o640)
    refused = run(clock, filled, "report", "-o", str(target))
    assert refused.exit_code == 1
    assert "already exists; choose another name, or add --force" in refused.output
    assert target.read_text() == "last month's report"
    forced = run(clock, filled, "report", "-o", str(target), "--force")
    assert forced.exit_code == 0, forced.output
    assert target.read_text().startswith("<!DOCTYPE html>")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_full_disk_during_a_report_leaves_the_old_one_byte_for_byte(
    clock: FakeClock, filled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cramp_diary import safe_write

    target = tmp_path / "cramps.md"
    assert run(clock, filled, "report", "-o", str(target)).exit_code == 0
    before = state(target)

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(safe_write.os, "fsync", full)
    result = run(clock, filled, "report", "-o", str(target), "--force")
    assert result.exit_code == 1
    assert result.output == f"Error: cannot write {target}: the disk is full; free some space, then try again\n"
    assert state(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cramps.md", "diary.db"]


KILLED_EXPORT = """
import sys, time
from pathlib import Path
from cramp_diary import safe_write
from cramp_diary.cli import main

ready, db, output = sys.argv[1:4]

def stall(fd):  # the whole export is in the temporary file: stop here until killed
    Path(ready).touch()
    time.sleep(60)

safe_write.os.fsync = stall
sys.argv = ["cramp-diary", "--db", db, "export", "-o", output]
main()
"""


def test_an_export_killed_mid_write_leaves_the_old_backup_whole(
    clock: FakeClock, filled: Path, tmp_path: Path
) -> None:
    backup = tmp_path / "backup.json"
    assert run(clock, filled, "export", "-o", str(backup)).exit_code == 0
    before = state(backup)
    assert run(clock, filled, "log", "--muscle", "foot", "--side", "right").exit_code == 0
    ready = tmp_path / "ready"
    child = subprocess.Popen([sys.executable, "-c", KILLED_EXPORT, str(ready), str(filled), str(backup)])
    try:
        for _ in range(600):
            if ready.exists() or child.poll() is not None:
                break
            time.sleep(0.05)
        assert ready.exists(), "the export never reached its final flush"
    finally:
        if child.poll() is None:
            os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    assert state(backup) == before
    json.loads(backup.read_bytes())


@pytest.mark.parametrize("output", ["-", "/dev/stdout"])
def test_export_into_a_pipe_succeeds_quietly(filled: Path, output: str) -> None:
    shell = f"{sys.executable} -m cramp_diary --db {filled} export -o {output} | cat"
    done = subprocess.run(shell, shell=True, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    assert done.stderr == ""
    assert [e["note"] for e in json.loads(done.stdout)["episodes"]] == ["ouch", "ouch"]


def test_the_migration_backup_never_writes_through_a_link(tmp_path: Path, clock: FakeClock) -> None:
    import sqlite3

    from cramp_diary.safe_write import UnsafeTarget
    from cramp_diary.store.diary_file import write_backup

    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    link = tmp_path / "diary.db.v2-backup"
    link.symlink_to(victim)
    conn = sqlite3.connect(":memory:")
    with pytest.raises(UnsafeTarget, match="symbolic link"):
        write_backup(conn, link, overwrite=False)
    assert victim.read_text() == "keep me"
    fresh = tmp_path / "fresh-backup"
    write_backup(conn, fresh, overwrite=False)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["diary.db.v2-backup", "fresh-backup", "victim.txt"]
