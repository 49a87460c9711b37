"""The medicines list is a synced kind: saved, edited, deleted with undo, exported, imported and synced."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from cramp_diary.cli import cli
from cramp_diary.exchange import ImportRefused, read_export
from cramp_diary.exchange.writing import write_diary_json
from cramp_diary.medicines import Medicine
from cramp_diary.model import InvalidField
from cramp_diary.store import Diary
from cramp_diary.sync import sync
from conftest import FakeClock


class Clock:
    def __init__(self) -> None:
        self.moment = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        self.moment += timedelta(seconds=1)
        return self.moment


def names(diary: Diary) -> list[str]:
    return [medicine.name for medicine in diary.medicines.all()]


def test_add_edit_delete_and_undo(diary: Diary) -> None:
    pill = diary.medicines.add(Medicine("Bendroflumethiazide", "diuretic"))
    statin = diary.medicines.add(Medicine("Atorvastatin", "statin", date(2026, 9, 1)))
    assert [m.name for m in diary.medicines.all()] == ["Bendroflumethiazide", "Atorvastatin"]  # before the diary first
    stopped = diary.medicines.update(statin.with_fields(stopped=date(2026, 11, 1)))
    assert stopped.stopped == date(2026, 11, 1) and stopped.hlc > statin.hlc
    gone = diary.medicines.delete(pill.id)  # type: ignore[arg-type]
    assert names(diary) == ["Atorvastatin"]
    assert diary.medicines.restore(gone).id == pill.id
    assert names(diary) == ["Bendroflumethiazide", "Atorvastatin"]


def test_a_bad_medicine_is_refused_and_nothing_written(diary: Diary) -> None:
    with pytest.raises(InvalidField) as error:
        diary.medicines.add(Medicine("x", "antibiotic"))
    assert error.value.field == "class"
    assert diary.medicines.all() == []


def test_medicines_travel_in_the_json_export_and_come_back_once(diary: Diary, tmp_path: Path, clock: FakeClock) -> None:
    diary.medicines.add(Medicine("Salbutamol", "asthma-inhaler", note="blue one"))
    out = tmp_path / "out.json"
    with out.open("w") as handle:
        counts = write_diary_json(handle, diary)
    assert counts.medicines == 1
    document = json.loads(out.read_text())
    assert document["medicines"][0]["class"] == "asthma-inhaler" and document["medicines"][0]["started"] is None
    found = read_export(out.read_bytes(), clock())
    with Diary.open(tmp_path / "other.db", clock) as other:
        result = other.merge(found.episodes, medicines=found.medicines, validated=True)
        assert result.medicines_added == 1
        assert [(m.name, m.note) for m in other.medicines.all()] == [("Salbutamol", "blue one")]
        again = other.merge([], medicines=found.medicines)
        assert (again.medicines_added, again.medicines_unchanged) == (0, 1)


def test_a_bad_medicine_in_a_file_refuses_it_naming_the_medicine(clock: FakeClock) -> None:
    bad = json.dumps({"episodes": [], "medicines": [{"uuid": "8e0f5a4e-3c61-4d0b-9d7e-0f3a5b1c2d3e", "name": "x", "class": "tonic"}]})
    with pytest.raises(ImportRefused) as error:
        read_export(bad.encode(), clock())
    assert "medicine 1 in the file: class:" in str(error.value)


def test_a_medicine_deleted_on_one_machine_stays_deleted_and_an_edit_syncs(tmp_path: Path) -> None:
    folder = tmp_path / "sync"
    folder.mkdir()
    clock = Clock()
    with Diary.open(tmp_path / "a.db", clock) as a, Diary.open(tmp_path / "b.db", clock) as b:
        a.medicines.add(Medicine("Bisoprolol", "beta-blocker", date(2026, 10, 1)))
        sync(a, folder)
        came = sync(b, folder).lines()
        assert names(b) == ["Bisoprolol"] and "medicines 1 new, 0 updated, 0 deleted from " in came[0]
        b.medicines.update(b.medicines.all()[0].with_fields(stopped=date(2026, 11, 10)))
        sync(b, folder)
        sync(a, folder)
        assert a.medicines.all()[0].stopped == date(2026, 11, 10)
        a.medicines.delete(a.medicines.all()[0].id)  # type: ignore[arg-type]
        sync(a, folder)
        gone = sync(b, folder).lines()
        assert "medicines 0 new, 0 updated, 1 deleted from " in gone[0]
        assert names(a) == names(b) == []


def run(clock: FakeClock, db: Path, *args: str):
    return CliRunner().invoke(cli, ["--db", str(db), *args], obj={"now": clock})


def test_an_unknown_medicine_id_is_not_found_exit_1(clock: FakeClock, db_path: Path) -> None:
    result = run(clock, db_path, "medicine", "stop", "9")
    assert result.exit_code == 1 and "there is no medicine 9 (see: cramp-diary medicine list)" in result.output


def test_the_medicine_commands(clock: FakeClock, db_path: Path) -> None:
    added = run(clock, db_path, "medicine", "add", "Bendroflumethiazide", "--class", "water tablet", "--before-diary")
    assert added.exit_code == 0, added.output
    assert added.output == "Saved medicine 1: Bendroflumethiazide (water tablet (diuretic), since before the diary)\n"
    assert run(clock, db_path, "medicine", "add", "Atorvastatin", "--class", "statin", "--started", "2026-09-01").exit_code == 0
    listed = run(clock, db_path, "medicine", "list").output.splitlines()
    assert "before the diary to ongoing" in listed[0] and "can cause cramps: ask your provider" in listed[0]
    assert json.loads(run(clock, db_path, "medicine", "list", "--format", "json").output)[1]["started"] == "2026-09-01"
    assert "to 2026-11-22" in run(clock, db_path, "medicine", "stop", "2").output
    edited = run(clock, db_path, "medicine", "edit", "2", "--class", "other", "--note", "evening")
    assert edited.exit_code == 0 and "(other, from 2026-09-01 to 2026-11-22)" in edited.output
    assert run(clock, db_path, "medicine", "delete", "2", "--yes").output == "Deleted medicine 2.\n"
    report = run(clock, db_path, "report", "--weeks", "4").output
    assert "Bendroflumethiazide (water tablet (diuretic), since before the diary): can cause cramps: ask your provider" in report


@pytest.mark.parametrize(("args", "hint"), [
    (["add", "X", "--class", "antibiotic"], "--class"),
    (["add", "X", "--class", "statin", "--started", "someday"], "--started"),
    (["add", "X", "--class", "statin", "--started", "2026-09-01", "--before-diary"], "not both"),
    (["edit", "1"], "say what to change"),
])
def test_bad_medicine_commands_say_what_is_wrong_and_write_nothing(clock: FakeClock, db_path: Path, args: list[str], hint: str) -> None:
    if args[0] == "edit":
        run(clock, db_path, "medicine", "add", "A", "--class", "other")
    result = run(clock, db_path, "medicine", *args)
    assert result.exit_code == 2 and hint in result.output
    assert "Traceback" not in result.output
    with Diary.open(db_path, clock) as diary:
        assert len(diary.medicines.all()) == (1 if args[0] == "edit" else 0)
