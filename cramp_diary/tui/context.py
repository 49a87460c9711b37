"""What screens and widgets read from the app, typed, without importing the app.

The app hands these attributes down; screens send messages up. Importing
``cramp_diary.tui.app`` from a screen would make an import circle, so screens
ask :func:`context` for this small protocol instead.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Protocol, runtime_checkable

from textual.dom import DOMNode

from cramp_diary.clock import Monotonic, Now
from cramp_diary.model import Episode
from cramp_diary.store import Diary
from cramp_diary.tui.themes import is_night


@runtime_checkable
class AppContext(Protocol):
    """The diary, the two clocks and where files go: everything a screen needs from the app."""

    diary: Diary
    now: Now
    monotonic: Monotonic
    config_dir: Path | None
    report_path: Callable[[date], Path]


@runtime_checkable
class SavesOnExit(Protocol):
    """A screen holding a cramp in progress (the timer): the app asks it to save when quitting,
    and unfinished cramps are not asked about while it is open."""

    def save_on_exit(self) -> None: ...


def context(node: DOMNode) -> AppContext:
    """The running app, as the protocol screens may rely on."""
    app = node.app
    if not isinstance(app, AppContext):
        raise TypeError(f"{type(app).__name__} does not provide the diary and clocks the screens need")
    return app


def new_draft(now: datetime) -> Episode:
    """A blank episode at ``now``; at night it assumes the cramp woke you."""
    return Episode(started_at=now, muscle="", side="", context="asleep" if is_night(now.hour) else None)
