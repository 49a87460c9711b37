"""Did it help? The one before/after comparison of a dated change.

The windows follow cramp trials: cramps per week over four weeks before the
change against four weeks after it, leaving the first two weeks for the change
to act. Everything is counted in local days; a day counts only when it is
recorded (a cramp or a "no cramps" check-in). The CLI (``compare``), the
changes screen and the report all call :func:`compare`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from cramp_diary.changes import Change, change_to_record
from cramp_diary.store import Diary, queries

#: Length of each window in days.
WINDOW_DAYS = 28
#: Days after the start left out, so the change has time to act.
RUN_IN_DAYS = 14
#: A window needs at least this many days ...
MIN_DAYS = 14
#: ... with at least this share of them recorded, before the comparison says anything.
MIN_RECORDED_SHARE = 0.8
#: A fall of at least this many percent makes a responder (trials use 25 % and 50 %).
RESPONDER_25 = -25.0
RESPONDER_50 = -50.0
#: Within this many percent either way the rate is "about the same".
ABOUT_SAME = 10.0

#: Said with every comparison, in plain words.
CAVEAT = (
    "A fall is not proof that the change helped: cramps come and go on their own, and in trials people "
    "taking a dummy pill also had about a quarter fewer cramps. Take this to your healthcare provider to "
    "talk about; it is not a verdict."
)


def _share(part: float, whole: float) -> float | None:
    return part / whole if whole else None


@dataclass(frozen=True)
class Window:
    """One window's figures; ``planned_days`` is its full length, ``days`` those counted so far."""

    first: date
    last: date
    planned_days: int
    recorded_days: int
    cramps: int
    cramp_days: int
    night_cramps: int
    mean_severity: float | None

    @property
    def days(self) -> int:
        return max(0, (self.last - self.first).days + 1)

    @property
    def cramps_per_week(self) -> float | None:
        """Cramps ÷ recorded days × 7; None when no day is recorded."""
        return _share(self.cramps * 7, self.recorded_days)

    @property
    def night_cramps_per_night(self) -> float | None:
        return _share(self.night_cramps, self.recorded_days)

    @property
    def recorded_share(self) -> float | None:
        return _share(self.recorded_days, self.days)

    @property
    def enough(self) -> bool:
        return self.days >= MIN_DAYS and self.recorded_days >= MIN_RECORDED_SHARE * self.days

    def as_dict(self) -> dict[str, Any]:
        return {
            "from": self.first.isoformat(),
            "to": self.last.isoformat(),
            "days": self.days,
            "recorded_days": self.recorded_days,
            "cramps": self.cramps,
            "cramps_per_week": self.cramps_per_week,
            "cramp_days": self.cramp_days,
            "night_cramps_per_night": self.night_cramps_per_night,
            "mean_severity": self.mean_severity,
        }


def _window(diary: Diary, first: date, last: date, planned_days: int) -> Window:
    if last < first:  # nothing to count yet (or the change stopped inside the run-in)
        return Window(first, first - timedelta(days=1), planned_days, 0, 0, 0, 0, None)
    row = queries.window_figures(diary, first, last)
    return Window(first, last, planned_days, *row)


@dataclass(frozen=True)
class Overlap:
    """Another change that started or stopped inside one of the windows."""

    change: Change
    event: Literal["started", "stopped"]
    day: date

    @property
    def text(self) -> str:
        return f"{self.change.name} also {self.event} on {self.day.isoformat()}: their effects cannot be told apart"

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.change.id, "name": self.change.name, "kind": self.change.kind,
                "event": self.event, "day": self.day.isoformat(), "text": self.text}


@dataclass(frozen=True)
class Comparison:
    """The before/after comparison of one change, as ``compare`` worked it out."""

    change: Change
    baseline: Window
    after: Window
    change_percent: float | None
    responder_25: bool
    responder_50: bool
    enough_data: bool
    provisional: bool
    too_short: bool
    overlapping: list[Overlap]

    def as_dict(self) -> dict[str, Any]:
        """The stable JSON shape scripts read."""
        return {
            "change": change_to_record(self.change),
            "baseline": self.baseline.as_dict(),
            "after": self.after.as_dict(),
            "change_percent": self.change_percent,
            "responder_25": self.responder_25,
            "responder_50": self.responder_50,
            "enough_data": self.enough_data,
            "provisional": self.provisional,
            "overlapping": [overlap.as_dict() for overlap in self.overlapping],
            "too_short": self.too_short,
            "caveat": CAVEAT,
        }


def after_window(change: Change) -> tuple[date, date]:
    """The full after window: day 14 to day 41 after the start, ending on the stop day when that is earlier."""
    first = change.started + timedelta(days=RUN_IN_DAYS)
    last = first + timedelta(days=WINDOW_DAYS - 1)
    if change.stopped is not None:
        last = min(last, change.stopped)
    return first, last


def compare(diary: Diary, change: Change, today: date) -> Comparison:
    """Cramps in the 28 days before ``change`` started against the 28 from its fourteenth day, as of ``today``."""
    baseline = _window(
        diary, change.started - timedelta(days=WINDOW_DAYS), change.started - timedelta(days=1), WINDOW_DAYS
    )
    first, last = after_window(change)
    planned = max(0, (last - first).days + 1)
    too_short = planned < MIN_DAYS
    provisional = not too_short and today <= last
    after = _window(diary, first, min(last, today), planned)
    before_rate, after_rate = baseline.cramps_per_week, after.cramps_per_week
    percent = None
    if before_rate and after_rate is not None and after.days:
        percent = (after_rate - before_rate) / before_rate * 100
    enough = not too_short and baseline.enough and after.enough
    overlapping = [
        Overlap(other, event, day)
        for other in diary.changes.all()
        if other.id != change.id
        for event, day in (("started", other.started), ("stopped", other.stopped))
        if day is not None and (baseline.first <= day <= baseline.last or first <= day <= last)
    ]
    return Comparison(
        change=change,
        baseline=baseline,
        after=after,
        change_percent=percent,
        responder_25=percent is not None and percent <= RESPONDER_25,
        responder_50=percent is not None and percent <= RESPONDER_50,
        enough_data=enough,
        provisional=provisional,
        too_short=too_short,
        overlapping=overlapping,
    )


# -- words ---------------------------------------------------------------------


def _rate(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def window_line(name: str, window: Window) -> str:
    """'Before  2026-08-04 to 2026-08-31: 3.5 cramps per week (26 of 28 days recorded), ...'."""
    severity = "no severity rated" if window.mean_severity is None else f"mean severity {window.mean_severity:.1f}"
    if window.days == 0:
        return f"{name} {window.first.isoformat()} on: no days yet"
    night = _rate(window.night_cramps_per_night) if window.night_cramps_per_night is None else (
        f"{window.night_cramps_per_night:.2f}"
    )
    return (
        f"{name} {window.first.isoformat()} to {window.last.isoformat()}: {_rate(window.cramps_per_week)} cramps per week"
        f" ({window.cramps} cramps, {window.recorded_days} of {window.days} days recorded), "
        f"{window.cramp_days} cramp days, {night} night cramps per night, {severity}"
    )


def missing(comparison: Comparison) -> list[str]:
    """What the comparison lacks before it can say anything, in plain words (empty when it has enough)."""
    c = comparison
    if c.too_short:
        stop = c.change.stopped.isoformat() if c.change.stopped else "?"
        return [
            f"the change was too short to compare: it stopped on {stop}, leaving "
            f"{c.after.planned_days} days after the two-week run-in (needs {MIN_DAYS})"
        ]
    found: list[str] = []
    for name, window in (("before", c.baseline), ("after", c.after)):
        if window.days < MIN_DAYS:
            found.append(f"the {name} window has {window.days} days so far (needs {MIN_DAYS})")
        elif window.recorded_days < MIN_RECORDED_SHARE * window.days:
            found.append(
                f"the {name} window has {window.recorded_days} of {window.days} days recorded "
                f"(needs {round(MIN_RECORDED_SHARE * 100)} %: log cramps and check in on cramp-free nights)"
            )
    return found


def verdict(comparison: Comparison) -> str:
    """The result in words: fewer, more or about the same, with the responder thresholds; or what is missing."""
    c = comparison
    lacking = missing(c)
    if lacking:
        return "Not enough data to compare: " + "; ".join(lacking) + "."
    if c.change_percent is None:
        return "No comparison in percent: there were no cramps in the 28 days before."
    pct = c.change_percent
    if abs(pct) < ABOUT_SAME:
        words = "about the same number of cramps per week"
    elif pct < 0:
        words = f"{abs(pct):.0f} % fewer cramps per week"
    else:
        words = f"{pct:.0f} % more cramps per week"
    so_far = " so far" if c.provisional else ""
    if c.responder_50:
        words += " (a fall of at least 50 %, the stricter mark trials use)"
    elif c.responder_25:
        words += " (a fall of at least 25 %, the mark trials use)"
    return f"After{so_far}: {words}."


def comparison_lines(comparison: Comparison) -> list[str]:
    """The whole comparison as lines of plain text, caveat included (the CLI, the screen and the report)."""
    c = comparison
    lines = [f"{c.change.label}"]
    lines.append(window_line("Before", c.baseline))
    after = window_line("After ", c.after)
    if c.provisional:
        after += f" [provisional: {c.after.days} of {c.after.planned_days} days so far]"
    lines.append(after)
    lines.append(verdict(c))
    lines += [overlap.text + "." for overlap in c.overlapping]
    lines.append(CAVEAT)
    return lines
