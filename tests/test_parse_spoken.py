"""Durations and times in the words people use: '2 minutes', '1.5m', '3am', '2 hours ago', 'last night 03:10'."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cramp_diary.model import InvalidField
from cramp_diary.parsing import format_duration, parse_duration, parse_since, parse_when

ZONE = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 22, 21, 30, tzinfo=ZONE)
UTC = timezone.utc


def iso(moment: datetime) -> str:
    return moment.isoformat(timespec="minutes")


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("2 minutes", 120),
        ("2 mins", 120),
        ("1 min", 60),
        ("1.5m", 90),
        ("1.5 minutes", 90),
        ("90 sec", 90),
        ("90 seconds", 90),
        ("1 hour", 3600),
        ("2 hrs", 7200),
        ("1 hour 5 mins", 3900),
        ("1 min 30 sec", 90),
        ("a minute", 60),
        ("0.5 h", 1800),
        (" 2 Minutes ", 120),
    ],
)
def test_spoken_durations_give_seconds(text: str, seconds: int) -> None:
    assert parse_duration(text) == seconds


def test_the_duration_refusal_names_the_new_forms() -> None:
    with pytest.raises(InvalidField) as caught:
        parse_duration("two minutes")
    assert "2 minutes" in caught.value.rule and "1.5m" in caught.value.rule


@given(st.integers(min_value=1, max_value=3 * 3600))
def test_any_number_of_seconds_reads_back_in_every_unit(seconds: int) -> None:
    assert parse_duration(format_duration(seconds)) == seconds
    assert parse_duration(f"{seconds} sec") == seconds
    assert parse_duration(f"{seconds} seconds") == seconds
    assert parse_duration(f"{seconds / 60} minutes") == seconds  # e.g. 1.5 minutes, exact or rounded to the second


@given(st.text(alphabet="0123456789.:hmsinoecutr ", max_size=30))
def test_duration_garbage_is_refused_by_field_never_crashes(text: str) -> None:
    try:
        seconds = parse_duration(text)
    except InvalidField as error:
        assert error.field == "duration"
    else:
        assert seconds is None or 1 <= seconds <= 3 * 3600


def test_a_huge_decimal_is_refused_not_overflowed() -> None:
    with pytest.raises(InvalidField):
        parse_duration("9" * 400 + ".5m")
    with pytest.raises(InvalidField):
        parse_when("9" * 400 + ".5 minutes ago", NOW)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3am", "2026-11-22T03:00+01:00"),
        ("3 am", "2026-11-22T03:00+01:00"),
        ("3:10am", "2026-11-22T03:10+01:00"),
        ("3:10 a.m.", "2026-11-22T03:10+01:00"),
        ("3:10PM", "2026-11-22T15:10+01:00"),
        ("12am", "2026-11-22T00:00+01:00"),
        ("12pm", "2026-11-22T12:00+01:00"),
        ("11pm", "2026-11-21T23:00+01:00"),  # still to come today: last night's
        ("yesterday 3am", "2026-11-21T03:00+01:00"),
        ("2026-11-20 3:10am", "2026-11-20T03:10+01:00"),
        ("20 minutes ago", "2026-11-22T21:10+01:00"),
        ("2 hours ago", "2026-11-22T19:30+01:00"),
        ("an hour ago", "2026-11-22T20:30+01:00"),
        ("1.5 hours ago", "2026-11-22T20:00+01:00"),
        ("last night 03:10", "2026-11-22T03:10+01:00"),
        ("last night 3:10am", "2026-11-22T03:10+01:00"),
        ("last night 23:30", "2026-11-21T23:30+01:00"),
        ("last night 11pm", "2026-11-21T23:00+01:00"),
    ],
)
def test_spoken_times(text: str, expected: str) -> None:
    assert iso(parse_when(text, NOW)) == expected


def test_last_night_before_four_in_the_morning_is_the_night_before() -> None:
    """At 02:00 the night is not over: 'last night 03:10' is the night that ended yesterday morning."""
    now = datetime(2026, 11, 22, 2, 0, tzinfo=ZONE)
    assert iso(parse_when("last night 03:10", now)) == "2026-11-21T03:10+01:00"
    assert iso(parse_when("last night 23:00", now)) == "2026-11-20T23:00+01:00"


@pytest.mark.parametrize("text", ["13am", "0am", "3:61pm", "last night", "last night soon", "3 o'clock"])
def test_impossible_spoken_times_are_refused(text: str) -> None:
    with pytest.raises(InvalidField) as caught:
        parse_when(text, NOW)
    assert caught.value.field == "time" and "3am" in caught.value.rule


@given(st.integers(min_value=0, max_value=23), st.integers(min_value=0, max_value=59))
def test_twelve_hour_clock_means_the_same_as_twenty_four(hour: int, minute: int) -> None:
    twelve = f"{hour % 12 or 12}:{minute:02d}{'am' if hour < 12 else 'pm'}"
    assert parse_when(twelve, NOW) == parse_when(f"{hour:02d}:{minute:02d}", NOW)


@given(st.integers(min_value=1, max_value=600), st.sampled_from(["minutes", "mins", "min", "m"]))
def test_minutes_ago_is_a_real_span(minutes: int, unit: str) -> None:
    assert parse_when(f"{minutes} {unit} ago", NOW) == NOW - timedelta(minutes=minutes)


def test_a_spoken_time_skipped_by_the_spring_change_is_refused() -> None:
    now = datetime(2026, 3, 29, 12, 0, tzinfo=ZONE)
    for text in ("2:30am", "today 2:30am", "last night 2:30am", "2026-03-29 2:30am"):
        with pytest.raises(InvalidField, match="clocks went forward"):
            parse_when(text, now)
    assert iso(parse_when("3:30am", now)) == "2026-03-29T03:30+02:00"


# -- list --since -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", "2026-11-22T00:00+01:00"),
        ("yesterday", "2026-11-21T00:00+01:00"),
        ("2026-11-01", "2026-11-01T00:00+01:00"),
        ("yesterday 03:10", "2026-11-21T03:10+01:00"),
        ("2 hours ago", "2026-11-22T19:30+01:00"),
        ("3am", "2026-11-22T03:00+01:00"),
    ],
)
def test_since_takes_plain_days_and_every_time(text: str, expected: str) -> None:
    assert iso(parse_since(text, NOW)) == expected


def test_since_a_day_to_come_is_refused() -> None:
    with pytest.raises(InvalidField, match="future") as caught:
        parse_since("2026-12-01", NOW)
    assert caught.value.field == "since"


def test_since_nonsense_names_days_and_times() -> None:
    with pytest.raises(InvalidField) as caught:
        parse_since("last week", NOW)
    assert caught.value.field == "since"
    assert "yesterday" in caught.value.rule and "2026-11-20" in caught.value.rule and "3am" in caught.value.rule


def test_since_a_day_whose_midnight_was_skipped_starts_after_the_gap() -> None:
    """In Havana the clocks jump from 00:00 to 01:00: the day starts at 01:00, not an error."""
    havana = ZoneInfo("America/Havana")
    now = datetime(2026, 3, 8, 12, 0, tzinfo=havana)
    start = parse_since("2026-03-08", now)
    assert start.astimezone(UTC) == datetime(2026, 3, 8, 5, 0, tzinfo=UTC)
