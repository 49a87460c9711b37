"""The one place that reads the real time; everything else is handed a clock."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime

Now = Callable[[], datetime]
Monotonic = Callable[[], float]


def system_now() -> datetime:
    """The local wall-clock time with its current UTC offset."""
    return datetime.now().astimezone()


def system_monotonic() -> float:
    """Seconds that only ever go forward, for timing a cramp: immune to clock changes."""
    return time.monotonic()
