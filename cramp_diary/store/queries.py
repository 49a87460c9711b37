"""Read-only figures over a period: the SQL behind :mod:`cramp_diary.stats` and :mod:`cramp_diary.alerts`.

Each function takes an open :class:`~cramp_diary.store.Diary` and a period of
local days and hands back plain rows; thresholds, weeks and rules stay with the
callers. Two traps shape the SQL:

* SQLite's date functions turn ``2026-10-26T00:30:00+01:00`` into UTC, which
  is the day before. Days therefore come from ``episodes.local_day`` and hours
  from the wall-clock text of ``started_at``, never from ``date()`` or
  ``strftime()``.
* SQLite 3.40 has no ``%V`` and ``%W`` is not the ISO week, so SQL groups by
  day and the callers fold days into ISO weeks.

A day is *recorded* when it has a finished episode or a "no cramps" check-in.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from cramp_diary.model import SIDES
from cramp_diary.store import month_figures
from cramp_diary.store.schema import DONE, SEVERITIES

if TYPE_CHECKING:
    from cramp_diary.store.diary import Diary

T = TypeVar("T")

_RECORDED = f"""
    recorded(day) AS (
        SELECT e.local_day FROM episodes e
        WHERE {DONE} AND e.local_day BETWEEN :first AND :last
        UNION
        SELECT day FROM checkins WHERE day BETWEEN :first AND :last
    )
"""

_DONE_IN_PERIOD = f"{DONE} AND e.local_day BETWEEN :first AND :last"

#: The local hour of ``started_at`` (its wall-clock text), as ``strftime('%H')`` would give the UTC hour.
_LOCAL_HOUR = "CAST(substr({column}, 12, 2) AS INTEGER)"


def _params(first: date, last: date) -> dict[str, Any]:
    return {"first": first.isoformat(), "last": last.isoformat()}


def kept(diary: Diary, key: Hashable, read: Callable[[], T]) -> T:
    """``read()``, or what it gave last time if the diary has not changed since (see :meth:`Db.kept`)."""
    return diary.db.kept(key, read)


def first_recorded_day(diary: Diary) -> date | None:
    """The earliest day with a finished episode or a check-in (kept until the diary changes)."""

    def read() -> date | None:
        row = diary.db.execute(
            "SELECT min(day) FROM (SELECT min(day) AS day FROM day_totals UNION ALL SELECT min(day) FROM checkins)"
        ).fetchone()
        return date.fromisoformat(row[0]) if row and row[0] else None

    return kept(diary, "first_recorded_day", read)


class DayCounts(NamedTuple):
    """One recorded day's finished cramps as counts (a check-in day without one is all zero)."""

    day: date
    cramps: int
    asleep: int
    with_context: int
    #: How many were rated 0, 1, ... 10 (index = severity).
    severities: tuple[int, ...]


_NO_SEVERITIES = (0,) * len(SEVERITIES)


def day_counts(diary: Diary, first: date, last: date) -> tuple[DayCounts, ...]:
    """Every recorded day of the period (a finished cramp or a check-in), oldest first; unrecorded days are absent.

    Read from ``day_totals``, one row per day kept by triggers on every write
    (schema step 9), and the check-ins: a few thousand rows for a lifetime.
    Kept until the diary changes.
    """
    columns = ", ".join(f"severity_{n}" for n in SEVERITIES)

    def read() -> tuple[DayCounts, ...]:
        params = _params(first, last)
        days = {
            day: DayCounts(date.fromisoformat(day), cramps, asleep, with_context, tuple(severities))
            for day, cramps, asleep, with_context, *severities in diary.db.execute(
                f"SELECT day, cramps, asleep, with_context, {columns} FROM day_totals WHERE day BETWEEN :first AND :last",
                params,
            )
        }
        for (day,) in diary.db.execute("SELECT day FROM checkins WHERE day BETWEEN :first AND :last", params):
            if day not in days:
                days[day] = DayCounts(date.fromisoformat(day), 0, 0, 0, _NO_SEVERITIES)
        return tuple(days[day] for day in sorted(days))

    return kept(diary, ("day_counts", first, last), read)


def duration_counts(diary: Diary, first: date, last: date) -> tuple[tuple[int, int], ...]:
    """(seconds, how many finished cramps lasted that long) over the period, shortest first.

    Durations are whole seconds (at most 3 hours), so this is a few hundred rows
    however long the diary: the median, the longest and the count over a limit
    are read from it without sorting every cramp. Whole years come from
    ``month_figures`` (counted per year), the rest of the period from its own days.
    """

    def read() -> tuple[tuple[int, int], ...]:
        return tuple(sorted((int(seconds), count) for (seconds,), count in _figure_counts(diary, "duration", first, last).items()))

    return kept(diary, ("duration_counts", first, last), read)


def routine_start_hours(diary: Diary, routine: str, first: date, last: date) -> list[tuple[date, int]]:
    """The (local day, local hour) a completed routine started at, each once, oldest first."""
    hour = _LOCAL_HOUR.format(column="started_at")
    rows = diary.db.execute(
        f"SELECT DISTINCT local_day, {hour} FROM routine_sessions"
        " WHERE routine = :routine AND completed AND local_day BETWEEN :first AND :last ORDER BY 1, 2",
        {**_params(first, last), "routine": routine},
    ).fetchall()
    return [(date.fromisoformat(day), hour) for day, hour in rows]


def _whole_spans(first: date, last: date, yearly: bool) -> tuple[str, str, list[tuple[date, date]]] | None:
    """The period as its whole months or years (the first and last 'YYYY-MM' or 'YYYY') and the days outside them.

    None when no month (year) of the period is whole.
    """
    if yearly:
        start = first if (first.month, first.day) == (1, 1) else date(first.year + 1, 1, 1)
        end = last if (last.month, last.day) == (12, 31) else date(last.year - 1, 12, 31)
    else:
        start = first if first.day == 1 else (first.replace(day=28) + timedelta(days=4)).replace(day=1)
        end = last if (last + timedelta(days=1)).day == 1 else last.replace(day=1) - timedelta(days=1)
    if start > end:
        return None
    edges = [(a, b) for a, b in ((first, start - timedelta(days=1)), (end + timedelta(days=1), last)) if a <= b]
    size = 4 if yearly else 7
    return start.isoformat()[:size], end.isoformat()[:size], edges


def _figure_counts(diary: Diary, figure: str, first: date, last: date) -> dict[tuple[str, ...], int]:
    """How many of the period's finished cramps had each label of ``figure`` (for 'muscle': each (side, muscle)).

    Whole months (for durations, years) are read from ``month_figures`` (a few dozen rows a month, kept by
    triggers: ``store/month_figures.py``), the days of a partial first or last month from the
    episodes themselves, so a lifetime costs about what a year does.
    """
    counts: dict[tuple[str, ...], int] = {}
    span = _whole_spans(first, last, yearly=figure in month_figures.YEARLY)
    edges = [(first, last)] if span is None else span[2]
    if span is not None:
        if figure == "muscle":
            sides = ", ".join(f"'muscle-{side}'" for side in SIDES)
            sql = f"SELECT substr(figure, 8), label, sum(n) FROM month_figures WHERE figure IN ({sides})"
            group = "figure, label"
        else:
            sql, group = "SELECT label, sum(n) FROM month_figures WHERE figure = :figure", "label"
        rows = diary.db.execute(
            f"{sql} AND month BETWEEN :first AND :last GROUP BY {group}", {"figure": figure, "first": span[0], "last": span[1]}
        )
        for *key, count in rows:
            counts[tuple(key)] = counts.get(tuple(key), 0) + count
    for edge_first, edge_last in edges:
        rows = diary.db.execute(
            f"SELECT *, count(*) FROM ({month_figures.figure_rows(figure, 'e.local_day BETWEEN :first AND :last')})"
            f" GROUP BY {'1, 2' if figure == 'muscle' else '1'}",
            _params(edge_first, edge_last),
        )
        for *key, count in rows:
            counts[tuple(key)] = counts.get(tuple(key), 0) + count
    return counts


def cramps_by_hour(diary: Diary, first: date, last: date) -> dict[int, int]:
    """Finished cramps per local wall-clock hour (0-23); hours without one are absent."""

    def read() -> tuple[tuple[int, int], ...]:
        return tuple((int(hour), count) for (hour,), count in _figure_counts(diary, "hour", first, last).items())

    return dict(kept(diary, ("cramps_by_hour", first, last), read))


def muscle_sides(diary: Diary, first: date, last: date) -> list[tuple[str, int, int, int]]:
    """(muscle, left, right, both) per muscle, the person's own word for 'other', most frequent first."""

    def read() -> tuple[tuple[str, int, int, int], ...]:
        sides: dict[str, dict[str, int]] = {}
        for (side, muscle), count in _figure_counts(diary, "muscle", first, last).items():
            sides.setdefault(muscle, {})[side] = count
        rows = [(muscle, found.get("left", 0), found.get("right", 0), found.get("both", 0)) for muscle, found in sides.items()]
        return tuple(sorted(rows, key=lambda row: (-sum(row[1:]), row[0])))

    return list(kept(diary, ("muscle_sides", first, last), read))


def label_counts(diary: Diary, field: str, first: date, last: date, limit: int | None = None) -> list[tuple[str, int]]:
    """How many of the period's cramps noted each label of ``field`` (``triggers``, ``reliefs``, ``signs``), most first."""
    figure = next(figure for figure, table, _ in month_figures.LABEL_FIGURES if table == f"episode_{field}")

    def read() -> tuple[tuple[str, int], ...]:
        counts = sorted(((label, count) for (label,), count in _figure_counts(diary, figure, first, last).items()),
                        key=lambda row: (-row[1], row[0]))
        return tuple(counts if limit is None else counts[:limit])

    return list(kept(diary, ("label_counts", field, first, last, limit), read))


@dataclass(frozen=True)
class Match:
    """What an episode must have to match; every given part must hold (an empty Match takes every episode)."""

    sides: tuple[str, ...] = ()
    #: At least one of these warning signs.
    signs: tuple[str, ...] = ()
    trigger: str | None = None
    context: str | None = None
    #: Lasted more than this many seconds.
    longer_than: int | None = None
    #: Rated at least this severe (0-10).
    severity_at_least: int | None = None


def _match_sql(match: Match, prefix: str, params: dict[str, Any]) -> str:
    """``match`` as a WHERE condition on ``e``, its values added to ``params`` under ``prefix``."""

    def bind(name: str, value: object) -> str:
        params[f"{prefix}{name}"] = value
        return f":{prefix}{name}"

    clauses = ["1"]
    if match.sides:
        clauses.append(f"e.side IN ({', '.join(bind(f'side{i}', side) for i, side in enumerate(match.sides))})")
    if match.signs:
        listed = ", ".join(bind(f"sign{i}", sign) for i, sign in enumerate(match.signs))
        clauses.append(f"EXISTS (SELECT 1 FROM episode_signs s WHERE s.episode_id = e.id AND s.sign IN ({listed}))")
    if match.trigger is not None:
        clauses.append(
            "EXISTS (SELECT 1 FROM episode_triggers t WHERE t.episode_id = e.id"
            f" AND t.trigger = {bind('trigger', match.trigger)})"
        )
    if match.context is not None:
        clauses.append(f"e.context = {bind('context', match.context)}")
    if match.longer_than is not None:
        clauses.append(f"e.duration_s > {bind('longer', match.longer_than)}")
    if match.severity_at_least is not None:
        clauses.append(f"e.severity >= {bind('severity', match.severity_at_least)}")
    return "(" + " AND ".join(clauses) + ")"


def episode_ids(diary: Diary, first: date, last: date, *matches: Match) -> tuple[int, ...]:
    """The ids of the period's finished episodes matching any of ``matches`` (all when none), newest first."""
    params = _params(first, last)
    where = " OR ".join(_match_sql(match, f"m{i}_", params) for i, match in enumerate(matches)) or "1"
    rows = diary.db.execute(
        f"SELECT e.id FROM episodes e WHERE {_DONE_IN_PERIOD} AND ({where}) ORDER BY e.started_utc DESC, e.id DESC",
        params,
    ).fetchall()
    return tuple(row[0] for row in rows)


def cramp_days(diary: Diary, first: date, last: date, match: Match = Match()) -> list[date]:
    """The days of the period with a finished episode matching ``match``, oldest first."""
    params = _params(first, last)
    rows = diary.db.execute(
        f"SELECT DISTINCT e.local_day FROM episodes e WHERE {_DONE_IN_PERIOD} AND {_match_sql(match, 'm_', params)}"
        " ORDER BY e.local_day",
        params,
    ).fetchall()
    return [date.fromisoformat(row[0]) for row in rows]


class WindowRow(NamedTuple):
    """A comparison window's figures: recorded days, cramps, cramp days, night cramps, mean severity."""

    recorded_days: int
    cramps: int
    cramp_days: int
    night_cramps: int
    mean_severity: float | None


def window_figures(diary: Diary, first: date, last: date) -> WindowRow:
    """What :func:`cramp_diary.compare.compare` needs of one window, in one aggregate query."""
    row = diary.db.execute(
        f"""
        WITH {_RECORDED}
        SELECT (SELECT count(*) FROM recorded), count(*), count(DISTINCT e.local_day),
            coalesce(sum(e.context = 'asleep'), 0), avg(e.severity)
        FROM episodes e WHERE {_DONE_IN_PERIOD}
        """,
        _params(first, last),
    ).fetchone()
    return WindowRow(*row)


def last_recorded_day(diary: Diary, before: date) -> date | None:
    """The latest day before ``before`` with a finished episode or a check-in (for back-filling)."""
    row = diary.db.execute(
        f"SELECT max(day) FROM (SELECT max(e.local_day) AS day FROM episodes e WHERE {DONE} AND e.local_day < :before"
        " UNION ALL SELECT max(day) FROM checkins WHERE day < :before)",
        {"before": before.isoformat()},
    ).fetchone()
    return date.fromisoformat(row[0]) if row and row[0] else None


def is_recorded(diary: Diary, day: date) -> bool:
    """Whether ``day`` has a finished cramp or a check-in (the morning question asks when it has neither)."""
    row = diary.db.execute(
        f"SELECT EXISTS (SELECT 1 FROM episodes e WHERE {DONE} AND e.local_day = :day)"
        " OR EXISTS (SELECT 1 FROM checkins WHERE day = :day)",
        {"day": day.isoformat()},
    ).fetchone()
    return bool(row[0])


def cramps_and_recorded_days(diary: Diary, first: date, last: date) -> tuple[int, int]:
    """(finished cramps, recorded days) of the period: what a cramps-per-week share is made of."""
    row = diary.db.execute(
        f"WITH {_RECORDED} SELECT (SELECT count(*) FROM episodes e WHERE {_DONE_IN_PERIOD}), (SELECT count(*) FROM recorded)",
        _params(first, last),
    ).fetchone()
    return int(row[0]), int(row[1])


def newest_day(diary: Diary, episode_ids: tuple[int, ...]) -> date | None:
    """The latest local day among these episodes, or None when there are none."""
    if not episode_ids:
        return None
    marks = ", ".join("?" for _ in episode_ids)
    row = diary.db.execute(f"SELECT max(local_day) FROM episodes WHERE id IN ({marks})", list(episode_ids)).fetchone()
    return date.fromisoformat(row[0]) if row and row[0] else None


def sleep_by_night(diary: Diary, first: date, last: date) -> tuple[tuple[date, int], ...]:
    """(day, sleep disturbance 0-10) for each night of the period that has one, oldest first.

    A night's figure is the highest given that day, on a finished episode or on the
    check-in (a night has one or the other: no check-in on a cramp day). Kept until the diary changes.
    """

    def read() -> tuple[tuple[date, int], ...]:
        rows = diary.db.execute(
            f"""
            SELECT day, max(value) FROM (
                SELECT e.local_day AS day, e.sleep_disturbance AS value FROM episodes e
                WHERE {_DONE_IN_PERIOD} AND e.sleep_disturbance IS NOT NULL
                UNION ALL
                SELECT day, sleep_disturbance FROM checkins
                WHERE day BETWEEN :first AND :last AND sleep_disturbance IS NOT NULL
            ) GROUP BY day ORDER BY day
            """,
            _params(first, last),
        )
        return tuple((date.fromisoformat(day), int(value)) for day, value in rows)

    return kept(diary, ("sleep_by_night", first, last), read)
