"""Unfinished cramps belong to the device and process whose timer started them (issue 20), with real processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from cramp_diary.cli import cli
from cramp_diary.model import Episode
from cramp_diary.store import Diary
from cramp_diary.timer_lock import TimerState, state
from cramp_diary.timer_session import abandoned
from cramp_diary.tui.app import CrampApp
from cramp_diary.tui.screens.home import HomeScreen
from cramp_diary.tui.screens.recover import RecoverScreen
from conftest import FakeClock
from fake_monotonic import FakeMonotonic
from timer_process import RUNNING_TIMER

ENV = {**os.environ, "TEXTUAL_ANIMATIONS": "none"}


def running_timer(db: Path, clock: FakeClock) -> subprocess.Popen[bytes]:
    """A timer in its own process on ``db``, its clock the test's: its heartbeat is as fresh as can be."""
    child = subprocess.Popen([sys.executable, "-c", RUNNING_TIMER, str(db), clock.current.isoformat(), "run"],
                             env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert child.stdout is not None and child.stdout.readline() == b"open\n", child.stderr.read() if child.stderr else ""
    return child


def kill(child: subprocess.Popen[bytes]) -> None:
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)


def new_diary(path: Path, clock: FakeClock, name: str) -> Path:
    with Diary.open(path, clock) as diary:
        diary.stamps.rename_device(name)
    return path


async def test_a_timer_killed_a_moment_ago_is_offered_at_the_next_start(tmp_path: Path) -> None:
    clock = FakeClock()
    db = new_diary(tmp_path / "diary.db", clock, "laptop")
    kill(running_timer(db, clock))  # its last heartbeat is "now": only the lock can tell it has gone
    with Diary.open(db, clock) as diary:
        [left] = diary.episodes.unfinished()
        async with CrampApp(diary, now=clock, monotonic=FakeMonotonic()).run_test() as pilot:
            await pilot.pause()
            assert isinstance(pilot.app.screen, RecoverScreen) and pilot.app.screen.episode.uuid == left.uuid


async def test_a_running_app_notices_a_timer_killed_in_another_terminal(tmp_path: Path) -> None:
    clock = FakeClock()
    db = new_diary(tmp_path / "diary.db", clock, "laptop")
    with Diary.open(db, clock) as diary:
        async with CrampApp(diary, now=clock, monotonic=FakeMonotonic()).run_test() as pilot:
            child = running_timer(db, clock)
            home = pilot.app.screen
            assert isinstance(home, HomeScreen)
            home.check_timers()  # what the app does every second
            await pilot.pause()
            assert pilot.app.screen is home  # running in the other terminal: nothing to ask
            kill(child)
            home.check_timers()
            await pilot.pause()
            assert isinstance(pilot.app.screen, RecoverScreen)


async def test_a_timer_running_on_another_machine_is_never_offered_there(tmp_path: Path) -> None:
    clock = FakeClock()
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o700)
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    b = new_diary(tmp_path / "b" / "diary.db", clock, "desk")
    a = new_diary(tmp_path / "a" / "diary.db", clock, "laptop")
    child = running_timer(b, clock)
    try:
        runner = CliRunner()
        assert runner.invoke(cli, ["--db", str(b), "sync", str(folder)], obj={"now": clock}).exit_code == 0
        clock.advance(hours=1)  # long after B's last heartbeat
        assert runner.invoke(cli, ["--db", str(a), "sync", str(folder)], obj={"now": clock}).exit_code == 0
        with Diary.open(a, clock) as diary:
            [copy] = diary.episodes.unfinished()
            assert state(a, copy.uuid) is TimerState.UNKNOWN and abandoned(diary, clock) == []
            async with CrampApp(diary, now=clock, monotonic=FakeMonotonic()).run_test() as pilot:
                await pilot.pause()
                assert isinstance(pilot.app.screen, HomeScreen)
        with Diary.open(b, clock) as diary:  # on B itself, a second app leaves the running timer alone
            assert state(b, copy.uuid) is TimerState.RUNNING and abandoned(diary, clock) == []
    finally:
        kill(child)
    with Diary.open(b, clock) as diary:
        assert [e.uuid for e in abandoned(diary, clock)] == [copy.uuid]  # B's own, once its timer is gone


def test_a_quiet_unfinished_cramp_from_before_the_locks_is_still_offered_on_its_own_device(tmp_path: Path) -> None:
    clock = FakeClock()
    db = new_diary(tmp_path / "diary.db", clock, "laptop")
    with Diary.open(db, clock) as diary:
        left = diary.episodes.add(Episode(clock.current, "calf", "left", status="open"))
        clock.advance(minutes=5)
        assert [e.uuid for e in abandoned(diary, clock)] == [left.uuid]
        clock.advance(minutes=-5)
        diary.episodes.heartbeat(left.id)  # type: ignore[arg-type]
        assert abandoned(diary, clock) == []  # a fresh heartbeat: its timer may still run


def _two_machines(tmp_path: Path) -> tuple[Diary, Diary, FakeClock, FakeClock, Path]:
    folder = tmp_path / "sync-folder"
    folder.mkdir(mode=0o700)
    (tmp_path / "a").mkdir(exist_ok=True)
    (tmp_path / "b").mkdir(exist_ok=True)
    a_clock, b_clock = FakeClock(), FakeClock()
    a, b = Diary.open(tmp_path / "a" / "d.db", a_clock), Diary.open(tmp_path / "b" / "d.db", b_clock)
    a.stamps.rename_device("laptop")
    b.stamps.rename_device("desk")
    return a, b, a_clock, b_clock, folder


def test_a_foreign_open_copy_never_overwrites_or_deletes_the_owners_finished_cramp(tmp_path: Path) -> None:
    from cramp_diary.sync import sync

    a, b, a_clock, b_clock, folder = _two_machines(tmp_path)
    with a, b:
        started = b.episodes.add(Episode(b_clock.current, "calf", "left", status="open"))  # B's timer runs
        sync(b, folder)
        sync(a, folder)
        [copy] = a.episodes.unfinished()
        a_clock.advance(hours=3)  # A's clock runs ahead: its edit of the open copy is stamped later than B's finish
        a.episodes.update(copy.with_changes(note="touched on A"))
        b_clock.advance(minutes=2)
        b.episodes.update(started.with_changes(status="done", duration=95, reliefs=("stretch",)))
        for diary in (a, b, a):
            sync(diary, folder)
        sync(b, folder)
        for diary in (a, b):
            [kept] = diary.episodes.newest_first()
            assert (kept.status, kept.duration, kept.reliefs) == ("done", 95, ("stretch",))


def test_discarding_an_untouched_foreign_open_copy_does_not_delete_the_finished_cramp(tmp_path: Path) -> None:
    from cramp_diary.sync import sync
    from cramp_diary.timer_session import discard

    a, b, a_clock, b_clock, folder = _two_machines(tmp_path)
    with a, b:
        started = b.episodes.add(Episode(b_clock.current, "calf", "left", status="open"))
        sync(b, folder)
        sync(a, folder)
        a_clock.advance(hours=3)
        discard(a, a.episodes.unfinished()[0])  # e.g. `cramp-diary delete` on the other machine
        b_clock.advance(minutes=2)
        b.episodes.update(started.with_changes(status="done", duration=95))
        for diary in (a, b, a):
            sync(diary, folder)
        assert [e.duration for e in a.episodes.newest_first()] == [95]
        assert [e.duration for e in b.episodes.newest_first()] == [95]


def test_a_foreign_open_copy_edited_then_deleted_never_takes_the_finished_cramp_with_it(tmp_path: Path) -> None:
    """A's clock runs hours ahead: its edit and its deletion of the open copy are both stamped after B's finish."""
    from cramp_diary.sync import sync

    a, b, a_clock, b_clock, folder = _two_machines(tmp_path)
    with a, b:
        started = b.episodes.add(Episode(b_clock.current, "calf", "left", status="open"))
        sync(b, folder)
        sync(a, folder)
        a_clock.advance(hours=3)
        edited = a.episodes.update(a.episodes.unfinished()[0].with_changes(note="touched on A"))
        a.episodes.delete(edited.id)  # type: ignore[arg-type]
        b_clock.advance(minutes=2)
        b.episodes.update(started.with_changes(status="done", duration=95))
        for order in ((a, b, a, b), (b, a, b, a)):
            for diary in order:
                sync(diary, folder)
        assert [(e.status, e.duration) for e in a.episodes.newest_first()] == [("done", 95)]
        assert [(e.status, e.duration) for e in b.episodes.newest_first()] == [("done", 95)]
