"""The report's first page: what a ten-minute visit needs, gathered and worded once for both formats.

Period and days recorded; the last four weeks against the four before; each
change in the period with its comparison and caveat; warning signs with their
dates; the bedtime stretches; three questions. The full tables follow as an appendix.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from cramp_diary import stats
from cramp_diary.alerts import Alert
from cramp_diary.changes import Change
from cramp_diary.compare import Comparison, caveat, compare, comparison_lines
from cramp_diary.model import Episode
from cramp_diary.rates import RateChange, trend_words
from cramp_diary.stats import Summary
from cramp_diary.store import Diary

#: The two windows of the trend line, in days: the last four weeks and the four before.
TREND_DAYS = 28

#: Three questions for the provider, in our own words; none suggests starting or stopping a medicine.
VISIT_QUESTIONS: tuple[str, ...] = (
    "Looking at this diary, is there anything about my cramps you would like to check further?",
    "Could any of my health conditions, or anything I take, play a part, and what should we review together?",
    "What should I try next, and what change in the diary should make me come back sooner?",
)


@dataclass(frozen=True)
class Trend:
    """The last 28 days against the 28 before them."""

    recent: Summary
    before: Summary

    def words(self) -> str:
        """Fewer, more or no clear change, with how sure that is; or "not enough days recorded" (the one data rule)."""
        return trend_words(RateChange(self.recent.rate, self.before.rate), "the 4 weeks before")


@dataclass(frozen=True)
class WarningDates:
    """A warning sign's title and the days of the cramps behind it."""

    level: str
    title: str
    days: list[date]

    @property
    def text(self) -> str:
        when = ", ".join(day.isoformat() for day in self.days) or "the last weeks"
        return f"{self.title} ({when})"


@dataclass(frozen=True)
class VisitSummary:
    """Everything on the first page."""

    trend: Trend
    comparisons: list[Comparison]
    warnings: list[WarningDates]
    bedtime_evenings: int
    evenings: int

    def trend_rows(self) -> list[tuple[str, str, str]]:
        """(measure, last 4 weeks, 4 weeks before), cramps per week as a range where few days are recorded."""
        r, b = self.trend.recent, self.trend.before

        def severity(s: Summary) -> str:
            return "-" if s.max_severity is None else f"{s.max_severity} of 10"

        return [
            ("Period", f"{r.first.isoformat()} to {r.last.isoformat()}", f"{b.first.isoformat()} to {b.last.isoformat()}"),
            ("Days recorded", f"{r.recorded_days} of {r.days}", f"{b.recorded_days} of {b.days}"),
            ("Cramps per week", r.rate.text(), b.rate.text()),
            ("Night cramps per night", r.night_rate.text(2), b.night_rate.text(2)),
            ("Worst severity", severity(r), severity(b)),
            ("Sleep disturbed (0-10)", r.sleep.text(), b.sleep.text()),
        ]

    def comparison_blocks(self) -> list[list[str]]:
        """Each change's comparison as lines (the wording of compare.py); the caveats are said once, after them all."""
        return [[line for line in comparison_lines(c) if line != caveat(c)] for c in self.comparisons]

    def caveats(self) -> list[str]:
        """The comparisons' caveats (they depend on the direction), each said once."""
        return list(dict.fromkeys(caveat(c) for c in self.comparisons))

    @property
    def bedtime_line(self) -> str:
        return f"Bedtime stretches done on {self.bedtime_evenings} of {self.evenings} evenings."


def build_visit_summary(
    diary: Diary,
    today: date,
    first: date,
    last: date,
    changes: list[Change],
    alerts: list[tuple[Alert, list[Episode]]],
) -> VisitSummary:
    """Gather the first page for the period ``first`` to ``last`` as of ``today``."""
    recent_first = today - timedelta(days=TREND_DAYS - 1)
    before_last = recent_first - timedelta(days=1)
    trend = Trend(
        recent=stats.summary(diary, recent_first, today),
        before=stats.summary(diary, before_last - timedelta(days=TREND_DAYS - 1), before_last),
    )
    warnings = [
        WarningDates(alert.level, alert.title, sorted({e.started_at.date() for e in episodes}))
        for alert, episodes in alerts
    ]
    period = stats.summary(diary, first, last)
    return VisitSummary(
        trend=trend,
        comparisons=[compare(diary, change, today) for change in changes],
        warnings=warnings,
        bedtime_evenings=period.bedtime_evenings,
        evenings=period.days,
    )
