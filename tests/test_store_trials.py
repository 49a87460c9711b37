"""Trials in the diary: saved with their seed, one at a time, answers per night, delete with undo, merge by stamp."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from cramp_diary.model import Episode, InvalidField
from cramp_diary.store import Diary
from cramp_diary.trial import blocks, extend_plan, plan_trial, stop_plan
from tests.conftest import NOW, FakeClock

TODAY = NOW.date()


def planned(name: str = "stretch before bed", **options: object):
    return plan_trial(name, "habit", TODAY, **options)  # type: ignore[arg-type]


def test_a_started_plan_comes_back_with_the_same_order(diary: Diary) -> None:
    plan = planned(block_days=7, pairs=2)
    saved = diary.trials.start(plan)
    assert saved.id is not None and saved.hlc and saved.seed == plan.seed
    again = diary.trials.current()
    assert again is not None and [b.arm for b in blocks(again)] == [b.arm for b in blocks(plan)]


def test_one_trial_at_a_time_but_a_new_one_after_the_last_ended(diary: Diary, clock: FakeClock) -> None:
    diary.trials.start(planned(block_days=3, pairs=1, washout_days=0))
    with pytest.raises(InvalidField) as caught:
        diary.trials.start(planned("another"))
    assert "one trial at a time" in caught.value.rule
    clock.advance(days=10)
    second = plan_trial("another", "habit", clock().date())
    assert diary.trials.start(second).name == "another"
    assert diary.trials.current().name == "another"  # type: ignore[union-attr]


def test_stop_and_extend_are_saved(diary: Diary) -> None:
    plan = diary.trials.start(planned(pairs=2))
    longer = diary.trials.save(extend_plan(plan, TODAY))
    assert longer.pairs == 3 and longer.hlc > plan.hlc
    stopped = diary.trials.save(stop_plan(longer, TODAY + timedelta(days=5)))
    assert diary.trials.current().stopped_on == TODAY + timedelta(days=5)  # type: ignore[union-attr]
    assert stopped.created_at == plan.created_at


def test_answers_replace_each_other_per_night(diary: Diary) -> None:
    plan = diary.trials.start(planned())
    day = plan.start
    diary.trials.answer(plan.uuid, day, False)
    diary.trials.answer(plan.uuid, day, True)
    diary.trials.answer(plan.uuid, day + timedelta(days=1), False)
    assert diary.trials.answers(plan.uuid) == {day: True, day + timedelta(days=1): False}


def test_delete_keeps_deletion_records_and_undo_brings_everything_back(diary: Diary) -> None:
    plan = diary.trials.start(planned())
    diary.trials.answer(plan.uuid, plan.start, False)
    deleted = diary.trials.delete(plan.uuid)
    assert diary.trials.current() is None
    kinds = {(t.kind, t.key) for t in diary.stamps.tombstones()}
    assert ("trial", plan.uuid) in kinds and ("trial_day", f"{plan.uuid}/{plan.start.isoformat()}") in kinds
    back = diary.trials.restore(deleted)
    assert back.uuid == plan.uuid and diary.trials.answers(plan.uuid) == {plan.start: False}
    assert not [t for t in diary.stamps.tombstones() if t.kind.startswith("trial")]


def test_day_figures_count_finished_cramps_and_check_ins_only(diary: Diary) -> None:
    first = TODAY - timedelta(days=5)
    diary.episodes.add(Episode(started_at=NOW.replace(day=first.day, hour=3), muscle="calf", side="left", severity=7))
    diary.episodes.add(Episode(started_at=NOW.replace(day=first.day, hour=4), muscle="calf", side="left", severity=3))
    diary.checkins.add(first + timedelta(days=2))
    figures = diary.trials.day_figures(first, TODAY)
    assert set(figures) == {first, first + timedelta(days=2)}
    assert figures[first].cramps == 2 and sorted(figures[first].severities) == [3, 7]
    assert figures[first + timedelta(days=2)].cramps == 0


def test_merge_takes_the_newest_copy_and_respects_deletions(tmp_path: Path, clock: FakeClock) -> None:
    with Diary.open(tmp_path / "a.db", clock) as a, Diary.open(tmp_path / "b.db", clock) as b:
        plan = a.trials.start(planned())
        a.trials.answer(plan.uuid, plan.start, True)
        result = b.merge([], trials=a.trials.all(), trial_days=a.trials.answer_records())
        assert (result.trials_added, result.trial_days_added) == (1, 1)
        assert b.trials.current() == a.trials.current().with_changes(id=b.trials.current().id)  # type: ignore[union-attr]
        assert b.trials.answers(plan.uuid) == {plan.start: True}
        clock.advance(minutes=1)
        a.trials.save(extend_plan(plan, TODAY))
        result = b.merge([], trials=a.trials.all())
        assert result.trials_updated == 1 and b.trials.current().pairs == 4  # type: ignore[union-attr]
        clock.advance(minutes=1)
        a.trials.delete(plan.uuid)
        result = b.merge([], tombstones=a.stamps.tombstones(), trials=a.trials.all())
        assert result.trials_removed == 1 and b.trials.all() == [] and b.trials.answer_records() == []


def test_the_schema_refuses_a_broken_row(diary: Diary) -> None:
    import sqlite3

    with pytest.raises(sqlite3.IntegrityError):
        diary.db.execute(
            "INSERT INTO trials (uuid, name, kind, start, seed, block_days, pairs, washout_days, created_at, updated_at)"
            " VALUES ('u', 'x', 'medicine', '2026-11-20', 1, 14, 3, 3, 'x', 'x')"
        )


def test_a_diary_from_before_the_trial_step_is_upgraded_with_its_tables(tmp_path: Path, clock: FakeClock) -> None:
    from cramp_diary.store.schema import SCHEMA_TRIALS
    from schema_helpers import diary_before

    path = tmp_path / "old.db"
    diary_before(path, SCHEMA_TRIALS)  # as the app before this step left it
    with Diary.open(path, clock) as diary:
        assert diary.backup is not None and diary.backup.exists()
        assert diary.trials.start(planned()).name == "stretch before bed"
