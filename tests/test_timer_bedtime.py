"""The bedtime stretches count for the evening only when the stretches were really held."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FakeClock
from fake_monotonic import FakeMonotonic
from textual.pilot import Pilot
from timer_helpers import refresh, wait_for_routine

from cramp_diary.stats import bedtime_evenings
from cramp_diary.store import Diary
from cramp_diary.tui.app import CrampApp
from cramp_diary.tui.screens.home import HomeScreen
from cramp_diary.tui.screens.timer import TimerScreen


@pytest.fixture
def mono() -> FakeMonotonic:
    return FakeMonotonic()


@pytest.fixture
def bedtime_app(diary: Diary, clock: FakeClock, mono: FakeMonotonic, tmp_path: Path) -> CrampApp:
    app = CrampApp(diary, now=clock, monotonic=mono, config_dir=tmp_path, start_screen=TimerScreen("bedtime"))
    app.bell = lambda: None  # type: ignore[method-assign]
    return app


def sessions(diary: Diary) -> list[tuple[str, int]]:
    return [tuple(row) for row in diary.db.execute("SELECT routine, completed FROM routine_sessions")]


def toasts(pilot: Pilot[None]) -> list[str]:
    return [notice.message for notice in pilot.app._notifications]


async def tick(pilot: Pilot[None], mono: FakeMonotonic, seconds: float = 0.0) -> None:
    """Move the fake clock once the routine has started (a busy machine may be slow to start it), then refresh."""
    await wait_for_routine(pilot)  # a busy machine may not have started it yet
    mono.advance(seconds)
    await refresh(pilot)
    await pilot.pause()


async def test_skipping_through_the_stretches_notes_nothing_and_says_so(
    bedtime_app: CrampApp, diary: Diary, clock: FakeClock, mono: FakeMonotonic
) -> None:
    async with bedtime_app.run_test() as pilot:
        await tick(pilot, mono)
        for _ in range(8):  # the user trial: s eight times, 3 s in all
            mono.advance(3 / 8)
            await pilot.press("s")
        await tick(pilot, mono)
        assert isinstance(pilot.app.screen, HomeScreen)
        day = clock.current.date()
        assert bedtime_evenings(diary, day, day) == []
        assert sessions(diary) == []
        messages = toasts(pilot)
        assert "Only a few seconds of stretching; not noted. Try the full routine when you can." in messages
        assert not any("done and noted" in message for message in messages)


async def test_done_after_less_than_half_the_holds_says_how_long_was_held(
    bedtime_app: CrampApp, diary: Diary, mono: FakeMonotonic
) -> None:
    async with bedtime_app.run_test() as pilot:
        await tick(pilot, mono, 30 + 10 + 10)  # one whole hold, the rest, 10 s of the next: 40 s of 60 needed
        await pilot.press("enter")  # Done
        await tick(pilot, mono)
        assert sessions(diary) == []
        assert any(message.startswith("Only 40 seconds of stretching; not noted") for message in toasts(pilot))


async def test_holding_half_the_stretches_then_done_notes_the_evening(
    bedtime_app: CrampApp, diary: Diary, clock: FakeClock, mono: FakeMonotonic
) -> None:
    async with bedtime_app.run_test() as pilot:
        await tick(pilot, mono, 30 + 10 + 30)  # two whole holds: 60 s of the 120 s of holds
        await pilot.press("enter")
        await tick(pilot, mono)
        day = clock.current.date()
        assert bedtime_evenings(diary, day, day) == [day]
        assert sessions(diary) == [("bedtime", 1)]
        assert any("done and noted" in message for message in toasts(pilot))


async def test_holds_cut_short_but_held_count_together(
    bedtime_app: CrampApp, diary: Diary, mono: FakeMonotonic
) -> None:
    async with bedtime_app.run_test() as pilot:
        for _ in range(4):  # 16 s of each hold, rests skipped at once: 64 s held
            await tick(pilot, mono, 16)
            await pilot.press("s")
            await pilot.press("s")
        await tick(pilot, mono, 1)
        assert sessions(diary) == [("bedtime", 1)]
