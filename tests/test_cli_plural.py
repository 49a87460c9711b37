"""Counts of one read as one: "1 week", "1 night cramp", never "1 weeks"."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from click.testing import CliRunner, Result

from cramp_diary.cli import cli
from cramp_diary.model import Episode
from cramp_diary.store import Diary
from conftest import ZONE, FakeClock


def run(clock: FakeClock, db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *args], obj={"now": clock}, catch_exceptions=False)


def one_night_cramp(diary: Diary) -> None:
    diary.episodes.add(Episode(datetime(2026, 11, 20, 3, 10, tzinfo=ZONE), "calf", "left", context="asleep"))


def test_stats_for_one_week_speak_in_the_singular(clock: FakeClock, db_path: Path, diary: Diary) -> None:
    one_night_cramp(diary)
    out = run(clock, db_path, "stats", "--weeks", "1").output
    assert "Cramp statistics, 2026-11-16 to 2026-11-22 (1 week, 7 days); 1 day recorded." in out
    assert "(1 night cramp)" in out
    assert "1 weeks" not in out and "1 night cramps" not in out and "1 days" not in out


def test_the_report_for_one_week_speaks_in_the_singular(clock: FakeClock, db_path: Path, diary: Diary) -> None:
    one_night_cramp(diary)
    out = run(clock, db_path, "report", "--weeks", "1").output
    assert "(1 week, 7 days); 1 day recorded." in out
    assert "(1 night cramp) |" in out


def test_plurals_stay_plural(clock: FakeClock, db_path: Path, diary: Diary) -> None:
    one_night_cramp(diary)
    diary.episodes.add(Episode(datetime(2026, 11, 21, 2, 0, tzinfo=ZONE), "calf", "left", context="asleep"))
    out = run(clock, db_path, "stats", "--weeks", "2").output
    assert "(2 weeks, 14 days); 2 days recorded." in out and "(2 night cramps)" in out


def test_a_period_of_one_day_is_one_day(clock: FakeClock, db_path: Path, diary: Diary) -> None:
    monday = FakeClock(datetime(2026, 11, 16, 21, 0, tzinfo=ZONE))
    out = run(monday, db_path, "stats", "--weeks", "1").output
    assert "(1 week, 1 day); 0 days recorded." in out
