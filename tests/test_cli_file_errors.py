"""A file the CLI cannot write or read is one plain line and exit 1; a closed pipe ends quietly.

No Python class names (FileNotFoundError, BrokenPipeError) and no [Errno 2]:
the message says which file and why, in words.
"""

from __future__ import annotations

import errno
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cramp_diary.cli import cli
from conftest import FakeClock


def run(clock: FakeClock, db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *args], obj={"now": clock})


def log(clock: FakeClock, db: Path) -> None:
    assert run(clock, db, "log", "--muscle", "calf", "--side", "left", "--at", "-1h").exit_code == 0


def assert_plain_one_line(result: Result, expected: str) -> None:
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)
    assert result.output == f"Error: {expected}\n"
    assert "Errno" not in result.output and "Error:" not in result.output[len("Error:") :]


@pytest.mark.parametrize(("command", "name"), [("export", "x.csv"), ("report", "r.html")])
def test_writing_into_a_missing_folder_names_the_file_and_the_folder(
    clock: FakeClock, db_path: Path, tmp_path: Path, command: str, name: str
) -> None:
    log(clock, db_path)
    target = tmp_path / "no-such-dir" / name
    result = run(clock, db_path, command, "-o", str(target))
    assert_plain_one_line(result, f"cannot write {target}: the folder {target.parent} does not exist")
    assert not target.parent.exists()


def test_writing_below_a_file_says_part_of_the_path_is_not_a_folder(
    clock: FakeClock, db_path: Path, tmp_path: Path
) -> None:
    log(clock, db_path)
    (tmp_path / "notes.txt").write_text("x")
    target = tmp_path / "notes.txt" / "x.json"
    result = run(clock, db_path, "export", "-o", str(target))
    assert_plain_one_line(result, f"cannot write {target}: part of the path is not a folder")


def test_a_full_disk_is_said_in_words(
    clock: FakeClock, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk fills while the new export is flushed: the older export stays byte for byte, no temporary left."""
    from cramp_diary import safe_write

    log(clock, db_path)
    target = tmp_path / "x.json"
    assert run(clock, db_path, "export", "-o", str(target)).exit_code == 0
    old = target.read_bytes()
    log(clock, db_path)

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(safe_write.os, "fsync", full)
    assert_plain_one_line(run(clock, db_path, "export", "-o", str(target)), f"cannot write {target}: the disk is full; free some space, then try again")
    assert target.read_bytes() == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["diary.db", "x.json"]


def test_an_unreadable_import_file_is_named(
    clock: FakeClock, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """chmod 000 means nothing to root (as in CI), so the refusal is simulated."""
    file = tmp_path / "cramps.json"
    file.write_text('{"episodes": []}')
    import os

    real = os.open

    def refuse(path: object, *args: object, **kwargs: object) -> int:
        if Path(str(path)) == file:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)
    assert_plain_one_line(run(clock, db_path, "import", str(file)), f"cannot read {file}: permission denied")


def test_any_other_system_error_is_one_line_without_the_class_name(
    clock: FakeClock, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cramp_diary.store.episodes import Episodes

    def broken(self: Episodes, batch: int = 1000, **_: object) -> object:
        raise OSError(errno.EIO, "Input/output error", "/mnt/usb/diary.db")

    log(clock, db_path)
    monkeypatch.setattr(Episodes, "iter_all", broken)
    assert_plain_one_line(run(clock, db_path, "export"), "/mnt/usb/diary.db: input/output error")


def test_a_closed_pipe_ends_quietly_in_the_test_runner(
    clock: FakeClock, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cramp_diary.cli import pattern

    def reader_gone(*_: object) -> str:
        raise BrokenPipeError(errno.EPIPE, "Broken pipe")

    log(clock, db_path)
    monkeypatch.setattr(pattern, "summary_text", reader_gone)
    result = run(clock, db_path, "stats")
    assert result.exit_code == 0  # the reader had what it wanted, as `export | head` does
    assert result.exception is None  # handled, not a crash
    assert result.output == ""


@pytest.mark.parametrize("command", [["stats"], ["list"], ["report"], ["export"]])
def test_stats_into_a_pipe_closed_early_prints_nothing_on_stderr(
    tmp_path: Path, clock: FakeClock, command: list[str]
) -> None:
    """``cramp-diary stats | head -1``: the reader leaves before the output is written."""
    db = tmp_path / "diary.db"
    log(clock, db)
    process = subprocess.Popen(
        [sys.executable, "-m", "cramp_diary", "--db", str(db), *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # like `head` after its line: nobody reads from now on
    stderr = process.stderr.read().decode()
    process.stderr.close()
    assert process.wait(timeout=60) == 0
    assert stderr == ""


def test_a_backup_on_a_full_disk_says_what_the_readme_says(
    clock: FakeClock, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The README's one full-disk line holds for a backup too, not the bare 'the disk is full'."""
    from cramp_diary import safe_write

    log(clock, db_path)
    target = tmp_path / "copy.db"

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(safe_write.os, "fsync", full)
    assert_plain_one_line(
        run(clock, db_path, "backup", "-o", str(target)),
        f"cannot back up to {target}: the disk is full; free some space, then try again",
    )
    assert not target.exists()


def test_every_full_disk_message_is_the_readmes_one_line() -> None:
    from cramp_diary.safe_write import DISK_FULL, OS_REASONS, describe_os_error  # the one table of file-error words

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert DISK_FULL == "the disk is full; free some space, then try again" and DISK_FULL in readme
    assert describe_os_error(OSError(errno.ENOSPC, "x")) == DISK_FULL == OS_REASONS[errno.ENOSPC]
