"""A realistic, repeatable sample diary, so a new user can see every view filled in.

About six months ending on the given day: mostly night-time calf cramps that
become less frequent, some after exercise, check-ins on most quiet nights and
the bedtime stretches on many evenings. The same seed always gives the same
diary, which is what the screenshots and snapshot tests rely on.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from cramp_diary.changes import Change
from cramp_diary.model import Episode
from cramp_diary.parsing import localize
from cramp_diary.store import Diary, MergeResult

DEMO_DAYS = 182
SEED = 20261122


@dataclass(frozen=True)
class DemoDiary:
    episodes: list[Episode]
    checkins: list[date]
    bedtime_routines: list[datetime]


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _night_cramp(rng: random.Random, day: date, now: datetime) -> Episode:
    """A calf (sometimes foot or toes) cramp that woke the person in the small hours."""
    muscle = rng.choices(["calf", "foot", "toes", "hamstring"], weights=[70, 14, 10, 6])[0]
    started = localize(datetime.combine(day, time(rng.choice([1, 2, 3, 3, 4, 5]), rng.randrange(60))), now)
    triggers = rng.sample(["dehydration", "position", "cold", "alcohol", "exercise", "caffeine"], k=rng.choice([0, 1, 1, 2]))
    reliefs = ["stretch"] + rng.sample(["massage", "walk", "stand", "heat"], k=rng.choice([0, 1, 2]))
    note = rng.choice(["", "", "", "Toes pointed under the duvet again.", "Drank little water today.", "Long drive yesterday."])
    uid = _uuid(rng)  # drawn in the order they always were, so the sample stays the same
    side = rng.choice(["left", "left", "right", "right", "both"])
    duration = rng.choice([30, 45, 60, 90, 90, 120, 150, 180, 240, 300])
    severity = rng.choice([3, 4, 5, 5, 6, 6, 7, 7, 8])
    return Episode(
        uuid=uid,
        started_at=started,
        muscle=muscle,
        side=side,
        duration=duration,
        severity=severity,
        # how much it cost the night's sleep: from the cramp itself, so the random draws stay as they were
        sleep_disturbance=min(10, max(0, severity - 3 + duration // 120)),
        context="asleep",
        triggers=tuple(triggers),
        reliefs=tuple(reliefs),
        note=note,
        created_at=started + timedelta(minutes=6),
        updated_at=started + timedelta(minutes=6),
    )


def _exercise_cramp(rng: random.Random, day: date, now: datetime) -> Episode:
    started = localize(datetime.combine(day, time(rng.choice([17, 18, 19]), rng.randrange(60))), now)
    return Episode(
        uuid=_uuid(rng),
        started_at=started,
        muscle=rng.choice(["hamstring", "calf", "thigh"]),
        side=rng.choice(["left", "right"]),
        duration=rng.choice([20, 40, 60, 75]),
        severity=rng.choice([2, 3, 4, 5]),
        context=rng.choice(["exercising", "after-exercise"]),
        triggers=tuple(rng.sample(["exercise", "heat", "dehydration"], k=rng.choice([1, 2]))),
        reliefs=("stretch", "walk"),
        note=rng.choice(["", "Hill run.", "Football, second half."]),
        created_at=started + timedelta(minutes=30),
        updated_at=started + timedelta(minutes=30),
    )


def build_demo(now: datetime, seed: int = SEED) -> DemoDiary:
    """The sample diary for the half year ending yesterday, seen from ``now``."""
    rng = random.Random(seed)
    now = now.astimezone(now.tzinfo if isinstance(now.tzinfo, ZoneInfo) else None)
    last = now.date() - timedelta(days=1)
    first = last - timedelta(days=DEMO_DAYS - 1)
    episodes: list[Episode] = []
    checkins: list[date] = []
    routines: list[datetime] = []
    for offset in range(DEMO_DAYS):
        day = first + timedelta(days=offset)
        progress = offset / DEMO_DAYS  # cramps ease as the bedtime stretches become a habit
        stretched = rng.random() < 0.2 + 0.6 * progress
        if stretched:
            routines.append(localize(datetime.combine(day - timedelta(days=1), time(22, rng.randrange(30))), now))
        chance = (0.6 - 0.45 * progress) * (0.6 if stretched else 1.0)
        had_cramp = False
        if rng.random() < chance:
            episodes.append(_night_cramp(rng, day, now))
            had_cramp = True
            if rng.random() < 0.12:
                episodes.append(_night_cramp(rng, day, now))
        if day.weekday() in (2, 5) and rng.random() < 0.25:
            episodes.append(_exercise_cramp(rng, day, now))
            had_cramp = True
        if not had_cramp and rng.random() < 0.85:
            checkins.append(day)
    # One long cramp with numbness a few months back, so the warning views have something to show.
    long_one = episodes[len(episodes) // 3]
    episodes[len(episodes) // 3] = long_one.with_changes(duration=12 * 60, severity=8, signs=("numbness",))
    return DemoDiary(episodes, checkins, routines)


def write_demo(diary: Diary, now: datetime) -> tuple[MergeResult, DemoDiary]:
    """Put the sample into a diary: episodes, quiet-night check-ins and bedtime routines."""
    sample = build_demo(now)
    result = diary.merge(sample.episodes)
    for day in sample.checkins:
        diary.checkins.add(day)
    for evening in sample.bedtime_routines:
        diary.routines.record("bedtime", evening)
    for change in demo_changes(now):
        diary.changes.add(change)
    return result, sample


def demo_changes(now: datetime) -> list[Change]:
    """Two changes for the changes screen. The sample's cramps are drawn the same way before and after
    them: the demo shows what a comparison looks like, never a built-in effect."""
    today = now.date()
    return [
        Change("more water in the evening", "habit", today - timedelta(days=63), note="a glass after dinner"),
        Change("magnesium", "supplement", today - timedelta(days=35)),
    ]
