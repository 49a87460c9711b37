"""Dated changes sync like every other record: a deletion stays deleted, a later edit brings it back."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from cramp_diary.changes import Change
from cramp_diary.store import Diary
from cramp_diary.sync import sync


class Clock:
    def __init__(self) -> None:
        self.moment = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        self.moment += timedelta(seconds=1)
        return self.moment


def names(diary: Diary) -> list[str]:
    return [change.name for change in diary.changes.all()]


def test_a_change_deleted_on_one_machine_stays_deleted_everywhere(tmp_path: Path) -> None:
    folder = tmp_path / "sync"
    folder.mkdir()
    clock = Clock()
    with Diary.open(tmp_path / "a.db", clock) as a, Diary.open(tmp_path / "b.db", clock) as b:
        a.changes.add(Change(name="magnesium", kind="supplement", started=date(2026, 11, 1)))
        sync(a, folder)
        came = sync(b, folder).lines()
        assert names(b) == ["magnesium"]
        assert len(came) == 1 and "dated changes 1 new, 0 updated, 0 deleted from " in came[0]
        b.changes.delete(b.changes.all()[0].id)  # type: ignore[arg-type]
        sync(b, folder)
        gone = sync(a, folder).lines()
        assert len(gone) == 1 and "dated changes 0 new, 0 updated, 1 deleted from " in gone[0]
        assert sync(b, folder).lines() == ["Nothing new from other devices."]
        assert names(a) == names(b) == []


def test_an_edit_after_the_deletion_brings_the_change_back(tmp_path: Path) -> None:
    folder = tmp_path / "sync"
    folder.mkdir()
    clock = Clock()
    with Diary.open(tmp_path / "a.db", clock) as a, Diary.open(tmp_path / "b.db", clock) as b:
        a.changes.add(Change(name="more water", kind="habit", started=date(2026, 11, 1)))
        sync(a, folder)
        sync(b, folder)
        b.changes.delete(b.changes.all()[0].id)  # type: ignore[arg-type]
        sync(b, folder)
        kept = a.changes.all()[0]
        a.changes.update(kept.with_changes(note="still doing it"))  # edited on A after B deleted it
        sync(a, folder)
        back = sync(b, folder).lines()
        assert len(back) == 1 and "dated changes 1 new" in back[0]
        assert names(a) == names(b) == ["more water"]
        assert b.changes.all()[0].note == "still doing it"


def test_undo_of_a_deleted_change_removes_its_deletion_record(tmp_path: Path) -> None:
    clock = Clock()
    with Diary.open(tmp_path / "a.db", clock) as a:
        added = a.changes.add(Change(name="stretching", kind="habit", started=date(2026, 11, 1)))
        gone = a.changes.delete(added.id)  # type: ignore[arg-type]
        assert [t.kind for t in a.stamps.tombstones()] == ["change"]
        a.changes.restore(gone)
        assert a.stamps.tombstones() == []
        assert names(a) == ["stretching"]
