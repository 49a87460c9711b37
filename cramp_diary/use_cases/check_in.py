"""Checking in a night without cramps, taking it back, and back-filling a run of quiet days.

The rules ("a check-in says a day had no cramp", a back-fill's limits) are the diary's
(``diary.checkins``); every sentence about check-ins is here, for the CLI and the app alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from cramp_diary.store import Diary
from cramp_diary.store.checkins import check_backfill
from cramp_diary.use_cases import sentences


@dataclass(frozen=True, slots=True)
class CheckedIn:
    """A check-in for ``day``: ``added``, ``already`` there, its sleep figure ``rated``, or refused as the day ``has_cramp``."""

    day: date
    status: Literal["added", "already", "rated", "has_cramp"]
    message: str

    @property
    def refused(self) -> bool:
        return self.status == "has_cramp"


@dataclass(frozen=True, slots=True)
class TakenBack:
    day: date
    removed: bool
    message: str


@dataclass(frozen=True, slots=True)
class Backfilled:
    """Days marked cramp-free, already marked, and skipped because they have a cramp."""

    first: date
    last: date
    added: int
    already: int
    skipped: int
    message: str


def check_in(diary: Diary, day: date, sleep_disturbance: int | None = None) -> CheckedIn:
    """Record that ``day`` (the night ending that morning) had no cramp; refused on a day with one.

    ``sleep_disturbance`` (0-10) is kept with it; for a day checked in already it replaces the figure (``rated``).
    """
    result = diary.checkins.add(day, sleep_disturbance)
    if result.status == "has_cramp":
        message = sentences.checkin_refused(day, result.cramps, with_sleep=sleep_disturbance is not None)
    elif result.status == "added":
        message = sentences.checked_in(day, sleep_disturbance)
    elif result.status == "rated":
        message = sentences.sleep_noted_on_checkin(day, sleep_disturbance)
    else:
        message = sentences.already_checked_in(day, sleep_disturbance)
    return CheckedIn(day, result.status, message)


def take_back(diary: Diary, day: date) -> TakenBack:
    """Withdraw the check-in for ``day`` (the day becomes unknown again, not cramp-free)."""
    removed = diary.checkins.remove(day)
    message = sentences.checkin_taken_back(day) if removed else sentences.no_checkin_to_take_back(day)
    return TakenBack(day, removed, message)


def backfill(diary: Diary, first: date, last: date) -> Backfilled:
    """Check in every day from ``first`` to ``last`` without a cramp, in one transaction; days with one are skipped.

    Its limits (:func:`check_backfill`, also for checking before a diary is opened) raise InvalidField.
    """
    result = diary.checkins.backfill(first, last)
    message = sentences.backfilled(first, last, result.added, result.already, result.skipped)
    return Backfilled(first, last, result.added, result.already, result.skipped, message)


__all__ = ["Backfilled", "CheckedIn", "TakenBack", "backfill", "check_backfill", "check_in", "take_back"]
