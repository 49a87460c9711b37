"""Every output file is written beside its target and renamed in: no links followed, no half files."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from cramp_diary.safe_write import UnsafeTarget, atomic_output, write_atomic


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_is_private(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    write_atomic(target, "{}")
    assert target.read_text() == "{}"
    assert mode(target) == 0o600


def test_an_existing_file_keeps_its_own_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old")
    target.chmod(0o640)
    write_atomic(target, "new")
    assert target.read_text() == "new"
    assert mode(target) == 0o640


def test_a_symlink_is_refused_and_its_target_untouched(tmp_path: Path) -> None:
    victim = tmp_path / "p2.txt"
    victim.write_text("precious")
    victim.chmod(0o644)
    link = tmp_path / "rep.html"
    link.symlink_to(victim)
    with pytest.raises(UnsafeTarget, match="symbolic link"):
        write_atomic(link, "report")
    assert victim.read_text() == "precious"
    assert mode(victim) == 0o644
    assert link.is_symlink()


def test_a_dangling_symlink_is_refused_and_nothing_created(tmp_path: Path) -> None:
    link = tmp_path / "out.json"
    link.symlink_to(tmp_path / "nowhere.json")
    with pytest.raises(UnsafeTarget):
        write_atomic(link, "x")
    assert not (tmp_path / "nowhere.json").exists()


def test_a_hard_link_to_the_diary_is_refused(tmp_path: Path) -> None:
    diary = tmp_path / "v2.db"
    diary.write_bytes(b"SQLite format 3\x00rest")
    hard = tmp_path / "hl.json"
    os.link(diary, hard)
    with pytest.raises(UnsafeTarget, match="diary"):
        write_atomic(hard, "x", protect=[diary])
    assert diary.read_bytes() == b"SQLite format 3\x00rest"


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
def test_the_diary_and_its_companions_are_refused(tmp_path: Path, suffix: str) -> None:
    diary = tmp_path / "d.db"
    for s in ("", "-wal", "-shm"):
        Path(f"{diary}{s}").write_bytes(b"data" + s.encode())
    with pytest.raises(UnsafeTarget):
        write_atomic(Path(f"{diary}{suffix}"), "x", protect=[diary])
    assert Path(f"{diary}{suffix}").read_bytes() == b"data" + suffix.encode()


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "f"
    os.mkfifo(fifo)
    with pytest.raises(UnsafeTarget, match="fifo"):
        write_atomic(fifo, "x")


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UnsafeTarget, match="folder"):
        write_atomic(tmp_path, "x")


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(UnsafeTarget, match="does not exist"):
        write_atomic(tmp_path / "no" / "x.json", "x")


def test_an_error_mid_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "old.json"
    target.write_text('{"valid": true}')
    with pytest.raises(RuntimeError):
        with atomic_output(target) as handle:
            handle.write("partial" * 1000)
            raise RuntimeError("disk full")
    assert target.read_text() == '{"valid": true}'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.json"]


def test_no_overwrite_refuses_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "r.html"
    target.write_text("mine")
    with pytest.raises(UnsafeTarget, match="already exists"):
        write_atomic(target, "new", overwrite=False)
    assert target.read_text() == "mine"
    write_atomic(tmp_path / "fresh.html", "new", overwrite=False)
    assert (tmp_path / "fresh.html").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fresh.html", "r.html"]


def test_a_killed_writer_leaves_the_old_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "backup.json"
    target.write_text("old export")
    code = (
        "import os, signal, sys\n"
        "from cramp_diary.safe_write import atomic_output\n"
        f"with atomic_output({str(target)!r}) as h:\n"
        "    h.write('x' * 100000); h.flush()\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert result.returncode == -9
    assert target.read_text() == "old export"


def test_standard_output_through_a_pipe_is_written_plainly() -> None:
    code = (
        "from cramp_diary.safe_write import write_atomic\n"
        "write_atomic('/dev/stdout', 'hello\\n')\n"
        "write_atomic('-', 'again\\n')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "hello\nagain\n"
    assert result.stderr == ""
