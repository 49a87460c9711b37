"""Write a lifetime diary: 100 000 episodes (or a million) with check-ins, for the other benchmarks.

    python benchmarks/lifetime.py /tmp/lifetime.db [--episodes 100000] [--years 50]

Fifty years up to 2026-11-22, deterministic (seeded). About one day in five has
no cramp: four of those five have a "no cramps" check-in, the fifth is left
unrecorded. The episodes are spread over the other days, so 100 000 make about
seven cramps a cramp day and a million about seventy (no one has that many; it
is the size the store must stay fast at). Most start at night, most are asleep;
each has a muscle, side, duration, severity, 0-2 triggers and 1-2 reliefs.

Rows go in through the store's own mapping (``store.episodes._row``) and ``Db.insert_all``
in batches, one transaction per batch: a million take a minute or two, not the
hours one ``merge`` of a million ``Episode`` objects would.
"""

from __future__ import annotations

import argparse
import random
import time
import uuid
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from cramp_diary import hlc
from cramp_diary.model import RELIEFS, TRIGGERS, Episode
from cramp_diary.store import Diary
from cramp_diary.store.episodes import _row
from cramp_diary.store.schema import LABEL_TABLES

ZONE = ZoneInfo("Europe/Berlin")
END = datetime(2026, 11, 22, 21, 30, tzinfo=ZONE)
#: Rows written per transaction.
BATCH = 50_000
#: The hour a cramp starts at: mostly at night.
HOURS = list(range(24))
HOUR_WEIGHTS = [8, 8, 9, 9, 8, 6, 4, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 3, 4, 6, 7]


def plan(count: int, days: list[date], rng: random.Random) -> tuple[list[date], list[date], list[int]]:
    """(cramp days, check-in days, cramps per cramp day): every day is one of the three or unrecorded."""
    cramp_days, checkins = [], []
    for day in days:
        roll = rng.random()
        if roll < 0.16:
            checkins.append(day)
        elif roll >= 0.2:
            cramp_days.append(day)
    per_day = [0] * len(cramp_days)
    for index in rng.choices(range(len(cramp_days)), k=count):
        per_day[index] += 1
    return cramp_days, checkins, per_day


def episodes(cramp_days: list[date], per_day: list[int], rng: random.Random) -> Iterator[Episode]:
    """The episodes, oldest day first, each built and seeded the same way every run."""
    for day, count in zip(cramp_days, per_day):
        for hour in sorted(rng.choices(HOURS, HOUR_WEIGHTS, k=count)):
            started = datetime(day.year, day.month, day.day, hour, rng.randrange(60), tzinfo=ZONE)
            recorded = started + timedelta(minutes=5)
            yield Episode(
                uuid=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                started_at=started,
                muscle=rng.choice(["calf", "calf", "calf", "foot", "toes", "hamstring", "thigh"]),
                side=rng.choice(["left", "right", "both"]),
                duration=rng.randint(10, 600),
                severity=rng.randint(1, 9),
                context=rng.choice(["asleep", "asleep", "resting", "after-exercise"]) if 0 <= hour < 7 or hour >= 22
                else rng.choice(["resting", "sitting", "standing", "after-exercise"]),
                triggers=tuple(rng.sample(TRIGGERS, rng.randint(0, 2))),
                reliefs=tuple(rng.sample(RELIEFS, rng.randint(1, 2))),
                note=rng.choice(["", "", "woke me twice", "after a long walk"]),
                created_at=recorded,
                updated_at=recorded,
                hlc=hlc.from_legacy(recorded),
            )


def write(diary: Diary, sample: Iterator[Episode]) -> None:
    """Insert the episodes and their labels in batches, ids given in order, one transaction per batch."""
    next_id = 1
    while True:
        batch = [episode for _, episode in zip(range(BATCH), sample)]
        if not batch:
            return
        rows, labels = [], {table: [] for table, _, _ in LABEL_TABLES}
        for episode in batch:
            rows.append({"id": next_id, **_row(episode, END)})
            for table, column, attribute in LABEL_TABLES:
                labels[table].extend({"episode_id": next_id, column: value} for value in getattr(episode, attribute))
            next_id += 1
        with diary.db.write():  # a benchmark fixture's bulk path, not app code
            diary.db.table("episodes").insert_all(rows)
            for table, label_rows in labels.items():
                diary.db.table(table).insert_all(label_rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", type=Path)
    parser.add_argument("--episodes", type=int, default=100_000)
    parser.add_argument("--years", type=int, default=50, help="how far back the diary goes (default 50)")
    args = parser.parse_args()
    if args.episodes < 1 or not 1 <= args.years <= END.year - 1901:
        raise SystemExit(f"--episodes must be at least 1 and --years from 1 to {END.year - 1901}")
    for stale in args.path.parent.glob(args.path.name + "*"):
        stale.unlink()
    rng = random.Random(7)
    last = END.date() - timedelta(days=1)
    first = last.replace(year=last.year - args.years)
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    began = time.perf_counter()
    cramp_days, checkins, per_day = plan(args.episodes, days, rng)
    with Diary.open(args.path, lambda: END) as diary:
        write(diary, episodes(cramp_days, per_day, rng))
        with diary.db.write():
            diary.db.table("checkins").insert_all({"day": day.isoformat(), "created_at": END.isoformat()} for day in checkins)
    size = args.path.stat().st_size / 1e6
    print(f"wrote {args.episodes} episodes on {len(cramp_days)} days and {len(checkins)} check-ins to {args.path} "
          f"({size:.1f} MB) in {time.perf_counter() - began:.1f} s")


if __name__ == "__main__":
    main()
