"""`cramp-diary trial`: plan, back-fill four weeks with `log` and `checkin`, and read a result that checks by hand."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from cramp_diary.cli import cli
from cramp_diary.store import Diary
from tests.conftest import ZONE, FakeClock

#: 2 pairs of 7-day blocks ending the night before the clock's Sunday 2026-11-22; the first
#: block begins on 2026-10-25, the day Berlin's clocks go back.
START = date(2026, 10, 25)


def run(db: Path, clock: FakeClock, *args: str, input: str | None = None):
    return CliRunner().invoke(cli, ["--db", str(db), *args], obj={"now": clock}, input=input)


def status(db: Path, clock: FakeClock) -> dict:
    result = run(db, clock, "trial", "status", "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def start(db: Path, clock: FakeClock, *extra: str):
    return run(db, clock, "trial", "start", "stretch before bed", "--kind", "habit", "--block-days", "7",
               "--pairs", "2", "--washout-days", "2", "--start", START.isoformat(), *extra)


def test_a_four_week_trial_back_filled_from_the_shell_gives_figures_that_check_by_hand(
    db_path: Path, clock: FakeClock
) -> None:
    started = start(db_path, clock)
    assert started.exit_code == 0, started.output
    assert "2 pairs of 7-day blocks, 2026-10-25 to 2026-11-21" in started.output
    blocks = status(db_path, clock)["blocks"]
    assert [(b["first"], b["last"], b["counted_days"]) for b in blocks] == [
        ("2026-10-25", "2026-10-31", 7), ("2026-11-01", "2026-11-07", 5),
        ("2026-11-08", "2026-11-14", 5), ("2026-11-15", "2026-11-21", 5),
    ]
    # WITH: a cramp on the first two counted days of each block; WITHOUT: one on each of the first four.
    # A washout day gets 3 cramps, which must not count. Every other day is checked in as cramp-free.
    for block in blocks:
        first, counted_first = date.fromisoformat(block["first"]), date.fromisoformat(block["first"]) + timedelta(
            days=block["washout_days"])
        days = [counted_first + timedelta(days=n) for n in range(2 if block["arm"] == "with" else 4)]
        if block["washout_days"]:
            days += [first] * 3
        for day in days:
            logged = run(db_path, clock, "log", "--muscle", "calf", "--side", "left", "--severity", "6",
                         "--at", f"{day.isoformat()} 03:10")
            assert logged.exit_code == 0, logged.output
    checked = run(db_path, clock, "checkin", "--none", "--from", START.isoformat(), "--to", "2026-11-21")
    assert checked.exit_code == 0, checked.output
    assert run(db_path, clock, "trial", "followed", "no", "--date", "2026-10-27").exit_code == 0
    slept = run(db_path, clock, "log", "--muscle", "calf", "--side", "right", "--severity", "6", "--sleep", "4",
                "--at", "2026-10-25 04:30")  # block 1's first night: a second cramp, with how it disturbed sleep
    assert slept.exit_code == 0, slept.output

    data = status(db_path, clock)
    with_blocks = [b for b in data["blocks"] if b["arm"] == "with"]
    without_blocks = [b for b in data["blocks"] if b["arm"] == "without"]
    extra = {"with": 0, "without": 0, data["blocks"][0]["arm"]: 1}  # the cramp logged with --sleep
    assert sum(b["cramps"] for b in with_blocks) == 4 + extra["with"]
    assert sum(b["cramps"] for b in without_blocks) == 8 + extra["without"]
    assert data["blocks"][0]["mean_sleep_disturbance"] == 4
    assert all(b["mean_sleep_disturbance"] is None for b in data["blocks"][1:])
    assert all(b["recorded_days"] == b["counted_days"] for b in data["blocks"])
    wd = sum(b["counted_days"] for b in with_blocks)
    od = sum(b["counted_days"] for b in without_blocks)
    wc, oc = 4 + extra["with"], 8 + extra["without"]
    assert data["with"] == {"cramps": wc, "recorded_days": wd}
    assert data["without"] == {"cramps": oc, "recorded_days": od}
    assert data["rate_ratio"] == pytest.approx((wc / wd) / (oc / od))
    assert data["ci_low"] < data["rate_ratio"] < data["ci_high"]
    assert (data["pairs"], data["enough_data"], data["provisional"]) == (2, True, False)
    assert data["blocks"][0]["off_plan_nights"] == 1
    assert all(b["mean_severity"] == 6 for b in data["blocks"])

    text = run(db_path, clock, "trial", "status").output
    assert f"{data['pairs_favouring_with']} of 2 pairs favoured 'with'" in text and "one time in 4" in text
    assert "1 night off plan" in text


def test_status_while_running_shows_tonights_block_and_what_is_missing(db_path: Path, clock: FakeClock) -> None:
    assert run(db_path, clock, "trial", "start", "stretch before bed", "--kind", "habit").exit_code == 0
    data = status(db_path, clock)
    assert data["provisional"] and data["rate_ratio"] is None and data["enough_data"] is False
    assert data["status"].startswith("Trial 'stretch before bed': ")
    assert "day 1 of 14 (pair 1 of 3)" in data["status"]  # it starts tonight, the night into 2026-11-23
    assert data["trial"]["start"] == "2026-11-23"


def test_followed_defaults_to_last_night_and_refuses_days_outside_the_trial(db_path: Path, clock: FakeClock) -> None:
    assert start(db_path, clock).exit_code == 0
    outside = run(db_path, clock, "trial", "followed", "yes")  # last night, 2026-11-22: after the trial
    assert outside.exit_code == 2 and "'--date'" in outside.output and "2026-10-25 to 2026-11-21" in outside.output
    result = run(db_path, clock, "trial", "followed", "yes", "--date", "2026-11-20")
    assert result.exit_code == 0 and "2026-11-20 followed the plan" in result.output
    with Diary.open(db_path, clock) as diary:
        plan = diary.trials.current()
        assert plan is not None and diary.trials.answers(plan.uuid) == {date(2026, 11, 20): True}


def test_medicine_is_refused_and_one_trial_runs_at_a_time(db_path: Path, clock: FakeClock) -> None:
    refused = run(db_path, clock, "trial", "start", "quinine", "--kind", "medicine")
    assert refused.exit_code == 2 and "healthcare provider" in refused.output
    assert run(db_path, clock, "trial", "start", "magnesium", "--kind", "supplement").exit_code == 0
    second = run(db_path, clock, "trial", "start", "stretching", "--kind", "habit")
    assert second.exit_code == 2 and "one trial at a time" in second.output


def test_a_supplement_gets_the_line_to_talk_to_a_provider_first(db_path: Path, clock: FakeClock) -> None:
    result = run(db_path, clock, "trial", "start", "magnesium", "--kind", "supplement")
    assert "Talk to your healthcare provider before starting a supplement" in result.output


@pytest.mark.parametrize(
    "args, option",
    [(["--block-days", "2"], "--block-days"), (["--pairs", "9"], "--pairs"), (["--washout-days", "8"], "--washout-days"),
     (["--start", "someday"], "--start"), (["--kind", "diet"], "--kind")],
)
def test_bad_values_exit_2_naming_the_option_and_save_nothing(db_path: Path, clock: FakeClock, args, option) -> None:
    base = ["trial", "start", "x", *(["--kind", "habit"] if "--kind" not in args else [])]
    result = run(db_path, clock, *base, *args)
    assert result.exit_code == 2, result.output
    assert option in result.output and "Traceback" not in result.output
    with Diary.open(db_path, clock) as diary:
        assert diary.trials.all() == []


def test_stop_extend_and_delete(db_path: Path, clock: FakeClock) -> None:
    assert run(db_path, clock, "trial", "start", "stretching", "--kind", "habit", "--pairs", "2").exit_code == 0
    extended = run(db_path, clock, "trial", "extend")
    assert extended.exit_code == 0 and "Added pair 3" in extended.output
    clock.advance(days=20)
    stopped = run(db_path, clock, "trial", "stop", "--yes")
    assert stopped.exit_code == 0 and "uses only the pairs that ran in full" in stopped.output
    assert status(db_path, clock)["stopped_early"] is True
    again = run(db_path, clock, "trial", "stop", "--yes")
    assert again.exit_code == 2 and "already stopped" in again.output
    kept = run(db_path, clock, "trial", "delete", input="n\n")
    assert kept.exit_code == 0 and "Nothing deleted" in kept.output
    deleted = run(db_path, clock, "trial", "delete", "--yes")
    assert deleted.exit_code == 0 and "Deleted trial 'stretching'" in deleted.output
    none = run(db_path, clock, "trial", "status")
    assert none.exit_code == 1 and "no trial yet" in none.output


def test_status_never_creates_a_diary(tmp_path: Path, clock: FakeClock) -> None:
    missing = tmp_path / "none.db"
    result = run(missing, clock, "trial", "status")
    assert result.exit_code == 1 and not missing.exists()


def test_a_trial_is_across_a_clock_change_still_seven_local_days(db_path: Path, clock: FakeClock) -> None:
    assert start(db_path, clock).exit_code == 0
    # 00:30 local on 2026-11-01 (after Berlin's change on 10-25) is block 2's first day, a washout day
    assert run(db_path, clock, "log", "--muscle", "calf", "--side", "left", "--at", "2026-11-01 00:30").exit_code == 0
    blocks = status(db_path, clock)["blocks"]
    assert blocks[1]["first"] == "2026-11-01" and blocks[1]["cramps"] == 0 and blocks[0]["cramps"] == 0
    assert datetime(2026, 11, 1, 0, 30, tzinfo=ZONE).utcoffset() == timedelta(hours=1)


def test_one_of_a_thing_reads_in_the_singular(db_path: Path, clock: FakeClock) -> None:
    """'1 complete pair is used', 'first 1 day': never '1 ... are used' or '1 days' (found by hand, issue 24)."""
    first = (clock().date() - timedelta(days=8)).isoformat()
    started = run(db_path, clock, "trial", "start", "stretching", "--kind", "habit", "--block-days", "3",
                  "--pairs", "2", "--washout-days", "1", "--start", first)
    assert started.exit_code == 0, started.output
    assert "The first day of every block after the first is washout" in started.output
    assert "(first 1 day washout)" in started.output and "1 days" not in started.output
    assert run(db_path, clock, "trial", "stop", "--yes").exit_code == 0
    shown = run(db_path, clock, "trial", "status")
    assert "only the 1 complete pair is used" in shown.output, shown.output
    report = run(db_path, clock, "report", "--weeks", "4")
    assert "only the 1 complete pair is used" in report.output and "pair(s)" not in report.output
    no_washout = run(db_path, clock, "trial", "delete", "--yes")
    assert no_washout.exit_code == 0
    none = run(db_path, clock, "trial", "start", "x", "--kind", "habit", "--washout-days", "0")
    assert none.exit_code == 0 and "first 0 days" not in none.output and "every day of every block counts" in none.output


def test_short_blocks_take_a_washout_that_fits_unless_one_is_given(db_path: Path, clock: FakeClock) -> None:
    """`--block-days 4` alone was refused over a washout of 3 the person never typed; it now takes 2 (half a block)."""
    short = run(db_path, clock, "trial", "start", "walk", "--kind", "habit", "--block-days", "4")
    assert short.exit_code == 0, short.output
    assert status(db_path, clock)["trial"]["washout_days"] == 2
    assert run(db_path, clock, "trial", "delete", "--yes").exit_code == 0
    given = run(db_path, clock, "trial", "start", "walk", "--kind", "habit", "--block-days", "4", "--washout-days", "3")
    assert given.exit_code == 2 and "--washout-days" in given.output and "from 0 to 2" in given.output


def test_after_a_stop_a_new_trial_can_start_tonight_but_not_share_its_nights(db_path: Path, clock: FakeClock) -> None:
    """Stopping and then starting a new trial was refused with 'stop or delete it first', the one just stopped."""
    first = run(db_path, clock, "trial", "start", "a", "--kind", "habit", "--block-days", "4", "--start", "5 days ago")
    assert first.exit_code == 0, first.output
    assert run(db_path, clock, "trial", "stop", "--yes").exit_code == 0
    overlapping = run(db_path, clock, "trial", "start", "b", "--kind", "habit", "--start", "3 days ago")
    assert overlapping.exit_code == 2 and "one trial at a time" in overlapping.output
    second = run(db_path, clock, "trial", "start", "b", "--kind", "habit")
    assert second.exit_code == 0, second.output
    assert status(db_path, clock)["trial"]["name"] == "b"


def test_a_trial_not_yet_begun_is_not_stopped_but_deleted(db_path: Path, clock: FakeClock) -> None:
    """Stopping before the start gave '0 complete pairs' and '2026-12-07 to 2026-12-06' (issue 24)."""
    later = (clock().date() + timedelta(days=5)).isoformat()
    assert run(db_path, clock, "trial", "start", "stretching", "--kind", "habit", "--start", later).exit_code == 0
    stopped = run(db_path, clock, "trial", "stop", "--yes")
    assert stopped.exit_code == 2, stopped.output
    assert "has not begun" in stopped.output and "trial delete" in stopped.output
    shown = run(db_path, clock, "trial", "status")
    assert shown.exit_code == 0 and "stopped" not in shown.output.lower()
    assert status(db_path, clock)["stopped_early"] is False
