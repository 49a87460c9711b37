"""The figures a clinician reads from a cramp diary, computed by SQLite.

Every count is a GROUP BY in SQL; Python only folds per-day rows into ISO
weeks. Two traps shape the queries:

* SQLite's date functions turn ``2026-10-26T00:30:00+01:00`` into UTC, which
  is the day before. Days therefore come from ``episodes.local_day`` and hours
  from the wall-clock text of ``started_at``, never from ``date()`` or
  ``strftime()``.
* SQLite 3.40 has no ``%V`` and ``%W`` is not the ISO week, so SQL groups by
  day and :func:`weekly` folds days into ISO weeks with ``date.isocalendar()``.

A day is *recorded* when it has a finished episode or a "no cramps" check-in.
A day with neither is unknown, never counted as cramp-free.

Bedtime stretches belong to an *evening*: the day the routine started if it
started at or after 12:00, else the day before (stretches at 00:30 are the
late end of the evening before).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from cramp_diary.store import Diary

#: A cramp lasting longer than this many seconds is reported as long.
LONG_CRAMP_S = 10 * 60
#: Severity bands used in cramp trials: 4-6 moderate, 7-10 severe.
MODERATE = (4, 6)
SEVERE = (7, 10)
#: Before this hour the night is not over, so "last night" still means the day before.
NIGHT_ENDS = time(4, 0)
#: Bedtime stretches started before this hour belong to the evening of the day before.
EVENING_STARTS = 12

_RECORDED = """
    recorded(day) AS (
        SELECT local_day FROM episodes
        WHERE status = 'done' AND local_day BETWEEN :first AND :last
        UNION
        SELECT day FROM checkins WHERE day BETWEEN :first AND :last
    )
"""

_DONE_IN_PERIOD = "e.status = 'done' AND e.local_day BETWEEN :first AND :last"


def _params(first: date, last: date) -> dict[str, Any]:
    return {"first": first.isoformat(), "last": last.isoformat()}


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def iso_label(day: date) -> str:
    """The ISO week a day belongs to, written as people and scripts read it: 2026-W44."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


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
    row = diary.db.execute(
        "SELECT min(day) FROM (SELECT min(local_day) AS day FROM episodes WHERE status = 'done'"
        " UNION ALL SELECT min(day) FROM checkins)"
    ).fetchone()
    return date.fromisoformat(row[0]) if row and row[0] else None


def period(diary: Diary, today: date, weeks: int | None) -> tuple[date, date]:
    """The days shown for "the last N weeks": whole ISO weeks up to today; None means all."""
    if weeks is None:
        first = first_recorded_day(diary) or today
        return min(first, today), today
    if weeks < 1:
        raise ValueError("weeks must be at least 1")
    return monday_of(today) - timedelta(weeks=weeks - 1), today


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
    def night_cramps_per_night(self) -> float | None:
        return _share(self.night_cramps, self.recorded_days)

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
        }


def _median_duration(diary: Diary, first: date, last: date, timed: int) -> float | None:
    """The middle duration, read by SQLite with ORDER BY and OFFSET rather than loaded."""
    if not timed:
        return None
    row = diary.db.execute(
        f"SELECT avg(duration_s) FROM (SELECT e.duration_s FROM episodes e WHERE {_DONE_IN_PERIOD}"
        " AND e.duration_s IS NOT NULL ORDER BY e.duration_s LIMIT :take OFFSET :skip)",
        {**_params(first, last), "take": 2 - timed % 2, "skip": (timed - 1) // 2},
    ).fetchone()
    return float(row[0])


def summary(diary: Diary, first: date, last: date) -> Summary:
    """Every figure of the period in one aggregate query (plus one each for the median and the bedtime evenings)."""
    row = diary.db.execute(
        f"""
        WITH {_RECORDED}
        SELECT
            (SELECT count(*) FROM recorded),
            count(*),
            count(DISTINCT e.local_day),
            coalesce(sum(e.context = 'asleep'), 0),
            count(e.severity),
            avg(e.severity),
            max(e.severity),
            coalesce(sum(e.severity BETWEEN {MODERATE[0]} AND {MODERATE[1]}), 0),
            coalesce(sum(e.severity BETWEEN {SEVERE[0]} AND {SEVERE[1]}), 0),
            count(e.duration_s),
            max(e.duration_s),
            coalesce(sum(e.duration_s > {LONG_CRAMP_S}), 0),
            count(e.context)
        FROM episodes e WHERE {_DONE_IN_PERIOD}
        """,
        _params(first, last),
    ).fetchone()
    (recorded, cramps, cramp_days, night, rated, mean_sev, max_sev, moderate, severe, timed, max_dur, long_, known) = row
    return Summary(
        first=first,
        last=last,
        recorded_days=recorded,
        cramps=cramps,
        cramp_days=cramp_days,
        night_cramps=night,
        rated=rated,
        mean_severity=mean_sev,
        max_severity=max_sev,
        moderate=moderate,
        severe=severe,
        timed=timed,
        median_duration=_median_duration(diary, first, last, timed),
        max_duration=max_dur,
        long_cramps=long_,
        context_known=known,
        bedtime_evenings=len(bedtime_evenings(diary, first, last)),
    )


def bedtime_evenings(diary: Diary, first: date, last: date, routine: str = "bedtime") -> list[date]:
    """The evenings from ``first`` to ``last`` with the routine done, oldest first.

    An evening is the day the routine started when it started at or after
    12:00, else the day before: a routine begun at 00:30 ends the evening
    before. The hour is read from the local wall-clock text of ``started_at``.
    """
    rows = diary.db.execute(
        f"""
        SELECT DISTINCT
            CASE WHEN CAST(substr(started_at, 12, 2) AS INTEGER) >= {EVENING_STARTS} THEN local_day
                 ELSE date(local_day, '-1 day') END AS evening
        FROM routine_sessions
        WHERE routine = :routine AND completed AND local_day BETWEEN :first AND date(:last, '+1 day')
            AND evening BETWEEN :first AND :last
        ORDER BY evening
        """,
        {**_params(first, last), "routine": routine},
    ).fetchall()
    return [date.fromisoformat(row[0]) for row in rows]


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
            "mean_severity": self.mean_severity,
            "max_severity": self.max_severity,
        }


@dataclass
class _WeekTotals:
    cramps: int = 0
    cramp_days: int = 0
    recorded_days: int = 0
    rated: int = 0
    severity_sum: float = 0.0
    max_severity: int | None = None


def weekly(diary: Diary, first: date, last: date) -> list[Week]:
    """The period's ISO weeks, oldest first: SQL groups by local day, Python folds days into weeks."""
    rows = diary.db.execute(
        f"""
        WITH {_RECORDED}
        SELECT r.day, count(e.id), count(e.severity), total(e.severity), max(e.severity)
        FROM recorded r LEFT JOIN episodes e ON e.local_day = r.day AND e.status = 'done'
        GROUP BY r.day
        """,
        _params(first, last),
    ).fetchall()
    totals: dict[date, _WeekTotals] = {}
    monday = monday_of(first)
    while monday <= last:
        totals[monday] = _WeekTotals()
        monday += timedelta(weeks=1)
    for day_text, cramps, rated, severity_sum, max_severity in rows:
        week = totals[monday_of(date.fromisoformat(day_text))]
        week.recorded_days += 1
        week.cramps += cramps
        week.cramp_days += 1 if cramps else 0
        week.rated += rated
        week.severity_sum += severity_sum
        if max_severity is not None:
            week.max_severity = max(max_severity, week.max_severity or 0)
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
#: Each grouping as SQL over a ``YYYY-MM-DD`` column, giving the bar's label: 2026-11, 2026-Q4, 2026.
_BUCKET_SQL = {
    "month": "substr({day}, 1, 7)",
    "quarter": "substr({day}, 1, 5) || 'Q' || ((CAST(substr({day}, 6, 2) AS INTEGER) + 2) / 3)",
    "year": "substr({day}, 1, 4)",
}


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
    def cramps_per_week(self) -> float | None:
        """Cramps ÷ recorded days × 7, as in the summary; None when no day of the bar was recorded."""
        return _share(self.cramps * 7, self.recorded_days)


@dataclass(frozen=True)
class Timeline:
    """The weekly chart's bars, oldest first, and what each stands for (one of ``BAR_UNITS``)."""

    unit: str
    bars: list[Bar]

    @property
    def cramps(self) -> int:
        return sum(bar.cramps for bar in self.bars)


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
    """The period in months, quarters or years, oldest first, each counted by SQL GROUP BY on local days.

    Every bucket from the first to the last is listed; one with no records is
    all zero. The first and last are cut to the period.
    """
    key = _BUCKET_SQL[unit].format(day="day")
    rows = diary.db.execute(
        f"""
        WITH {_RECORDED},
        days(day, cramps, rated, severity) AS (
            SELECT r.day, count(e.id), count(e.severity), total(e.severity)
            FROM recorded r LEFT JOIN episodes e ON e.local_day = r.day AND e.status = 'done'
            GROUP BY r.day
        )
        SELECT {key} AS bucket, count(*), sum(cramps), sum(rated), total(severity) FROM days GROUP BY bucket
        """,
        _params(first, last),
    ).fetchall()
    found = {label: (recorded, cramps, rated, severity) for label, recorded, cramps, rated, severity in rows}
    bars: list[Bar] = []
    start = _bucket_start(first, unit)
    while start <= last:
        after = _bucket_after(start, unit)
        label = _bucket_label(start, unit)
        recorded, cramps, rated, severity = found.get(label, (0, 0, 0, 0.0))
        bars.append(
            Bar(
                label=label,
                first=max(start, first),
                last=min(after - timedelta(days=1), last),
                cramps=cramps,
                recorded_days=recorded,
                mean_severity=severity / rated if rated else None,
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


def hourly(diary: Diary, first: date, last: date) -> list[int]:
    """Cramps per hour of the local wall clock (24 bins), so a night pattern shows.

    The hour is read from the text of ``started_at`` (its local time), because
    ``strftime('%H', started_at)`` would give the UTC hour.
    """
    counts = [0] * 24
    for hour, count in diary.db.execute(
        f"SELECT CAST(substr(e.started_at, 12, 2) AS INTEGER) AS hour, count(*) FROM episodes e"
        f" WHERE {_DONE_IN_PERIOD} GROUP BY hour",
        _params(first, last),
    ):
        counts[hour] = count
    return counts


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
    rows = diary.db.execute(
        f"""
        SELECT
            CASE WHEN e.muscle = 'other' AND e.muscle_other != '' THEN lower(e.muscle_other)
                 ELSE e.muscle END AS label,
            coalesce(sum(e.side = 'left'), 0),
            coalesce(sum(e.side = 'right'), 0),
            coalesce(sum(e.side = 'both'), 0),
            count(*) AS n
        FROM episodes e WHERE {_DONE_IN_PERIOD}
        GROUP BY label ORDER BY n DESC, label
        """,
        _params(first, last),
    ).fetchall()
    return [MuscleCount(label, left, right, both) for label, left, right, both, _ in rows]


def _label_counts(diary: Diary, table: str, column: str, first: date, last: date, limit: int | None) -> list[tuple[str, int]]:
    sql = (
        f"SELECT t.{column}, count(*) AS n FROM {table} t JOIN episodes e ON e.id = t.episode_id"
        f" WHERE {_DONE_IN_PERIOD} GROUP BY t.{column} ORDER BY n DESC, t.{column}"
    )
    params = _params(first, last)
    if limit is not None:
        sql += " LIMIT :limit"
        params["limit"] = limit
    return [(label, count) for label, count in diary.db.execute(sql, params)]


def top_triggers(diary: Diary, first: date, last: date, limit: int | None = 8) -> list[tuple[str, int]]:
    """The possible triggers noted most often, with how many cramps each was noted for."""
    return _label_counts(diary, "episode_triggers", "trigger", first, last, limit)


def reliefs_used(diary: Diary, first: date, last: date) -> list[tuple[str, int]]:
    """What the person did to ease their cramps, most used first."""
    return _label_counts(diary, "episode_reliefs", "relief", first, last, None)
