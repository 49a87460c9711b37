"""Honest rates when days go unrecorded, and the note when cramps rise after starting a medicine."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner

from cramp_diary.alerts import find_alerts
from cramp_diary.changes import Change
from cramp_diary.cli import cli
from cramp_diary.model import Episode
from cramp_diary.rates import Rate
from cramp_diary.store import Diary
from tests.conftest import ZONE, FakeClock


def test_under_80_percent_recorded_the_rate_is_a_range_with_the_share() -> None:
    assert Rate(1, 7, 1).text() == "1.0-7.0 (1 of 7 days recorded, 14%)"
    assert Rate(2, 84, 2).text() == "0.2-7.0 (2 of 84 days recorded, 2%)"
    assert Rate(4, 10, 8).text() == "3.5"
    assert Rate(0, 10, 0).text() == "-"


def test_a_range_whose_ends_read_the_same_is_one_figure_with_the_share() -> None:
    # 1 cramp in 67 of 84 days: 0.083 to 0.104 a week both read 0.1; "0.1-0.1" and "0.0-0.0" look like a glitch
    assert Rate(1, 84, 67).text() == "0.1 (67 of 84 days recorded, 79.8%)"
    assert Rate(0, 28, 11).text() == "0.0 (11 of 28 days recorded, 39%)"
    assert Rate(0, 28, 11, per=1).text(2) == "0.00 (11 of 28 days recorded, 39%)"


def test_stats_json_adds_the_all_days_rate_and_the_share(db_path: Path, clock: FakeClock) -> None:
    with Diary.open(db_path, clock) as diary:
        diary.episodes.add(Episode(datetime(2026, 11, 22, 3, tzinfo=ZONE), "calf", "left"))
    result = CliRunner().invoke(cli, ["--db", str(db_path), "stats", "--weeks", "1", "--format", "json"], obj={"now": clock})
    summary = json.loads(result.output)["summary"]
    assert summary["cramps_per_week"] == 7.0
    assert summary["cramps_per_week_all_days"] == 1.0 and summary["recorded_share"] == 1 / 7
    text = CliRunner().invoke(cli, ["--db", str(db_path), "stats", "--weeks", "1"], obj={"now": clock}).output
    assert "1.0-7.0 (1 of 7 days recorded, 14%)" in text


def _fill(diary: Diary, first: date, last: date, cramp_days: set[date]) -> None:
    day = first
    while day <= last:
        if day in cramp_days:
            diary.episodes.add(Episode(datetime(day.year, day.month, day.day, 3, tzinfo=ZONE), "calf", "left"))
        else:
            diary.checkins.add(day)
        day += timedelta(days=1)


def test_cramps_doubling_after_a_medicine_started_gives_a_note_that_never_says_stop(diary: Diary) -> None:
    start = date(2026, 10, 20)
    _fill(diary, start - timedelta(days=28), start - timedelta(days=1), {date(2026, 10, 1), date(2026, 10, 10)})
    _fill(diary, start, date(2026, 11, 16), {start + timedelta(days=i) for i in (1, 5, 9, 13)})
    diary.changes.add(Change("new pill", "medicine", start))
    (alert,) = [a for a in find_alerts(diary, date(2026, 11, 22)) if a.rule == "rise-after-medicine"]
    assert alert.level == "note"
    assert alert.title == "Cramps rose after starting new pill: ask your healthcare provider; do not stop a medicine on your own."
    assert len(alert.episode_ids) == 4
    assert "95 % interval)" in alert.advice and "between" in alert.advice  # the "more" says how sure it is


def test_no_note_for_a_supplement_or_too_few_cramps(diary: Diary) -> None:
    start = date(2026, 10, 20)
    _fill(diary, start - timedelta(days=28), start - timedelta(days=1), {date(2026, 10, 1)})
    _fill(diary, start, date(2026, 11, 16), {start + timedelta(days=1), start + timedelta(days=2)})
    diary.changes.add(Change("new pill", "medicine", start))
    diary.changes.add(Change("magnesium", "supplement", start))
    assert not [a for a in find_alerts(diary, date(2026, 11, 22)) if a.rule == "rise-after-medicine"]
