"""`export` and `report` over chosen days (`--from DAY --to DAY`), and CSV a spreadsheet opens cleanly (issue 25)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cramp_diary.cli import cli
from cramp_diary.model import Episode
from cramp_diary.store import Diary

from conftest import ZONE, FakeClock

#: Episodes on these local days; the first at 00:30 in Berlin, still October 31 in UTC: the local day decides.
DAYS = (date(2026, 11, 1), date(2026, 11, 5), date(2026, 11, 10), date(2026, 11, 15))


@pytest.fixture
def filled(db_path: Path, clock: FakeClock) -> Path:
    with Diary.open(db_path, clock) as diary:
        for n, day in enumerate(DAYS):
            diary.episodes.add(
                Episode(
                    started_at=datetime(day.year, day.month, day.day, 23, 30, tzinfo=ZONE) if n else
                    datetime(day.year, day.month, day.day, 0, 30, tzinfo=ZONE),
                    muscle="other", muscle_other="Wade (Müller) ñ", side="left", note=f"Tag {n}: Übung, 東京",
                )
            )
        diary.checkins.add(date(2026, 11, 6))
        diary.checkins.add(date(2026, 11, 20))
        gone = diary.episodes.add(Episode(started_at=datetime(2026, 11, 7, 3, 0, tzinfo=ZONE), muscle="calf", side="left"))
        diary.episodes.delete(gone.id)
    return db_path


def run(clock: FakeClock, db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *args], obj={"now": clock})


def test_csv_export_keeps_the_local_days_asked_for_both_ends_included(filled: Path, clock: FakeClock) -> None:
    result = run(clock, filled, "export", "--format", "csv", "--from", "2026-11-01", "--to", "2026-11-10")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["started_at"][:10] for row in rows] == ["2026-11-01", "2026-11-05", "2026-11-10"]


def test_from_alone_runs_to_today_and_to_alone_from_the_start(filled: Path, clock: FakeClock) -> None:
    later = run(clock, filled, "export", "--format", "csv", "--from", "2026-11-06")
    assert [row["started_at"][:10] for row in csv.DictReader(io.StringIO(later.stdout))] == ["2026-11-10", "2026-11-15"]
    earlier = run(clock, filled, "export", "--format", "csv", "--to", "2026-11-04")
    assert [row["started_at"][:10] for row in csv.DictReader(io.StringIO(earlier.stdout))] == ["2026-11-01"]
    clock.current = datetime(2026, 11, 16, 12, 0, tzinfo=ZONE)
    words = run(clock, filled, "export", "--format", "csv", "--from", "yesterday", "--to", "today")
    assert [row["started_at"][:10] for row in csv.DictReader(io.StringIO(words.stdout))] == ["2026-11-15"]
    week = run(clock, filled, "export", "--format", "csv", "--from", "a week ago", "--to", "2 days ago")  # parse_day's words
    assert [row["started_at"][:10] for row in csv.DictReader(io.StringIO(week.stdout))] == ["2026-11-10"]


def test_a_json_range_holds_its_days_and_no_deletion_records(filled: Path, clock: FakeClock, tmp_path: Path) -> None:
    target = tmp_path / "part.json"
    result = run(clock, filled, "export", "--from", "2026-11-05", "--to", "2026-11-10", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert "from 2026-11-05 to 2026-11-10" in result.output and "deletion records stay out of a range" in result.output
    data = json.loads(target.read_text(encoding="utf-8"))
    assert [e["started_at"][:10] for e in data["episodes"]] == ["2026-11-05", "2026-11-10"]
    assert [c["day"] for c in data["checkins"]] == ["2026-11-06"]
    assert data["tombstones"] == []
    whole = json.loads(run(clock, filled, "export").stdout)
    assert len(whole["tombstones"]) == 1  # without a range, the export stays complete
    other = tmp_path / "other.db"
    assert run(clock, other, "import", str(target)).exit_code == 0
    with Diary.open(other, clock) as diary:
        assert diary.episodes.count() == 2


def test_excel_csv_has_a_byte_order_mark_and_crlf_and_imports_back(filled: Path, clock: FakeClock, tmp_path: Path) -> None:
    target = tmp_path / "cramps.csv"
    assert run(clock, filled, "export", "--format", "csv", "--excel", "-o", str(target)).exit_code == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid,uuid,")
    assert raw.count(b"\r\n") == raw.count(b"\n") == 5  # the header and four episodes, every line CRLF
    text = raw.decode("utf-8-sig")
    assert "Wade (Müller) ñ" in text and "Übung, 東京" in text  # accents and non-Latin text intact
    plain = run(clock, filled, "export", "--format", "csv").stdout_bytes
    assert not plain.startswith(b"\xef\xbb\xbf") and b"\r\n" not in plain  # without --excel, as before
    other = tmp_path / "other.db"
    assert run(clock, other, "import", str(target)).exit_code == 0
    with Diary.open(other, clock) as diary, Diary.open(filled, clock) as first:
        assert [(e.uuid, e.note, e.muscle_other) for e in diary.episodes.iter_all()] == [
            (e.uuid, e.note, e.muscle_other) for e in first.episodes.iter_all()
        ]


def test_excel_goes_with_csv_only(filled: Path, clock: FakeClock) -> None:
    result = run(clock, filled, "export", "--excel")
    assert result.exit_code == 2 and "--excel goes with --format csv" in result.output


@pytest.mark.parametrize("command", [["export"], ["report"]])
@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--from", "11/01/2026"], ["'--from'", "today, yesterday, 3 days ago", "'11/01/2026'"]),
        (["--to", "2027-01-01"], ["'--to'", "must not be in the future"]),
        (["--from", "2026-11-10", "--to", "2026-11-01"], ["'--from'", "on or before --to"]),
        (["--from", "2026-02-30"], ["'--from'"]),
    ],
)
def test_bad_days_are_refused_by_name(
    filled: Path, clock: FakeClock, command: list[str], args: list[str], words: list[str]
) -> None:
    result = run(clock, filled, *command, *args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    for word in words:
        assert word in result.output


def test_report_over_chosen_days(filled: Path, clock: FakeClock, tmp_path: Path) -> None:
    result = run(clock, filled, "report", "--from", "2026-11-05", "--to", "2026-11-10")
    assert result.exit_code == 0, result.output
    assert "**Period:** 2026-11-05 to 2026-11-10 (the days chosen, 6 days)" in result.stdout
    assert "Tag 1" in result.stdout and "Tag 2" in result.stdout
    assert "Tag 0" not in result.stdout and "Tag 3" not in result.stdout
    target = tmp_path / "r.html"
    saved = run(clock, filled, "report", "--from", "2026-11-05", "-o", str(target))
    assert saved.exit_code == 0 and "for 2026-11-05 to 2026-11-22" in saved.output
    assert "the days chosen" in target.read_text(encoding="utf-8")


def test_report_takes_weeks_or_a_range_not_both(filled: Path, clock: FakeClock) -> None:
    result = run(clock, filled, "report", "--weeks", "4", "--from", "2026-11-05")
    assert result.exit_code == 2 and "not both" in result.output
    assert run(clock, filled, "report", "--weeks", "4").exit_code == 0


def test_report_to_alone_starts_at_the_first_record(filled: Path, clock: FakeClock) -> None:
    result = run(clock, filled, "report", "--to", "2026-11-05")
    assert "**Period:** 2026-11-01 to 2026-11-05 (the days chosen, 5 days)" in result.stdout
