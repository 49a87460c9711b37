"""The home list stays current: the newest row visible and selected unless the person moved (issue 21).

Episodes logged from another shell used to land above the cursor: the newest rows
scrolled out of view, Enter opened an old one, and Up/Home did nothing (the list
had never had the keys while it was empty and hidden).
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from conftest import FakeClock

from cramp_diary.model import Episode
from cramp_diary.store import Diary
from cramp_diary.tui.app import CrampApp
from cramp_diary.tui.widgets.episode_table import EpisodeTable


def _log_elsewhere(db_path: Path, clock: FakeClock, count: int, start: int = 0) -> None:
    """As `cramp-diary log` in another terminal would, one a minute, the last one newest."""
    with Diary.open(db_path, clock) as other:
        for n in range(count):
            other.episodes.add(Episode(clock() - timedelta(minutes=500 - start - n), "calf", "left"))


async def _outside_change(pilot, app: CrampApp) -> None:  # type: ignore[no-untyped-def]
    """The home screen's poll, taken now instead of waiting a real second for it."""
    app.screen.check_for_changes()  # type: ignore[attr-defined]
    await pilot.pause()


async def test_logged_from_another_shell_the_newest_row_is_shown_and_selected_and_keys_work(
    db_path: Path, diary: Diary, clock: FakeClock
) -> None:
    app = CrampApp(diary, now=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for batch in range(5):  # five at a time, the poll seeing each batch
            _log_elsewhere(db_path, clock, 5, start=batch * 5)
            await _outside_change(pilot, app)
        table = app.screen.query_one(EpisodeTable)
        newest = diary.episodes.newest_first(limit=1)[0]
        assert table.row_count == 25
        assert table.cursor_row == 0 and table.selected_id == newest.id
        assert table.scroll_y == 0  # the newest row is in view
        assert app.focused is table
        await pilot.press("down", "down")
        assert table.cursor_row == 2
        await pilot.press("home")
        assert table.cursor_row == 0
        await pilot.press("down", "up")
        assert table.cursor_row == 0


async def test_a_person_who_moved_keeps_their_row_when_more_arrive(db_path: Path, diary: Diary, clock: FakeClock) -> None:
    _log_elsewhere(db_path, clock, 10)
    app = CrampApp(diary, now=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(EpisodeTable)
        await pilot.press("down", "down", "down")
        chosen = table.selected_id
        _log_elsewhere(db_path, clock, 3, start=20)
        await _outside_change(pilot, app)
        assert table.selected_id == chosen and table.row_count == 13


async def test_back_from_another_screen_the_newest_is_still_selected(db_path: Path, diary: Diary, clock: FakeClock) -> None:
    _log_elsewhere(db_path, clock, 3)
    app = CrampApp(diary, now=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        _log_elsewhere(db_path, clock, 20, start=10)
        await pilot.press("escape")
        await pilot.pause()
        table = app.screen.query_one(EpisodeTable)
        assert table.cursor_row == 0 and table.selected_id == diary.episodes.newest_first(limit=1)[0].id and table.scroll_y == 0
