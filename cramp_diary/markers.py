"""Which bar of the weekly chart marks the start (and stop) of each dated change.

One rule for the app's chart, ``stats``' text chart and the report's chart:
a change is marked on the bar (an ISO week, or a month, quarter or year)
holding its start day, and again on the one holding its stop day.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from cramp_diary.changes import Change
from cramp_diary.safe_text import printable

#: The marks, so a start and a stop differ by shape as well as by word (never by colour alone).
SYMBOLS = {"started": "▲", "stopped": "▼"}


@dataclass(frozen=True)
class ChangeMarker:
    """A change's start or stop, placed on the bar ``index`` of a chart."""

    index: int
    day: date
    name: str
    event: Literal["started", "stopped"]

    @property
    def label(self) -> str:
        """Short, for the chart itself: "▲ magnesium" or "▼ magnesium"; the name made printable."""
        return f"{SYMBOLS[self.event]} {printable(' '.join(self.name.split()))}"

    @property
    def long_label(self) -> str:
        """For a legend: "▲ magnesium started 2026-09-03"."""
        return f"{self.label} {self.event} {self.day.isoformat()}"


def change_markers(changes: Iterable[Change], spans: Sequence[tuple[date, date]]) -> list[ChangeMarker]:
    """The markers for ``changes`` on bars covering ``spans`` (first, last day each), by bar then day.

    A start or stop outside every bar is left out; a change started before the
    chart and stopped inside it is marked only where it stopped.
    """
    markers: list[ChangeMarker] = []
    for change in changes:
        events: list[tuple[Literal["started", "stopped"], date]] = [("started", change.started)]
        if change.stopped is not None:
            events.append(("stopped", change.stopped))
        for event, day in events:
            for index, (first, last) in enumerate(spans):
                if first <= day <= last:
                    markers.append(ChangeMarker(index, day, change.name, event))
                    break
    return sorted(markers, key=lambda m: (m.index, m.day, m.event != "started", m.name))


def legend(markers: Sequence[ChangeMarker]) -> str:
    """One line naming every marker, for charts drawn where a label may not fit: "Changes: ▲ magnesium started …"."""
    if not markers:
        return ""
    return "Changes: " + " · ".join(marker.long_label for marker in markers)
