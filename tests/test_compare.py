"""The before/after comparison, worked out by hand on a diary around a change, in two zones across DST.

Change: magnesium started 2026-03-15. Baseline 2026-02-15..2026-03-14 (US clocks
change on 03-08), run-in 03-15..03-28, after window 03-29 (European clocks change)
..04-25. Cramps at 23:30 and 00:30 sit on the edges, where the UTC day differs.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from cramp_diary.changes import Change
from cramp_diary.compare import caveat, compare, comparison_lines
from cramp_diary.model import Episode
from cramp_diary.store import Diary
from tests.conftest import FakeClock

START = date(2026, 3, 15)
ZONES = ("Europe/Berlin", "America/New_York")

#: (day, hour, minute, asleep) for every cramp; 12 in the baseline on 6 days, 3 in the run-in, 6 after, 1 later.
BASELINE_CRAMPS = [
    (date(2026, 2, 16), 2, 0, True), (date(2026, 2, 16), 4, 0, False),
    (date(2026, 2, 25), 3, 0, True), (date(2026, 2, 25), 20, 0, False),
    (date(2026, 3, 1), 1, 0, True), (date(2026, 3, 1), 5, 0, False),
    (date(2026, 3, 8), 3, 30, True), (date(2026, 3, 8), 3, 45, False),
    (date(2026, 3, 10), 2, 0, True), (date(2026, 3, 10), 18, 0, False),
    (date(2026, 3, 14), 22, 0, True), (date(2026, 3, 14), 23, 30, False),
]
RUN_IN_CRAMPS = [(date(2026, 3, 15), 1, 0, True), (date(2026, 3, 20), 3, 0, True), (date(2026, 3, 28), 23, 30, True)]
AFTER_CRAMPS = [
    (date(2026, 3, 29), 0, 30, True), (date(2026, 4, 1), 3, 0, True), (date(2026, 4, 5), 3, 0, True),
    (date(2026, 4, 15), 14, 0, False), (date(2026, 4, 20), 14, 0, False), (date(2026, 4, 25), 23, 30, False),
]
LATER_CRAMPS = [(date(2026, 4, 26), 0, 30, True)]
UNRECORDED = {date(2026, 2, d) for d in (20, 21, 22, 23)} | {date(2026, 4, d) for d in (10, 11, 12, 13)}


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def build(path: Path, zone: str, now: datetime) -> Diary:
    tz = ZoneInfo(zone)
    diary = Diary.open(path, FakeClock(now))
    cramps = BASELINE_CRAMPS + RUN_IN_CRAMPS + AFTER_CRAMPS + LATER_CRAMPS
    for day, hour, minute, asleep in cramps:
        severity = 6 if day < START else 4
        diary.episodes.add(
            Episode(datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz), "calf", "left",
                    severity=severity, context="asleep" if asleep else "resting",
                    sleep_disturbance=(6 if day < START else 2) if asleep else None)
        )
    cramp_days = {day for day, *_ in cramps}
    for day in _days(date(2026, 2, 15), date(2026, 4, 26)):
        if day not in UNRECORDED and day not in cramp_days and day < now.date() + timedelta(days=1):
            diary.checkins.add(day)
    return diary


@pytest.mark.parametrize("zone", ZONES)
def test_the_hand_worked_diary_gives_the_expected_windows_rates_and_flags(tmp_path: Path, zone: str) -> None:
    now = datetime(2026, 5, 10, 12, 0, tzinfo=ZoneInfo(zone))
    with build(tmp_path / "d.db", zone, now) as diary:
        change = diary.changes.add(Change("magnesium", "supplement", START))
        result = compare(diary, change, now.date())
    figures = result.as_dict()
    assert figures["baseline"] == {
        "from": "2026-02-15", "to": "2026-03-14", "days": 28, "recorded_days": 24, "cramps": 12,
        "cramps_per_week": 3.5, "cramp_days": 6, "night_cramps_per_night": 0.25, "mean_severity": 6.0,
        "sleep_disturbance": {"nights_rated": 6, "mean": 6.0, "worst": 6},
    }
    assert figures["after"] == {
        "from": "2026-03-29", "to": "2026-04-25", "days": 28, "recorded_days": 24, "cramps": 6,
        "cramps_per_week": 1.75, "cramp_days": 6, "night_cramps_per_night": 0.125, "mean_severity": 4.0,
        "sleep_disturbance": {"nights_rated": 3, "mean": 2.0, "worst": 2},
    }
    assert figures["change_percent"] == pytest.approx(-50.0)
    assert (result.responder_25, result.responder_50) == (True, True)
    assert (result.enough_data, result.provisional, result.too_short, result.overlapping) == (True, False, False, [])
    assert set(figures) >= {"change", "baseline", "after", "change_percent", "responder_25", "responder_50",
                            "enough_data", "provisional", "overlapping"}
    assert (figures["rate_ratio"], round(figures["ci_low"], 3), round(figures["ci_high"], 3)) == (0.5, 0.154, 1.439)
    text = "\n".join(comparison_lines(result))
    assert "No clear change in cramps per week compared with the 28 days before: between 85 % fewer and 44 % more: could well be chance" in text
    assert "best estimate 50 % fewer" in text and caveat(result) in text
    assert "sleep disturbed 6.0 mean, 6 worst (6 nights rated)" in text
    assert "sleep disturbed 2.0 mean, 2 worst (3 nights rated)" in text
    assert "reached 50 %, the stricter mark trials use; on a dummy pill, cramps fell by about 28 %" in text


@pytest.mark.parametrize("zone", ZONES)
def test_a_window_still_running_is_compared_so_far_and_marked_provisional(tmp_path: Path, zone: str) -> None:
    now = datetime(2026, 4, 11, 9, 0, tzinfo=ZoneInfo(zone))
    with build(tmp_path / "d.db", zone, datetime(2026, 5, 10, 12, tzinfo=ZoneInfo(zone))) as diary:
        change = diary.changes.add(Change("magnesium", "supplement", START))
        result = compare(diary, change, now.date())
    assert result.provisional
    assert (result.after.first, result.after.last, result.after.days) == (date(2026, 3, 29), date(2026, 4, 11), 14)
    assert (result.after.cramps, result.after.recorded_days) == (3, 12)
    assert result.enough_data
    assert "14 of 28 days so far" in "\n".join(comparison_lines(result))


def test_a_change_stopped_within_two_weeks_of_the_run_in_is_too_short(diary: Diary) -> None:
    change = diary.changes.add(Change("stretching", "habit", date(2026, 9, 1), stopped=date(2026, 9, 20)))
    result = compare(diary, change, date(2026, 11, 22))
    assert result.too_short and not result.enough_data and not result.provisional
    assert (result.after.first, result.after.last, result.after.planned_days) == (date(2026, 9, 15), date(2026, 9, 20), 6)
    assert "too short to compare" in "\n".join(comparison_lines(result))


def test_a_stop_day_ends_the_after_window(diary: Diary) -> None:
    change = diary.changes.add(Change("stretching", "habit", date(2026, 9, 1), stopped=date(2026, 10, 5)))
    result = compare(diary, change, date(2026, 11, 22))
    assert (result.after.last, result.after.days, result.too_short) == (date(2026, 10, 5), 21, False)


def test_another_change_inside_a_window_is_named_as_overlapping(diary: Diary) -> None:
    change = diary.changes.add(Change("more water", "habit", date(2026, 9, 1)))
    diary.changes.add(Change("magnesium", "supplement", date(2026, 9, 20)))  # inside the after window
    diary.changes.add(Change("salt", "other", date(2026, 5, 1), stopped=date(2026, 8, 10)))  # stopped in the baseline
    diary.changes.add(Change("far away", "other", date(2026, 1, 1), stopped=date(2026, 3, 1)))
    result = compare(diary, change, date(2026, 11, 22))
    assert [(o.change.name, o.event, o.day) for o in result.overlapping] == [
        ("salt", "stopped", date(2026, 8, 10)), ("magnesium", "started", date(2026, 9, 20)),
    ]
    assert "magnesium also started on 2026-09-20: their effects cannot be told apart." in comparison_lines(result)


def test_without_enough_recorded_days_the_text_says_what_is_missing_instead_of_a_verdict(diary: Diary) -> None:
    tz = ZoneInfo("Europe/Berlin")
    change = diary.changes.add(Change("magnesium", "supplement", date(2026, 9, 1)))
    for day in _days(date(2026, 8, 4), date(2026, 8, 31)):
        diary.checkins.add(day)
    for day in (date(2026, 9, 16), date(2026, 9, 17)):
        diary.episodes.add(Episode(datetime(day.year, day.month, day.day, 3, tzinfo=tz), "calf", "left"))
    result = compare(diary, change, date(2026, 11, 22))
    assert not result.enough_data
    assert result.baseline.cramps_per_week == 0.0 and result.change_percent is None
    assert result.responder_25 is None and result.responder_50 is None
    text = "\n".join(comparison_lines(result))
    assert "Not enough data to compare: not enough days recorded in the after window: 2 of 28" in text
    assert "% fewer" not in text and "% more" not in text and caveat(result) in text


def test_a_window_of_one_cramp_reads_one_cramp_not_one_cramps() -> None:
    from datetime import date as _date

    from cramp_diary.compare import Window, window_line

    line = window_line("Before", Window(_date(2026, 11, 1), _date(2026, 11, 28), 28, 28, 1, 1, 0, None))
    assert "(1 cramp, 28 of 28 days recorded), 1 cramp day," in line, line
    line = window_line("Before", Window(_date(2026, 11, 1), _date(2026, 11, 28), 28, 28, 3, 2, 0, None))
    assert "(3 cramps, 28 of 28 days recorded), 2 cramp days," in line, line
