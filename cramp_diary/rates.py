"""Honest rates: "cramps per week" as a range when too few of a period's days are recorded.

An unrecorded day is unknown. Counting only recorded days can overstate the
rate (one cramp logged and nothing else reads as 7 a week); counting every day
as cramp-free can understate it. Below :data:`HONEST_SHARE` recorded, every
view shows both ends and the share recorded. No I/O: any layer may use it.
"""

from __future__ import annotations

from dataclasses import dataclass

#: At or above this share of days recorded, the rate over recorded days stands alone.
HONEST_SHARE = 0.8


@dataclass(frozen=True)
class WeeklyRate:
    """Cramps per week of a period, from its cramps, days and recorded days."""

    cramps: int
    days: int
    recorded_days: int

    @property
    def all_days(self) -> float | None:
        """As if every unrecorded day had no cramp: the low end."""
        return self.cramps * 7 / self.days if self.days else None

    @property
    def recorded(self) -> float | None:
        """Over the recorded days only: the high end, and the rate itself when enough is recorded."""
        return self.cramps * 7 / self.recorded_days if self.recorded_days else None

    @property
    def share(self) -> float | None:
        return self.recorded_days / self.days if self.days else None

    @property
    def is_range(self) -> bool:
        return self.recorded_days > 0 and self.share is not None and self.share < HONEST_SHARE

    def text(self) -> str:
        """'3.5', or '1.0-7.0 (1 of 7 days recorded, 14%)'; '-' when nothing is recorded."""
        if self.recorded is None:
            return "-"
        if not self.is_range:
            return f"{self.recorded:.1f}"
        return (
            f"{self.all_days:.1f}-{self.recorded:.1f} "
            f"({self.recorded_days} of {self.days} days recorded, {round((self.share or 0) * 100)}%)"
        )
