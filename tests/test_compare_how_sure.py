"""Issue 23's findings about the before/after comparison, each as a test: how sure, caveats that fit, overlaps."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner

from cramp_diary.changes import Change
from cramp_diary.cli import cli
from cramp_diary.compare import compare, comparison_lines
from cramp_diary.model import Episode
from cramp_diary.report import build_report, to_markdown
from cramp_diary.store import Diary
from tests.conftest import ZONE, FakeClock

TODAY = date(2026, 11, 22)
START = date(2026, 9, 1)  # baseline 08-04..08-31, run-in 09-01..09-14, after 09-15..10-12


def fill(diary: Diary, first: date, days: int, cramps: dict[int, int], unrecorded: set[int] = frozenset()) -> None:
    """``days`` days from ``first``: ``cramps[i]`` cramps on day i, a check-in on the other recorded days."""
    for i in range(days):
        day = first + timedelta(days=i)
        if i in unrecorded:
            continue
        for n in range(cramps.get(i, 0)):
            diary.episodes.add(Episode(datetime(day.year, day.month, day.day, 2 + n, tzinfo=ZONE), "calf", "left"))
        if not cramps.get(i):
            diary.checkins.add(day)


def spread(total: int, days: int, step: int = 2) -> dict[int, int]:
    """``total`` cramps, one a day on every ``step``-th day (two a day once the days run out)."""
    found: dict[int, int] = {}
    for n in range(total):
        day = (n * step) % days
        found[day] = found.get(day, 0) + 1
    return found


def issue_diary(diary: Diary) -> Change:
    """12 cramps in 26 recorded days before, 6 in 23 after (the issue's example)."""
    fill(diary, START - timedelta(days=28), 28, spread(12, 28), unrecorded={1, 3})
    fill(diary, START + timedelta(days=14), 28, spread(6, 28, 4), unrecorded={1, 2, 3, 5, 6})
    return diary.changes.add(Change("magnesium", "supplement", START))


def test_the_issue_example_says_it_could_well_be_chance(diary: Diary) -> None:
    result = compare(diary, issue_diary(diary), TODAY)
    assert (result.baseline.cramps, result.baseline.recorded_days, result.after.cramps, result.after.recorded_days) == (
        12, 26, 6, 23,
    )
    text = "\n".join(comparison_lines(result))
    assert "No clear change in cramps per week" in text  # the verdict leads with what the interval allows
    assert "between 83 % fewer and 63 % more: could well be chance" in text
    assert "best estimate 43 % fewer" in text
    assert "A fall is not proof" not in text and "allows fewer as well as more" in text
    # the 25 % mark is said with what a dummy pill did, and no "(a fall of at least 25 %" boast
    assert "The fall reached 25 %, the mark trials use; about two in three people on a dummy pill reached it too" in text
    figures = result.as_dict()
    assert round(figures["rate_ratio"], 3) == 0.565
    assert (round(figures["ci_low"], 3), round(figures["ci_high"], 3)) == (0.174, 1.627)
    assert figures["responder_25"] is True and figures["responder_50"] is False


def test_compare_json_carries_the_interval(db_path: Path, clock: FakeClock) -> None:
    with Diary.open(db_path, clock) as diary:
        issue_diary(diary)
    result = CliRunner().invoke(cli, ["--db", str(db_path), "compare", "1", "--format", "json"], obj={"now": clock})
    figures = json.loads(result.output)
    assert figures["how_sure"] == "between 83 % fewer and 63 % more: could well be chance"
    assert figures["ci_low"] < figures["rate_ratio"] < figures["ci_high"]
    text = CliRunner().invoke(cli, ["--db", str(db_path), "compare", "1"], obj={"now": clock}).output
    assert "could well be chance" in text and "95 % interval" in text


def test_a_clear_fall_says_between_how_many_fewer(diary: Diary) -> None:
    fill(diary, START - timedelta(days=28), 28, spread(28, 28, 1))
    fill(diary, START + timedelta(days=14), 28, spread(4, 28, 7))
    result = compare(diary, diary.changes.add(Change("stretches", "habit", START)), TODAY)
    verdict = comparison_lines(result)[3]
    assert verdict.startswith("Fewer cramps per week compared with the 28 days before: between ")
    assert "% fewer (95 % interval; best estimate 86 % fewer)" in verdict
    assert "The fall reached 50 %" in "\n".join(comparison_lines(result))


def test_without_enough_data_json_claims_no_responder_and_no_percent(db_path: Path, clock: FakeClock) -> None:
    """The issue's case: change_percent -51.85 and responder_25 true while enough_data was false."""
    with Diary.open(db_path, clock) as diary:
        fill(diary, START - timedelta(days=28), 28, spread(10, 28))
        fill(diary, START + timedelta(days=14), 28, {0: 1}, unrecorded=set(range(10, 28)))
        diary.changes.add(Change("magnesium", "supplement", START))
    figures = json.loads(
        CliRunner().invoke(cli, ["--db", str(db_path), "compare", "1", "--format", "json"], obj={"now": clock}).output
    )
    assert figures["enough_data"] is False
    assert [figures[k] for k in ("change_percent", "responder_25", "responder_50", "rate_ratio", "ci_low", "ci_high")] == [
        None
    ] * 6


def test_a_rise_never_gets_the_fall_caveat(diary: Diary) -> None:
    fill(diary, START - timedelta(days=28), 28, spread(4, 28, 7))
    fill(diary, START + timedelta(days=14), 28, spread(20, 28, 1))
    result = compare(diary, diary.changes.add(Change("statin", "medicine", START)), TODAY)
    text = "\n".join(comparison_lines(result))
    assert text.count("More cramps per week compared with the 28 days before") == 1
    assert "A rise is not proof that the change caused it" in text and "A fall is not proof" not in text
    assert "stop" not in text.lower()


def test_a_baseline_among_the_worst_stretches_names_regression_to_the_mean(diary: Diary) -> None:
    """Six quiet months, then a bad month, then the change: the baseline is the worst stretch on record."""
    fill(diary, START - timedelta(days=28 + 180), 180, spread(18, 180, 10))
    fill(diary, START - timedelta(days=28), 28, spread(20, 28, 1))
    fill(diary, START + timedelta(days=14), 28, spread(6, 28, 4))
    result = compare(diary, diary.changes.add(Change("magnesium", "supplement", START)), TODAY)
    assert result.baseline_among_worst
    text = "\n".join(comparison_lines(result))
    assert "among your worst stretches on record (in the top quarter of all 28-day stretches" in text
    assert "part of any fall may be that alone" in text


def test_an_ordinary_baseline_has_no_regression_sentence(diary: Diary) -> None:
    fill(diary, START - timedelta(days=28 + 180), 180, spread(60, 180, 3))
    fill(diary, START - timedelta(days=28), 28, spread(4, 28, 7))
    fill(diary, START + timedelta(days=14), 28, spread(4, 28, 7))
    result = compare(diary, diary.changes.add(Change("magnesium", "supplement", START)), TODAY)
    assert not result.baseline_among_worst
    assert "worst stretches" not in "\n".join(comparison_lines(result))


def test_a_short_diary_never_counts_as_a_worst_stretch(diary: Diary) -> None:
    fill(diary, START - timedelta(days=28), 28, spread(20, 28, 1))
    fill(diary, START + timedelta(days=14), 28, spread(6, 28, 4))
    assert not compare(diary, diary.changes.add(Change("magnesium", "supplement", START)), TODAY).baseline_among_worst


def test_a_change_started_in_the_run_in_is_flagged_on_page_one(diary: Diary) -> None:
    """The issue's case: a statin started inside a stretching habit's run-in and taken through its after window."""
    fill(diary, START - timedelta(days=28), 28, spread(4, 28, 7))
    fill(diary, START + timedelta(days=14), 28, spread(8, 28, 3))
    stretches = diary.changes.add(Change("bedtime-stretches", "habit", START))
    diary.changes.add(Change("statin", "medicine", START + timedelta(days=5)))
    diary.changes.add(Change("water", "habit", date(2026, 1, 1)))
    result = compare(diary, stretches, TODAY)
    events = {(o.change.name, o.event, o.in_run_in) for o in result.overlapping}
    assert ("statin", "started", True) in events and ("water", "throughout", False) in events
    lines = comparison_lines(result)
    assert "statin also started on 2026-09-06 inside the two-week run-in: their effects cannot be told apart." in lines
    page_one = to_markdown(build_report(diary, TODAY, 12)).split("# Appendix")[0]
    assert "statin also started on 2026-09-06 inside the two-week run-in" in page_one
