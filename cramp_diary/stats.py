"""The figures a clinician reads from a cramp diary.

Every count is a GROUP BY in :mod:`cramp_diary.store.queries`; this module
holds the thresholds, the period's summary and its breakdowns (hour, muscle,
triggers, reliefs). The weekly chart's weeks and bars are in :mod:`cramp_diary.iso_weeks`.

A day is *recorded* when it has a finished episode or a "no cramps" check-in.
A day with neither is unknown, never counted as cramp-free.

Bedtime stretches belong to an *evening*: the day the routine started if it
started at or after 12:00, else the day before (stretches at 00:30 are the
late end of the evening before).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from operator import mul
from typing import Any, NamedTuple

from cramp_diary.rates import Rate, share as _share
from cramp_diary.store import Diary, queries

#: A cramp lasting longer than this many seconds is reported as long.
LONG_CRAMP_S = 10 * 60
#: Severity bands used in cramp trials: 4-6 moderate, 7-10 severe.
MODERATE = (4, 6)
SEVERE = (7, 10)
#: Before this hour the night is not over, so "last night" still means the day before.
NIGHT_ENDS = time(4, 0)
#: Bedtime stretches started before this hour belong to the evening of the day before.
EVENING_STARTS = 12

def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def last_night(now: datetime) -> date:
    """The day a "no cramps last night" check-in is for: the night that ended most recently.

    A night belongs to the day it ends on, like a 3 a.m. cramp does. Before
    04:00 tonight is not over yet, so the check-in is for the day before.
    """
    today = now.date()
    return today - timedelta(days=1) if now.time() < NIGHT_ENDS else today


def first_recorded_day(diary: Diary) -> date | None:
    """The earliest day with an episode or a check-in, where "all weeks" starts."""
    return queries.first_recorded_day(diary)


def period(diary: Diary, today: date, weeks: int | None) -> tuple[date, date]:
    """The days shown for "the last N weeks": whole ISO weeks up to today; None means all."""
    if weeks is None:
        first = first_recorded_day(diary) or today
        return min(first, today), today
    if weeks < 1:
        raise ValueError("weeks must be at least 1")
    return monday_of(today) - timedelta(weeks=weeks - 1), today


@dataclass(frozen=True)
class Sleep:
    """How much cramps disturbed sleep (0-10) over the nights of a period that have a figure."""

    nights: int = 0
    mean: float | None = None
    worst: int | None = None

    def text(self) -> str:
        """'3.2 mean, 7 worst (9 nights rated)', or '-' when no night has a figure."""
        if not self.nights or self.mean is None:
            return "-"
        return f"{self.mean:.1f} mean, {self.worst} worst ({self.nights} {'night' if self.nights == 1 else 'nights'} rated)"

    def as_dict(self) -> dict[str, Any]:
        return {"nights_rated": self.nights, "mean": self.mean, "worst": self.worst}


def sleep(diary: Diary, first: date, last: date) -> Sleep:
    """The period's sleep disturbance: one figure a night (the highest given that day)."""
    values = [value for _, value in queries.sleep_by_night(diary, first, last)]
    if not values:
        return Sleep()
    return Sleep(len(values), sum(values) / len(values), max(values))


@dataclass(frozen=True)
class Summary:
    """The trial-style measures for one period; shares are None when nothing was measured."""

    first: date
    last: date
    recorded_days: int
    cramps: int
    cramp_days: int
    night_cramps: int
    rated: int
    mean_severity: float | None
    max_severity: int | None
    moderate: int
    severe: int
    timed: int
    median_duration: float | None
    max_duration: int | None
    long_cramps: int
    context_known: int
    #: Evenings of the period with the bedtime stretches done (see :func:`bedtime_evenings`).
    bedtime_evenings: int = 0
    #: How much cramps disturbed sleep, over the nights with a figure.
    sleep: Sleep = Sleep()

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def unrecorded_days(self) -> int:
        return self.days - self.recorded_days

    @property
    def cramp_free_days(self) -> int:
        """Recorded days without a cramp; an unrecorded day is unknown, not cramp-free."""
        return self.recorded_days - self.cramp_days

    @property
    def cramps_per_week(self) -> float | None:
        return _share(self.cramps * 7, self.recorded_days)

    @property
    def rate(self) -> Rate:
        """Cramps per week with both ends, shown as a range below the data rule (:data:`cramp_diary.rates.ENOUGH_SHARE`)."""
        return Rate(self.cramps, self.days, self.recorded_days)

    @property
    def night_cramps_per_night(self) -> float | None:
        return _share(self.night_cramps, self.recorded_days)

    @property
    def night_rate(self) -> Rate:
        """Night cramps per night, a range like cramps per week when few days are recorded."""
        return Rate(self.night_cramps, self.days, self.recorded_days, per=1)

    @property
    def share_moderate_or_severe(self) -> float | None:
        return _share(self.moderate + self.severe, self.rated)

    @property
    def share_woke(self) -> float | None:
        """Of the cramps where the person said what they were doing, how many woke them."""
        return _share(self.night_cramps, self.context_known)

    def as_dict(self) -> dict[str, Any]:
        """The same figures for JSON, derived ones included."""
        return {
            "first": self.first.isoformat(),
            "last": self.last.isoformat(),
            "days": self.days,
            "recorded_days": self.recorded_days,
            "unrecorded_days": self.unrecorded_days,
            "cramps": self.cramps,
            "cramps_per_week": self.cramps_per_week,
            "cramps_per_week_all_days": self.rate.all_days,
            "recorded_share": self.rate.share,
            "cramp_days": self.cramp_days,
            "cramp_free_days": self.cramp_free_days,
            "night_cramps": self.night_cramps,
            "night_cramps_per_night": self.night_cramps_per_night,
            "rated": self.rated,
            "mean_severity": self.mean_severity,
            "max_severity": self.max_severity,
            "moderate": self.moderate,
            "severe": self.severe,
            "share_moderate_or_severe": self.share_moderate_or_severe,
            "timed": self.timed,
            "median_duration_s": self.median_duration,
            "max_duration_s": self.max_duration,
            "over_10_minutes": self.long_cramps,
            "context_known": self.context_known,
            "share_woke": self.share_woke,
            "bedtime_routines": self.bedtime_evenings,
            "sleep_disturbance": self.sleep.as_dict(),
        }


class DayFigures(NamedTuple):
    """One recorded day's figures, derived from its counts with this module's severity bands."""

    day: date
    cramps: int
    night_cramps: int
    rated: int
    severity_sum: int
    max_severity: int | None
    moderate: int
    severe: int
    context_known: int


def _figures(counts: queries.DayCounts) -> DayFigures:
    """A day's counts per severity (0-10) as the rated count, sum, maximum and the two bands."""
    severities = counts.severities
    values = range(len(severities))  # index = severity
    return DayFigures(
        counts.day,
        counts.cramps,
        counts.asleep,
        sum(severities),
        sum(map(mul, values, severities)),
        next((value for value in reversed(values) if severities[value]), None),
        sum(severities[MODERATE[0] : MODERATE[1] + 1]),
        sum(severities[SEVERE[0] : SEVERE[1] + 1]),
        counts.with_context,
    )


def day_figures(diary: Diary, first: date, last: date) -> tuple[DayFigures, ...]:
    """The period's recorded days, oldest first (the summary and the weekly chart fold the same rows, kept until the diary changes)."""
    return queries.kept(
        diary, ("day_figures", first, last), lambda: tuple(map(_figures, queries.day_counts(diary, first, last)))
    )


def median(counts: tuple[tuple[int, int], ...]) -> float | None:
    """The middle value of (value, how many) pairs sorted by value: the mean of the two middle ones when even."""
    total = sum(count for _, count in counts)
    if not total:
        return None
    wanted = [(total - 1) // 2, total // 2]  # 0-based positions of the middle one or two
    found: list[int] = []
    seen = 0
    for value, count in counts:
        seen += count
        while wanted and wanted[0] < seen:
            found.append(value)
            wanted.pop(0)
        if not wanted:
            break
    return (found[0] + found[1]) / 2


def summary(diary: Diary, first: date, last: date) -> Summary:
    """Every figure of the period, summed from its day rows (one GROUP BY, kept until the diary changes).

    The durations' figures (how many timed, the median, the longest, how many long)
    come from the per-second counts of :func:`queries.duration_counts` rather than
    sorting every cramp; they are the same figures, exactly.
    """
    days = day_figures(diary, first, last)
    durations = queries.duration_counts(diary, first, last)
    rated = sum(day.rated for day in days)
    severities = [day.max_severity for day in days if day.max_severity is not None]
    return Summary(
        first=first,
        last=last,
        recorded_days=len(days),
        cramps=sum(day.cramps for day in days),
        cramp_days=sum(1 for day in days if day.cramps),
        night_cramps=sum(day.night_cramps for day in days),
        rated=rated,
        mean_severity=sum(day.severity_sum for day in days) / rated if rated else None,
        max_severity=max(severities, default=None),
        moderate=sum(day.moderate for day in days),
        severe=sum(day.severe for day in days),
        timed=sum(count for _, count in durations),
        median_duration=median(durations),
        max_duration=durations[-1][0] if durations else None,
        long_cramps=sum(count for seconds, count in durations if seconds > LONG_CRAMP_S),
        context_known=sum(day.context_known for day in days),
        bedtime_evenings=len(bedtime_evenings(diary, first, last)),
        sleep=sleep(diary, first, last),
    )


def evening_of(day: date, hour: int) -> date:
    """The evening a routine started at ``hour`` (local) on ``day`` belongs to: before 12:00, the day before."""
    return day if hour >= EVENING_STARTS else day - timedelta(days=1)


def bedtime_evenings(diary: Diary, first: date, last: date, routine: str = "bedtime") -> list[date]:
    """The evenings from ``first`` to ``last`` with the routine done, oldest first.

    An evening is the day the routine started when it started at or after
    12:00, else the day before: a routine begun at 00:30 ends the evening
    before. The hour is the local wall-clock hour of the start.
    """
    starts = queries.routine_start_hours(diary, routine, first, last + timedelta(days=1))
    return sorted({evening for day, hour in starts if first <= (evening := evening_of(day, hour)) <= last})


def hourly(diary: Diary, first: date, last: date) -> list[int]:
    """Cramps per hour of the local wall clock (24 bins), so a night pattern shows.

    The hour is the local one the cramp started at, not UTC.
    """
    found = queries.cramps_by_hour(diary, first, last)
    return [found.get(hour, 0) for hour in range(24)]


@dataclass(frozen=True)
class MuscleCount:
    """How often one muscle cramped on each side."""

    muscle: str
    left: int
    right: int
    both: int

    @property
    def total(self) -> int:
        return self.left + self.right + self.both


def by_muscle_side(diary: Diary, first: date, last: date) -> list[MuscleCount]:
    """Cramps per muscle (the person's own word for 'other') and side, most frequent first."""
    return [MuscleCount(*row) for row in queries.muscle_sides(diary, first, last)]


def top_triggers(diary: Diary, first: date, last: date, limit: int | None = 8) -> list[tuple[str, int]]:
    """The possible triggers noted most often, with how many cramps each was noted for."""
    return queries.label_counts(diary, "triggers", first, last, limit)


def reliefs_used(diary: Diary, first: date, last: date) -> list[tuple[str, int]]:
    """What the person did to ease their cramps, most used first."""
    return queries.label_counts(diary, "reliefs", first, last)
