"""Comparing the cramps before and after a dated change, as ``cramp-diary compare`` and the changes screen show it.

The figures and their words are :mod:`cramp_diary.compare` (the honest rate in each window, how
sure the difference is); this is the one call both edges make, so they cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cramp_diary.changes import Change
from cramp_diary.compare import Comparison, compare, comparison_lines
from cramp_diary.store import Diary


@dataclass(frozen=True, slots=True)
class Compared:
    """The comparison, and its lines: the verdict first, the caveat last."""

    comparison: Comparison
    lines: list[str]

    @property
    def message(self) -> str:
        return "\n".join(self.lines)


def compare_change(diary: Diary, change: Change, today: date) -> Compared:
    """Cramps per week in the weeks before ``change`` against the weeks from its fourteenth day."""
    comparison = compare(diary, change, today)
    return Compared(comparison, comparison_lines(comparison))
