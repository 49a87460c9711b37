"""The changes screen: one key from home, add through the form, stop, delete with undo, the comparison shown."""

from __future__ import annotations

from datetime import date

import pytest

from cramp_diary.changes import Change
from cramp_diary.demo import write_demo
from cramp_diary.store import Diary
from cramp_diary.tui.app import CrampApp
from cramp_diary.tui.screens.change_form import ChangeForm
from cramp_diary.tui.screens.changes import ChangesScreen
from cramp_diary.tui.screens.confirm import ConfirmScreen


def _shown(app: CrampApp) -> str:
    return str(app.screen.query_one("#comparison").render())


async def test_g_opens_the_changes_and_a_change_added_in_the_form_shows_its_comparison(diary: Diary, clock) -> None:
    async with CrampApp(diary, now=clock).run_test(size=(80, 24)) as pilot:
        await pilot.press("g")
        assert isinstance(pilot.app.screen, ChangesScreen)
        assert "No changes yet" in _shown(pilot.app)
        await pilot.press("a")
        assert isinstance(pilot.app.screen, ChangeForm)
        await pilot.press(*"magnesium")
        pilot.app.screen.query_one("#started").value = "2026-10-01"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ChangesScreen)
        (saved,) = diary.changes.all()
        assert (saved.name, saved.kind, saved.started) == ("magnesium", "habit", date(2026, 10, 1))
        shown = _shown(pilot.app)
        assert "Before 2026-09-03 to 2026-09-30" in shown and "Not enough data to compare" in shown


async def test_a_bad_day_in_the_form_names_the_field_and_saves_nothing(diary: Diary, clock) -> None:
    async with CrampApp(diary, now=clock).run_test(size=(80, 24)) as pilot:
        await pilot.press("g", "a", *"water")
        pilot.app.screen.query_one("#started").value = "2026-13-01"
        await pilot.press("ctrl+s")
        assert isinstance(pilot.app.screen, ChangeForm)
        assert "Started: must be today, yesterday, 3 days ago" in str(pilot.app.screen.query_one("#error").render())
    assert diary.changes.all() == []


async def test_stop_then_delete_asks_and_undo_brings_it_back(diary: Diary, clock) -> None:
    diary.changes.add(Change("more water", "habit", date(2026, 10, 1)))
    async with CrampApp(diary, now=clock).run_test(size=(80, 24)) as pilot:
        await pilot.press("g", "s")
        assert diary.changes.all()[0].stopped == date(2026, 11, 22)
        await pilot.press("d")
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.press("y")
        assert diary.changes.all() == []
        await pilot.press("u")
        assert [c.name for c in diary.changes.all()] == ["more water"]


@pytest.fixture
def demo(relative_diary: Diary, clock) -> Diary:
    write_demo(relative_diary, clock())
    return relative_diary


def test_changes_screen_snapshot(snap_compare, demo: Diary, clock) -> None:
    assert snap_compare(CrampApp(demo, now=clock), terminal_size=(80, 24), press=["g"])
