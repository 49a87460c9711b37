"""Warning signs: when the diary should say "contact your healthcare provider".

The rules themselves (level, words, threshold, the reference it comes from
and a finder over the read-only queries) are data in
:mod:`cramp_diary.alert_rules`, the medicine note included; this module runs
them for a day and knows which warnings were discussed. The diary never diagnoses: every piece
of advice ends at a healthcare provider.

A warning marked as discussed with a provider stays listed but goes quiet
(no banner) until an episode behind it falls after the day it was discussed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from cramp_diary.alert_rules import LEVEL_NAMES, LEVELS, RULES, Level, Rule
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
    #: The signs the rule looks for (empty for pattern rules such as frequent cramps).
    signs: tuple[str, ...] = ()


#: Every warning's key; `warnings --discussed` takes these.
RULE_KEYS: tuple[str, ...] = tuple(rule.key for rule in RULES)


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
            advice = rule.advice if rule.detail is None else f"{rule.advice} Seen {rule.detail(diary, today)}."
            alerts.append(
                Alert(rule.level, rule.key, rule.title, advice, rule.threshold, ids, rule.references, day, quiet, rule.signs)
            )
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


def rules_table() -> str:
    """The README's "Warning signs" table, made from :data:`RULES` so the two cannot drift apart."""
    from cramp_diary.sources import SOURCES

    rows = ["| Level | Sign | Fires when | Sources |", "| --- | --- | --- | --- |"]
    for rule in RULES:
        sources = ", ".join(f'"{SOURCES[key].title}"' for key in rule.references)
        rows.append(f"| {LEVEL_NAMES[rule.level]} | {rule.title} (`{rule.key}`) | {rule.threshold} | {sources} |")
    return "\n".join(rows) + "\n"


if __name__ == "__main__":  # python -m cramp_diary.alerts > table.md
    print(rules_table(), end="")
