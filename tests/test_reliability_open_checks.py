"""issue 10, items 10, 13, 15-18: what is opened, read and offered is checked first, and refusals say what is wrong.

Tests may run as root, which ignores permission bits: a folder that cannot be
written or a companion file of another user is simulated with os.access and
os.geteuid, and a full disk with the error SQLite gives plus statvfs.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cramp_diary.cli import cli
from cramp_diary.store import Diary, DiaryError, DiskFull
from cramp_diary.tui.app import CrampApp
from conftest import FakeClock


def run(clock: FakeClock, db: Path | None, *args: str) -> Result:
    options = ["--db", str(db)] if db is not None else []
    return CliRunner().invoke(cli, [*options, *args], obj={"now": clock})


def cramp_diary(*args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cramp_diary", *args], capture_output=True, text=True, timeout=timeout)


# -- item 10: import reads only regular files of a sane size ----------------------------------


def test_import_of_dev_zero_is_refused_at_once(clock: FakeClock, db_path: Path) -> None:
    done = cramp_diary("--db", str(db_path), "import", "/dev/zero")
    assert done.returncode == 1
    assert done.stderr == "Error: cannot import /dev/zero: it is a device, fifo or socket, not an export file\n"


def test_import_of_a_fifo_is_refused_without_hanging(clock: FakeClock, db_path: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "export.json"
    os.mkfifo(fifo)
    done = cramp_diary("--db", str(db_path), "import", str(fifo))
    assert done.returncode == 1 and "not an export file" in done.stderr


def test_an_import_over_the_size_limit_is_refused_before_reading(
    clock: FakeClock, db_path: Path, tmp_path: Path
) -> None:
    from cramp_diary.cli.exchange import MAX_IMPORT_BYTES

    huge = tmp_path / "huge.json"
    with open(huge, "wb") as handle:  # sparse: no disk used, but a size no export can have
        handle.truncate(MAX_IMPORT_BYTES + 1)
    result = run(clock, db_path, "import", str(huge))
    assert result.exit_code == 1
    assert result.output == f"Error: cannot import {huge}: it is larger than 64 MiB, the most an export file can be\n"


# -- item 13: no screenshot of the diary ----------------------------------------------------------


async def test_the_palette_offers_no_screenshot(diary: Diary, clock: FakeClock) -> None:
    app = CrampApp(diary, now=clock)
    async with app.run_test() as pilot:
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Screenshot" not in titles and "Quit" in titles
        await app.run_action("screenshot")
        await pilot.pause()
        assert any("Screenshots are switched off" in n.message for n in app._notifications)


# -- items 15, 17: a --db that is not a file is refused, and nothing is created -------------------


def test_a_dangling_symlink_as_db_is_refused_and_creates_nothing(clock: FakeClock, tmp_path: Path) -> None:
    link = tmp_path / "dangling.db"
    link.symlink_to(tmp_path / "target.db")
    for _ in range(2):  # and the second run says the same, not "an empty file"
        result = run(clock, link, "list")
        assert result.exit_code == 1
        assert "is a symbolic link to" in result.output and "which does not exist" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dangling.db"]


def test_a_symlink_to_an_existing_diary_still_works(clock: FakeClock, db_path: Path, tmp_path: Path) -> None:
    assert run(clock, db_path, "log", "--muscle", "calf", "--side", "left").exit_code == 0
    link = tmp_path / "link.db"
    link.symlink_to(db_path)
    assert run(clock, link, "list").exit_code == 0


def test_a_fifo_as_db_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "diary.db"
    os.mkfifo(fifo)
    done = cramp_diary("--db", str(fifo), "list")
    assert done.returncode == 1
    assert done.stderr == f"Error: {fifo} is a device, fifo or socket, not a cramp-diary database\n"


def test_a_device_as_db_is_refused(clock: FakeClock) -> None:
    with pytest.raises(DiaryError, match="device, fifo or socket"):
        Diary.open(Path("/dev/null"), clock)


# -- item 16: private folders under any umask, and a word when the diary is not private -----------


@pytest.fixture
def open_umask() -> object:
    old = os.umask(0)
    yield
    os.umask(old)


def test_missing_parents_of_the_default_folder_are_made_0700_under_umask_000(
    open_umask: object, clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    home.mkdir(mode=0o755)
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    result = run(clock, None, "log", "--muscle", "calf", "--side", "left")
    assert result.exit_code == 0, result.output
    for folder in (home / ".local", home / ".local" / "share", home / ".local" / "share" / "cramp-diary"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    assert stat.S_IMODE(home.stat().st_mode) == 0o755  # not ours: left alone


def test_a_diary_others_can_reach_is_warned_about_once_on_stderr(clock: FakeClock, tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    db = folder / "diary.db"
    assert run(clock, db, "log", "--muscle", "calf", "--side", "left").exit_code == 0
    os.chmod(folder, 0o777)
    os.chmod(db, 0o644)
    done = cramp_diary("--db", str(db), "export")
    assert done.returncode == 0
    lines = done.stderr.splitlines()
    assert lines[0] == f"Warning: other users can change the folder {folder} (mode 777); to keep your diary yours: chmod 700 {folder}"
    assert lines[1] == f"Warning: other users can read or change {db} (mode 644); to keep it private: chmod 600 {db}"
    assert len(lines) == 2
    assert "Warning" not in done.stdout  # never mixed into the export


def test_a_private_diary_gets_no_warning(clock: FakeClock, db_path: Path) -> None:
    assert run(clock, db_path, "log", "--muscle", "calf", "--side", "left").exit_code == 0
    with Diary.open(db_path, clock) as diary:
        assert diary.warnings == []


async def test_the_app_shows_the_warning_as_a_notification(clock: FakeClock, db_path: Path) -> None:
    Diary.open(db_path, clock).close()
    os.chmod(db_path, 0o664)
    with Diary.open(db_path, clock) as diary:
        app = CrampApp(diary, now=clock)
        async with app.run_test(notifications=True) as pilot:
            await pilot.pause()
            assert [n.message for n in app._notifications] == diary.warnings
            assert "other users can read or change" in diary.warnings[0]


# -- item 18: say what is wrong, not "damaged" -----------------------------------------------------


def _diary(db_path: Path, clock: FakeClock) -> Path:
    Diary.open(db_path, clock).close()
    return db_path


def test_a_folder_that_cannot_be_written_is_named(clock: FakeClock, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _diary(db_path, clock)
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if Path(p) == db_path.parent else real(p, mode, **kw))
    result = run(clock, db_path, "checkin", "--none")  # a command that writes (one that only reads can)
    assert result.exit_code == 1
    assert result.output == (
        f"Error: the folder {db_path.parent} is not writable: cramp-diary keeps two working files "
        "(diary.db-wal and diary.db-shm) beside the diary\n"
    )


def test_working_files_of_another_user_are_named(clock: FakeClock, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _diary(db_path, clock)
    wal = Path(f"{db_path}-wal")
    wal.write_bytes(b"")
    owner = wal.stat().st_uid
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if Path(p) == wal else real(p, mode, **kw))
    monkeypatch.setattr(os, "geteuid", lambda: owner + 1)
    result = run(clock, db_path, "checkin", "--none")
    assert result.exit_code == 1
    assert f"{wal} belongs to another user (uid {owner})" in result.output
    assert "damaged" not in result.output


@pytest.mark.parametrize("message", ["database or disk is full", "disk I/O error"])
def test_a_full_disk_is_named(
    clock: FakeClock, db_path: Path, monkeypatch: pytest.MonkeyPatch, message: str
) -> None:
    """SQLite says 'disk I/O error' when it cannot grow the -shm file: statvfs tells it is the disk."""
    from cramp_diary.store import diary as store_diary
    from cramp_diary.store import diary_file

    _diary(db_path, clock)

    def fail(conn: sqlite3.Connection) -> None:
        raise sqlite3.OperationalError(message)

    class Full:
        f_bavail = f_bfree = 0

    monkeypatch.setattr(store_diary, "configure", fail)
    monkeypatch.setattr(diary_file.os, "statvfs", lambda path: Full())
    result = run(clock, db_path, "checkin", "--none")
    assert result.exit_code == 1
    assert result.output == f"Error: the disk holding {db_path} is full: free some space, then try again\n"


def test_an_io_error_on_a_disk_with_space_is_not_called_full_or_damaged(
    clock: FakeClock, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cramp_diary.store import diary as store_diary

    _diary(db_path, clock)

    def fail(conn: sqlite3.Connection) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(store_diary, "configure", fail)
    result = run(clock, db_path, "checkin", "--none")
    assert result.output == f"Error: cannot use {db_path}: disk I/O error\n"


async def test_on_a_full_disk_the_timer_runs_and_says_the_cramp_cannot_be_saved(
    clock: FakeClock, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cramp_diary.tui import app as app_module
    from cramp_diary.tui.screens.timer import TimerScreen
    from timer_helpers import wait_for_routine

    _diary(db_path, clock)
    reasons: list[str | None] = []

    def full(path: Path, now: object, **kwargs: object) -> Diary:
        raise DiskFull(f"the disk holding {path} is full: free some space, then try again")

    def capture(self: CrampApp) -> None:
        reasons.append(self.diary.unsaved_reason)

    with monkeypatch.context() as patched:
        patched.setattr(Diary, "open", full)
        patched.setattr(CrampApp, "run", capture)
        patched.setattr(app_module, "has_terminal", lambda: True)  # pytest's stdin is no terminal
        app_module.run_app(db_path, now=clock, timer=("calf", "left"))
    reason = reasons[0]
    assert reason is not None and reason.endswith("this cramp cannot be saved until there is space")
    before = db_path.read_bytes()
    diary = Diary.open_read_only(db_path, clock, reason=reason)

    app = CrampApp(diary, now=clock, start_timer=("calf", "left"))
    async with app.run_test(notifications=True) as pilot:
        await wait_for_routine(pilot)
        await pilot.pause()
        assert isinstance(app.screen, TimerScreen) and app.screen.phase == "running"
        messages = [n.message for n in app._notifications]
        assert reason in messages
        assert any("the timer runs anyway" in m for m in messages)
    diary.close()
    assert db_path.read_bytes() == before  # nothing written, nothing half-written


def test_the_cli_refuses_on_a_full_disk_outside_the_timer(
    clock: FakeClock, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cramp_diary.tui import app as app_module

    def full(path: Path, now: object, **kwargs: object) -> Diary:
        raise DiskFull("full")

    monkeypatch.setattr(Diary, "open", full)
    monkeypatch.setattr(app_module, "has_terminal", lambda: True)
    with pytest.raises(DiskFull):
        app_module.run_app(db_path, now=clock)
