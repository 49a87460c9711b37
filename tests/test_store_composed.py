"""The composed Diary: no mixins, each synced kind described once, one transaction an import, no stale figures."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

import cramp_diary
from cramp_diary.changes import Change
from cramp_diary.exchange import read_export, write_diary_json
from cramp_diary.model import Episode
from cramp_diary.records import TOMBSTONE_KINDS
from cramp_diary.store import Diary, queries
from cramp_diary.store.diary import SYNCED_KINDS
from cramp_diary.store.discussed import DiscussedWarnings
from cramp_diary.store.synced import SyncedRecords
from tests.conftest import FakeClock

PACKAGE = Path(cramp_diary.__file__).parent


def test_the_diary_has_no_mixin_bases_and_a_repository_per_kind(diary: Diary) -> None:
    assert Diary.__bases__ == (object,)
    for name in ("episodes", "checkins", "routines", "changes", "discussed", "stamps", "synced"):
        repository = getattr(diary, name)
        assert repository.__class__.__module__.startswith("cramp_diary.store.")
        assert repository.db is diary.db  # one connection shared by all


def test_each_synced_kind_is_described_once_over_a_real_table(diary: Diary) -> None:
    assert tuple(kind.name for kind in SYNCED_KINDS) == TOMBSTONE_KINDS
    tables = set(diary.db.table_names())
    for kind in SYNCED_KINDS:
        assert kind.table in tables
        assert list(kind.export(diary.db)) == []


def test_no_store_module_is_named_like_a_module_of_another_layer() -> None:
    """Names that explain themselves: store/sync.py beside sync.py sent readers to the wrong file."""
    store = {path.name for path in (PACKAGE / "store").glob("*.py")} - {"__init__.py"}
    others = {
        path.name
        for path in PACKAGE.rglob("*.py")
        if "store" not in path.relative_to(PACKAGE).parts and "cli" not in path.relative_to(PACKAGE).parts
    }
    assert store & others == set()


def test_no_use_case_module_is_named_like_a_module_below_it() -> None:
    """A use case is named for what a person does (check_in, sync_now), not after the module it calls."""
    use_cases = {path.name for path in (PACKAGE / "use_cases").glob("*.py")} - {"__init__.py"}
    below = {
        path.name
        for path in PACKAGE.rglob("*.py")
        if not {"use_cases", "cli", "tui"} & set(path.relative_to(PACKAGE).parts)
    }
    assert use_cases & below == set()


def export_of_everything(tmp_path: Path, clock: FakeClock) -> bytes:
    """A JSON export holding an episode, a check-in, a routine session, a dated change and a discussed warning."""
    with Diary.open(tmp_path / "other.db", clock) as other:
        other.episodes.add(Episode(clock() - timedelta(hours=2), "calf", "left"))
        other.checkins.add(clock().date() - timedelta(days=3))
        other.routines.record("bedtime", clock() - timedelta(days=1))
        other.changes.add(Change("magnesium", "supplement", date(2026, 11, 1)))
        other.discussed.mark("one-sided-swelling", clock().date())
        target = tmp_path / "other.json"
        with other.snapshot(), target.open("w", encoding="utf-8") as out:
            write_diary_json(out, other)
    return target.read_bytes()


def test_a_fault_between_two_kinds_of_an_import_leaves_nothing_imported(
    tmp_path: Path, diary: Diary, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = read_export(export_of_everything(tmp_path, clock), clock())
    merge = SyncedRecords.merge

    def failing(self: SyncedRecords, kind, records, now, tally, *outcomes):  # type: ignore[no-untyped-def]
        if kind.name == "change":  # the episodes, deletions, routines, check-ins and marks are in by now
            raise OSError("the disk went away")
        return merge(self, kind, records, now, tally, *outcomes)

    monkeypatch.setattr(SyncedRecords, "merge", failing)
    with pytest.raises(OSError):
        diary.merge(found.episodes, found.checkins, found.routines, found.tombstones, found.reviews, found.changes)
    assert diary.episodes.count() == 0 and diary.checkins.all_days() == []
    assert diary.routines.records() == [] and diary.discussed.records() == [] and diary.changes.all() == []
    assert not diary.db.conn.in_transaction
    monkeypatch.undo()
    result = diary.merge(found.episodes, found.checkins, found.routines, found.tombstones, found.reviews, found.changes)
    assert (result.added, result.checkins_added, result.routines_added, result.reviews_added, result.changes_added) == (
        1, 1, 1, 1, 1,
    )


def test_the_import_command_is_one_transaction_too(
    tmp_path: Path, db_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from cramp_diary.cli import cli

    source = tmp_path / "everything.json"
    source.write_bytes(export_of_everything(tmp_path, clock))
    Diary.open(db_path, clock).close()

    def failing(self: DiscussedWarnings, marks: object) -> int:
        raise OSError("the disk went away")

    monkeypatch.setattr(DiscussedWarnings, "merge", failing)
    result = CliRunner().invoke(cli, ["--db", str(db_path), "import", str(source)], obj={"now": clock})
    assert result.exit_code != 0
    with Diary.open(db_path, clock) as diary:
        assert diary.episodes.count() == 0 and diary.checkins.all_days() == [] and diary.routines.records() == []


def test_a_figure_read_inside_a_write_that_rolls_back_is_not_kept(diary: Diary, clock: FakeClock) -> None:
    day = clock().date() - timedelta(days=2)
    assert queries.first_recorded_day(diary) is None
    with pytest.raises(RuntimeError), diary.db.write():
        diary.db.execute("INSERT INTO checkins (day, created_at, hlc) VALUES (?, ?, ?)", [day.isoformat(), "x", "0"])
        assert queries.first_recorded_day(diary) == day  # read inside the write: the check-in is there
        raise RuntimeError("changed my mind")
    assert diary.checkins.all_days() == []
    assert queries.first_recorded_day(diary) is None  # the rolled-back check-in is not remembered


def test_a_figure_is_read_afresh_after_this_diary_commits(diary: Diary, clock: FakeClock) -> None:
    assert queries.first_recorded_day(diary) is None
    day = clock().date() - timedelta(days=1)
    diary.checkins.add(day)
    assert queries.first_recorded_day(diary) == day
