"""A monotonic clock that moves only when a test says so, for the cramp timer's tests."""

from __future__ import annotations


class FakeMonotonic:
    """Seconds as a float, like ``time.monotonic()``, starting somewhere arbitrary."""

    def __init__(self, start: float = 1000.0) -> None:
        self.current = start

    def __call__(self) -> float:
        return self.current

    def advance(self, seconds: float) -> None:
        self.current += seconds
