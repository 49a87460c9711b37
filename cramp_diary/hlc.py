"""Hybrid logical clock stamps: an order for edits that does not trust wall clocks.

A stamp is ``"<wall ms, 13 digits>-<counter, 4 digits>-<device>"``: text order is
stamp order. A local edit ticks past every stamp this diary has seen (its own and
every merged one), so an edit made after importing a record always orders after
it, even when this machine's clock is behind; equal wall times are broken by the
counter, then by the device name, so every machine picks the same winner.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

#: How far ahead of this machine's clock a merged stamp may be before it is refused.
MAX_AHEAD = timedelta(days=1)
MAX_COUNTER = 9999
MAX_MS = 10**13 - 1
#: A device name: it is also a file name in the sync folder, so no slashes and no leading dot.
DEVICE = r"[A-Za-z0-9][A-Za-z0-9_-]{0,62}"
STAMP = re.compile(r"(?P<ms>[0-9]{13})-(?P<counter>[0-9]{4})-(?P<device>[A-Za-z0-9_-]{0,63})")
#: The stamp of a record from a format-1 export that carried no updated_at: older than every edit.
ZERO = "0000000000000-0000-"


class StampAhead(ValueError):
    """A stamp from far in this machine's future: its clock, or the file, is wrong."""


def make(ms: int, counter: int, device: str) -> str:
    return f"{min(max(ms, 0), MAX_MS):013d}-{counter:04d}-{device}"


def parse(stamp: str) -> tuple[int, int, str]:
    """(wall ms, counter, device), or ValueError for text that is not a stamp."""
    found = STAMP.fullmatch(stamp) if isinstance(stamp, str) else None
    if found is None:
        raise ValueError(f"must be a clock stamp such as 1767225600000-0000-laptop (got {stamp!r})")
    return int(found["ms"]), int(found["counter"]), found["device"]


def to_ms(moment: datetime) -> int:
    """Milliseconds since 1970 (UTC); earlier moments count as 0."""
    return max(0, int(moment.astimezone(timezone.utc).timestamp() * 1000))


def wall_time(stamp: str) -> datetime:
    return datetime.fromtimestamp(parse(stamp)[0] / 1000, timezone.utc)


def tick(now_ms: int, last: str | None, device: str) -> str:
    """The stamp of a local edit: after ``last`` (the newest stamp this diary has seen) and not before now."""
    if not last:
        return make(now_ms, 0, device)
    last_ms, last_counter, _ = parse(last)
    if now_ms > last_ms:
        return make(now_ms, 0, device)
    if last_counter >= MAX_COUNTER:  # ten thousand edits in one millisecond: borrow the next one
        return make(last_ms + 1, 0, device)
    return make(last_ms, last_counter + 1, device)


def receive(now_ms: int, last: str | None, remote: str, what: str) -> str:
    """The diary's newest-seen stamp after merging ``remote``; StampAhead (naming ``what``) if it is too far ahead."""
    remote_ms, _, _ = parse(remote)
    limit = now_ms + int(MAX_AHEAD.total_seconds() * 1000)
    if remote_ms > limit:
        ahead = wall_time(remote).strftime("%Y-%m-%d %H:%M UTC")
        raise StampAhead(
            f"{what} was last changed at {ahead}, more than a day ahead of this machine's clock;"
            " check the clock of the machine it came from"
        )
    return max(last or ZERO, remote)


def from_legacy(moment: datetime | None) -> str:
    """A stamp for a record that only had a second-resolution ``updated_at`` (format-1 exports, old diaries)."""
    return ZERO if moment is None else make(to_ms(moment), 0, "")
