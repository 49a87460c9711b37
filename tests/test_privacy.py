"""Health data stays with its owner: every file private even under a careless umask, no network at all.

test_store_open.py and test_cli_import.py check the modes under the usual
umask; here the umask lets everyone read everything (0o000), so a file that is
private only by luck of the umask shows up. The network check runs the CLI and
a TUI session with every way of opening a connection made to fail loudly.
"""

from __future__ import annotations

import ast
import os
import socket
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FakeClock
from fake_monotonic import FakeMonotonic

import cramp_diary
from cramp_diary.cli import cli
from cramp_diary.model import Episode
from cramp_diary.paths import default_db_path
from cramp_diary.store import APPLICATION, MIGRATIONS, Diary
from cramp_diary.tui.app import CrampApp
from cramp_diary.tui.screens.home import HomeScreen
from cramp_diary.tui.screens.timer import TimerScreen


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """Everything created world-readable unless the code asks otherwise."""
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def run(clock: FakeClock, *args: str) -> str:
    result = CliRunner().invoke(cli, list(args), obj={"now": clock})
    assert result.exit_code == 0, result.output
    return result.output


def test_every_file_the_cli_writes_is_private_under_an_open_umask(
    open_umask: None, tmp_path: Path, clock: FakeClock
) -> None:
    run(clock, "log", "--muscle", "calf", "--side", "left", "--note", "private")  # the default diary
    diary = default_db_path()
    assert mode(diary.parent) == 0o700
    written = [diary]
    conn = sqlite3.connect(diary)  # hold the diary open, so its -wal and -shm stay to be looked at
    conn.execute("SELECT count(*) FROM episodes").fetchone()
    try:
        run(clock, "log", "--muscle", "foot", "--side", "right")
        written += [Path(f"{diary}-wal"), Path(f"{diary}-shm")]
        for name in ("export.csv", "export.json"):
            run(clock, "export", "--format", name.split(".")[1], "-o", str(tmp_path / name))
            written.append(tmp_path / name)
        for name in ("report.html", "report.md"):
            run(clock, "report", "-o", str(tmp_path / name))
            written.append(tmp_path / name)
        for path in written:
            assert mode(path) == 0o600, f"{path.name} is {oct(mode(path))}"
    finally:
        conn.close()


def test_a_migration_backup_is_private_under_an_open_umask(open_umask: None, db_path: Path, clock: FakeClock) -> None:
    conn = sqlite3.connect(db_path)
    for statement in MIGRATIONS[0].split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute("INSERT INTO meta (key, value) VALUES ('application', ?)", [APPLICATION])
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    db_path.chmod(0o600)
    with Diary.open(db_path, clock) as diary:
        assert diary.backup is not None
        assert mode(diary.backup) == 0o600


async def test_the_apps_report_is_private_under_an_open_umask(
    open_umask: None, diary: Diary, clock: FakeClock, tmp_path: Path
) -> None:
    target = tmp_path / "report.html"
    async with CrampApp(diary, now=clock, report_path=lambda _today: target).run_test() as pilot:
        await pilot.press("r")
        await pilot.pause()
    assert mode(target) == 0o600


# -- no network ---------------------------------------------------------------------------


class NetworkAttempt(AssertionError):
    """Raised by every patched way of reaching the network."""


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make each way out fail and remember who tried."""
    attempts: list[str] = []

    def refuse(name: str):  # type: ignore[no-untyped-def]
        def refused(*args: object, **kwargs: object) -> None:
            attempts.append(f"{name}{args[1:2] if args else ''}")
            raise NetworkAttempt(f"cramp-diary tried to use the network: {name}")

        return refused

    for name in ("connect", "connect_ex", "sendto", "bind"):
        monkeypatch.setattr(socket.socket, name, refuse(f"socket.{name}"))
    for name in ("create_connection", "getaddrinfo", "gethostbyname"):
        monkeypatch.setattr(socket, name, refuse(name))
    return attempts


def test_no_cli_command_opens_a_connection(no_network: list[str], tmp_path: Path, clock: FakeClock) -> None:
    db = str(tmp_path / "diary.db")
    run(clock, "--db", db, "demo")
    run(clock, "--db", db, "log", "--muscle", "calf", "--side", "left", "--sign", "swelling")
    for args in (["list"], ["show", "1"], ["edit", "1", "--severity", "4"], ["stats"], ["stats", "--format", "json"],
                 ["report"], ["report", "-o", str(tmp_path / "r.html")], ["checkin", "--none", "--date", "2026-01-01"],
                 ["export", "-o", str(tmp_path / "e.json")], ["import", str(tmp_path / "e.json")],
                 ["delete", "1", "--yes"]):
        run(clock, "--db", db, *args)
    assert no_network == []


async def test_a_session_in_the_app_opens_no_connection(
    no_network: list[str], demo_diary: Diary, clock: FakeClock, tmp_path: Path
) -> None:
    demo_diary.episodes.add(Episode(started_at=clock(), muscle="calf", side="left", signs=("swelling",)))
    app = CrampApp(demo_diary, now=clock, monotonic=FakeMonotonic(), config_dir=tmp_path,
                   report_path=lambda _today: tmp_path / "report.html")
    async with app.run_test() as pilot:
        await pilot.press("n", "1", "l", "ctrl+s")  # save from the form
        await pilot.pause()
        for key in ("c", "escape", "a", "escape", "r", "k", "t"):  # charts, warnings, report, check-in, timer
            await pilot.press(key)
            await pilot.pause()
        await pilot.press("1", "l")  # a calf cramp on the left: the countdown starts
        await pilot.pause()
        assert pilot.app.is_running and isinstance(pilot.app.screen, TimerScreen)
        assert isinstance(pilot.app.screen_stack[-2], HomeScreen) and (tmp_path / "report.html").exists()
    assert no_network == []


NETWORK_MODULES = {"socket", "ssl", "http", "urllib", "ftplib", "smtplib", "requests", "httpx", "aiohttp", "websockets"}


def test_no_module_of_the_app_imports_a_network_library() -> None:
    """The patched run above covers what ran; this covers every line, including rare paths."""
    package = Path(cramp_diary.__file__).parent
    found: list[str] = []
    for source in package.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            found += [f"{source.relative_to(package)}: {name}" for name in names
                      if name.split(".")[0] in NETWORK_MODULES]
    assert found == []
