"""`cramp-diary checkin --none`: a cramp-free night becomes a known fact, not a guess."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

from click.testing import CliRunner, Result

from cramp_diary.cli import cli
from cramp_diary.model import Episode
from cramp_diary.store import Diary
from conftest import ZONE, FakeClock


def run(clock: FakeClock, db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *args], obj={"now": clock}, catch_exceptions=False)


def test_default_is_the_night_that_ended_this_morning(clock: FakeClock, db_path: Path, diary: Diary) -> None:
    result = run(clock, db_path, "checkin", "--none")
    assert result.exit_code == 0, result.output
    assert "Recorded Sun 2026-11-22 as cramp-free." in result.output
    assert diary.checkins.days_between(date(2026, 11, 1), date(2026, 11, 30)) == [date(2026, 11, 22)]


def test_in_the_small_hours_last_night_is_the_one_before(db_path: Path, diary: Diary) -> None:
    small_hours = FakeClock(datetime(2026, 11, 22, 2, 0, tzinfo=ZONE))
    assert run(small_hours, db_path, "checkin", "--none").exit_code == 0
    assert diary.checkins.days_between(date(2026, 11, 1), date(2026, 11, 30)) == [date(2026, 11, 21)]


def test_date_words_and_iso_dates(clock: FakeClock, db_path: Path, diary: Diary) -> None:
    assert run(clock, db_path, "checkin", "--none", "--date", "yesterday").exit_code == 0
    assert run(clock, db_path, "checkin", "--none", "--date", "2026-11-02").exit_code == 0
    assert diary.checkins.days_between(date(2026, 11, 1), date(2026, 11, 30)) == [date(2026, 11, 2), date(2026, 11, 21)]


def test_future_and_unknown_dates_are_refused(clock: FakeClock, db_path: Path, diary: Diary) -> None:
    future = run(clock, db_path, "checkin", "--none", "--date", "2026-11-23")
    assert future.exit_code == 2
    assert "'--date': must not be in the future" in future.output
    nonsense = run(clock, db_path, "checkin", "--none", "--date", "someday")
    assert nonsense.exit_code == 2
    assert "last monday or a date such as 2026-11-20" in nonsense.output
    assert diary.checkins.days_between(date(2026, 1, 1), date(2026, 12, 31)) == []


def test_a_day_with_a_cramp_cannot_be_checked_in_as_cramp_free(clock: FakeClock, db_path: Path, diary: Diary) -> None:
    diary.episodes.add(Episode(datetime(2026, 11, 22, 3, 10, tzinfo=ZONE), "calf", "left"))
    result = run(clock, db_path, "checkin", "--none")
    assert result.exit_code == 2
    assert "already has 1 cramp in the diary" in result.output
    assert diary.checkins.days_between(date(2026, 11, 22), date(2026, 11, 22)) == []


def test_checking_in_twice_is_harmless(clock: FakeClock, db_path: Path) -> None:
    run(clock, db_path, "checkin", "--none")
    again = run(clock, db_path, "checkin", "--none")
    assert again.exit_code == 0
    assert "already recorded as cramp-free" in again.output


def test_undo_takes_a_check_in_back(clock: FakeClock, db_path: Path, diary: Diary) -> None:
    run(clock, db_path, "checkin", "--none", "--date", "yesterday")
    result = run(clock, db_path, "checkin", "--undo", "--date", "yesterday")
    assert "Took back the check-in for Sat 2026-11-21." in result.output
    assert diary.checkins.days_between(date(2026, 11, 21), date(2026, 11, 21)) == []
    assert "There was no check-in" in run(clock, db_path, "checkin", "--undo").output


def test_the_kind_of_check_in_must_be_said(clock: FakeClock, db_path: Path) -> None:
    assert run(clock, db_path, "checkin").exit_code == 2
    assert run(clock, db_path, "checkin", "--none", "--undo").exit_code == 2


def test_a_checked_in_day_counts_as_recorded_and_cramp_free(clock: FakeClock, db_path: Path) -> None:
    run(clock, db_path, "checkin", "--none")
    result = run(clock, db_path, "stats", "--weeks", "1", "--format", "json")
    summary = json.loads(result.output)["summary"]
    assert (summary["recorded_days"], summary["cramp_free_days"], summary["unrecorded_days"]) == (1, 1, 6)
