"""A trial synced between two devices shows the same plan on both; answers, stops and deletions travel too."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from click.testing import CliRunner

from cramp_diary.cli import cli
from cramp_diary.store import Diary
from cramp_diary.sync import sync
from cramp_diary.trial import blocks, plan_trial, stop_plan
from cramp_diary.trial_actions import schedule_lines


class Clock:
    def __init__(self) -> None:
        self.moment = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        self.moment += timedelta(seconds=1)
        return self.moment


def test_a_trial_synced_between_two_devices_shows_the_same_plan_on_both(tmp_path: Path) -> None:
    folder = tmp_path / "sync"
    folder.mkdir()
    clock = Clock()
    today = date(2026, 11, 20)
    with Diary.open(tmp_path / "a.db", clock) as a, Diary.open(tmp_path / "b.db", clock) as b:
        a.stamps.rename_device("laptop")
        b.stamps.rename_device("desktop")
        plan = a.trials.start(plan_trial("stretch before bed", "habit", today, start=today - timedelta(days=3)))
        a.trials.answer(plan.uuid, today - timedelta(days=1), False)
        sync(a, folder)
        came = sync(b, folder).lines()
        assert len(came) == 1 and "trials 1 new, 0 updated, 0 deleted, 1 answer from " in came[0]
        theirs = b.trials.current()
        assert theirs is not None
        assert schedule_lines(theirs, today) == schedule_lines(plan, today)
        assert [x.arm for x in blocks(theirs)] == [x.arm for x in blocks(plan)]
        assert b.trials.answers(plan.uuid) == {today - timedelta(days=1): False}

        b.trials.save(stop_plan(theirs, today))  # stopped on the other device
        sync(b, folder)
        sync(a, folder)
        assert a.trials.current().stopped_on == today  # type: ignore[union-attr]

        a.trials.delete(plan.uuid)
        sync(a, folder)
        gone = sync(b, folder).lines()
        assert "trials 0 new, 0 updated, 1 deleted" in gone[0]
        assert b.trials.all() == [] and b.trials.answer_records() == []
        assert sync(a, folder).lines() == ["Nothing new from other devices."]


def test_export_and_import_carry_the_trial_and_its_answers(tmp_path: Path) -> None:
    clock = Clock()
    today = date(2026, 11, 20)
    source, target, exported = tmp_path / "a.db", tmp_path / "b.db", tmp_path / "out.json"
    with Diary.open(source, clock) as a:
        plan = a.trials.start(plan_trial("more water", "other", today, start=today - timedelta(days=2), seed=5))
        a.trials.answer(plan.uuid, today - timedelta(days=1), True)
    run = CliRunner()
    result = run.invoke(cli, ["--db", str(source), "export", "-o", str(exported)], obj={"now": clock})
    assert result.exit_code == 0 and "1 trial" in result.output
    document = json.loads(exported.read_text())
    assert document["trials"][0]["seed"] == 5 and document["trial_days"][0]["followed"] is True
    result = run.invoke(cli, ["--db", str(target), "import", str(exported)], obj={"now": clock})
    assert result.exit_code == 0, result.output
    assert "Trials: 1 added, 0 updated from a newer copy; 1 answer" in result.output
    with Diary.open(target, clock) as b:
        assert b.trials.current().seed == 5  # type: ignore[union-attr]
        assert b.trials.answers(plan.uuid) == {today - timedelta(days=1): True}


def test_a_broken_trial_in_a_file_is_refused_naming_it(tmp_path: Path) -> None:
    clock = Clock()
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({
        "application": "cramp-diary", "format": 2, "episodes": [],
        "trials": [{"uuid": "5f0c3f52-8a2e-4c31-9a37-2d3f1c9b7e11", "name": "x", "kind": "medicine",
                    "start": "2026-11-01", "seed": 1, "block_days": 14, "pairs": 3, "washout_days": 3}],
    }))
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "b.db"), "import", str(bad)], obj={"now": clock})
    assert result.exit_code == 2 and "trial 1 in the file: kind:" in result.output


def test_answers_for_an_unknown_trial_or_a_day_outside_its_plan_are_left_out_and_counted(tmp_path: Path) -> None:
    """Such answers were imported silently (issue 24): now skipped, and the summary says how many."""
    clock = Clock()
    today = date(2026, 11, 20)
    source, target, exported = tmp_path / "a.db", tmp_path / "b.db", tmp_path / "out.json"
    with Diary.open(source, clock) as a:
        plan = a.trials.start(plan_trial("more water", "other", today, start=today - timedelta(days=2), seed=5))
        a.trials.answer(plan.uuid, today - timedelta(days=1), True)
    run = CliRunner()
    assert run.invoke(cli, ["--db", str(source), "export", "-o", str(exported)], obj={"now": clock}).exit_code == 0
    document = json.loads(exported.read_text())
    good = document["trial_days"][0]
    document["trial_days"] += [
        {**good, "trial": "00000000-0000-4000-8000-000000000000"},  # no such trial
        {**good, "day": (today - timedelta(days=30)).isoformat()},  # before the trial began
    ]
    exported.write_text(json.dumps(document))
    result = run.invoke(cli, ["--db", str(target), "import", str(exported)], obj={"now": clock})
    assert result.exit_code == 0, result.output
    assert "1 answer about following the plan added or updated, 2 left out" in result.output
    with Diary.open(target, clock) as b:
        assert b.trials.answer_records() == [a for a in b.trials.answer_records() if a.trial_uuid == plan.uuid]
        assert b.trials.answers(plan.uuid) == {today - timedelta(days=1): True}


def test_a_synced_answer_for_a_day_outside_the_plan_is_left_out_and_said(tmp_path: Path) -> None:
    folder = tmp_path / "sync"
    folder.mkdir()
    clock = Clock()
    today = date(2026, 11, 20)
    with Diary.open(tmp_path / "a.db", clock) as a, Diary.open(tmp_path / "b.db", clock) as b:
        plan = a.trials.start(plan_trial("stretch before bed", "habit", today, start=today - timedelta(days=3)))
        a.trials.answer(plan.uuid, today - timedelta(days=1), True)
        a.trials.answer(plan.uuid, today - timedelta(days=30), True)  # the store takes it; the rule is the caller's
        sync(a, folder)
        came = sync(b, folder).lines()
        assert "1 answer (1 left out: no such trial or day of it)" in came[0]
        assert b.trials.answers(plan.uuid) == {today - timedelta(days=1): True}
