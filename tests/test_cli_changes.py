"""The change and compare commands, the checkin back-fill, and changes travelling in JSON exports."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from cramp_diary.changes import Change
from cramp_diary.cli import cli
from cramp_diary.model import Episode
from cramp_diary.store import Diary
from tests.conftest import ZONE, FakeClock


def run(db: Path, clock: FakeClock, *args: str, input: str | None = None):
    return CliRunner().invoke(cli, ["--db", str(db), *args], obj={"now": clock}, input=input)


def test_add_prints_the_saved_change_with_its_id_and_list_shows_it(db_path: Path, clock: FakeClock) -> None:
    result = run(db_path, clock, "change", "add", "magnesium", "--kind", "supplement", "--started", "yesterday")
    assert result.exit_code == 0, result.output
    assert result.output == "Saved change 1: magnesium (supplement, from 2026-11-21)\n"
    listed = json.loads(run(db_path, clock, "change", "list", "--format", "json").output)
    assert [(c["name"], c["kind"], c["started"], c["stopped"]) for c in listed] == [
        ("magnesium", "supplement", "2026-11-21", None)
    ]


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["--kind", "pill", "--started", "today"], "--kind"),
        (["--kind", "habit", "--started", "next week"], "--started"),
        (["--kind", "habit", "--started", "2026-11-23"], "--started"),
        (["--kind", "habit", "--started", "today", "--stopped", "2026-11-01"], "--stopped"),
    ],
)
def test_bad_values_exit_2_naming_the_option_and_save_nothing(db_path: Path, clock: FakeClock, args, option) -> None:
    result = run(db_path, clock, "change", "add", "x", *args)
    assert result.exit_code == 2
    assert f"'{option}'" in result.output and "Traceback" not in result.output
    with Diary.open(db_path, clock) as diary:
        assert diary.changes.all() == []


def test_stop_edit_and_delete(db_path: Path, clock: FakeClock) -> None:
    run(db_path, clock, "change", "add", "statin", "--kind", "medicine", "--started", "2026-10-01")
    assert run(db_path, clock, "change", "stop", "1", "--date", "2026-11-01").exit_code == 0
    bad = run(db_path, clock, "change", "stop", "1", "--date", "2026-09-01")
    assert bad.exit_code == 2 and "'--date'" in bad.output
    assert run(db_path, clock, "change", "edit", "1", "--name", "stopped simvastatin", "--note", "asked GP").exit_code == 0
    with Diary.open(db_path, clock) as diary:
        (change,) = diary.changes.all()
    assert (change.name, change.stopped, change.note) == ("stopped simvastatin", date(2026, 11, 1), "asked GP")
    asked = run(db_path, clock, "change", "delete", "1", input="n\n")
    assert "Delete change 1" in asked.stderr and "Delete change" not in asked.stdout
    assert run(db_path, clock, "change", "list").output.strip().startswith("1")
    assert run(db_path, clock, "change", "delete", "1", "--yes").output == "Deleted change 1.\n"
    assert "No changes yet" in run(db_path, clock, "change", "list").output
    missing = run(db_path, clock, "change", "stop", "7")
    assert missing.exit_code == 1 and "there is no change 7" in missing.output  # not found: exit 1, as for an episode


def test_compare_json_has_the_stable_shape_and_text_carries_the_caveat(db_path: Path, clock: FakeClock) -> None:
    run(db_path, clock, "change", "add", "more water", "--kind", "habit", "--started", "2026-10-01")
    figures = json.loads(run(db_path, clock, "compare", "1", "--format", "json").output)
    assert list(figures)[:9] == [
        "change", "baseline", "after", "change_percent", "responder_25", "responder_50", "enough_data",
        "provisional", "overlapping",
    ]
    assert figures["baseline"]["from"] == "2026-09-03" and figures["after"]["to"] == "2026-11-11"
    text = run(db_path, clock, "compare", "1").output
    assert "Not enough data" in text and "healthcare provider" in text
    assert (figures["change_percent"], figures["responder_25"], figures["responder_50"]) == (None, None, None)
    assert (figures["rate_ratio"], figures["ci_low"], figures["ci_high"]) == (None, None, None)


def test_checkin_back_fill_skips_cramp_days_and_says_how_many(db_path: Path, clock: FakeClock) -> None:
    with Diary.open(db_path, clock) as diary:
        diary.episodes.add(Episode(datetime(2026, 11, 10, 3, tzinfo=ZONE), "calf", "left"))
        diary.checkins.add(date(2026, 11, 12))
    result = run(db_path, clock, "checkin", "--none", "--from", "2026-11-08", "--to", "2026-11-14")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "Recorded 5 days from 2026-11-08 to 2026-11-14 as cramp-free; 1 already were; skipped 1 day that has a cramp.\n"
    )
    with Diary.open(db_path, clock) as diary:
        assert len(diary.checkins.days_between(date(2026, 11, 8), date(2026, 11, 14))) == 6
    too_long = run(db_path, clock, "checkin", "--none", "--from", "2026-01-01", "--to", "today")
    assert too_long.exit_code == 2 and "'--to'" in too_long.output and "92" in too_long.output
    backwards = run(db_path, clock, "checkin", "--none", "--from", "today", "--to", "yesterday")
    assert backwards.exit_code == 2 and "'--from'" in backwards.output


def test_changes_travel_in_json_exports_merged_by_uuid(tmp_path: Path, clock: FakeClock) -> None:
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    run(first, clock, "change", "add", "magnesium", "--kind", "supplement", "--started", "2026-10-01")
    exported = tmp_path / "a.json"
    assert run(first, clock, "export", "-o", str(exported)).exit_code == 0
    for _ in range(2):
        result = run(second, clock, "import", str(exported))
        assert result.exit_code == 0, result.output
    assert "Changes: 0 added, 0 updated from a newer edit, 1 already here." in result.output
    with Diary.open(first, clock) as a, Diary.open(second, clock) as b:
        assert [(c.uuid, c.name) for c in a.changes.all()] == [(c.uuid, c.name) for c in b.changes.all()]


def test_an_import_says_how_many_dated_changes_the_other_diary_deleted(tmp_path: Path, clock: FakeClock) -> None:
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    run(first, clock, "change", "add", "magnesium", "--kind", "supplement", "--started", "2026-10-01")
    shared, deleted = tmp_path / "a.json", tmp_path / "b.json"
    assert run(first, clock, "export", "-o", str(shared)).exit_code == 0
    assert run(second, clock, "import", str(shared)).exit_code == 0
    clock.advance(minutes=5)
    assert run(second, clock, "change", "delete", "1", input="y\n").exit_code == 0
    assert run(second, clock, "export", "-o", str(deleted)).exit_code == 0
    result = run(first, clock, "import", str(deleted))
    assert result.exit_code == 0, result.output
    assert "; 1 dated change deleted (deleted there after their last edit)." in result.output
    with Diary.open(first, clock) as a:
        assert a.changes.all() == []


def test_an_older_export_without_changes_still_imports(tmp_path: Path, clock: FakeClock) -> None:
    old = tmp_path / "old.json"
    old.write_text(json.dumps({"application": "cramp-diary", "format": 1, "episodes": [], "checkins": ["2026-11-01"]}))
    result = run(tmp_path / "d.db", clock, "import", str(old))
    assert result.exit_code == 0, result.output


def test_a_bad_change_in_an_export_refuses_the_file_naming_it(tmp_path: Path, clock: FakeClock) -> None:
    bad = tmp_path / "bad.json"
    record = {"uuid": "5a0c3c2e-8f5b-4a51-9b7e-2d1f0c7a9e11", "kind": "dose", "name": "x", "started": "2026-10-01"}
    bad.write_text(json.dumps({"episodes": [], "changes": [record]}))
    result = run(tmp_path / "d.db", clock, "import", str(bad))
    assert result.exit_code == 2 and "change 1 in the file: kind" in result.output


def test_a_newer_edit_wins_when_merging_changes(diary: Diary, clock: FakeClock) -> None:
    saved = diary.changes.add(Change("water", "habit", date(2026, 10, 1)))
    clock.advance(hours=1)
    # a copy from a file with no clock stamp (format 1, or hand-made) is ordered by its edit time
    newer = saved.with_changes(name="more water", updated_at=clock(), hlc="")
    assert diary.merge([], changes=[newer]).changes_updated == 1
    assert diary.merge([], changes=[saved]).changes_unchanged == 1
    assert diary.changes.get(saved.id).name == "more water"  # type: ignore[union-attr]
