"""Every screen with diary figures takes in what another program writes, as home does (issue 21).

The changes screen kept "0 cramps" and the warnings screen its old list until they
were left and opened again.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from conftest import FakeClock
from textual.widgets import Static

from cramp_diary.changes import Change
from cramp_diary.model import Episode
from cramp_diary.store import Diary
from cramp_diary.tui.app import CrampApp
from cramp_diary.tui.screens.alerts import AlertCard, AlertsScreen
from cramp_diary.tui.screens.changes import ChangesScreen
from cramp_diary.tui.screens.charts import ChartsScreen


def _elsewhere(db_path: Path, clock: FakeClock, *episodes: Episode) -> None:
    """As `cramp-diary log` in another terminal: another connection to the same file."""
    with Diary.open(db_path, clock) as other:
        for episode in episodes:
            other.episodes.add(episode)


async def _poll(pilot, app: CrampApp) -> None:  # type: ignore[no-untyped-def]
    app.screen.check_for_changes()  # type: ignore[attr-defined]  # the once-a-second poll, taken now
    await pilot.pause()


async def test_the_changes_screen_counts_cramps_logged_elsewhere(db_path: Path, diary: Diary, clock: FakeClock) -> None:
    started = clock().date() - timedelta(days=20)
    diary.changes.add(Change("magnesium", "supplement", started))
    app = CrampApp(diary, now=clock)
    async with app.run_test(size=(100, 40)) as pilot:
        app.push_screen(ChangesScreen())
        await pilot.pause()
        before = str(app.screen.query_one("#comparison", Static).render())
        assert "0 cramps" in before, before
        _elsewhere(db_path, clock, *(Episode(clock() - timedelta(days=n), "calf", "left") for n in (1, 2, 3)))
        await _poll(pilot, app)
        after = str(app.screen.query_one("#comparison", Static).render())
        assert "3 cramps" in after, after


async def test_the_warnings_screen_shows_a_sign_raised_elsewhere_and_keeps_the_selected_one(
    db_path: Path, diary: Diary, clock: FakeClock
) -> None:
    app = CrampApp(diary, now=clock)
    async with app.run_test(size=(100, 40)) as pilot:
        app.push_screen(AlertsScreen())
        await pilot.pause()
        assert not list(app.screen.query(AlertCard))
        _elsewhere(db_path, clock, Episode(clock() - timedelta(hours=3), "calf", "left", signs=("swelling",)))
        await _poll(pilot, app)
        cards = list(app.screen.query(AlertCard))
        assert cards and app.focused is cards[0]


async def test_the_charts_take_in_cramps_logged_elsewhere(db_path: Path, diary: Diary, clock: FakeClock) -> None:
    diary.episodes.add(Episode(clock() - timedelta(days=2), "calf", "left"))
    app = CrampApp(diary, now=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(ChartsScreen())
        await pilot.pause()
        before = str(app.screen.query_one("#figures", Static).render())
        _elsewhere(db_path, clock, *(Episode(clock() - timedelta(days=n, hours=1), "calf", "left") for n in (1, 3, 4)))
        await _poll(pilot, app)
        after = str(app.screen.query_one("#figures", Static).render())
        assert before != after


def test_every_screen_showing_diary_figures_follows_the_diary() -> None:
    """The class, not one screen: a new figures screen must follow the diary too."""
    from cramp_diary.tui.live import FollowsDiary
    from cramp_diary.tui.screens.home import HomeScreen

    for screen in (HomeScreen, ChangesScreen, AlertsScreen, ChartsScreen):
        assert issubclass(screen, FollowsDiary), screen
