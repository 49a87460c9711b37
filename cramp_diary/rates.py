"""Honest rates and the one data rule for every trend claim.

An unrecorded day is unknown. Counting only recorded days can overstate a
rate (one cramp logged and nothing else reads as 7 a week); counting every day
as cramp-free can understate it. So:

- below :data:`ENOUGH_SHARE` of a period's days recorded, every view shows a
  rate as a range (both ends) with the share recorded (:class:`Rate`);
- a claim that cramps got fewer or more (page 1's trend, the before/after
  comparison, the worsening warning, the medicine note, the home strip) is made
  only when *both* windows reach the same share (:data:`DATA_RULE`), and
  otherwise says :data:`NOT_ENOUGH`;
- every "fewer" or "more" says how sure it is: the rate ratio with its exact
  95 % interval (:mod:`cramp_diary.rate_ratio`), in words (:func:`how_sure`).

No I/O: any layer may use it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

from cramp_diary.rate_ratio import CONFIDENCE, RateRatio, rate_ratio

#: The one recorded-days threshold: at or above this share of its days recorded, a window's rate stands alone
#: and may be compared with another's.
ENOUGH_SHARE = 0.8
#: The rule in words, said wherever a trend claim is withheld or explained.
DATA_RULE = f"at least {round(ENOUGH_SHARE * 100)} % of its days recorded"
#: What "recorded" means, said beside the rule where a claim is withheld.
RECORDED_MEANS = 'a day is recorded when it has a cramp or a "no cramps" check-in'

#: What a trend claim says instead when a window falls short.
NOT_ENOUGH = "not enough days recorded"
#: Within this many percent either way, a best estimate reads "about the same".
ABOUT_SAME = 10.0


def share(part: float, whole: float) -> float | None:
    """part ÷ whole, or None when there is no whole (the one such helper)."""
    return part / whole if whole else None


def enough_recorded(recorded_days: int, days: int) -> bool:
    """The data rule for one window: some days, and at least :data:`ENOUGH_SHARE` of them recorded."""
    return days > 0 and recorded_days >= ENOUGH_SHARE * days


def percent_text(value: float | None, threshold: float = ENOUGH_SHARE) -> str:
    """A share as a whole percent that never rounds across ``threshold``: 67 of 84 days is '79.8%', not '80%'."""
    if value is None:
        return "-"
    shown = round(value * 100)
    if (value < threshold) == (shown < threshold * 100):
        return f"{shown}%"
    tenths = round(value * 1000) / 10  # one decimal, and if even that reaches the threshold, cut rather than round
    if (value < threshold) != (tenths < threshold * 100):
        tenths = (math.floor if value < threshold else math.ceil)(value * 1000) / 10
    return f"{tenths:.1f}%"


@dataclass(frozen=True)
class Rate:
    """A count over a period per ``per`` days (7: per week, 1: per night), from its days and recorded days."""

    count: int
    days: int
    recorded_days: int
    per: int = 7

    @property
    def all_days(self) -> float | None:
        """As if every unrecorded day had none: the low end."""
        return self.count * self.per / self.days if self.days else None

    @property
    def recorded(self) -> float | None:
        """Over the recorded days only: the high end, and the rate itself when enough is recorded."""
        return self.count * self.per / self.recorded_days if self.recorded_days else None

    @property
    def share(self) -> float | None:
        return share(self.recorded_days, self.days)

    @property
    def enough(self) -> bool:
        return enough_recorded(self.recorded_days, self.days)

    @property
    def is_range(self) -> bool:
        return self.recorded_days > 0 and not self.enough

    def text(self, digits: int = 1) -> str:
        """'3.5', or '1.0-7.0 (1 of 7 days recorded, 14%)'; '-' when nothing is recorded.

        A range whose ends read the same ('0.1-0.1') is one figure, still with the share recorded.
        """
        if self.recorded is None:
            return "-"
        high = f"{self.recorded:.{digits}f}"
        if not self.is_range:
            return high
        low = f"{self.all_days:.{digits}f}"
        shown = high if low == high else f"{low}-{high}"
        return f"{shown} ({self.recorded_days} of {self.days} days recorded, {percent_text(self.share)})"


# -- comparing two windows --------------------------------------------------------------


@dataclass(frozen=True)
class RateChange:
    """Cramps in a later window against an earlier one, per recorded day: the one window-rate comparison."""

    after: Rate
    before: Rate

    @property
    def enough(self) -> bool:
        """Both windows meet the data rule."""
        return self.after.enough and self.before.enough

    @cached_property
    def ratio(self) -> RateRatio:
        """The rate ratio with its exact interval (unknown parts None); worked out once."""
        return rate_ratio(self.after.count, self.after.recorded_days, self.before.count, self.before.recorded_days)

    @property
    def percent(self) -> float | None:
        """The change in percent of the earlier rate; None unless there is enough data and a cramp before."""
        if not self.enough or not self.before.count or self.ratio.ratio is None:
            return None
        return (self.ratio.ratio - 1) * 100

    def at_least(self, factor: float) -> bool:
        """The data rule met and the later rate at least ``factor`` times the earlier (exact, in integers)."""
        a, b = self.after, self.before
        return self.enough and a.count * b.recorded_days >= factor * b.count * a.recorded_days


def _amount(percent: float) -> str:
    """A percent as a whole number, with one decimal where a whole number would read as 0 or 100."""
    whole = round(percent)
    if (whole == 0 and percent > 0) or (whole == 100 and percent < 100):
        return f"{math.floor(percent * 10) / 10:.1f}" if whole == 100 else f"{max(percent, 0.1):.1f}"
    return f"{whole}"


def _more(ratio: float) -> str:
    """A ratio above 1 as people say it: '63 % more', or '3.2 times as many' from twice on."""
    if math.isinf(ratio):
        return "many times as many"
    if ratio >= 2:
        return f"{ratio:.0f} times as many" if ratio >= 10 else f"{ratio:.1f} times as many"
    return f"{_amount((ratio - 1) * 100)} % more"


def how_sure(ratio: RateRatio) -> str:
    """The 95 % interval in words: 'between 70 % and 20 % fewer', or 'between 83 % fewer and 63 % more: could well be chance'."""
    if not ratio.known or ratio.low is None or ratio.high is None:
        return "nothing to compare"
    if ratio.clearly_fewer:
        return f"between {_amount((1 - ratio.low) * 100)} % and {_amount((1 - ratio.high) * 100)} % fewer"
    if ratio.clearly_more:
        if math.isinf(ratio.high):
            return f"at least {_more(ratio.low)}"
        low, high = _more(ratio.low), _more(ratio.high)
        if low.endswith("% more") and high.endswith("% more"):
            low = low.removesuffix(" more")
        return f"between {low} and {high}"
    return f"between {_amount((1 - ratio.low) * 100)} % fewer and {_more(ratio.high)}: could well be chance"


def best_estimate(percent: float | None) -> str:
    """'45 % fewer', '93 % more', 'about the same'."""
    if percent is None:
        return "none before, some after"
    if abs(percent) < ABOUT_SAME:
        return "about the same"
    return f"{abs(percent):.0f} % fewer" if percent < 0 else _more(1 + percent / 100)


def direction(change: RateChange) -> str:
    """'fewer', 'more' or 'unclear': what the whole interval allows (not the point estimate)."""
    ratio = change.ratio
    if ratio.clearly_fewer:
        return "fewer"
    if ratio.clearly_more:
        return "more"
    return "unclear"


def trend_words(change: RateChange, than: str) -> str:
    """The verdict, leading with what the interval allows; ``than`` names the earlier window ('the 4 weeks before')."""
    if not change.enough:
        return (
            f"Cannot say whether cramps are fewer or more: {NOT_ENOUGH}. "
            f"Each window needs {DATA_RULE} ({RECORDED_MEANS})."
        )
    ratio = change.ratio
    if not ratio.known:
        return f"No cramps in either window: nothing to compare with {than}."
    level = f"{round(CONFIDENCE * 100)} % interval"
    estimate = "none before" if change.before.count == 0 else best_estimate(change.percent)
    sure = how_sure(ratio)
    which = direction(change)
    lead = {"fewer": "Fewer cramps per week", "more": "More cramps per week"}.get(which, "No clear change in cramps per week")
    return f"{lead} compared with {than}: {sure} ({level}; best estimate {estimate})."
