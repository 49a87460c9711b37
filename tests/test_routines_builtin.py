"""The shipped routines: valid, framed by safety and after-care, and faithful to the hold times."""

from __future__ import annotations

import pytest

from cramp_diary.model import RELIEFS
from cramp_diary.routines import ROUTINE_KEYS, builtin_routines, load_routines

CRAMP_KEYS = ("calf", "foot", "toes", "hamstring", "thigh")


def test_every_routine_the_picker_offers_is_built_in() -> None:
    assert tuple(builtin_routines()) == ROUTINE_KEYS


@pytest.mark.parametrize("key", CRAMP_KEYS)
def test_cramp_routines_open_with_safety_and_close_with_aftercare(key: str) -> None:
    steps = builtin_routines()[key].steps
    assert steps[0].kind == "safety" and "faint" in steps[0].instruction
    assert steps[-1].kind == "aftercare" and "20 minutes" in steps[-1].instruction


@pytest.mark.parametrize("key", CRAMP_KEYS)
def test_cramp_routines_stretch_massage_stand_and_walk(key: str) -> None:
    steps = builtin_routines()[key].steps
    assert [step.relief for step in steps if step.relief] == ["stretch", "massage", "stand", "walk"]
    held = sum(step.seconds for step in steps if step.relief in ("stretch", "massage"))
    assert 30 <= held <= 60  # the reference's 30-60 s hold


def test_the_calf_stretch_keeps_the_leg_straight_and_pulls_the_toes_up() -> None:
    stretch = builtin_routines()["calf"].steps[1].instruction
    assert "straight" in stretch and "toes" in stretch and "towel" in stretch and "wall" in stretch


def test_bedtime_is_a_short_prevention_routine_for_both_legs() -> None:
    bedtime = builtin_routines()["bedtime"]
    assert bedtime.is_prevention
    holds = [step for step in bedtime.steps if step.kind == "hold"]
    assert all(10 <= step.seconds <= 30 for step in holds)
    names = " ".join(step.name for step in holds)
    for side in ("Left calf", "Right calf", "Left hamstring", "Right hamstring"):
        assert side in names
    assert any(step.kind == "rest" for step in bedtime.steps)
    assert bedtime.total_seconds <= 5 * 60


def test_every_relief_is_one_the_diary_knows() -> None:
    for routine in builtin_routines().values():
        for step in routine.steps:
            assert step.relief is None or step.relief in RELIEFS


def test_avoid_massage_swaps_massage_for_the_caution_step() -> None:
    routines = builtin_routines()
    calf = routines.build("calf", avoid_massage=True)
    assert "massage" not in [step.relief for step in calf.steps]
    assert calf.steps[2] == routines.caution
    assert "healthcare provider" in routines.caution.instruction
    assert len(calf.steps) == len(routines["calf"].steps)
    assert routines.build("calf") == routines["calf"]


def test_without_a_config_folder_the_builtins_are_used() -> None:
    routines, warnings = load_routines(None)
    assert warnings == []
    assert routines["calf"] == builtin_routines()["calf"]
