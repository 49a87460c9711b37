"""Snapshots of a running trial: home's trial line and the trial screen, fixed clock, seed and demo diary."""

from __future__ import annotations

from datetime import timedelta

import pytest

from cramp_diary.demo import write_demo
from cramp_diary.store import Diary
from cramp_diary.trial import plan_trial
from cramp_diary.tui.app import CrampApp

SIZE = (80, 24)


@pytest.fixture
def trial_diary(relative_diary: Diary, clock) -> Diary:
    write_demo(relative_diary, clock())
    today = clock().date()
    relative_diary.trials.start(
        plan_trial("stretch before bed", "habit", today, block_days=7, pairs=2, start=today - timedelta(days=10), seed=7)
    )
    return relative_diary


def test_home_with_a_running_trial(snap_compare, trial_diary: Diary, clock) -> None:
    assert snap_compare(CrampApp(trial_diary, now=clock), terminal_size=SIZE)


def test_trial_screen(snap_compare, trial_diary: Diary, clock) -> None:
    assert snap_compare(CrampApp(trial_diary, now=clock), terminal_size=SIZE, press=["T"])
