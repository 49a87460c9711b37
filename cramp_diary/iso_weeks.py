"""ISO weeks and the weekly chart's bars: SQL counts local days, Python folds them into weeks.

SQLite has no ISO week, so :mod:`cramp_diary.store.queries` groups by local
day (:func:`cramp_diary.stats.day_figures`, kept until the diary changes) and
:func:`weekly` folds days into ISO weeks with ``date.isocalendar()``; a period
too long for ``MAX_BARS`` weekly bars folds the same days into months,
quarters or years (:func:`grouped`). A day with neither a finished episode nor
a check-in is unknown, never counted as cramp-free.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from cramp_diary.stats import day_figures, monday_of
from cramp_diary.store import Diary

def iso_label(day: date) -> str:
    """The ISO week a day belongs to, written as people and scripts read it: 2026-W44."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


@dataclass(frozen=True)
class Week:
    """One ISO week (Monday first, local days) of the period; empty weeks are all zero."""

    iso: str
    monday: date
    days: int
    cramps: int
    cramp_days: int
    recorded_days: int
    mean_severity: float | None
    max_severity: int | None

    @property
    def cramp_free_days(self) -> int:
        return self.recorded_days - self.cramp_days

    def as_dict(self) -> dict[str, Any]:
        return {
            "week": self.iso,
            "monday": self.monday.isoformat(),
            "days": self.days,
            "cramps": self.cramps,
            "cramp_days": self.cramp_days,
            "cramp_free_days": self.cramp_free_days,
            "recorded_days": self.recorded_days,
            "cramps_per_week": self.cramps * 7 / self.recorded_days if self.recorded_days else None,
            "mean_severity": self.mean_severity,
            "max_severity": self.max_severity,
        }


@dataclass
class _WeekTotals:
    """Running sums of a week (or month, quarter, year) while its days are folded in."""

    cramps: int = 0
    cramp_days: int = 0
    recorded_days: int = 0
    rated: int = 0
    severity_sum: int = 0
    max_severity: int | None = None


def weekly(diary: Diary, first: date, last: date) -> list[Week]:
    """The period's ISO weeks, oldest first: SQL groups by local day, Python folds days into weeks."""
    totals: dict[date, _WeekTotals] = {}
    monday = monday_of(first)
    while monday <= last:
        totals[monday] = _WeekTotals()
        monday += timedelta(weeks=1)
    for day in day_figures(diary, first, last):
        week = totals[monday_of(day.day)]
        week.recorded_days += 1
        week.cramps += day.cramps
        week.cramp_days += 1 if day.cramps else 0
        week.rated += day.rated
        week.severity_sum += day.severity_sum
        if day.max_severity is not None:
            week.max_severity = max(day.max_severity, week.max_severity or 0)
    return [
        Week(
            iso=iso_label(monday),
            monday=monday,
            days=(min(monday + timedelta(days=6), last) - max(monday, first)).days + 1,
            cramps=week.cramps,
            cramp_days=week.cramp_days,
            recorded_days=week.recorded_days,
            mean_severity=week.severity_sum / week.rated if week.rated else None,
            max_severity=week.max_severity,
        )
        for monday, week in totals.items()
    ]


#: The weekly chart draws one bar per ISO week up to this many weeks; a longer period groups its bars.
MAX_BARS = 104
#: What one bar may stand for, finest first; the finest that keeps within ``MAX_BARS`` is used.
BAR_UNITS: tuple[str, ...] = ("week", "month", "quarter", "year")


@dataclass(frozen=True)
class Bar:
    """One bar of the weekly chart: an ISO week, or a month, quarter or year of a long period."""

    label: str
    first: date
    last: date
    cramps: int
    recorded_days: int
    mean_severity: float | None

    @property
    def days(self) -> int:
        """The bar's days in the period (an edge week may be cut short)."""
        return (self.last - self.first).days + 1

    @property
    def cramps_per_week(self) -> float | None:
        """Cramps ÷ recorded days × 7, as in the summary; None when no day of the bar was recorded."""
        return self.cramps * 7 / self.recorded_days if self.recorded_days else None


@dataclass(frozen=True)
class Timeline:
    """The weekly chart's bars, oldest first, and what each stands for (one of ``BAR_UNITS``)."""

    unit: str
    bars: list[Bar]

    @property
    def cramps(self) -> int:
        return sum(bar.cramps for bar in self.bars)

    @property
    def recorded_days(self) -> int:
        return sum(bar.recorded_days for bar in self.bars)


def _bucket_start(day: date, unit: str) -> date:
    """The first day of the month, quarter or year ``day`` falls in."""
    if unit == "month":
        return day.replace(day=1)
    if unit == "quarter":
        return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    return date(day.year, 1, 1)


def _bucket_after(start: date, unit: str) -> date:
    """The first day of the next month, quarter or year."""
    months = {"month": 1, "quarter": 3, "year": 12}[unit]
    index = start.year * 12 + start.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _bucket_label(start: date, unit: str) -> str:
    if unit == "month":
        return f"{start.year}-{start.month:02d}"
    if unit == "quarter":
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    return str(start.year)


def bar_unit(first: date, last: date, max_bars: int = MAX_BARS) -> str:
    """The finest of week, month, quarter and year that draws the period in at most ``max_bars`` bars."""
    for unit in BAR_UNITS[:-1]:
        if unit == "week":
            count = (monday_of(last) - monday_of(first)).days // 7 + 1
        else:
            count, start = 0, _bucket_start(first, unit)
            while start <= last and count <= max_bars:
                count, start = count + 1, _bucket_after(start, unit)
        if count <= max_bars:
            return unit
    return BAR_UNITS[-1]


def grouped(diary: Diary, first: date, last: date, unit: str) -> list[Bar]:
    """The period in months, quarters or years, oldest first, folded from the same day rows as the weeks.

    Every bucket from the first to the last is listed; one with no records is
    all zero. The first and last are cut to the period.
    """
    found: dict[date, _WeekTotals] = {}
    for day in day_figures(diary, first, last):
        bucket = found.setdefault(_bucket_start(day.day, unit), _WeekTotals())
        bucket.recorded_days += 1
        bucket.cramps += day.cramps
        bucket.rated += day.rated
        bucket.severity_sum += day.severity_sum
    bars: list[Bar] = []
    start = _bucket_start(first, unit)
    while start <= last:
        after = _bucket_after(start, unit)
        bucket = found.get(start, _WeekTotals())
        bars.append(
            Bar(
                label=_bucket_label(start, unit),
                first=max(start, first),
                last=min(after - timedelta(days=1), last),
                cramps=bucket.cramps,
                recorded_days=bucket.recorded_days,
                mean_severity=bucket.severity_sum / bucket.rated if bucket.rated else None,
            )
        )
        start = after
    return bars


def week_bars(weeks: list[Week], first: date = date.min, last: date = date.max) -> Timeline:
    """ISO weeks as the weekly chart's bars, one each; the edge weeks are cut to ``first`` and ``last``."""
    return Timeline(
        "week",
        [
            Bar(
                label=week.iso,
                first=max(week.monday, first),
                last=min(week.monday + timedelta(days=6), last),
                cramps=week.cramps,
                recorded_days=week.recorded_days,
                mean_severity=week.mean_severity,
            )
            for week in weeks
        ],
    )


def timeline(diary: Diary, first: date, last: date, max_bars: int = MAX_BARS) -> Timeline:
    """The weekly chart's bars: one per ISO week, or per month, quarter or year when weeks would not fit."""
    unit = bar_unit(first, last, max_bars)
    if unit == "week":
        return week_bars(weekly(diary, first, last), first, last)
    return Timeline(unit, grouped(diary, first, last, unit))
