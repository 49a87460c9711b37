"""A running timer redraws only what changed: a timer left on screen at night must stay light.

The countdown is sampled several times a second, but the digits and the text
change once a second at most; a tick that would show the same text must not
update (and so repaint) any widget.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FakeClock
from fake_monotonic import FakeMonotonic
from textual.pilot import Pilot
from textual.widgets import Digits, Static
from timer_helpers import wait_for_routine

from cramp_diary.store import Diary
from cramp_diary.tui.app import CrampApp
from cramp_diary.tui.screens.timer import TimerScreen


class Updates:
    """Counts Static.update and Digits.update calls, by widget id."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[str | None] = []
        for cls in (Static, Digits):
            original = cls.update

            def counted(widget, *args, _original=original, **kwargs):  # type: ignore[no-untyped-def]
                self.calls.append(widget.id)
                return _original(widget, *args, **kwargs)

            monkeypatch.setattr(cls, "update", counted)


async def running(pilot: Pilot[None]) -> TimerScreen:
    await wait_for_routine(pilot)
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, TimerScreen) and screen.phase == "running"
    return screen


async def test_ticks_with_the_same_second_update_no_widget(
    diary: Diary, clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mono = FakeMonotonic()
    app = CrampApp(diary, now=clock, monotonic=mono, config_dir=tmp_path, start_screen=TimerScreen("calf", "left"))
    app.bell = lambda: None  # type: ignore[method-assign]
    async with app.run_test() as pilot:
        screen = await running(pilot)
        mono.advance(2.1)
        screen._tick()
        updates = Updates(monkeypatch)
        for _ in range(5):  # the same whole second: nothing new to show
            mono.advance(0.1)
            screen._tick()
        await pilot.pause()
        assert updates.calls == []
        mono.advance(1.0)  # the next second: the digits and the elapsed time change, the step text does not
        screen._tick()
        assert sorted(c for c in updates.calls if c) == ["countdown", "countdown-large", "elapsed"]
        assert screen.query_one("#countdown", Digits).value == "0:05"


async def test_pausing_updates_the_status_once(
    diary: Diary, clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mono = FakeMonotonic()
    app = CrampApp(diary, now=clock, monotonic=mono, config_dir=tmp_path, start_screen=TimerScreen("calf", "left"))
    app.bell = lambda: None  # type: ignore[method-assign]
    async with app.run_test() as pilot:
        screen = await running(pilot)
        updates = Updates(monkeypatch)
        await pilot.press("space")
        for _ in range(4):
            mono.advance(0.3)
            screen._tick()
        assert updates.calls.count("status") == 1
        assert "paused" in str(screen.query_one("#status", Static).render())
