"""An undo that fails because another program holds the diary stays available (issue 10, item 3)."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from cramp_diary.model import Episode
from cramp_diary.store import Diary
from cramp_diary.store import schema
from cramp_diary.tui.app import CrampApp
from cramp_diary.tui.widgets.episode_table import EpisodeTable


async def test_a_busy_diary_keeps_the_deletion_to_undo_later(db_path: Path, clock, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(schema, "BUSY_TIMEOUT_MS", 50)  # wait 50 ms for the other writer, not 5 s
    with Diary.open(db_path, clock) as diary:
        saved = diary.episodes.add(Episode(muscle="calf", side="left", started_at=clock() - timedelta(hours=1), note="keep me"))
        async with CrampApp(diary, now=clock).run_test() as pilot:
            await pilot.press("d", "y")
            await pilot.pause()
            assert diary.episodes.get(saved.id) is None
            other = sqlite3.connect(str(db_path), isolation_level=None)
            other.execute("BEGIN IMMEDIATE")  # another program writing, for longer than we wait
            try:
                await pilot.press("u")
                await pilot.pause()
                assert any("busy" in n.message for n in pilot.app._notifications)
            finally:
                other.execute("ROLLBACK")
                other.close()
            await pilot.press("u")
            await pilot.pause()
            back = diary.episodes.get(saved.id)
            assert back is not None and back.note == "keep me"
            assert pilot.app.screen.query_one(EpisodeTable).row_count == 1
