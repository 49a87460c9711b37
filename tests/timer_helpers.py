"""Waiting for the cramp timer's routine to start before a test moves the fake clock."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from cramp_diary.tui.screens.timer import TimerScreen

#: How long a busy machine gets to start a chosen routine, in steps of ``STEP`` seconds.
TRIES = 100
STEP = 0.01


def _starting(pilot: Pilot[None]) -> TimerScreen | None:
    """The timer screen, when its routine is chosen (muscle, and side unless bedtime) but not counting yet."""
    screen = pilot.app.screen
    if not isinstance(screen, TimerScreen) or screen.countdown is not None or screen.muscle is None:
        return None
    return screen if screen.side is not None or screen.muscle == "bedtime" else None


async def wait_for_routine(pilot: Pilot[None]) -> None:
    """Return once a chosen routine has started; time must not run before it, or the test measures nothing.

    Nothing to wait for (another screen on top, or the picker still asking) returns at once.
    """
    for _ in range(TRIES):
        screen = _starting(pilot)
        if screen is None:
            return
        await pilot.pause(STEP)
    pytest.fail(
        f"the timer was given {screen.muscle!r} ({screen.side!r}) but its routine had not started "
        f"after {TRIES * STEP:.0f} s; the countdown is still None"
    )


async def refresh(pilot: Pilot[None]) -> None:
    """Let the timer take one reading of the (fake) clock now, as its next refresh would, then settle.

    Waiting real time for the refresh interval would make the tests depend on the refresh rate
    and on how busy the machine is.
    """
    screen = pilot.app.screen
    if isinstance(screen, TimerScreen) and screen.countdown is not None and screen.phase == "running":
        screen._tick()
    await pilot.pause()
