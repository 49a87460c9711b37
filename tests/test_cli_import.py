"""`cramp-diary export` and `import`: all or nothing, never duplicated, the newest edit wins."""

from __future__ import annotations

import json
import random
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cramp_diary.cli import cli
from cramp_diary.store import Diary


def run(clock, db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *args], obj={"now": clock})


def log(clock, db: Path, *args: str) -> None:
    result = run(clock, db, "log", "--muscle", "calf", "--side", "left", *args)
    assert result.exit_code == 0, result.output


def export(clock, db: Path, fmt: str = "json") -> str:
    result = run(clock, db, "export", "--format", fmt)
    assert result.exit_code == 0, result.output
    return result.output


def count(db: Path, clock) -> int:
    with Diary.open(db, clock) as diary:
        return diary.episodes.count()


@pytest.fixture
def filled(tmp_path: Path, clock) -> Path:
    """A diary with three rich episodes."""
    db = tmp_path / "home.db"
    log(clock, db, "--at", "-3h", "--duration", "1m30s", "--severity", "6", "--context", "asleep",
        "--trigger", "dehydration", "--trigger", "Long Walk", "--relief", "stretch", "--sign", "swelling",
        "--note", 'woke me, "again"\nsecond line; שלום 🦵')
    log(clock, db, "--at", "-2h", "--muscle", "Peroneus", "--severity", "2")
    log(clock, db, "--at", "-1h", "--side", "both", "--duration", "45")
    return db


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_then_import_gives_back_every_episode_field_for_field(
    filled: Path, tmp_path: Path, clock, fmt: str
) -> None:
    file = tmp_path / f"export.{fmt}"
    assert run(clock, filled, "export", "--format", fmt, "-o", str(file)).exit_code == 0
    other = tmp_path / "other.db"
    result = run(clock, other, "import", str(file))
    assert result.exit_code == 0, result.output
    assert "3 added, 0 updated from a newer edit, 0 already here" in result.output

    def episodes(db: Path) -> list[dict[str, object]]:
        # CSV has no clock stamps: its episodes get one from their updated_at
        return [{**e, "hlc": e["hlc"] if fmt == "json" else ""} for e in json.loads(export(clock, db))["episodes"]]

    assert episodes(other) == episodes(filled)


def test_export_prints_when_no_file_is_given(filled: Path, clock) -> None:
    document = json.loads(export(clock, filled))
    assert len(document["episodes"]) == 3
    assert export(clock, filled, "csv").splitlines()[0].startswith("id,uuid,started_at")


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_exports_written_with_o_are_private(filled: Path, tmp_path: Path, clock, fmt: str) -> None:
    new = tmp_path / "new.out"
    existing = tmp_path / "existing.out"
    existing.write_text("old, world-readable")
    existing.chmod(0o644)
    for target, mode in ((new, 0o600), (existing, 0o644)):  # a file we did not create keeps its own mode
        result = run(clock, filled, "export", "--format", fmt, "-o", str(target))
        assert result.exit_code == 0, result.output
        assert stat.S_IMODE(target.stat().st_mode) == mode
        assert "old" not in target.read_text()


def test_export_onto_the_diary_itself_is_refused(filled: Path, clock) -> None:
    before = filled.read_bytes()
    result = run(clock, filled, "export", "-o", str(filled))
    assert result.exit_code == 1
    assert "diary itself" in result.output
    assert filled.read_bytes() == before
    assert count(filled, clock) == 3


def test_importing_twice_adds_nothing(filled: Path, tmp_path: Path, clock) -> None:
    file = tmp_path / "export.json"
    file.write_text(export(clock, filled))
    other = tmp_path / "other.db"
    assert "3 added" in run(clock, other, "import", str(file)).output
    again = run(clock, other, "import", str(file))
    assert again.exit_code == 0
    assert "0 added, 0 updated from a newer edit, 3 already here" in again.output
    assert count(other, clock) == 3
    assert "3 already here" in run(clock, filled, "import", str(file)).output  # into the source itself
    assert count(filled, clock) == 3


def test_merging_two_machines_loses_nothing(tmp_path: Path, clock) -> None:
    laptop, phone = tmp_path / "laptop.db", tmp_path / "phone.db"
    log(clock, laptop, "--at", "-5h", "--note", "laptop one")
    log(clock, laptop, "--at", "-4h", "--note", "laptop two")
    log(clock, phone, "--at", "-3h", "--note", "phone one")
    (tmp_path / "laptop.json").write_text(export(clock, laptop))
    (tmp_path / "phone.csv").write_text(export(clock, phone, "csv"))
    assert run(clock, laptop, "import", str(tmp_path / "phone.csv")).exit_code == 0
    assert run(clock, phone, "import", str(tmp_path / "laptop.json")).exit_code == 0
    for db in (laptop, phone):
        notes = [e["note"] for e in json.loads(export(clock, db))["episodes"]]
        assert notes == ["laptop one", "laptop two", "phone one"]
    def without_ids(db: Path) -> list[dict[str, object]]:
        return [{k: v for k, v in e.items() if k != "id"} for e in json.loads(export(clock, db))["episodes"]]

    laptop_copy = without_ids(laptop)
    laptop_copy[2]["hlc"] = without_ids(phone)[2]["hlc"]  # phone's episode came by CSV, which has no clock stamps
    assert laptop_copy == without_ids(phone)


def test_where_both_hold_an_episode_the_later_edit_wins(filled: Path, tmp_path: Path, clock) -> None:
    copy = tmp_path / "copy.db"
    original = tmp_path / "original.json"
    original.write_text(export(clock, filled))
    assert run(clock, copy, "import", str(original)).exit_code == 0

    clock.advance(minutes=10)
    assert run(clock, copy, "edit", "1", "--severity", "9").exit_code == 0
    edited = tmp_path / "edited.json"
    edited.write_text(export(clock, copy))

    result = run(clock, filled, "import", str(edited))
    assert "0 added, 1 updated from a newer edit, 2 already here" in result.output
    assert "severity   9/10" in run(clock, filled, "show", "1").output

    # an older copy never overwrites a newer edit
    result = run(clock, filled, "import", str(original))
    assert "0 added, 0 updated from a newer edit, 3 already here" in result.output
    assert "severity   9/10" in run(clock, filled, "show", "1").output


def test_a_bad_third_episode_imports_nothing_and_is_named(filled: Path, tmp_path: Path, clock) -> None:
    document = json.loads(export(clock, filled))
    document["episodes"][2]["severity"] = 12
    file = tmp_path / "bad.json"
    file.write_text(json.dumps(document))
    other = tmp_path / "other.db"
    log(clock, other, "--note", "already here")
    result = run(clock, other, "import", str(file))
    assert result.exit_code == 2
    assert "episode 3" in result.output and "severity" in result.output
    assert "Traceback" not in result.output
    assert count(other, clock) == 1


def test_a_bad_third_csv_row_imports_nothing_and_is_named(filled: Path, tmp_path: Path, clock) -> None:
    text = export(clock, filled, "csv")
    # the first episode's note spans two lines, so find the third record by its uuid, not by line
    third_uuid = json.loads(export(clock, filled))["episodes"][2]["uuid"]
    text = text.replace(f"{third_uuid},", f"{third_uuid[:-1]}x,", 1)
    file = tmp_path / "bad.csv"
    file.write_text(text)
    other = tmp_path / "other.db"
    result = run(clock, other, "import", str(file))
    assert result.exit_code == 2
    assert "episode 3" in result.output and "uuid" in result.output
    assert not other.exists() or count(other, clock) == 0


MALFORMED = {
    "wrong-columns.csv": b"when,what,where\n2026-11-20,calf,left\n",
    "unknown-column.csv": b"uuid,started_at,muscle,side,mood\n",
    "bad-value.csv": (
        b"uuid,started_at,muscle,side,severity\n"
        b"5a0c3c2e-8f5b-4a51-9b7e-2d1f0c7a9e11,2026-11-20T03:10:00+01:00,calf,left,very\n"
    ),
    "truncated.json": b'{"application": "cramp-diary", "episodes": [{"uuid": "5a0c3c2e',
    "nul.json": b'{"episodes": []}\x00\x00',
    "empty.json": b"",
    "not-an-export.json": b'{"users": []}',
}


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_malformed_files_are_refused_with_exit_2_and_nothing_imported(name: str, tmp_path: Path, clock) -> None:
    db = tmp_path / "diary.db"
    log(clock, db)
    file = tmp_path / name
    file.write_bytes(MALFORMED[name])
    result = run(clock, db, "import", str(file))
    assert result.exit_code == 2, result.output
    assert "cannot import" in result.output and "Traceback" not in result.output
    assert count(db, clock) == 1


@pytest.mark.parametrize("kind", ["random-bytes", "printable", "brackets"])
def test_ten_megabytes_of_junk_are_refused(kind: str, tmp_path: Path, clock) -> None:
    size = 10 * 1024 * 1024
    rng = random.Random(kind)
    if kind == "random-bytes":
        data = rng.randbytes(size)
    elif kind == "printable":
        data = bytes(rng.choice(b"abcdefghij,;: ") for _ in range(1000)) * (size // 1000)
    else:
        data = b"[" * size
    file = tmp_path / "junk.bin"
    file.write_bytes(data)
    db = tmp_path / "diary.db"
    result = run(clock, db, "import", str(file))
    assert result.exit_code == 2, result.output[:300]
    assert "cannot import" in result.output
    assert len(result.output) < 500  # one short message, not the junk echoed back
    assert not db.exists() or count(db, clock) == 0


def test_a_missing_file_is_a_usage_error(tmp_path: Path, clock) -> None:
    result = run(clock, tmp_path / "diary.db", "import", str(tmp_path / "nope.json"))
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_an_export_named_csv_is_csv_and_imports_back(clock, tmp_path: Path) -> None:
    # `export -o cramps.csv` wrote JSON into a .csv file, which import (reading by name) then refused
    db, other = tmp_path / "a.db", tmp_path / "b.db"
    log(clock, db, "--note", "named csv")
    target = tmp_path / "cramps.csv"
    assert run(clock, db, "export", "-o", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("id,")
    back = run(clock, other, "import", str(target))
    assert back.exit_code == 0, back.output
    assert "named csv" in run(clock, other, "list", "--format", "json").output


def test_a_format_that_contradicts_the_name_is_refused(clock, tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    log(clock, db)
    target = tmp_path / "cramps.csv"
    result = run(clock, db, "export", "--format", "json", "-o", str(target))
    assert result.exit_code == 2 and "'--format'" in result.output and "cramps.csv" in result.output
    assert not target.exists()
