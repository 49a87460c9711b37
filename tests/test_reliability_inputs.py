"""Hostile inputs from issue 10: odd files, time zones and encodings give a clear message, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import given
from hypothesis import strategies as st

from cramp_diary.cli import cli
from cramp_diary.exchange import ImportRefused, export_csv, export_json, read_export
from cramp_diary.model import Episode
from cramp_diary.records import parse_int
from cramp_diary.model import InvalidField
from cramp_diary.routines import builtin_routines, load_routines
from cramp_diary.store import Diary
from conftest import NOW, FakeClock

UUID = "5a0c3c2e-8f5b-4a51-9b7e-2d1f0c7a9e1{}"
HEADER = "id,uuid,started_at,muscle,side,signs,note\n"


def run(clock: FakeClock, db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *args], obj={"now": clock})


def cramp_diary(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cramp_diary", *args],
        capture_output=True, text=True, timeout=60, env={**os.environ, **env}, encoding="utf-8", errors="replace",
    )


# -- CSV: an unterminated quote, CRLF inside a quoted note (items 5 and 20) -------------------------


def test_an_unterminated_quote_is_refused_naming_the_row_it_began_on(clock: FakeClock, db_path: Path, tmp_path: Path) -> None:
    file = tmp_path / "cramps.csv"
    file.write_text(
        HEADER
        + f'1,{UUID.format(1)},2026-11-20T03:10:00+01:00,calf,left,,"he said ""ouch"" ,,\n'
        + f"2,{UUID.format(2)},2026-11-21T03:10:00+01:00,calf,left,swelling,\n"
        + f"3,{UUID.format(3)},2026-11-22T03:10:00+01:00,foot,right,,\n"
    )
    result = run(clock, db_path, "import", str(file))
    assert result.exit_code == 2, result.output
    assert "episode 1 in the file (line 2)" in result.output
    assert "never closed" in result.output
    with Diary.open(db_path, clock) as diary:
        assert diary.episodes.count() == 0


def test_crlf_line_ends_with_a_multi_line_note_are_read(clock: FakeClock) -> None:
    text = HEADER + f'1,{UUID.format(1)},2026-11-20T03:10:00+01:00,calf,left,,"first line\r\nsecond line"\r\n'
    data = read_export(text.replace("\n", "\r\n").replace("\r\r\n", "\r\n").encode(), NOW, "x.csv")
    assert data.episodes[0].note == "first line\nsecond line"


# -- import messages (item 20) --------------------------------------------------------------------


def test_json_with_trailing_text_is_called_invalid_json_with_its_position() -> None:
    document = export_json([Episode(muscle="calf", side="left", started_at=NOW - timedelta(days=1))])
    one_line = json.dumps(json.loads(document)) + " trailing"
    with pytest.raises(ImportRefused) as refused:
        read_export(one_line.encode(), NOW, "x.json")
    message = str(refused.value)
    assert "not valid JSON" in message and "column" in message
    assert "CSV" not in message


@pytest.mark.parametrize("value", ["5_0", "٥", " +5", "1_0"])
def test_a_number_with_underscores_or_other_digits_is_refused_as_written(value: str) -> None:
    with pytest.raises(InvalidField) as refused:
        parse_int("severity", value)
    assert repr(value) in refused.value.rule


@given(st.integers(min_value=-(10**6), max_value=10**6))
def test_plain_whole_numbers_still_read(number: int) -> None:
    assert parse_int("severity", str(number)) == number
    assert parse_int("severity", f" {number} ") == number


def test_severity_5_0_is_reported_as_written(clock: FakeClock, db_path: Path, tmp_path: Path) -> None:
    file = tmp_path / "cramps.json"
    record = {"uuid": UUID.format(1), "started_at": "2026-11-20T03:10:00+01:00", "muscle": "calf", "side": "left",
              "severity": "5_0"}
    file.write_text(json.dumps({"episodes": [record]}))
    result = run(clock, db_path, "import", str(file))
    assert result.exit_code == 2
    assert "'5_0'" in result.output and "50" not in result.output.replace("5_0", "")


def test_todays_check_in_from_a_zone_further_east_is_accepted() -> None:
    tomorrow_here = (NOW + timedelta(days=1)).date()  # already "today" in Auckland
    document = json.dumps({"episodes": [], "checkins": [tomorrow_here.isoformat()]})
    assert [c.day for c in read_export(document.encode(), NOW, "x.json").checkins] == [tomorrow_here]
    too_far = json.dumps({"episodes": [], "checkins": [(NOW + timedelta(days=2)).date().isoformat()]})
    with pytest.raises(ImportRefused, match="future"):
        read_export(too_far.encode(), NOW, "x.json")


def test_an_export_still_round_trips_through_csv() -> None:
    episode = Episode(muscle="calf", side="left", started_at=NOW - timedelta(days=1), note="a\nb", severity=5)
    back = read_export(export_csv([episode]).encode(), NOW, "x.csv").episodes[0]
    assert (back.note, back.severity) == ("a\nb", 5)


# -- list --since (item 21) -----------------------------------------------------------------------


def test_list_since_now_on_a_diary_with_episodes_says_none_match(clock: FakeClock, db_path: Path) -> None:
    assert run(clock, db_path, "log", "--muscle", "calf", "--side", "left", "--at", "-1h").exit_code == 0
    result = run(clock, db_path, "list", "--since", "now")
    assert result.exit_code == 0
    assert "No episodes match" in result.output
    assert "No episodes yet" not in result.output


# -- routines.toml (items 11 and 22) --------------------------------------------------------------


def test_a_routines_file_with_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    (tmp_path / "routines.toml").write_bytes("\ufeff[routines.calf]\nhold_seconds = 45\n".encode())
    routines, warnings = load_routines(tmp_path)
    assert warnings == []
    assert [s.seconds for s in routines["calf"].steps if s.kind == "hold"] == [45, 45]


def test_a_deeply_nested_routines_file_is_reported_and_the_builtins_used(tmp_path: Path) -> None:
    (tmp_path / "routines.toml").write_text("x = " + "[" * 100_000 + "]" * 100_000 + "\n")
    routines, warnings = load_routines(tmp_path)
    assert len(warnings) == 1 and "nested too deep" in warnings[0] and "built-in" in warnings[0]
    assert routines["calf"] == builtin_routines()["calf"]


# -- time zones and years (items 8 and 12) --------------------------------------------------------


def test_an_offset_of_24_hours_falls_back_to_utc_with_one_warning(tmp_path: Path) -> None:
    db = str(tmp_path / "d.db")
    assert cramp_diary("--db", db, "log", "--muscle", "calf", "--side", "left", TZ="UTC").returncode == 0
    result = cramp_diary("--db", db, "stats", TZ="FOO-24:59")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.count("using UTC") == 1


@pytest.mark.parametrize("at", ["0001-01-01 00:00", "9999-12-31 23:59"])
@pytest.mark.parametrize("zone", ["Europe/Berlin", "America/New_York"])
def test_the_first_and_last_years_give_a_range_error_naming_the_field(tmp_path: Path, at: str, zone: str) -> None:
    db = str(tmp_path / "d.db")
    result = cramp_diary("--db", db, "log", "--muscle", "calf", "--side", "left", "--at", at, TZ=zone)
    assert result.returncode == 2, result.stderr
    assert "--at" in result.stderr and "Traceback" not in result.stderr
    listed = cramp_diary("--db", db, "list", "--since", at, TZ=zone)
    assert listed.returncode == 2, listed.stderr
    assert "--since" in listed.stderr and "Traceback" not in listed.stderr


# -- an output that is not UTF-8 (item 9) ---------------------------------------------------------


def test_a_latin1_stdout_degrades_and_never_reports_a_saved_episode_as_failed(tmp_path: Path) -> None:
    db = str(tmp_path / "d.db")
    latin = {"PYTHONIOENCODING": "latin-1", "TZ": "UTC"}
    logged = cramp_diary("--db", db, "log", "--muscle", "calf", "--side", "left", "--note", "痛", **latin)
    assert logged.returncode == 0, logged.stderr
    assert "Saved episode 1" in logged.stdout
    for args in (["list"], ["stats"], ["report"], ["show", "1"]):
        result = cramp_diary("--db", db, *args, **latin)
        assert result.returncode == 0, (args, result.stderr)
        assert "Traceback" not in result.stderr
    listed = cramp_diary("--db", db, "list", **latin)
    assert listed.stdout.count("\n") >= 2
    with Diary.open(Path(db), FakeClock()) as diary:
        assert diary.episodes.count() == 1  # saved once, and said so
