"""The morning question and the back-fill offer: when to ask about last night, and which days are unknown.

A day with neither a cramp nor a check-in is unknown, and unknown days make
every rate a range. Asking once, on one line, after the night is over (04:00)
keeps the record complete without a modal in the way of logging a cramp.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import NamedTuple

from cramp_diary.model import Episode
from cramp_diary.store import Diary
from cramp_diary.store.checkins import MAX_BACKFILL_DAYS


class Unrecorded(NamedTuple):
    """The days since the last record up to last night, none of which has a cramp or a check-in."""

    first: date
    last: date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


def unrecorded_since_last_record(diary: Diary, now: datetime) -> Unrecorded | None:
    """The unknown days after the latest recorded day, up to last night (at most the last 92).

    None when last night is recorded or the diary has no record yet (nothing to fill after).
    """
    from cramp_diary.stats import last_night  # the one night rule; stats is not loaded with the home screen
    from cramp_diary.store import queries

    last = last_night(now)
    if queries.is_recorded(diary, last):
        return None
    previous = queries.last_recorded_day(diary, last)
    if previous is None:
        return None
    first = max(previous + timedelta(days=1), last - timedelta(days=MAX_BACKFILL_DAYS - 1))
    return Unrecorded(first, last)


def should_ask(diary: Diary, now: datetime, dismissed_on: date | None) -> bool:
    """Ask about last night: the night is over, it has no cramp and no check-in, and it was not dismissed today.

    An empty diary is not asked: its home screen explains how to start.
    """
    from cramp_diary.stats import NIGHT_ENDS, last_night
    from cramp_diary.store import queries

    if now.time() < NIGHT_ENDS or dismissed_on == now.date():
        return False
    if queries.first_recorded_day(diary) is None:  # a first run shows how to start instead
        return False
    return not queries.is_recorded(diary, last_night(now))


#: The keys that answer "how much did cramps disturb your sleep?", one for each value 0-10.
SLEEP_KEYS: dict[str, int] = {**{str(n): n for n in range(10)}, "m": 10}


def night_to_rate(diary: Diary, now: datetime, dismissed_on: date | None) -> Episode | None:
    """Last night's latest cramp that woke the person, when no cramp that woke them that night has a sleep figure.

    The morning question then asks how much cramps disturbed that night's sleep
    (0-10, skippable), after the night is over and unless it was dismissed today.
    """
    from cramp_diary.stats import NIGHT_ENDS, last_night
    from cramp_diary.store import queries

    if now.time() < NIGHT_ENDS or dismissed_on == now.date():
        return None
    night = last_night(now)
    woke = [diary.episodes.get(i) for i in queries.episode_ids(diary, night, night, queries.Match(context="asleep"))]
    found = [episode for episode in woke if episode is not None]
    if not found or any(episode.sleep_disturbance is not None for episode in found):
        return None
    return found[0]


def record_sleep(diary: Diary, night: Episode | date, value: int) -> str:
    """Keep how much cramps disturbed a night's sleep on that night's cramp, or on its check-in; the sentence said.

    The same figure ``log --sleep`` and ``checkin --none --sleep`` keep; a diary error propagates.
    """
    if isinstance(night, Episode):
        diary.episodes.update(night.with_changes(sleep_disturbance=value))
        day = night.started_at.date()
    else:
        diary.checkins.add(night, value)
        day = night
    return f"Noted: sleep disturbed {value} of 10 on the night to {day:%a %d %b}."
