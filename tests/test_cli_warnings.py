"""`cramp-diary warnings`: the active warnings as text or JSON, and marking one as discussed."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from click.testing import CliRunner, Result

from cramp_diary.cli import cli
from cramp_diary.model import Episode
from cramp_diary.store import Diary
from conftest import FakeClock


def run(clock: FakeClock, db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *args], obj={"now": clock})


def test_lists_the_urgent_rule_with_the_emergency_line(clock: FakeClock, db_path: Path, diary: Diary) -> None:
    saved = diary.episodes.add(Episode(clock.current - timedelta(days=1), "calf", "left", signs=("swelling",)))
    result = run(clock, db_path, "warnings")
    assert result.exit_code == 0, result.output
    assert "Urgent: " in result.output and "[one-sided-swelling]" in result.output
    assert "call emergency services now" in result.output
    assert "How to Release Leg Cramps" in result.output
    [row] = json.loads(run(clock, db_path, "warnings", "--format", "json").output)
    assert row == {
        "rule": "one-sided-swelling",
        "level": "urgent",
        "title": row["title"],
        "advice": row["advice"],
        "episode_ids": [saved.id],
        "discussed_on": None,
        "new_episodes_since_discussed": None,
    }


def test_discussed_records_the_day_and_json_shows_it(clock: FakeClock, db_path: Path, diary: Diary) -> None:
    diary.episodes.add(Episode(clock.current - timedelta(days=3), "calf", "left", signs=("swelling",)))
    result = run(clock, db_path, "warnings", "--discussed", "one-sided-swelling", "--date", "yesterday")
    assert result.exit_code == 0, result.output
    assert "Marked as discussed on 2026-11-21" in result.output
    [row] = json.loads(run(clock, db_path, "warnings", "--format", "json").output)
    assert row["discussed_on"] == "2026-11-21"
    assert row["new_episodes_since_discussed"] is False
    assert diary.discussed.latest() == {"one-sided-swelling": date(2026, 11, 21)}


def test_json_says_when_a_newer_episode_raised_a_discussed_warning_again(
    clock: FakeClock, db_path: Path, diary: Diary
) -> None:
    """The text said "new episodes since"; the JSON did not say it at all."""
    diary.episodes.add(Episode(clock.current - timedelta(days=3), "calf", "left", signs=("swelling",)))
    run(clock, db_path, "warnings", "--discussed", "one-sided-swelling", "--date", "2 days ago")
    diary.episodes.add(Episode(clock.current - timedelta(hours=2), "calf", "left", signs=("swelling",)))
    [row] = json.loads(run(clock, db_path, "warnings", "--format", "json").output)
    assert row["discussed_on"] == "2026-11-20" and row["new_episodes_since_discussed"] is True
    assert "new episodes since" in run(clock, db_path, "warnings").output


def test_bad_values_name_the_option(clock: FakeClock, db_path: Path, diary: Diary) -> None:
    result = run(clock, db_path, "warnings", "--discussed", "clot")
    assert result.exit_code == 2 and "'--discussed'" in result.output and "one-sided-swelling" in result.output
    result = run(clock, db_path, "warnings", "--discussed", "waking", "--date", "2030-01-01")
    assert result.exit_code == 2 and "'--date'" in result.output
    result = run(clock, db_path, "warnings", "--date", "today2")
    assert result.exit_code == 2 and "--discussed" in result.output
    assert diary.discussed.records() == []


def test_nothing_active_says_so(clock: FakeClock, db_path: Path, diary: Diary) -> None:
    assert "No warning signs right now" in run(clock, db_path, "warnings").output
    assert json.loads(run(clock, db_path, "warnings", "--format", "json").output) == []


def test_reviews_and_the_leg_check_travel_through_json_export(clock: FakeClock, tmp_path: Path, db_path: Path, diary: Diary) -> None:
    diary.episodes.add(Episode(clock.current - timedelta(days=1), "calf", "left", signs=("tenderness",), leg_check="yes"))
    diary.discussed.mark("one-sided-swelling", date(2026, 11, 22))
    out = tmp_path / "out.json"
    assert run(clock, db_path, "export", "--format", "json", "-o", str(out)).exit_code == 0
    document = json.loads(out.read_text())
    assert document["warning_reviews"] == [{"rule": "one-sided-swelling", "discussed_on": "2026-11-22"}]
    assert document["episodes"][0]["leg_check"] == "yes"
    other = tmp_path / "other.db"
    result = run(clock, other, "import", str(out))
    assert result.exit_code == 0 and "1 warning marked as discussed" in result.output
    with Diary.open(other, clock) as copy:
        assert copy.discussed.records() == [("one-sided-swelling", date(2026, 11, 22))]
        assert [e.leg_check for e in copy.episodes.newest_first()] == ["yes"]


def test_an_older_json_without_reviews_and_a_csv_without_leg_check_still_import(clock: FakeClock, tmp_path: Path, db_path: Path) -> None:
    old = tmp_path / "old.json"
    old.write_text(json.dumps({"application": "cramp-diary", "format": 1, "episodes": [
        {"uuid": "8e0f5a4e-3c61-4d0b-9d7e-0f3a5b1c2d3e", "started_at": "2026-11-20T03:10:00+01:00", "muscle": "calf", "side": "left"}
    ]}))
    assert run(clock, db_path, "import", str(old)).exit_code == 0
    csv_file = tmp_path / "old.csv"
    csv_file.write_text("uuid,started_at,muscle,side,signs\n9e0f5a4e-3c61-4d0b-9d7e-0f3a5b1c2d3e,2026-11-20T04:10:00+01:00,calf,left,wasting;cold-foot\n")
    result = run(clock, db_path, "import", str(csv_file))
    assert result.exit_code == 0, result.output
    with Diary.open(db_path, clock) as diary:
        assert sorted(e.signs for e in diary.episodes.newest_first()) == [(), ("wasting", "cold-foot")]


def test_a_bad_review_refuses_the_file(clock: FakeClock, tmp_path: Path, db_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"episodes": [], "warning_reviews": [{"rule": "waking", "discussed_on": "2099-01-01"}]}))
    result = run(clock, db_path, "import", str(bad))
    assert result.exit_code != 0 and "warning review 1" in result.output and "future" in result.output


def test_log_takes_the_new_signs(clock: FakeClock, db_path: Path, diary: Diary) -> None:
    result = run(clock, db_path, "log", "--muscle", "calf", "--side", "left", "--sign", "walking-pain", "--sign", "tenderness")
    assert result.exit_code == 0, result.output
    [episode] = diary.episodes.newest_first()
    assert episode.signs == ("walking-pain", "tenderness")
