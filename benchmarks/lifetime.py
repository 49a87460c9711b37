"""Write a lifetime diary: 100 000 episodes with check-ins, for the other benchmarks.

    python benchmarks/lifetime.py /tmp/lifetime.db [--episodes 100000]

About fifty years of cramps several times a day; deterministic (seeded).
"""

from __future__ import annotations

import argparse
import random
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from cramp_diary.model import RELIEFS, TRIGGERS, Episode
from cramp_diary.store import Diary

ZONE = ZoneInfo("Europe/Berlin")


def episodes(count: int, end: datetime, rng: random.Random) -> list[Episode]:
    result = []
    moment = end - timedelta(days=1)
    for _ in range(count):
        moment -= timedelta(hours=rng.uniform(0.5, 8))
        started = moment.replace(second=0, microsecond=0)
        result.append(
            Episode(
                uuid=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                started_at=started,
                muscle=rng.choice(["calf", "calf", "calf", "foot", "toes", "hamstring", "thigh"]),
                side=rng.choice(["left", "right", "both"]),
                duration=rng.randint(10, 600),
                severity=rng.randint(1, 9),
                context=rng.choice(["asleep", "asleep", "resting", "after-exercise"]),
                triggers=tuple(rng.sample(TRIGGERS, rng.randint(0, 2))),
                reliefs=tuple(rng.sample(RELIEFS, rng.randint(1, 2))),
                note=rng.choice(["", "", "woke me twice", "after a long walk"]),
                created_at=started + timedelta(minutes=5),
                updated_at=started + timedelta(minutes=5),
            )
        )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", type=Path)
    parser.add_argument("--episodes", type=int, default=100_000)
    args = parser.parse_args()
    for stale in args.path.parent.glob(args.path.name + "*"):
        stale.unlink()
    end = datetime(2026, 11, 22, 21, 30, tzinfo=ZONE)
    rng = random.Random(7)
    began = time.perf_counter()
    sample = episodes(args.episodes, end, rng)
    with Diary.open(args.path, lambda: end) as diary:
        diary.merge(sample)
        days = {e.started_at.date() for e in sample}
        first = min(days)
        with diary._write():  # one transaction for the check-ins: a benchmark fixture, not app code
            diary.db.table("checkins").insert_all(
                {"day": (first + timedelta(days=n)).isoformat(), "created_at": end.isoformat()}
                for n in range((end.date() - first).days)
                if first + timedelta(days=n) not in days
            )
    size = args.path.stat().st_size / 1e6
    print(f"wrote {args.episodes} episodes to {args.path} ({size:.1f} MB) in {time.perf_counter() - began:.1f} s")


if __name__ == "__main__":
    main()
