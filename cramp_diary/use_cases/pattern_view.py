"""The pattern for a period, as the stats command, the charts screen and the report all show it.

One period (the last N ISO weeks, or every record), its summary figures, the weekly
timeline (months or years for long periods) and the dated changes marked on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cramp_diary import iso_weeks, stats
from cramp_diary.changes import Change
from cramp_diary.markers import ChangeMarker, change_markers
from cramp_diary.store import Diary


@dataclass(frozen=True, slots=True)
class PatternView:
    """What every view of a period starts from."""

    weeks_asked: int | None
    """The ISO weeks asked for, None for every record (or for days given exactly)."""
    first: date
    last: date
    summary: stats.Summary
    timeline: iso_weeks.Timeline
    changes: tuple[Change, ...]
    """The dated changes that started or stopped in the period."""
    markers: tuple[ChangeMarker, ...]
    """Those changes, and the trials that started or ended in the period, on the timeline's bars."""


def pattern_view(diary: Diary, today: date, weeks: int | None, *, days: tuple[date, date] | None = None) -> PatternView:
    """The last ``weeks`` ISO weeks up to ``today`` (None: from the first record), or exactly ``days`` (first, last)."""
    first, last = days if days is not None else stats.period(diary, today, weeks)
    timeline = iso_weeks.timeline(diary, first, last)
    changes = tuple(diary.changes.between(first, last))
    # a trial's start and end are marked on the chart too, beside the dated changes
    marked = [*changes, *diary.trials.changes_between(first, last)]
    markers = change_markers(marked, [(bar.first, bar.last) for bar in timeline.bars])
    summary = stats.summary(diary, first, last)
    return PatternView(None if days is not None else weeks, first, last, summary, timeline, changes, tuple(markers))
