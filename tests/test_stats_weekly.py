"""ISO weeks in local time: zero-filled, right across DST changes in two zones."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from cramp_diary import iso_weeks, stats
from cramp_diary.model import Episode
from cramp_diary.store import Diary

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def check_in_every_day(diary: Diary, first: date, last: date) -> None:
    day = first
    while day <= last:
        diary.checkins.add(day)
        day += timedelta(days=1)


def test_weeks_are_labelled_monday_first_and_empty_ones_are_zero(diary: Diary) -> None:
    diary.episodes.add(Episode(datetime(2026, 11, 9, 3, tzinfo=BERLIN), "calf", "left", severity=4))
    diary.episodes.add(Episode(datetime(2026, 11, 15, 23, tzinfo=BERLIN), "calf", "left", severity=6))
    diary.checkins.add(date(2026, 11, 10))
    weeks = iso_weeks.weekly(diary, date(2026, 11, 2), date(2026, 11, 22))
    assert [w.iso for w in weeks] == ["2026-W45", "2026-W46", "2026-W47"]
    assert [w.monday for w in weeks] == [date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16)]
    empty, busy, _ = weeks
    assert (empty.cramps, empty.recorded_days, empty.mean_severity, empty.max_severity) == (0, 0, None, None)
    assert (busy.cramps, busy.cramp_days, busy.recorded_days, busy.cramp_free_days) == (2, 2, 3, 1)
    assert (busy.mean_severity, busy.max_severity) == (5.0, 6)


def test_mean_severity_weighs_each_rated_cramp_not_each_day(diary: Diary) -> None:
    for hour, severity in ((1, 2), (2, 4), (3, None)):
        diary.episodes.add(Episode(datetime(2026, 11, 9, hour, tzinfo=BERLIN), "calf", "left", severity=severity))
    diary.episodes.add(Episode(datetime(2026, 11, 10, 3, tzinfo=BERLIN), "calf", "left", severity=9))
    (week,) = iso_weeks.weekly(diary, date(2026, 11, 9), date(2026, 11, 15))
    assert week.cramps == 4
    assert week.mean_severity == (2 + 4 + 9) / 3


def test_partial_weeks_at_the_edges_count_only_days_in_the_period(diary: Diary) -> None:
    diary.episodes.add(Episode(datetime(2026, 11, 9, 3, tzinfo=BERLIN), "calf", "left"))
    weeks = iso_weeks.weekly(diary, date(2026, 11, 11), date(2026, 11, 17))
    assert [(w.iso, w.days, w.cramps) for w in weeks] == [("2026-W46", 5, 0), ("2026-W47", 2, 0)]


def test_iso_week_one_can_start_in_december(diary: Diary) -> None:
    weeks = iso_weeks.weekly(diary, date(2026, 12, 28), date(2027, 1, 10))
    assert [w.iso for w in weeks] == ["2026-W53", "2027-W01"]
    assert iso_weeks.iso_label(date(2024, 12, 30)) == "2025-W01"


def test_berlin_dst_end_monday_half_past_midnight_is_in_mondays_week(diary: Diary) -> None:
    """26 Oct 2026 00:30 CET is 25 Oct 23:30 UTC: SQLite's date() says Sunday, the diary says Monday."""
    monday_night = datetime(2026, 10, 26, 0, 30, tzinfo=BERLIN)
    sunday_twice = datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=BERLIN)  # the second 02:30, after the change
    diary.episodes.add(Episode(monday_night, "calf", "left", severity=5))
    diary.episodes.add(Episode(sunday_twice, "calf", "right", severity=3))
    check_in_every_day(diary, date(2026, 10, 19), date(2026, 11, 1))
    utc_day = diary.db.execute("SELECT date(started_at) FROM episodes WHERE severity = 5").fetchone()[0]
    assert utc_day == "2026-10-25"  # the trap the statistics avoid
    w43, w44 = iso_weeks.weekly(diary, date(2026, 10, 19), date(2026, 11, 1))
    assert (w43.iso, w43.cramps, w43.recorded_days, w43.mean_severity) == ("2026-W43", 1, 7, 3.0)
    assert (w44.iso, w44.cramps, w44.recorded_days, w44.mean_severity) == ("2026-W44", 1, 7, 5.0)
    hours = stats.hourly(diary, date(2026, 10, 19), date(2026, 11, 1))
    assert (hours[0], hours[2], sum(hours)) == (1, 1, 2)


def test_new_york_dst_end_sunday_evening_stays_in_sundays_week(diary: Diary) -> None:
    """1 Nov 2026 20:30 EST is 2 Nov 01:30 UTC: the UTC date is Monday, the week is still W44."""
    sunday_evening = datetime(2026, 11, 1, 20, 30, tzinfo=NEW_YORK)
    monday_night = datetime(2026, 11, 2, 0, 30, tzinfo=NEW_YORK)
    diary.episodes.add(Episode(sunday_evening, "calf", "left"))
    diary.episodes.add(Episode(monday_night, "calf", "left"))
    diary.episodes.add(Episode(datetime(2026, 11, 1, 1, 30, fold=0, tzinfo=NEW_YORK), "foot", "left"))  # EDT
    diary.episodes.add(Episode(datetime(2026, 11, 1, 1, 30, fold=1, tzinfo=NEW_YORK), "foot", "left"))  # EST
    check_in_every_day(diary, date(2026, 10, 26), date(2026, 11, 8))
    utc_day = diary.db.execute("SELECT date(started_at) FROM episodes WHERE started_at LIKE '%T20:30%'").fetchone()[0]
    assert utc_day == "2026-11-02"
    w44, w45 = iso_weeks.weekly(diary, date(2026, 10, 26), date(2026, 11, 8))
    assert (w44.iso, w44.cramps, w44.cramp_days, w44.recorded_days) == ("2026-W44", 3, 1, 7)
    assert (w45.iso, w45.cramps, w45.cramp_days, w45.recorded_days) == ("2026-W45", 1, 1, 7)
    hours = stats.hourly(diary, date(2026, 10, 26), date(2026, 11, 8))
    assert (hours[0], hours[1], hours[20]) == (1, 2, 1)  # both 01:30s are wall-clock 1 a.m.


def test_period_is_whole_iso_weeks_up_to_today(diary: Diary) -> None:
    wednesday = date(2026, 11, 18)
    assert stats.period(diary, wednesday, 1) == (date(2026, 11, 16), wednesday)
    assert stats.period(diary, wednesday, 4) == (date(2026, 10, 26), wednesday)


def test_all_weeks_start_at_the_first_record(diary: Diary) -> None:
    today = date(2026, 11, 22)
    assert stats.period(diary, today, None) == (today, today)
    diary.checkins.add(date(2026, 9, 3))
    diary.episodes.add(Episode(datetime(2026, 10, 1, 3, tzinfo=BERLIN), "calf", "left"))
    assert stats.period(diary, today, None) == (date(2026, 9, 3), today)


def test_last_night_belongs_to_the_day_it_ended_on() -> None:
    assert stats.last_night(datetime(2026, 11, 22, 3, 59, tzinfo=BERLIN)) == date(2026, 11, 21)
    assert stats.last_night(datetime(2026, 11, 22, 4, 0, tzinfo=BERLIN)) == date(2026, 11, 22)
    assert stats.last_night(datetime(2026, 11, 22, 23, 0, tzinfo=BERLIN)) == date(2026, 11, 22)
