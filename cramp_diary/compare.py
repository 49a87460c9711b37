"""Did it help? The one before/after comparison of a dated change.

The windows follow cramp trials: cramps per week over four weeks before the
change against four weeks after it, leaving the first two weeks for the change
to act. Everything is counted in local days; a day counts only when it is
recorded (a cramp or a "no cramps" check-in). The data rule and the rate
comparison with its exact interval are :mod:`cramp_diary.rates`' (one home for
every trend claim). The CLI (``compare``), the changes screen and the report
all call :func:`compare` and say :func:`comparison_lines`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property
from datetime import date, timedelta
from typing import Any, Literal

from cramp_diary.changes import Change, change_to_record
from cramp_diary.rate_ratio import CONFIDENCE
from cramp_diary.rates import (
    DATA_RULE,
    NOT_ENOUGH,
    Rate,
    RateChange,
    direction,
    enough_recorded,
    how_sure,
    trend_words,
)
from cramp_diary.stats import Sleep, day_figures, sleep
from cramp_diary.store import Diary, queries
from cramp_diary.trial import trial_change
from cramp_diary.wording import plural

#: Length of each window in days.
WINDOW_DAYS = 28
#: Days after the start left out, so the change has time to act.
RUN_IN_DAYS = 14
#: A window needs at least this many days (and the data rule of :mod:`cramp_diary.rates`) before the comparison says anything.
MIN_DAYS = 14
#: A fall of at least this many percent makes a responder (trials use 25 % and 50 %).
RESPONDER_25 = -25.0
RESPONDER_50 = -50.0
#: What a dummy pill did in trials (Cochrane review of magnesium for cramps): placebo groups had on average
#: about 28 % fewer cramps at four weeks, and about two in three people on placebo reached a 25 % fall.
PLACEBO_MEAN_FALL = 27.8
PLACEBO_REACHED_25 = "about two in three"
#: The baseline is "among the worst stretches on record" when fewer than this share of all 28-day stretches
#: with enough days recorded had a higher rate (the top quarter) ...
WORST_TOP = 0.25
#: ... out of at least this many such stretches (sliding a day at a time), so a short diary never qualifies.
WORST_MIN_STRETCHES = 28

#: The rule behind the regression-to-the-mean sentence, in words.
WORST_RULE = (
    f"in the top quarter of all {WINDOW_DAYS}-day stretches on record with enough days recorded, "
    f"out of at least {WORST_MIN_STRETCHES}"
)


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
    #: How much cramps disturbed sleep over the window's nights with a figure.
    sleep: Sleep = Sleep()

    @property
    def days(self) -> int:
        return max(0, (self.last - self.first).days + 1)

    @property
    def rate(self) -> Rate:
        """Cramps per week, a range below the data rule."""
        return Rate(self.cramps, self.days, self.recorded_days)

    @property
    def night_rate(self) -> Rate:
        """Night cramps per night, a range below the data rule."""
        return Rate(self.night_cramps, self.days, self.recorded_days, per=1)

    @property
    def cramps_per_week(self) -> float | None:
        """Cramps ÷ recorded days × 7; None when no day is recorded."""
        return self.rate.recorded

    @property
    def night_cramps_per_night(self) -> float | None:
        return self.night_rate.recorded

    @property
    def enough(self) -> bool:
        return self.days >= MIN_DAYS and enough_recorded(self.recorded_days, self.days)

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
            "sleep_disturbance": self.sleep.as_dict(),
        }


def _window(diary: Diary, first: date, last: date, planned_days: int) -> Window:
    if last < first:  # nothing to count yet (or the change stopped inside the run-in)
        return Window(first, first - timedelta(days=1), planned_days, 0, 0, 0, 0, None)
    row = queries.window_figures(diary, first, last)
    return Window(first, last, planned_days, *row, sleep=sleep(diary, first, last))


Event = Literal["started", "stopped", "throughout"]


@dataclass(frozen=True)
class Overlap:
    """Another change that started or stopped inside the windows or the run-in between them, or ran through all."""

    change: Change
    event: Event
    day: date
    in_run_in: bool = False

    @property
    def text(self) -> str:
        name, day = self.change.name, self.day.isoformat()
        if self.event == "throughout":
            return f"{name} was in place through both windows (since {day}): this comparison shows the change on top of it"
        where = " inside the two-week run-in" if self.in_run_in else ""
        return f"{name} also {self.event} on {day}{where}: their effects cannot be told apart"

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.change.id, "name": self.change.name, "kind": self.change.kind,
                "event": self.event, "day": self.day.isoformat(), "in_run_in": self.in_run_in, "text": self.text}


@dataclass(frozen=True)
class Comparison:
    """The before/after comparison of one change, as ``compare`` worked it out."""

    change: Change
    baseline: Window
    after: Window
    enough_data: bool
    provisional: bool
    too_short: bool
    overlapping: list[Overlap]
    #: The baseline was among the person's worst stretches on record (see :data:`WORST_RULE`).
    baseline_among_worst: bool = False

    @cached_property
    def rates(self) -> RateChange:
        """The one window-rate comparison, with its exact interval (worked out once)."""
        return RateChange(self.after.rate, self.baseline.rate)

    @property
    def change_percent(self) -> float | None:
        """None unless there is enough data (and a cramp before)."""
        return self.rates.percent if self.enough_data else None

    @property
    def responder_25(self) -> bool | None:
        percent = self.change_percent
        return None if percent is None else percent <= RESPONDER_25

    @property
    def responder_50(self) -> bool | None:
        percent = self.change_percent
        return None if percent is None else percent <= RESPONDER_50

    def as_dict(self) -> dict[str, Any]:
        """The stable JSON shape scripts read; an interval with no upper bound has ``ci_high`` null."""
        ratio = self.rates.ratio if self.enough_data else None

        def finite(value: float | None) -> float | None:
            return None if value is None or math.isinf(value) else value

        return {  # the first keys keep their old order: scripts read them
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
            "caveat": caveat(self),
            "rate_ratio": finite(ratio.ratio) if ratio else None,
            "ci_low": finite(ratio.low) if ratio else None,
            "ci_high": finite(ratio.high) if ratio else None,
            "confidence": CONFIDENCE,
            "how_sure": how_sure(ratio) if ratio and ratio.known else None,
            "verdict": verdict(self),
            "trial_marks": marks_line(self),
            "baseline_among_worst": self.baseline_among_worst,
        }


def after_window(change: Change) -> tuple[date, date]:
    """The full after window: day 14 to day 41 after the start, ending on the stop day when that is earlier."""
    first = change.started + timedelta(days=RUN_IN_DAYS)
    last = first + timedelta(days=WINDOW_DAYS - 1)
    if change.stopped is not None:
        last = min(last, change.stopped)
    return first, last


def among_worst(diary: Diary, baseline: Window, today: date) -> bool:
    """Whether the baseline is in the top quarter of every 28-day stretch on record with enough days recorded.

    Stretches slide a day at a time from the first recorded day to ``today``;
    each is a rate over its recorded days. A diary with fewer than
    :data:`WORST_MIN_STRETCHES` such stretches never qualifies.
    """
    first = queries.first_recorded_day(diary)
    if first is None or not baseline.enough or not baseline.cramps or today - first < timedelta(days=WINDOW_DAYS):
        return False
    days = (today - first).days + 1
    cramps, recorded = [0] * (days + 1), [0] * (days + 1)  # prefix sums over every day, recorded or not
    by_day = {figures.day: figures.cramps for figures in day_figures(diary, first, today)}
    for i in range(days):
        day = first + timedelta(days=i)
        cramps[i + 1] = cramps[i] + by_day.get(day, 0)
        recorded[i + 1] = recorded[i] + (day in by_day)
    rates = [
        (cramps[i + WINDOW_DAYS] - cramps[i]) / (recorded[i + WINDOW_DAYS] - recorded[i])
        for i in range(days - WINDOW_DAYS + 1)
        if enough_recorded(recorded[i + WINDOW_DAYS] - recorded[i], WINDOW_DAYS)
    ]
    if len(rates) < WORST_MIN_STRETCHES:
        return False
    own = baseline.cramps / baseline.recorded_days
    return sum(rate > own for rate in rates) < WORST_TOP * len(rates)


def _overlaps(diary: Diary, change: Change, baseline: Window, last: date) -> list[Overlap]:
    """Other changes that started or stopped from the baseline's first day to the after window's last, run-in
    included, and those in place through the whole span."""
    run_in = (change.started, change.started + timedelta(days=RUN_IN_DAYS - 1))
    found: list[Overlap] = []
    for other in [*diary.changes.all(), *map(trial_change, diary.trials.all())]:  # a trial is a dated change too
        if other.id == change.id:
            continue
        events = [(event, day) for event, day in (("started", other.started), ("stopped", other.stopped))
                  if day is not None and baseline.first <= day <= last]
        found += [Overlap(other, event, day, run_in[0] <= day <= run_in[1]) for event, day in events]  # type: ignore[arg-type]
        if other.started < baseline.first and (other.stopped is None or other.stopped > last):
            found.append(Overlap(other, "throughout", other.started))
    return found


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
    return Comparison(
        change=change,
        baseline=baseline,
        after=after,
        enough_data=not too_short and baseline.enough and after.enough,
        provisional=provisional,
        too_short=too_short,
        overlapping=_overlaps(diary, change, baseline, last),
        baseline_among_worst=among_worst(diary, baseline, today),
    )


# -- words ---------------------------------------------------------------------


def window_line(name: str, window: Window) -> str:
    """'Before  2026-08-04 to 2026-08-31: 3.5 cramps per week (26 of 28 days recorded), ...'."""
    severity = "no severity rated" if window.mean_severity is None else f"mean severity {window.mean_severity:.1f}"
    if window.days == 0:
        return f"{name} {window.first.isoformat()} on: no days yet"
    return (
        f"{name} {window.first.isoformat()} to {window.last.isoformat()}: {window.rate.text()} cramps per week"
        f" ({plural(window.cramps, 'cramp')}, {window.recorded_days} of {window.days} days recorded), "
        f"{plural(window.cramp_days, 'cramp day')}, {window.night_rate.text(2)} night cramps per night, {severity}, "
        f"sleep disturbed {window.sleep.text()}"
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
        elif not enough_recorded(window.recorded_days, window.days):
            found.append(
                f"{NOT_ENOUGH} in the {name} window: {window.recorded_days} of {window.days} "
                f"(each window needs {DATA_RULE}; log cramps and check in on cramp-free nights)"
            )
    return found


def verdict(comparison: Comparison) -> str:
    """The result in words, leading with what the 95 % interval allows; or what is missing."""
    c = comparison
    lacking = missing(c)
    if lacking:
        return "Not enough data to compare: " + "; ".join(lacking) + "."
    than = f"the {WINDOW_DAYS} days before" + (" (after window so far)" if c.provisional else "")
    return trend_words(c.rates, than)


def marks_line(comparison: Comparison) -> str | None:
    """The trial marks a fall reached, each said with what a dummy pill did, or None."""
    if comparison.responder_50:
        return (
            f"The fall reached 50 %, the stricter mark trials use; on a dummy pill, cramps fell by "
            f"about {PLACEBO_MEAN_FALL:.0f} % on average in four weeks."
        )
    if comparison.responder_25:
        return (
            f"The fall reached 25 %, the mark trials use; {PLACEBO_REACHED_25} people on a dummy pill "
            "reached it too, so on its own it says little."
        )
    return None


def caveat(comparison: Comparison) -> str:
    """What the result cannot show, worded for its direction; never a verdict, never advice on a medicine."""
    c = comparison
    which = direction(c.rates) if c.enough_data else "unclear"
    if which == "fewer":
        text = (
            "A fall is not proof that the change helped: cramps come and go on their own, and in trials "
            f"people taking a dummy pill also had about {PLACEBO_MEAN_FALL:.0f} % fewer cramps."
        )
    elif which == "more":
        text = (
            "A rise is not proof that the change caused it: cramps come and go on their own, and other things "
            "may have changed at the same time."
        )
    elif c.enough_data:
        text = (
            "The interval allows fewer as well as more cramps, so this cannot tell whether the change made a "
            "difference; cramps come and go on their own."
        )
    else:
        text = "Cramps come and go on their own, so one person's before and after can only hint at an effect."
    if c.baseline_among_worst:
        text += (
            f" The {WINDOW_DAYS} days before were among your worst stretches on record ({WORST_RULE}); "
            "cramps often ease after a bad spell whatever is tried, so part of any fall may be that alone."
        )
    return text + " Take this to your healthcare provider to talk about; it is not a verdict."


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
    marks = marks_line(c)
    if marks:
        lines.append(marks)
    lines += [overlap.text + "." for overlap in c.overlapping]
    lines.append(caveat(c))
    return lines
