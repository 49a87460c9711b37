"""The one place that reads the real time; everything else is handed a clock."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from datetime import datetime, timezone, tzinfo

Now = Callable[[], datetime]
Monotonic = Callable[[], float]

#: Said once per run when the system's time zone cannot be used.
BAD_ZONE_WARNING = "cramp-diary: the time zone in TZ is not usable (an offset of 24 hours or more); using UTC"
_warned = False


def _warn_once() -> None:
    global _warned
    if not _warned:
        _warned = True
        print(BAD_ZONE_WARNING, file=sys.stderr)


def system_now() -> datetime:
    """The local wall-clock time with its current UTC offset; UTC (with one warning) if TZ is unusable.

    An invalid zone name already falls back to UTC in the C library; an offset
    of 24 h or more (``TZ="FOO-24:59"``) is accepted there but not by Python.
    """
    try:
        return datetime.now().astimezone()
    except (ValueError, OverflowError, OSError):
        _warn_once()
        return datetime.now(timezone.utc)


def system_monotonic() -> float:
    """Seconds that only ever go forward, for timing a cramp: immune to clock changes."""
    return time.monotonic()


def home_zone(now: datetime) -> tzinfo | None:
    """The person's own time zone with its summer and winter rules.

    The clock's zone when it has such rules (a ``ZoneInfo``, as tests give);
    None, meaning the system's local zone, when it is a bare offset (as
    :func:`system_now` gives). Used to tell a cramp logged away from home.
    """
    return None if now.tzinfo is None or isinstance(now.tzinfo, timezone) else now.tzinfo


def logged_away(moment: datetime, zone: tzinfo | None) -> bool:
    """Whether ``moment`` carries an offset other than the one the home zone had at that instant.

    Summer and winter time never count: the home zone's own offset on that
    date is what a moment is compared with.
    """
    try:
        home = moment.astimezone(zone).utcoffset()
    except (ValueError, OverflowError, OSError):
        return False
    return moment.utcoffset() != home
