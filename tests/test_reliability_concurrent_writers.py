"""The app and ``cramp-diary log`` in another terminal, saving into one diary at once, lose nothing.

test_store_concurrency.py holds the lock rules (wait, then fail whole); this is
the everyday case end to end: a person saving from the form with keys while a
script logs episodes through the real CLI in another process.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import FakeClock

from cramp_diary import store
from cramp_diary.model import Episode
from cramp_diary.store import Diary
from cramp_diary.tui.app import CrampApp
from cramp_diary.tui.screens import home
from cramp_diary.tui.screens.episode_form import EpisodeForm
from cramp_diary.tui.screens.home import HomeScreen
from cramp_diary.tui.widgets.episode_table import FIRST_PAGE, PAGE, EpisodeTable
from textual.widgets import TextArea

#: Runs the command line's own entry point again and again (each run opens and closes the
#: diary, like a separate `cramp-diary log`) until told to stop; prints each note once saved.
LOGGING = textwrap.dedent(
    """
    import os, sys, time
    from cramp_diary.cli import cli

    db, stop = sys.argv[1], sys.argv[2]
    print("ready", flush=True)
    n = 0
    while not os.path.exists(stop) and n < 300:
        note = f"from the cli {n}"
        try:
            cli.main(["--db", db, "log", "--muscle", "foot", "--side", "right", "--at", "-1h", "--note", note],
                     prog_name="cramp-diary", standalone_mode=False)
        except SystemExit as exit:
            sys.exit(f"log failed with {exit.code}")
        print("saved:", note, flush=True)
        n += 1
        time.sleep(0.05)  # a real `cramp-diary log` process takes far longer than this to start
    """
)

TUI_SAVES = 3


async def test_the_app_and_the_cli_saving_at_once_lose_nothing(
    db_path: Path, diary: Diary, clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(home, "LIVE_INTERVAL", 0.25)  # a quicker look for other programs' episodes
    stop = tmp_path / "stop"
    child = subprocess.Popen(
        [sys.executable, "-c", LOGGING, str(db_path), str(stop)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ},
    )
    try:
        assert child.stdout is not None and child.stdout.readline() == "ready\n"
        async with CrampApp(diary, now=clock).run_test() as pilot:
            for n in range(TUI_SAVES):
                await pilot.press("n", "1", "l")
                form = pilot.app.screen
                assert isinstance(form, EpisodeForm)
                form.query_one("#note", TextArea).text = f"from the app {n}"
                await pilot.press("ctrl+s")
                await pilot.pause()
                assert isinstance(pilot.app.screen, HomeScreen), f"save {n} did not go through"
            stop.touch()
            out, err = child.communicate(timeout=60)
            assert child.returncode == 0, err
            cli_notes = [line.removeprefix("saved: ") for line in out.splitlines() if line.startswith("saved: ")]
            deadline = time.monotonic() + 5
            table = pilot.app.screen.query_one(EpisodeTable)
            while table.row_count != TUI_SAVES + len(cli_notes) and time.monotonic() < deadline:
                await pilot.pause(0.05)
            assert table.row_count == TUI_SAVES + len(cli_notes)  # the open app shows every one
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    saved = diary.episodes.newest_first()
    assert sorted(e.note for e in saved) == sorted([f"from the app {n}" for n in range(TUI_SAVES)] + cli_notes)
    assert len({e.uuid for e in saved}) == len(saved)
    # they really wrote at the same time: the two sets of ids interleave
    app_ids = [e.id for e in saved if e.note.startswith("from the app")]
    cli_ids = [e.id for e in saved if e.note.startswith("from the cli")]
    assert min(cli_ids) < max(app_ids) and min(app_ids) < max(cli_ids)


async def test_scrolling_while_another_program_logs_and_edits_shows_each_episode_once(
    db_path: Path, diary: Diary, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The next page is found by time, not by count: new rows above must not repeat rows below."""
    monkeypatch.setattr(home, "LIVE_INTERVAL", 3600)  # no reload in between: the page load alone must cope
    diary.merge(
        Episode(started_at=clock() - timedelta(minutes=minutes), muscle="calf", side="left")
        for minutes in range(10, 10 + PAGE + 50)
    )
    async with CrampApp(diary, now=clock).run_test() as pilot:
        table = pilot.app.screen.query_one(EpisodeTable)
        assert table.row_count == FIRST_PAGE
        def shown(row: int) -> int:
            return table.rows[row].id

        with Diary.open(db_path, clock) as other:  # `cramp-diary log`, `edit` and `delete` in another terminal
            for minutes in range(5):
                other.episodes.add(Episode(started_at=clock() - timedelta(minutes=minutes), muscle="foot", side="right"))
            moved = other.episodes.get(shown(3))
            other.episodes.update(moved.with_changes(started_at=clock() - timedelta(days=30)))  # now the oldest
            for row in range(10, 20):
                other.episodes.delete(shown(row))
        await pilot.press("end")
        await pilot.pause()
        assert pilot.app.is_running
        keys = [row.id for row in table.rows]
        # every episode that was there once, none twice, none skipped by the deletions above it
        assert len(keys) == len(set(keys)) == PAGE + 50
        pilot.app.screen.check_for_changes()  # the live update then shows the diary as it is now
        await pilot.pause()
        await pilot.press("end")  # down to the last row: the pages that follow it load as ever
        await pilot.pause()
        assert table.row_count == PAGE + 50 + 5 - 10 and table.exhausted
        assert len({row.id for row in table.rows}) == table.row_count


async def test_deleting_an_episode_another_program_deleted_meanwhile_says_so(
    db_path: Path, diary: Diary, clock: FakeClock
) -> None:
    """The question may stay open for minutes; `cramp-diary delete` may get there first."""
    saved = diary.episodes.add(Episode(started_at=clock() - timedelta(hours=1), muscle="calf", side="left"))
    async with CrampApp(diary, now=clock).run_test(notifications=True) as pilot:
        await pilot.press("d")
        with Diary.open(db_path, clock) as other:
            other.episodes.delete(saved.id)  # type: ignore[arg-type]
        await pilot.press("y")
        await pilot.pause()
        assert pilot.app.is_running and isinstance(pilot.app.screen, HomeScreen)
        assert any("Not deleted" in n.message and "does not exist" in n.message for n in pilot.app._notifications)
        assert pilot.app.screen.query_one(EpisodeTable).row_count == 0  # the list shows the diary as it is


async def test_a_check_in_while_another_program_holds_the_diary_says_so(
    db_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store.schema, "BUSY_TIMEOUT_MS", 50)  # instead of waiting the real five seconds
    with Diary.open(db_path, clock) as diary:
        async with CrampApp(diary, now=clock).run_test(notifications=True) as pilot:
            locker = sqlite3.connect(db_path, isolation_level=None)
            locker.execute("BEGIN IMMEDIATE")  # like another program in the middle of a long import
            try:
                await pilot.press("k")
                await pilot.pause()
            finally:
                locker.execute("ROLLBACK")
                locker.close()
            assert pilot.app.is_running
            assert any("Not noted" in n.message and "busy" in n.message for n in pilot.app._notifications)
            await pilot.press("k")  # once the other program is done, it works
            await pilot.pause()
        assert diary.checkins.days_between(clock().date() - timedelta(days=2), clock().date()) != []
