"""SIGKILL at a random moment: the diary stays whole and keeps everything that was committed.

A child process writes and reports each save on stdout only after ``add()``
returned (the save is committed by then); the test kills it without warning
at a seeded random moment, then opens the diary as the next start would.
test_timer_recovery.py kills a timer at a fixed point; here the moment varies.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from conftest import FakeClock
from fake_monotonic import FakeMonotonic
from timer_process import RUNNING_TIMER

from cramp_diary.model import Episode
from cramp_diary.store import Diary
from cramp_diary.tui.app import CrampApp
from cramp_diary.tui.screens.home import HomeScreen
from cramp_diary.tui.screens.recover import RecoverScreen

#: Saves episodes one after another, printing each uuid once its save has returned.
SAVING = textwrap.dedent(
    """
    import sys
    from datetime import datetime, timezone
    from pathlib import Path
    from cramp_diary.model import Episode
    from cramp_diary.store import Diary

    now = lambda: datetime(2026, 11, 22, 20, 0, tzinfo=timezone.utc)
    with Diary.open(Path(sys.argv[1]), now) as diary:
        print("ready", flush=True)
        for n in range(100_000):
            saved = diary.episodes.add(Episode(
                started_at=now(), muscle="calf", side="left", note=f"episode {n} " * 40,
                triggers=("heat", "late-walk"), reliefs=("stretch", "walk"), signs=("numbness",),
            ))
            print(saved.uuid, flush=True)
    """
)

#: Imports one big file in a single transaction: after a kill, all of it or none.
IMPORTING = textwrap.dedent(
    """
    import sys
    from datetime import datetime, timedelta, timezone
    from pathlib import Path
    from cramp_diary.model import Episode
    from cramp_diary.store import Diary

    now = lambda: datetime(2026, 11, 22, 20, 0, tzinfo=timezone.utc)
    batch = [Episode(started_at=now() - timedelta(minutes=n), muscle="foot", side="right", triggers=("cold",))
             for n in range(int(sys.argv[2]))]
    with Diary.open(Path(sys.argv[1]), now) as diary:
        print("ready", flush=True)
        diary.merge(batch)
        print("merged", flush=True)
    """
)

def spawn(script: str, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "TEXTUAL_ANIMATIONS": "none"}
    return subprocess.Popen(
        [sys.executable, "-c", script, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )


def wait_for_lines(child: subprocess.Popen[str], count: int, timeout: float = 30) -> list[str]:
    """Read ``count`` lines; fail (with the child's error) if it dies or takes too long."""
    deadline = time.monotonic() + timeout
    lines: list[str] = []
    assert child.stdout is not None
    while len(lines) < count:
        line = child.stdout.readline()
        if not line:
            child.wait()
            pytest.fail(f"child exited early: {child.stderr.read() if child.stderr else ''}")
        lines.append(line)
        assert time.monotonic() < deadline, "child too slow"
    return lines


def kill(child: subprocess.Popen[str], after: float) -> list[str]:
    """SIGKILL (no cleanup can run) after ``after`` seconds; the complete lines it printed before."""
    time.sleep(after)
    child.send_signal(signal.SIGKILL)
    assert child.wait(timeout=30) == -signal.SIGKILL
    assert child.stdout is not None and child.stderr is not None
    # through the reader wait_for_lines used: the lines it read ahead wait in its buffer, which
    # communicate() reads past (the pipe itself), so on a busy machine committed saves went missing
    with child.stdout, child.stderr:
        out = child.stdout.read()
    return [line for line in out.splitlines(keepends=True) if line.endswith("\n")]


def integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_kill_during_saves_keeps_every_committed_episode_whole(db_path: Path, clock: FakeClock, seed: int) -> None:
    rng = random.Random(seed)
    child = spawn(SAVING, str(db_path))
    lines = wait_for_lines(child, 1 + rng.randint(3, 30))  # "ready", then some saves
    lines += kill(child, rng.uniform(0, 0.02))
    committed = [line.strip() for line in lines[1:]]
    assert integrity(db_path) == "ok"
    with Diary.open(db_path, clock) as diary:
        stored = {episode.uuid: episode for episode in diary.episodes.newest_first()}
        assert set(committed) <= set(stored)
        assert len(stored) - len(committed) in (0, 1)  # at most the save the kill interrupted after COMMIT
        for episode in stored.values():  # nothing half-written: each has all of its labels
            assert episode.triggers == ("heat", "late-walk")
            assert (episode.reliefs, episode.signs) == (("stretch", "walk"), ("numbness",))
        diary.episodes.add(Episode(started_at=clock(), muscle="foot", side="right", note="after the crash"))  # still writable


@pytest.mark.parametrize("seed", [1, 2])
def test_a_kill_during_an_import_leaves_all_or_nothing(db_path: Path, clock: FakeClock, seed: int) -> None:
    rng = random.Random(seed)
    size = 30_000  # several seconds of merging even after the batched-insert speed-up: the kill lands mid-way
    child = spawn(IMPORTING, str(db_path), str(size))
    wait_for_lines(child, 1)
    lines = kill(child, rng.uniform(0, 0.3))
    assert integrity(db_path) == "ok"
    with Diary.open(db_path, clock) as diary:
        count = diary.episodes.count()
        assert count in (0, size)
        assert count == size or lines == []  # "merged" was printed only after the commit
        assert lines == [], "the import ended before the kill: make it bigger so the kill lands mid-way"
        labels = diary.db.execute("SELECT count(*) FROM episode_triggers").fetchone()[0]
        assert labels == count


@pytest.mark.parametrize("seed", [1, 2])
async def test_a_timer_killed_at_a_random_moment_is_offered_back_on_the_next_start(
    db_path: Path, clock: FakeClock, seed: int
) -> None:
    rng = random.Random(seed)
    started: datetime = clock.current - timedelta(minutes=3)
    child = spawn(RUNNING_TIMER, str(db_path), started.isoformat(), "run")
    wait_for_lines(child, 1, timeout=60)
    kill(child, rng.uniform(0, 0.3))  # somewhere in the countdown, while the screen refreshes
    assert integrity(db_path) == "ok"
    with Diary.open(db_path, clock) as diary:
        [left] = diary.episodes.unfinished()
        assert (left.muscle, left.side, left.started_at) == ("calf", "left", started)
        # the app offers it by itself on start: nobody has to know to look for it
        async with CrampApp(diary, now=clock, monotonic=FakeMonotonic()).run_test() as pilot:
            await pilot.pause()
            assert isinstance(pilot.app.screen, RecoverScreen)
            assert pilot.app.screen.episode.uuid == left.uuid
            await pilot.press("escape")  # later: it stays for next time
            await pilot.pause()
            assert isinstance(pilot.app.screen, HomeScreen)
        assert [e.uuid for e in diary.episodes.unfinished()] == [left.uuid]
