"""Warning signs: when the diary should say "contact your healthcare provider".

The rules themselves (level, words, threshold, the reference it comes from
and a finder over the read-only queries) are data in
:mod:`cramp_diary.alert_rules`; this module runs them for a day, adds the
"cramps rose after starting a medicine" note made from dated changes, and
knows which warnings were discussed. The diary never diagnoses: every piece
of advice ends at a healthcare provider.

A warning marked as discussed with a provider stays listed but goes quiet
(no banner) until an episode behind it falls after the day it was discussed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from cramp_diary.alert_rules import (
    LEVEL_NAMES,
    LEVELS,
    RISE_DAYS,
    RISE_FACTOR,
    RISE_MIN_CRAMPS,
    RULES,
    Level,
    Rule,
)
from cramp_diary.rates import DATA_RULE, Rate, RateChange, how_sure
from cramp_diary.sources import cite
from cramp_diary.store import Diary, queries

__all__ = [
    "LEVEL_NAMES",
    "LEVELS",
    "RULES",
    "RULE_KEYS",
    "Alert",
    "Level",
    "Rule",
    "avoid_massage",
    "check_rule",
    "find_alerts",
    "most_serious",
    "references_line",
    "rise_after_medicine",
    "urgent_advice",
]


@dataclass(frozen=True)
class Alert:
    """A rule that fired, with the episodes behind it (newest first)."""

    level: Level
    rule: str
    title: str
    advice: str
    threshold: str
    episode_ids: tuple[int, ...]
    references: tuple[str, ...]
    #: The latest day it was marked as discussed with a healthcare provider, if ever.
    discussed_on: date | None = None
    #: Discussed, and no episode behind it since: listed, but no banner.
    quiet: bool = False


def rise_after_medicine(diary: Diary, today: date) -> list[Alert]:
    """A note for each ``medicine`` change whose 28 days after starting had at least twice the cramps per week.

    The 28 days before are the baseline; both windows (the after one so far)
    must meet the one data rule (:data:`cramp_diary.rates.DATA_RULE`), and the after one must hold at least 3 cramps.
    """
    found: list[Alert] = []
    for change in diary.changes.all():
        if change.kind != "medicine" or change.started > today:
            continue
        before_first, before_last = change.started - timedelta(days=RISE_DAYS), change.started - timedelta(days=1)
        after_last = min(change.started + timedelta(days=RISE_DAYS - 1), today)
        if change.stopped is not None:
            after_last = min(after_last, change.stopped)
        before = queries.window_figures(diary, before_first, before_last)
        after = queries.window_figures(diary, change.started, after_last)
        after_days = (after_last - change.started).days + 1
        change_rates = RateChange(
            Rate(after.cramps, after_days, after.recorded_days), Rate(before.cramps, RISE_DAYS, before.recorded_days)
        )
        if after.cramps < RISE_MIN_CRAMPS or not change_rates.at_least(RISE_FACTOR):  # the one data rule and comparison
            continue
        name = " ".join(change.name.split())
        found.append(
            Alert(
                "note",
                "rise-after-medicine",
                f"Cramps rose after starting {name}: ask your healthcare provider; do not stop a medicine on your own.",
                (
                    f"Since {change.started.isoformat()} the diary holds {after.cramps} cramps in "
                    f"{after.recorded_days} recorded days, at least twice as many per week as in the 28 days "
                    f"before ({how_sure(change_rates.ratio)}, 95 % interval). Some medicines can make cramps more likely; this is worth raising with your "
                    "healthcare provider or pharmacist. Do not stop a medicine on your own."
                ),
                (
                    f"cramps per week in the {RISE_DAYS} days after a medicine change started at least "
                    f"{RISE_FACTOR} times those of the {RISE_DAYS} days before, with at least {RISE_MIN_CRAMPS} "
                    f"cramps after and each window with {DATA_RULE}"
                ),
                queries.episode_ids(diary, change.started, after_last),
                ("release", "treatment"),
            )
        )
    return found


#: Every warning's key, including the medicine note made from dated changes; `warnings --discussed` takes these.
RULE_KEYS: tuple[str, ...] = (*(rule.key for rule in RULES), "rise-after-medicine")


def find_alerts(diary: Diary, today: date, since: date | None = None) -> list[Alert]:
    """Every rule that fires as of ``today``, most serious first, each with when it was last discussed.

    ``since`` lets a report look for sign-based warnings over its whole period;
    the frequency and sleep rules always describe the last one or two weeks.
    """
    discussed = diary.discussed.latest()
    alerts: list[Alert] = []
    for rule in RULES:
        first = today - timedelta(days=rule.days - 1)
        if since is not None and rule.widens:
            first = min(first, since)
        ids = rule.find(diary, first, today)
        if ids:
            day = discussed.get(rule.key)
            newest = queries.newest_day(diary, ids)
            quiet = day is not None and newest is not None and newest <= day
            alerts.append(
                Alert(rule.level, rule.key, rule.title, rule.advice, rule.threshold, ids, rule.references, day, quiet)
            )
    for alert in rise_after_medicine(diary, today):
        day = discussed.get(alert.rule)
        newest = queries.newest_day(diary, alert.episode_ids)
        quiet = day is not None and newest is not None and newest <= day
        alerts.append(replace(alert, discussed_on=day, quiet=quiet))
    alerts.sort(key=lambda alert: LEVELS.index(alert.level))
    return alerts


def most_serious(alerts: list[Alert]) -> Alert | None:
    """The one the home banner shows: the most serious that was not discussed since its last episode."""
    return next((alert for alert in alerts if not alert.quiet), None)


def check_rule(key: str) -> str:
    """A rule's key as a person typed it, or ValueError naming the ones there are."""
    cleaned = key.strip().lower()
    if cleaned not in RULE_KEYS:
        raise ValueError(f"must be one of {', '.join(RULE_KEYS)} (got {key!r})")
    return cleaned


def references_line(alert: Alert | Rule) -> str:
    """Its sources by title and kind, for a screen or a report."""
    return cite(alert.references)


def avoid_massage(alerts: list[Alert]) -> bool:
    """True when the timer must replace its massage step with a caution not to massage (discussed or not)."""
    return any(alert.rule == "one-sided-swelling" for alert in alerts)


def urgent_advice() -> str:
    """What the timer shows when the leg is swollen, warm, red or tender right now: the clot rule's words."""
    return next(rule.advice for rule in RULES if rule.key == "one-sided-swelling")
