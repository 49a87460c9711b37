"""JSON exports carry the "no cramps" check-ins, so merging two machines keeps the cramp-free days."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cramp_diary.cli import cli
from cramp_diary.exchange import ImportRefused, export_json, read_export
from cramp_diary.model import Episode, InvalidField
from cramp_diary.store import Diary, MergeResult
from conftest import NOW, ZONE, FakeClock


def run(clock: FakeClock, db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *args], obj={"now": clock})


def ok(clock: FakeClock, db: Path, *args: str) -> str:
    result = run(clock, db, *args)
    assert result.exit_code == 0, result.output
    return result.output


def checkins(db: Path, clock: FakeClock) -> list[date]:
    with Diary.open(db, clock) as diary:
        return diary.checkins.all_days()


# -- the file --------------------------------------------------------------------


def test_json_export_lists_the_check_in_days_sorted_and_once() -> None:
    document = json.loads(export_json([], [date(2026, 11, 20), date(2026, 11, 2), date(2026, 11, 20)]))
    assert [c["day"] for c in document["checkins"]] == ["2026-11-02", "2026-11-20"]
    assert json.loads(export_json([]))["checkins"] == []


def test_check_ins_are_read_back() -> None:
    data = json.dumps({"episodes": [], "checkins": ["2026-11-20", "2026-11-02", "2026-11-20"]}).encode()
    assert [c.day for c in read_export(data, NOW).checkins] == [date(2026, 11, 2), date(2026, 11, 20)]


def test_files_without_check_ins_have_none() -> None:
    assert read_export(b'{"episodes": []}', NOW).checkins == []
    assert read_export(b"[]", NOW).checkins == []
    assert read_export(b"uuid,started_at,muscle,side\n", NOW).checkins == []


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("2099-01-01", "check-in 2 in the file (2099-01-01): must not be in the future"),
        # tomorrow is "today" somewhere further east (a day of slack); the day after is not
        ("2026-11-24", "check-in 2 in the file (2026-11-24): must not be in the future"),
        ("1899-12-31", "must be after the year 1900"),
        ("2026-02-30", "check-in 2 in the file: 2026-02-30 is not a day of the calendar"),
        ("20261120", "check-in 2 in the file: must be a day written like 2026-11-20 (got '20261120')"),
        ("2026-11-20T03:10", "must be a day written like 2026-11-20"),
        ("２０２６-11-20", "must be a day written like 2026-11-20"),
        (20261120, "(got 20261120)"),
        (None, "(got None)"),
        ("\x1b[2J", r"(got '\x1b[2J')"),
    ],
)
def test_a_bad_check_in_is_refused_by_its_place(value: object, words: str) -> None:
    data = json.dumps({"episodes": [], "checkins": ["2026-11-01", value]}).encode()
    with pytest.raises(ImportRefused) as caught:
        read_export(data, NOW)
    assert words in str(caught.value)
    assert "\x1b" not in str(caught.value)


def test_check_ins_that_are_not_a_list_are_refused() -> None:
    with pytest.raises(ImportRefused, match="checkins: must be a list of days"):
        read_export(b'{"episodes": [], "checkins": "2026-11-20"}', NOW)


# -- the store -------------------------------------------------------------------


def test_merge_adds_check_ins_once_and_skips_days_with_a_cramp(diary: Diary, clock: FakeClock) -> None:
    cramp = Episode(datetime(2026, 11, 20, 3, 10, tzinfo=ZONE), "calf", "left")
    diary.checkins.add(date(2026, 11, 1))
    result = diary.merge([cramp], checkins=[date(2026, 11, 1), date(2026, 11, 2), date(2026, 11, 20)])
    assert result == MergeResult(added=1, checkins_added=1, checkins_present=1, checkins_skipped=1)
    assert diary.checkins.all_days() == [date(2026, 11, 1), date(2026, 11, 2)]
    again = diary.merge([cramp], checkins=[date(2026, 11, 1), date(2026, 11, 2), date(2026, 11, 20)])
    assert again == MergeResult(unchanged=1, checkins_present=2, checkins_skipped=1)


def test_merge_of_episodes_and_check_ins_is_one_transaction(diary: Diary, clock: FakeClock) -> None:
    good = Episode(clock() - timedelta(days=2), "calf", "left")
    with pytest.raises(InvalidField):
        diary.merge([good], checkins=[date(2026, 11, 1), clock().date() + timedelta(days=2)])  # one day of slack for zones further east
    assert diary.episodes.count() == 0 and diary.checkins.all_days() == []
    bad = Episode(clock(), "calf", "left", severity=11)
    with pytest.raises(InvalidField):
        diary.merge([bad], checkins=[date(2026, 11, 1)])
    assert diary.checkins.all_days() == []
    assert not diary.db.conn.in_transaction


# -- the commands ----------------------------------------------------------------


def test_merging_two_machines_keeps_every_cramp_free_day(tmp_path: Path, clock: FakeClock) -> None:
    laptop, phone = tmp_path / "laptop.db", tmp_path / "phone.db"
    ok(clock, laptop, "log", "--muscle", "calf", "--side", "left", "--at", "2026-11-20 03:10")
    ok(clock, laptop, "checkin", "--none", "--date", "2026-11-18")
    ok(clock, laptop, "checkin", "--none", "--date", "2026-11-19")
    ok(clock, phone, "checkin", "--none", "--date", "2026-11-21")
    ok(clock, phone, "checkin", "--none", "--date", "2026-11-20")  # the phone did not know of the cramp
    ok(clock, laptop, "export", "-o", str(tmp_path / "laptop.json"))
    ok(clock, phone, "export", "-o", str(tmp_path / "phone.json"))

    out = ok(clock, laptop, "import", str(tmp_path / "phone.json"))
    assert out == (
        f"Imported {tmp_path / 'phone.json'}: 0 added, 0 updated from a newer edit, 0 already here; "
        "1 check-in added, 0 already here, 1 left out because the diary has a cramp that day.\n"
    )
    out = ok(clock, phone, "import", str(tmp_path / "laptop.json"))
    assert "1 added, 0 updated from a newer edit, 0 already here; 2 check-ins added, 0 already here." in out
    assert checkins(laptop, clock) == [date(2026, 11, 18), date(2026, 11, 19), date(2026, 11, 21)]
    assert checkins(phone, clock)[:2] == [date(2026, 11, 18), date(2026, 11, 19)]

    again = ok(clock, laptop, "import", str(tmp_path / "phone.json"))
    assert "0 check-ins added, 1 already here, 1 left out" in again
    assert checkins(laptop, clock) == [date(2026, 11, 18), date(2026, 11, 19), date(2026, 11, 21)]


def test_a_bad_check_in_imports_nothing_at_all(tmp_path: Path, clock: FakeClock) -> None:
    source, target = tmp_path / "source.db", tmp_path / "target.db"
    ok(clock, source, "log", "--muscle", "calf", "--side", "left", "--at", "-1h")
    document = json.loads(ok(clock, source, "export"))
    document["checkins"] = ["2026-11-01", "2026-11-31"]
    file = tmp_path / "bad.json"
    file.write_text(json.dumps(document))
    result = run(clock, target, "import", str(file))
    assert result.exit_code == 2
    assert "cannot import: check-in 2 in the file: 2026-11-31 is not a day of the calendar" in result.output
    assert not target.exists() or checkins(target, clock) == []


def test_csv_export_holds_episodes_only_and_says_so(tmp_path: Path, clock: FakeClock) -> None:
    db = tmp_path / "diary.db"
    ok(clock, db, "checkin", "--none", "--date", "2026-11-18")
    result = run(clock, db, "export", "--format", "csv", "-o", str(tmp_path / "x.csv"))
    assert result.exit_code == 0
    assert "CSV holds finished episodes only: use --format json to keep your 1 check-in too" in result.output
    assert "2026-11-18" not in (tmp_path / "x.csv").read_text()
    result = run(clock, db, "export", "-o", str(tmp_path / "x.json"))
    assert f"Exported 0 episodes, 1 check-in, 0 routine sessions and 0 deletion records to {tmp_path / 'x.json'}" in result.output


def test_an_import_without_check_ins_keeps_the_old_summary(tmp_path: Path, clock: FakeClock) -> None:
    file = tmp_path / "old.json"
    file.write_text('{"episodes": []}')
    out = ok(clock, tmp_path / "diary.db", "import", str(file))
    assert out == f"Imported {file}: 0 added, 0 updated from a newer edit, 0 already here.\n"
