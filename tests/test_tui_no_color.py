"""Under NO_COLOR the selected row and the focused field are told by a character, not by a shade (issue 21)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from conftest import FakeClock
from textual.app import App
from textual.widgets import Input

from cramp_diary.model import Episode
from cramp_diary.store import Diary
from cramp_diary.tui.app import CrampApp
from cramp_diary.tui.widgets.episode_table import EpisodeTable

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def screen_text(app: App[object]) -> list[str]:
    """The screen as plain characters, one string a line, as the terminal would show it without colour."""
    output = app.screen._compositor.render_update(full=True).render_segments(app.console)
    rows: dict[int, str] = {}
    for match in re.finditer(r"\x1b\[(\d+);(\d+)H([^\x1b]*(?:\x1b\[[0-9;]*m[^\x1b]*)*)", output):
        rows[int(match.group(1))] = rows.get(int(match.group(1)), "") + ANSI.sub("", match.group(3))
    return [rows[key] for key in sorted(rows)]


@pytest.fixture
def no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")


async def test_the_selected_row_carries_a_mark_that_follows_the_cursor(no_color: None, diary: Diary, clock: FakeClock) -> None:
    for minutes in (30, 20, 10):
        diary.episodes.add(Episode(clock() - timedelta(minutes=minutes), "calf", "left"))
    app = CrampApp(diary, now=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(EpisodeTable)
        marked = [line for line in screen_text(app) if "›" in line]
        assert len(marked) == 1 and "21:20" in marked[0]  # the newest, selected
        await pilot.press("down")
        await pilot.pause()
        marked = [line for line in screen_text(app) if "›" in line]
        assert len(marked) == 1 and "21:10" in marked[0] and table.cursor_row == 1


async def test_with_colour_the_list_has_no_mark_column(diary: Diary, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    diary.episodes.add(Episode(clock() - timedelta(minutes=10), "calf", "left"))
    app = CrampApp(diary, now=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not any("›" in line for line in screen_text(app))


async def test_a_focused_field_is_marked_at_its_left(no_color: None, diary: Diary, clock: FakeClock) -> None:
    app = CrampApp(diary, now=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        when = app.screen.query_one("#time", Input)
        unfocused = when.region
        app.screen.set_focus(when)
        await pilot.pause()
        assert when.has_focus
        assert when.styles.border_left[0] not in ("", "none", "hidden")  # a character at its left, without colour
        assert when.region.width == unfocused.width


async def test_the_focused_filter_box_is_marked_too(no_color: None, diary: Diary, clock: FakeClock) -> None:
    """The filter's own "border: none" once won over the NO_COLOR rule."""
    diary.episodes.add(Episode(clock() - timedelta(minutes=10), "calf", "left"))
    app = CrampApp(diary, now=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        box = app.focused
        assert isinstance(box, Input)
        assert box.styles.border_left[0] not in ("", "none", "hidden")
