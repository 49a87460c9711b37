"""Import refusals a person can act on: which episode (place, id, time), and the format the name says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cramp_diary.cli import cli
from cramp_diary.exchange import ImportRefused, export_csv, read_export
from conftest import NOW, FakeClock

UUID = "5a0c3c2e-8f5b-4a51-9b7e-2d1f0c7a9e1{}"


def row(n: int, **changes: object) -> dict[str, object]:
    return {"id": n + 3, "uuid": UUID.format(n), "started_at": f"2026-11-{18 + n}T03:10:00+01:00",
            "muscle": "calf", "side": "left", **changes}


def run(clock: FakeClock, db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *args], obj={"now": clock})


def test_a_bad_episode_is_named_by_place_id_and_time(clock: FakeClock, db_path: Path, tmp_path: Path) -> None:
    file = tmp_path / "cramps.json"
    file.write_text(json.dumps({"episodes": [row(0), row(1), row(2, severity=12)]}))
    result = run(clock, db_path, "import", str(file))
    assert result.exit_code == 2
    assert "episode 3 in the file (id 5, 2026-11-20 03:10): severity: must be" in result.output


def test_a_bad_csv_row_is_named_the_same_way(clock: FakeClock, db_path: Path, tmp_path: Path) -> None:
    file = tmp_path / "cramps.csv"
    header = "id,uuid,started_at,muscle,side,severity\n"
    file.write_text(header + "5," + UUID.format(0) + ",2026-11-20T03:10:00+01:00,calf,up,\n")
    result = run(clock, db_path, "import", str(file))
    assert result.exit_code == 2
    assert "episode 1 in the file (id 5, 2026-11-20 03:10): side: " in result.output


@pytest.mark.parametrize(
    ("changes", "where"),
    [
        ({"id": None}, "episode 3 in the file (2026-11-20 03:10): "),
        ({"id": "x"}, "episode 3 in the file (2026-11-20 03:10): "),
        ({"id": 0}, "episode 3 in the file (2026-11-20 03:10): "),
        ({"id": 10**30}, "episode 3 in the file (2026-11-20 03:10): "),
        ({"started_at": "soon"}, "episode 3 in the file (id 5): started_at: "),
        ({"id": None, "started_at": "2026-11-20T03:10"}, "episode 3 in the file: started_at: "),
    ],
)
def test_only_a_valid_id_and_time_are_quoted(changes: dict[str, object], where: str) -> None:
    bad = row(2, severity=12, **changes)
    with pytest.raises(ImportRefused) as caught:
        read_export(json.dumps({"episodes": [row(0), row(1), bad]}).encode(), NOW)
    assert str(caught.value).startswith(where), str(caught.value)


def test_a_json_file_that_is_not_json_is_reported_as_broken_json(
    clock: FakeClock, db_path: Path, tmp_path: Path
) -> None:
    file = tmp_path / "cramps.json"
    file.write_text("this is not JSON, nor CSV\n")
    result = run(clock, db_path, "import", str(file))
    assert result.exit_code == 2
    assert "not valid JSON" in result.output and "CSV header" not in result.output


def test_a_csv_export_named_json_says_so() -> None:
    text = export_csv([])
    with pytest.raises(ImportRefused, match="not valid JSON.*looks like a CSV export"):
        read_export(text.encode(), NOW, name="cramps.JSON")


def test_a_json_export_named_csv_says_so() -> None:
    with pytest.raises(ImportRefused, match="not valid CSV: it starts like JSON"):
        read_export(json.dumps({"episodes": [row(0)]}).encode(), NOW, name="cramps.csv")


@pytest.mark.parametrize("name", [None, "cramps.txt", "cramps", "export.bak"])
def test_other_names_are_judged_by_their_text(name: str | None) -> None:
    assert len(read_export(json.dumps([row(0)]).encode(), NOW, name=name).episodes) == 1
    text = "uuid,started_at,muscle,side\n" + UUID.format(1) + ",2026-11-19T03:10:00+01:00,calf,left\n"
    assert len(read_export(text.encode(), NOW, name=name).episodes) == 1


def test_numbers_too_long_are_refused_without_a_python_class_name() -> None:
    with pytest.raises(ImportRefused) as caught:
        read_export(b'{"episodes": [' + b"1" * 5000 + b"]}", NOW, name="x.json")
    assert "Error" not in str(caught.value) and "not a cramp-diary export" in str(caught.value)
