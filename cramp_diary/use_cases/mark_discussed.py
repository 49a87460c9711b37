"""Marking a warning as discussed with a healthcare provider, from the CLI or the warnings screen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cramp_diary import alerts
from cramp_diary.store import Diary
from cramp_diary.use_cases import sentences


@dataclass(frozen=True, slots=True)
class MarkedDiscussed:
    rule: str
    day: date
    added: bool
    """False when that day was already noted for this warning."""
    message: str


def rule_title(key: str) -> str:
    """The warning's title as the lists show it."""
    return next(rule.title for rule in alerts.RULES if rule.key == key)


def mark_discussed(diary: Diary, rule: str, day: date) -> MarkedDiscussed:
    """Note that warning ``rule`` was talked over on ``day``: its banner rests until a new episode after it.

    ``rule`` must be a known key (``alerts.check_rule`` says which, in words); ValueError otherwise.
    """
    key = alerts.check_rule(rule)
    added = diary.discussed.mark(key, day)
    return MarkedDiscussed(key, day, added, sentences.marked_discussed(day, rule_title(key), already=not added))
