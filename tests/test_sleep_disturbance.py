"""Sleep disturbance 0-10 (issue 23): logged, validated, exported, imported, and summed up per night and window."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from cramp_diary import stats
from cramp_diary.cli import cli
from cramp_diary.model import Episode, InvalidField, validate
from cramp_diary.records import episode_from_record, episode_to_record
from cramp_diary.store import Diary
from tests.conftest import NOW, ZONE, FakeClock


def run(db: Path, clock: FakeClock, *args: str):
    return CliRunner().invoke(cli, ["--db", str(db), *args], obj={"now": clock})


def night(day: int, hour: int = 3, sleep: int | None = None, context: str = "asleep") -> Episode:
    return Episode(datetime(2026, 11, day, hour, tzinfo=ZONE), "calf", "left", context=context, sleep_disturbance=sleep)


def test_log_sleep_is_saved_shown_and_in_json(db_path: Path, clock: FakeClock) -> None:
    shown = run(db_path, clock, "log", "--muscle", "calf", "--side", "left", "--at", "03:10", "--sleep", "6")
    assert shown.exit_code == 0, shown.output
    assert "sleep      disturbed 6/10" in shown.output
    saved = json.loads(run(db_path, clock, "list", "--format", "json").output)
    assert saved[0]["sleep_disturbance"] == 6


@pytest.mark.parametrize("bad", ["11", "-1", "lots", "5.5"])
def test_a_bad_sleep_value_names_the_option_and_saves_nothing(db_path: Path, clock: FakeClock, bad: str) -> None:
    result = run(db_path, clock, "log", "--muscle", "calf", "--side", "left", "--sleep", bad)
    assert result.exit_code == 2 and "'--sleep'" in result.output and "0 to 10" in result.output
    with Diary.open(db_path, clock) as diary:
        assert diary.episodes.count() == 0


@settings(max_examples=60, deadline=None)
@given(value=st.one_of(st.none(), st.integers(-5, 15)))
def test_validation_and_the_record_round_trip(value: int | None) -> None:
    episode = night(20, sleep=value)
    if value is not None and not 0 <= value <= 10:
        with pytest.raises(InvalidField) as raised:
            validate(episode, NOW)
        assert raised.value.field == "sleep_disturbance"
        return
    checked = validate(episode, NOW)
    record = episode_to_record(checked)
    assert record["sleep_disturbance"] == value
    assert episode_from_record({**record, "sleep_disturbance": "" if value is None else str(value)}).sleep_disturbance == value


def test_an_older_export_without_the_column_still_imports() -> None:
    record = episode_to_record(validate(night(20, sleep=4), NOW))
    del record["sleep_disturbance"]
    assert episode_from_record(record).sleep_disturbance is None


def test_export_then_import_keeps_sleep(tmp_path: Path, clock: FakeClock) -> None:
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    with Diary.open(first, clock) as diary:
        diary.episodes.add(night(20, sleep=7))
    out = tmp_path / "out.json"
    assert run(first, clock, "export", "-o", str(out)).exit_code == 0
    assert run(second, clock, "import", str(out)).exit_code == 0
    with Diary.open(second, clock) as diary:
        assert [e.sleep_disturbance for e in diary.episodes.newest_first()] == [7]


def test_a_night_is_its_highest_figure_and_unrated_nights_are_left_out(diary: Diary) -> None:
    diary.episodes.add(night(18, 2, sleep=3))
    diary.episodes.add(night(18, 4, sleep=8))  # the same night, worse later: the night counts 8
    diary.episodes.add(night(19, 3, sleep=None))  # not rated: not counted as a good night
    diary.episodes.add(night(20, 3, sleep=1))
    figures = stats.sleep(diary, date(2026, 11, 16), date(2026, 11, 22))
    assert (figures.nights, figures.mean, figures.worst) == (2, 4.5, 8)
    assert figures.text() == "4.5 mean, 8 worst (2 nights rated)"
    assert stats.sleep(diary, date(2026, 11, 1), date(2026, 11, 7)).text() == "-"


def test_stats_text_and_json_show_sleep(db_path: Path, clock: FakeClock) -> None:
    with Diary.open(db_path, clock) as diary:
        diary.episodes.add(night(20, sleep=5))
    text = run(db_path, clock, "stats", "--weeks", "1", "--color", "never").output
    assert "Sleep disturbed (0-10)  5.0 mean, 5 worst (1 night rated)" in text
    summary = json.loads(run(db_path, clock, "stats", "--weeks", "1", "--format", "json").output)["summary"]
    assert summary["sleep_disturbance"] == {"nights_rated": 1, "mean": 5.0, "worst": 5}


def test_checkin_none_sleep_is_kept_counted_and_a_later_figure_replaces_it(db_path: Path, clock: FakeClock) -> None:
    first = run(db_path, clock, "checkin", "--none", "--date", "2026-11-20", "--sleep", "2")
    assert first.output == "Recorded Fri 2026-11-20 as cramp-free, sleep disturbed 2 of 10.\n"
    again = run(db_path, clock, "checkin", "--none", "--date", "2026-11-20", "--sleep", "4")
    assert again.output == "Fri 2026-11-20 was already recorded as cramp-free; noted sleep disturbed 4 of 10.\n"
    with Diary.open(db_path, clock) as diary:
        assert stats.sleep(diary, date(2026, 11, 20), date(2026, 11, 20)).mean == 4.0
        assert [r.sleep_disturbance for r in diary.checkins.records()] == [4]


def test_checkin_sleep_refuses_what_it_cannot_mean(db_path: Path, clock: FakeClock) -> None:
    bad = run(db_path, clock, "checkin", "--none", "--sleep", "12")
    assert bad.exit_code == 2 and "'--sleep'" in bad.output
    mixed = run(db_path, clock, "checkin", "--undo", "--sleep", "2")
    assert mixed.exit_code == 2 and "--sleep goes with --none" in mixed.output
    with Diary.open(db_path, clock) as diary:
        assert diary.checkins.all_days() == []


def test_a_checkins_sleep_travels_through_export_import_and_the_newer_stamp_wins(tmp_path: Path) -> None:
    clock = FakeClock(NOW)
    here, there = tmp_path / "here.db", tmp_path / "there.db"
    out = tmp_path / "out.json"
    run(here, clock, "checkin", "--none", "--date", "2026-11-20", "--sleep", "1")
    run(here, clock, "export", "-o", str(out))
    assert run(there, clock, "import", str(out)).exit_code == 0
    clock.advance(minutes=5)
    run(here, clock, "checkin", "--none", "--date", "2026-11-20", "--sleep", "6")  # rated again later, here
    later = tmp_path / "later.json"
    run(here, clock, "export", "-o", str(later))
    assert run(there, clock, "import", str(later)).exit_code == 0
    with Diary.open(there, clock) as diary:
        assert [(r.day, r.sleep_disturbance) for r in diary.checkins.records()] == [(date(2026, 11, 20), 6)]


def test_an_import_with_a_bad_checkin_sleep_is_refused_whole(tmp_path: Path, clock: FakeClock) -> None:
    source = tmp_path / "bad.json"
    source.write_text(json.dumps({"format": 2, "episodes": [], "checkins": [{"day": "2026-11-20", "hlc": "", "sleep_disturbance": 11}]}))
    result = run(tmp_path / "d.db", clock, "import", str(source))
    assert result.exit_code != 0 and "sleep_disturbance" in result.output
