"""The shared wait for the timer's routine fails loudly instead of letting a test time nothing."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
import timer_helpers
from timer_helpers import wait_for_routine

from cramp_diary.tui.screens.timer import TimerScreen


class StuckPilot:
    """A pilot whose timer screen was given a routine that never starts."""

    def __init__(self, screen: object) -> None:
        self.app = SimpleNamespace(screen=screen)
        self.pauses = 0

    async def pause(self, delay: float | None = None) -> None:
        self.pauses += 1


async def test_a_routine_that_never_starts_fails_with_a_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timer_helpers, "TRIES", 3)
    pilot = StuckPilot(TimerScreen("calf", "left"))
    with pytest.raises(pytest.fail.Exception, match="'calf' \\('left'\\) but its routine had not started"):
        await wait_for_routine(pilot)  # type: ignore[arg-type]
    assert pilot.pauses == 3


async def test_nothing_chosen_yet_returns_at_once() -> None:
    pilot = StuckPilot(TimerScreen())  # the picker is still asking
    await wait_for_routine(pilot)  # type: ignore[arg-type]
    assert pilot.pauses == 0
