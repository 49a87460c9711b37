"""The report's first page: what a GP reads in a minute, gathered and worded once for both formats.

The last four weeks against the four before (a list of rows, so more measures
can be added); the medicines taken in the period; each change tried with its
result; each active warning with its level, the signs really logged, the side
and the dates; the left/right pattern; reliefs and painkiller use; the bedtime
stretches; three questions. Every list is cut with "and N more" so the page
fits one A4 sheet for any diary; the full tables follow as an appendix.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from cramp_diary import stats
from cramp_diary.alerts import LEVEL_NAMES, Alert
from cramp_diary.changes import Change
from cramp_diary.compare import Comparison, compare, comparison_lines, verdict
from cramp_diary.medicines import Medicine, medicine_line, taken_during
from cramp_diary.model import SIGN_LABELS, Episode
from cramp_diary.rates import RateChange, trend_words
from cramp_diary.stats import MuscleCount, Summary
from cramp_diary.store import Diary
from cramp_diary.wording import plural

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


#: Page 1's one line under the changes tried: each one's own caveat (it depends on the direction) is in the appendix.
CAVEATS_IN_APPENDIX = (
    "A before and after is a hint, not proof: cramps come and go on their own. What each result can and cannot "
    "show is said with it in the appendix."
)

#: Page 1 when the diary holds no medicine taken in the period.
NO_MEDICINES = "None recorded in the diary for this period."

#: How many items a page-1 list shows before "and N more": keeps page 1 on one A4 sheet for any diary.
SHOWN = 5


def and_more(items: list[str], shown: int = SHOWN) -> list[str]:
    """The first ``shown`` items, the rest summed up as 'and N more (in the appendix)'."""
    if len(items) <= shown:
        return items
    return [*items[: shown - 1], f"and {len(items) - shown + 1} more (in the appendix)"]


def _dates(days: list[date]) -> str:
    """'On 2026-11-20', '2026-11-02 to 2026-11-20': the first and last day, never a list of 13 dates."""
    if not days:
        return "In the last weeks"
    if len(days) == 1:
        return f"On {days[0].isoformat()}"
    return f"{days[0].isoformat()} to {days[-1].isoformat()}"


@dataclass(frozen=True)
class WarningDates:
    """An active warning as page 1 says it: level, title, the signs actually logged, the sides and the dates."""

    level: str
    title: str
    days: list[date]
    signs: list[str] = field(default_factory=list)
    sides: list[tuple[str, int]] = field(default_factory=list)
    cramps: int = 0

    @property
    def text(self) -> str:
        """'Urgent: ... in one leg. Logged: swollen leg (left). 3 cramps, 2026-11-02 to 2026-11-20.'"""
        line = f"{LEVEL_NAMES.get(self.level, self.level)}: {self.title}."  # type: ignore[call-overload]
        sides = ", ".join(f"{side} {n}" if len(self.sides) > 1 else side for side, n in self.sides)
        if self.signs:
            line += f" Logged: {', '.join(self.signs)} ({sides})."
        elif sides:
            line += f" Side: {sides}."
        count = f"{self.cramps} cramps, " if self.cramps > 1 else ""
        return f"{line} {count}{_dates(self.days)}."


def _span(summary: Summary) -> str:
    """'26 Oct to 22 Nov 2026': short enough for the page-1 table."""
    first, last = summary.first, summary.last
    year = "" if first.year == last.year else f" {first.year}"
    return f"{first.day} {first:%b}{year} to {last.day} {last:%b} {last.year}"


def side_pattern(muscles: list[MuscleCount]) -> str:
    """'All: 19 left, 6 right, 2 both. Calf: 13 left, 5 right; ...': the sides, then the most cramped muscles."""
    if not muscles:
        return "No cramps in this period."

    def sides(left: int, right: int, both: int) -> str:
        return ", ".join(f"{n} {side}" for side, n in (("left", left), ("right", right), ("both", both)) if n)

    total = sides(sum(m.left for m in muscles), sum(m.right for m in muscles), sum(m.both for m in muscles))
    lines = [f"{m.muscle.capitalize()}: {sides(m.left, m.right, m.both)}" for m in sorted(muscles, key=lambda m: -m.total)]
    return f"All: {total}. " + "; ".join(and_more(lines, 3)) + "."


def reliefs_line(reliefs: list[tuple[str, int]], cramps: int) -> str:
    """What was tried, most used first, and how often a painkiller was used."""
    if not reliefs:
        return "No relief noted."
    tried = ", ".join(and_more([f"{relief} {n}" for relief, n in reliefs], 6))
    painkiller = dict(reliefs).get("painkiller", 0)
    return f"Tried (times): {tried}. A painkiller was used for {painkiller} of {plural(cramps, 'cramp')}."


@dataclass(frozen=True)
class VisitSummary:
    """Everything on the first page."""

    trend: Trend
    comparisons: list[Comparison]
    warnings: list[WarningDates]
    bedtime_evenings: int
    evenings: int
    medicines: list[Medicine] = field(default_factory=list)
    sides: str = ""
    reliefs: str = ""
    #: Roughly when the cramps began, if the person said (the ``cramps_began`` setting).
    began: date | None = None

    def trend_rows(self) -> list[tuple[str, str, str]]:
        """(measure, last 4 weeks, 4 weeks before): a list, so more measures can be appended as rows."""
        r, b = self.trend.recent, self.trend.before

        def worst(s: Summary) -> str:
            return "-" if s.max_severity is None else f"{s.max_severity} of 10"

        def mean(s: Summary) -> str:
            return "-" if s.mean_severity is None else f"{s.mean_severity:.1f} of 10"

        return [
            ("Period", _span(r), _span(b)),
            ("Days recorded", f"{r.recorded_days} of {r.days}", f"{b.recorded_days} of {b.days}"),
            ("Cramps per week", r.rate.text(), b.rate.text()),
            ("Night cramps per night", r.night_rate.text(2), b.night_rate.text(2)),
            ("Severity, mean", mean(r), mean(b)),
            ("Severity, worst", worst(r), worst(b)),
            ("Sleep disturbed (0-10)", r.sleep.text(), b.sleep.text()),
        ]

    def medicine_lines(self) -> list[str]:
        """Each medicine taken in the period with its class; the named classes carry the question to ask."""
        return and_more([medicine_line(m) for m in self.medicines])

    def change_lines(self) -> list[str]:
        """Each change tried, one line with its result (the caveat is said once for all), and the first other
        change that started or stopped around it, whose effect cannot be told apart from its own."""
        return and_more([f"{c.change.label}: {verdict(c)}{_not_alone(c)}" for c in self.comparisons], 3)

    def warning_lines(self) -> list[str]:
        return [w.text for w in self.warnings]

    def comparison_blocks(self) -> list[list[str]]:
        """Each change's comparison in full for the appendix, its own caveat last (the wording of compare.py)."""
        return [comparison_lines(c) for c in self.comparisons]

    def caveats(self) -> list[str]:
        """What page 1 says under the changes: one line pointing to each caveat in the appendix (none without changes)."""
        return [CAVEATS_IN_APPENDIX] if self.comparisons else []

    @property
    def began_line(self) -> str | None:
        return None if self.began is None else f"Cramps began around {self.began:%B %Y}."

    @property
    def bedtime_line(self) -> str:
        return f"Bedtime stretches done on {self.bedtime_evenings} of {self.evenings} evenings."


def warning_dates(alert: Alert, episodes: list[Episode]) -> WarningDates:
    """What page 1 says of one warning: only the signs and sides its cramps really had."""
    signs = list(dict.fromkeys(SIGN_LABELS.get(sign, sign) for e in episodes for sign in e.signs if sign in alert.signs))
    sides = Counter(e.side for e in episodes).most_common()
    return WarningDates(
        alert.level, alert.title, sorted({e.started_at.date() for e in episodes}), signs, sides, len(episodes)
    )


def build_visit_summary(
    diary: Diary,
    today: date,
    first: date,
    last: date,
    changes: list[Change],
    alerts: list[tuple[Alert, list[Episode]]],
    medicines: list[Medicine] = (),  # type: ignore[assignment]
    began: date | None = None,
) -> VisitSummary:
    """Gather the first page for the period ``first`` to ``last`` as of ``today``."""
    recent_first = today - timedelta(days=TREND_DAYS - 1)
    before_last = recent_first - timedelta(days=1)
    trend = Trend(
        recent=stats.summary(diary, recent_first, today),
        before=stats.summary(diary, before_last - timedelta(days=TREND_DAYS - 1), before_last),
    )
    period = stats.summary(diary, first, last)
    return VisitSummary(
        trend=trend,
        comparisons=[compare(diary, change, today) for change in changes],
        warnings=[warning_dates(alert, episodes) for alert, episodes in alerts],
        bedtime_evenings=period.bedtime_evenings,
        evenings=period.days,
        medicines=taken_during(list(medicines), first, last),
        sides=side_pattern(stats.by_muscle_side(diary, first, last)),
        reliefs=reliefs_line(stats.reliefs_used(diary, first, last), period.cramps),
        began=began,
    )


def _not_alone(comparison: Comparison) -> str:
    """' Not on its own: statin also started on … inside the two-week run-in: …' or ''."""
    mixed = [o for o in comparison.overlapping if o.event != "throughout"]
    if not mixed:
        return ""
    more = f" (and {plural(len(mixed) - 1, 'other change')})" if len(mixed) > 1 else ""
    return f" Not on its own: {mixed[0].text}{more}."
