"""Time of day, muscles and sides, triggers and reliefs, each counted by SQLite."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from cramp_diary import stats
from cramp_diary.model import Episode
from cramp_diary.store import Diary

BERLIN = ZoneInfo("Europe/Berlin")
FIRST, LAST = date(2026, 11, 1), date(2026, 11, 22)


def at(day: int, hour: int) -> datetime:
    return datetime(2026, 11, day, hour, 15, tzinfo=BERLIN)


def test_hourly_has_24_bins_in_local_wall_time(diary: Diary) -> None:
    diary.episodes.add(Episode(at(2, 3), "calf", "left"))
    diary.episodes.add(Episode(at(3, 3), "calf", "left"))
    diary.episodes.add(Episode(at(4, 23), "calf", "left"))
    diary.episodes.add(Episode(at(5, 0), "calf", "left"))  # 23:15 UTC the day before
    hours = stats.hourly(diary, FIRST, LAST)
    assert len(hours) == 24
    assert (hours[0], hours[3], hours[23], sum(hours)) == (1, 2, 1, 4)


def test_muscles_by_side_with_own_words_kept(diary: Diary) -> None:
    diary.episodes.add(Episode(at(2, 3), "calf", "left"))
    diary.episodes.add(Episode(at(3, 3), "calf", "right"))
    diary.episodes.add(Episode(at(4, 3), "calf", "both"))
    diary.episodes.add(Episode(at(5, 3), "calf", "left"))
    diary.episodes.add(Episode(at(6, 3), "other", "right", muscle_other="Shin"))
    diary.episodes.add(Episode(at(7, 3), "other", "right", muscle_other="shin"))
    diary.episodes.add(Episode(at(8, 3), "foot", "left"))
    assert stats.by_muscle_side(diary, FIRST, LAST) == [
        stats.MuscleCount("calf", 2, 1, 1),
        stats.MuscleCount("shin", 0, 2, 0),
        stats.MuscleCount("foot", 1, 0, 0),
    ]


def test_top_triggers_most_noted_first_and_limited(diary: Diary) -> None:
    diary.episodes.add(Episode(at(2, 3), "calf", "left", triggers=("dehydration", "alcohol")))
    diary.episodes.add(Episode(at(3, 3), "calf", "left", triggers=("dehydration",)))
    diary.episodes.add(Episode(at(4, 3), "calf", "left", triggers=("long drive", "alcohol", "cold")))
    diary.episodes.add(Episode(at(5, 3), "calf", "left", triggers=("dehydration",), status="open"))
    assert stats.top_triggers(diary, FIRST, LAST) == [
        ("alcohol", 2),
        ("dehydration", 2),
        ("cold", 1),
        ("long-drive", 1),
    ]
    assert stats.top_triggers(diary, FIRST, LAST, limit=1) == [("alcohol", 2)]


def test_reliefs_used_only_in_the_period(diary: Diary) -> None:
    diary.episodes.add(Episode(at(2, 3), "calf", "left", reliefs=("stretch", "walk")))
    diary.episodes.add(Episode(at(3, 3), "calf", "left", reliefs=("stretch",)))
    diary.episodes.add(Episode(datetime(2026, 10, 30, 3, tzinfo=BERLIN), "calf", "left", reliefs=("heat",)))
    assert stats.reliefs_used(diary, FIRST, LAST) == [("stretch", 2), ("walk", 1)]


def test_an_empty_diary_gives_empty_breakdowns(diary: Diary) -> None:
    assert stats.hourly(diary, FIRST, LAST) == [0] * 24
    assert stats.by_muscle_side(diary, FIRST, LAST) == []
    assert stats.top_triggers(diary, FIRST, LAST) == []
    assert stats.reliefs_used(diary, FIRST, LAST) == []
