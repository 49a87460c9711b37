"""The trial's plan: randomised order from a stored seed, local-day blocks, washout, stop and extend."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cramp_diary.model import InvalidField
from cramp_diary.trial_records import plan_from_record, plan_to_record
from cramp_diary.trial import (
    MEDICINE_REFUSED,
    TrialPlan,
    blocks,
    complete_pairs,
    design_note,
    extend_plan,
    pair_order,
    plan_trial,
    position,
    position_line,
    stop_plan,
    trial_blocks,
    validate_plan,
)

TODAY = date(2026, 11, 20)


def make(**overrides: object) -> TrialPlan:
    values: dict[str, object] = {"name": "stretch before bed", "kind": "habit", "start": TODAY, "seed": 12345}
    values.update(overrides)
    return validate_plan(TrialPlan(**values), TODAY)  # type: ignore[arg-type]


def test_defaults_are_three_pairs_of_fourteen_days_with_three_washout_days_from_tomorrow() -> None:
    plan = plan_trial("stretch before bed", "habit", TODAY)
    assert (plan.block_days, plan.pairs, plan.washout_days) == (14, 3, 3)
    assert plan.start == TODAY + timedelta(days=1)
    assert plan.planned_last == plan.start + timedelta(days=83)


def test_each_pair_holds_one_with_and_one_without_block() -> None:
    for seed in range(50):
        plan = make(seed=seed)
        for pair in range(1, plan.pairs + 1):
            assert sorted(b.arm for b in blocks(plan) if b.pair == pair) == ["with", "without"]


def test_the_order_is_reproducible_from_the_seed_and_varies_between_seeds() -> None:
    assert [b.arm for b in blocks(make(seed=7))] == [b.arm for b in blocks(make(seed=7))]
    orders = {tuple(pair_order(seed, 1)) for seed in range(40)}
    assert orders == {("with", "without"), ("without", "with")}
    firsts = [pair_order(seed, 1)[0] for seed in range(400)]
    assert 150 < firsts.count("with") < 250  # a fair coin, roughly


def test_known_seed_gives_a_known_order_on_every_machine() -> None:
    # sha256, not Python's random: the same plan must come out on every device a diary syncs to.
    assert [pair_order(12345, pair) for pair in (1, 2, 3)] == [pair_order(12345, pair) for pair in (1, 2, 3)]
    import hashlib

    coin = hashlib.sha256(b"cramp-diary trial 12345 pair 2").digest()[0] & 1
    assert pair_order(12345, 2)[0] == ("with" if coin == 0 else "without")


def test_blocks_tile_the_days_and_washout_starts_every_block_after_the_first() -> None:
    plan = make(block_days=7, pairs=2, washout_days=2)
    bs = blocks(plan)
    assert [b.first for b in bs] == [TODAY + timedelta(days=7 * i) for i in range(4)]
    assert all(b.days == 7 for b in bs)
    assert [b.washout_days for b in bs] == [0, 2, 2, 2]
    assert [b.counted_days for b in bs] == [7, 5, 5, 5]
    assert bs[1].counted_first == bs[1].first + timedelta(days=2)
    assert not bs[1].counted(bs[1].first + timedelta(days=1)) and bs[1].counted(bs[1].first + timedelta(days=2))


def test_block_boundaries_are_local_days_across_a_clock_change() -> None:
    # Europe/Berlin moves its clocks on 2026-10-25: the block still holds 7 calendar days,
    # and a cramp at 00:30 local on the boundary day belongs to the new block.
    plan = make(start=date(2026, 10, 19), block_days=7, pairs=1, washout_days=0)
    first, second = blocks(plan)
    assert (first.first, first.last) == (date(2026, 10, 19), date(2026, 10, 25))
    assert second.first == date(2026, 10, 26)
    berlin = ZoneInfo("Europe/Berlin")
    just_after = datetime(2026, 10, 26, 0, 30, tzinfo=berlin)
    assert position(plan, just_after.date()).block == second
    # 7 local days is 169 hours here, not 168: counting instants would have moved the boundary.
    start = datetime(2026, 10, 19, tzinfo=berlin)
    end = datetime(2026, 10, 26, tzinfo=berlin)
    assert (end.timestamp() - start.timestamp()) / 3600 == 169


def test_position_and_its_line() -> None:
    plan = make(block_days=14, pairs=3, washout_days=3)
    assert position(plan, TODAY - timedelta(days=1)).state == "before"
    where = position(plan, TODAY + timedelta(days=18))
    assert (where.state, where.block.index, where.day, where.washout) == ("running", 2, 5, False)  # type: ignore[union-attr]
    arm = where.block.arm.upper()  # type: ignore[union-attr]
    assert position_line(plan, TODAY + timedelta(days=18)) == f"Trial 'stretch before bed': {arm}, day 5 of 14 (pair 1 of 3)"
    assert "washout" in position_line(plan, TODAY + timedelta(days=15))
    assert position(plan, plan.planned_last + timedelta(days=1)).state == "ended"
    assert "starts on 2026-11-20 (in 1 day)" in position_line(plan, TODAY - timedelta(days=1))


def test_medicine_is_refused_and_names_the_provider() -> None:
    with pytest.raises(InvalidField) as caught:
        plan_trial("quinine", "medicine", TODAY)
    assert caught.value.field == "kind" and caught.value.rule == MEDICINE_REFUSED
    assert "provider" in MEDICINE_REFUSED


@pytest.mark.parametrize(
    "field, value",
    [("block_days", 2), ("block_days", 57), ("pairs", 0), ("pairs", 9), ("washout_days", 8), ("washout_days", -1),
     ("name", "  "), ("name", "x" * 81), ("kind", "diet")],
)
def test_bad_values_are_refused_naming_the_field(field: str, value: object) -> None:
    with pytest.raises(InvalidField) as caught:
        make(**{field: value})
    assert caught.value.field == field


def test_a_new_plan_starts_within_the_allowed_range() -> None:
    with pytest.raises(InvalidField) as caught:
        plan_trial("x", "habit", TODAY, start=TODAY + timedelta(days=93))
    assert caught.value.field == "start"
    assert plan_trial("x", "habit", TODAY, start=TODAY - timedelta(days=28)).start == TODAY - timedelta(days=28)


def test_stop_keeps_the_blocks_begun_and_only_complete_pairs() -> None:
    plan = make(block_days=7, pairs=3, washout_days=0)
    stopped = stop_plan(plan, TODAY + timedelta(days=30))  # inside block 5 (days 28..34)
    assert stopped.last == TODAY + timedelta(days=29)
    assert [b.index for b in trial_blocks(stopped)] == [1, 2, 3, 4, 5]
    assert trial_blocks(stopped)[-1].last == TODAY + timedelta(days=29)
    assert complete_pairs(stopped) == (1, 2)
    with pytest.raises(InvalidField):
        stop_plan(stopped, TODAY + timedelta(days=31))


def test_extend_adds_a_pair_and_keeps_the_order_drawn_before() -> None:
    plan = make(pairs=2)
    longer = extend_plan(plan, TODAY)
    assert longer.pairs == 3
    assert [b.arm for b in blocks(longer)][:4] == [b.arm for b in blocks(plan)]
    with pytest.raises(InvalidField):
        extend_plan(stop_plan(plan, TODAY), TODAY)
    with pytest.raises(InvalidField):
        extend_plan(make(pairs=8), TODAY)


def test_the_record_round_trips() -> None:
    plan = stop_plan(make(one_block_at_a_time=True), TODAY + timedelta(days=3))
    again = validate_plan(plan_from_record(plan_to_record(plan)), TODAY)
    assert again == plan
    assert [b.arm for b in blocks(again)] == [b.arm for b in blocks(plan)]


def test_design_note_says_one_time_in_two_to_the_pairs() -> None:
    assert "one time in 8" in design_note(3)
    assert "one time in 4" in design_note(2)
    assert "anyone else" in design_note(3)


@settings(max_examples=60, deadline=None)
@given(
    block_days=st.integers(3, 20),
    pairs=st.integers(1, 5),
    washout=st.integers(0, 10),
    seed=st.integers(0, 2**62),
    offset=st.integers(-5, 250),
)
def test_every_day_of_the_trial_lies_in_exactly_one_block(
    block_days: int, pairs: int, washout: int, seed: int, offset: int
) -> None:
    plan = make(block_days=block_days, pairs=pairs, washout_days=min(washout, block_days // 2), seed=seed)
    day = TODAY + timedelta(days=offset)
    holding = [b for b in blocks(plan) if b.contains(day)]
    assert len(holding) == (1 if TODAY <= day <= plan.planned_last else 0)
    if holding:
        assert position(plan, day).block == holding[0]


def test_an_answer_record_round_trips_and_a_bad_one_names_the_field() -> None:
    from cramp_diary.trial import Answer
    from cramp_diary.trial_records import answer_from_record, answer_to_record

    answer = Answer(make().uuid, TODAY, False, "stamp")
    assert answer_from_record(answer_to_record(answer)) == answer
    for field, value in (("trial", "nope"), ("followed", "yes"), ("day", "2026-13-01")):
        with pytest.raises(InvalidField) as caught:
            answer_from_record({**answer_to_record(answer), field: value})
        assert caught.value.field == field


@settings(max_examples=60, deadline=None)
@given(
    zone=st.sampled_from(["Europe/Berlin", "America/New_York", "Australia/Sydney", "UTC"]),
    start=st.dates(date(2026, 1, 1), date(2026, 12, 31)),
    hours=st.integers(0, 24 * 7 * 6 - 1),
    minute=st.integers(0, 59),
)
def test_an_instant_falls_in_the_block_of_its_local_day_whatever_the_clock_changes(
    zone: str, start: date, hours: int, minute: int
) -> None:
    plan = make(start=start, block_days=7, pairs=3, washout_days=2)
    tz = ZoneInfo(zone)
    instant = datetime(start.year, start.month, start.day, tzinfo=tz) + timedelta(hours=hours, minutes=minute)
    local = instant.astimezone(tz)  # the wall clock there, across any DST change on the way
    block = position(plan, local.date()).block
    assert block is not None and block.first <= local.date() <= block.last
    assert block.days == 7 and block.index == (local.date() - start).days // 7 + 1


@pytest.mark.parametrize("start", [date(9999, 12, 31), date(1, 1, 1), TODAY + timedelta(days=400)])
def test_a_stored_plan_from_a_file_starts_in_a_sane_range(start: date) -> None:
    """An imported plan starting in the year 9999 was saved, then `trial status` died on a date overflow."""
    with pytest.raises(InvalidField) as refused:
        make(start=start)
    assert refused.value.field == "start"
    assert make(start=TODAY + timedelta(days=200)).start == TODAY + timedelta(days=200)  # planned ahead elsewhere: kept


def test_a_stop_before_the_start_is_named_as_a_day() -> None:
    with pytest.raises(InvalidField) as refused:
        make(stopped_on=TODAY - timedelta(days=3))
    assert refused.value.field == "stopped_on" and "2026-11-17" in refused.value.rule and "datetime" not in refused.value.rule
