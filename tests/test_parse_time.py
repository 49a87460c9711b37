"""When a cramp started, in the words people use at 3 a.m., never in the future."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cramp_diary.model import InvalidField
from cramp_diary.parsing import parse_when

ZONE = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 22, 21, 30, tzinfo=ZONE)
UTC = timezone.utc


def at(text: str, now: datetime = NOW) -> datetime:
    return parse_when(text, now)


def iso(moment: datetime) -> str:
    return moment.isoformat(timespec="minutes")


def test_now_and_empty_text_mean_now() -> None:
    assert at("now") == NOW
    assert at("  ") == NOW


def test_a_clock_time_earlier_today_is_today() -> None:
    assert iso(at("03:10")) == "2026-11-22T03:10+01:00"
    assert iso(at("today 03:10")) == "2026-11-22T03:10+01:00"


def test_a_clock_time_still_to_come_means_yesterday() -> None:
    assert iso(at("23:00")) == "2026-11-21T23:00+01:00"


def test_a_clock_time_within_the_slack_stays_today() -> None:
    assert iso(at("21:34")) == "2026-11-22T21:34+01:00"


def test_yesterday_with_a_time() -> None:
    assert iso(at("yesterday 03:10")) == "2026-11-21T03:10+01:00"
    assert iso(at("Yesterday  3:10")) == "2026-11-21T03:10+01:00"


def test_a_full_date_and_time() -> None:
    assert iso(at("2026-11-20 03:10")) == "2026-11-20T03:10+01:00"
    assert iso(at("2026-11-20T03:10")) == "2026-11-20T03:10+01:00"


def test_a_given_offset_is_kept() -> None:
    assert iso(at("2026-11-20 03:10+05:00")) == "2026-11-20T03:10+05:00"


@pytest.mark.parametrize("text", ["-20m", "- 20m", "20m ago", "20 min ago", "-1200", "-0:20:00"])
def test_relative_times(text: str) -> None:
    assert at(text) == NOW - timedelta(minutes=20)


def test_hours_and_minutes_ago() -> None:
    assert iso(at("1h 30m ago")) == "2026-11-22T20:00+01:00"


@pytest.mark.parametrize("text", ["2026-11-22 21:40", "2026-11-23 03:10", "2027-01-01 00:00", "21:30+00:00"])
def test_times_ahead_are_refused(text: str) -> None:
    with pytest.raises(InvalidField) as caught:
        at(text)
    assert caught.value.field == "time"


def test_the_future_refusal_says_so() -> None:
    with pytest.raises(InvalidField, match="future"):
        at("2026-11-23 03:10")


@pytest.mark.parametrize(
    "text",
    ["tomorrow", "yesterday", "24:00", "03:60", "2026-11-20", "20261120", "2026-13-01 03:10", "soon", "-", "x ago"],
)
def test_bad_times_are_refused_with_the_forms_named(text: str) -> None:
    with pytest.raises(InvalidField) as caught:
        at(text)
    assert caught.value.field == "time"
    assert "yesterday 03:10" in caught.value.rule


def test_the_field_name_can_be_chosen() -> None:
    with pytest.raises(InvalidField) as caught:
        parse_when("whenever", NOW, field="since")
    assert caught.value.field == "since"


def test_an_absurdly_long_ago_is_refused_not_crashed() -> None:
    with pytest.raises(InvalidField):
        at("-99999999999999999999h")


# -- daylight saving time in Europe/Berlin: 2026-03-29 02:00 -> 03:00, 2026-10-25 03:00 -> 02:00


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("01:30", "2026-03-29T01:30+01:00"),
        ("03:30", "2026-03-29T03:30+02:00"),
        ("2026-03-28 23:00", "2026-03-28T23:00+01:00"),
        ("yesterday 23:00", "2026-03-28T23:00+01:00"),
    ],
)
def test_spring_forward_keeps_the_right_offset(text: str, expected: str) -> None:
    now = datetime(2026, 3, 29, 12, 0, tzinfo=ZONE)
    assert iso(at(text, now)) == expected


def test_yesterday_across_spring_forward() -> None:
    now = datetime(2026, 3, 30, 8, 0, tzinfo=ZONE)
    assert iso(at("yesterday 03:10", now)) == "2026-03-29T03:10+02:00"
    assert iso(at("yesterday 01:10", now)) == "2026-03-29T01:10+01:00"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("01:30", "2026-10-25T01:30+02:00"), ("03:30", "2026-10-25T03:30+01:00")],
)
def test_fall_back_keeps_the_right_offset(text: str, expected: str) -> None:
    now = datetime(2026, 10, 25, 12, 0, tzinfo=ZONE)
    assert iso(at(text, now)) == expected


def test_minutes_ago_just_after_spring_forward_is_a_real_span() -> None:
    """03:10 summer time minus 20 minutes is 01:50 winter time, not 02:50 (which never existed)."""
    now = datetime(2026, 3, 29, 3, 10, tzinfo=ZONE)
    moment = at("-20m", now)
    assert moment.astimezone(UTC) == now.astimezone(UTC) - timedelta(minutes=20)
    assert iso(moment) == "2026-03-29T01:50+01:00"


def test_minutes_ago_just_after_fall_back_is_a_real_span() -> None:
    now = datetime(2026, 10, 25, 3, 10, tzinfo=ZONE)  # winter time, +01:00
    moment = at("20m ago", now)
    assert moment.astimezone(UTC) == now.astimezone(UTC) - timedelta(minutes=20)
    assert iso(moment) == "2026-10-25T02:50+01:00"


def test_minutes_ago_in_the_repeated_hour_is_not_mistaken_for_the_future() -> None:
    """At 02:10 the second time round, 20 minutes ago was 02:50 summer time: past, not future."""
    now = datetime(2026, 10, 25, 2, 10, fold=1, tzinfo=ZONE)
    moment = at("-20m", now)
    assert moment.astimezone(UTC) == now.astimezone(UTC) - timedelta(minutes=20)
    assert iso(moment) == "2026-10-25T02:50+02:00"


def test_utc_clock_stays_utc() -> None:
    now = datetime(2026, 11, 22, 20, 30, tzinfo=UTC)
    assert iso(at("-20m", now)) == "2026-11-22T20:10+00:00"
    assert iso(at("03:10", now)) == "2026-11-22T03:10+00:00"


@given(st.text(max_size=40))
def test_garbage_never_raises_anything_but_invalid_field(text: str) -> None:
    try:
        moment = parse_when(text, NOW)
    except InvalidField as error:
        assert error.field == "time"
    else:
        assert moment.tzinfo is not None
        assert moment.astimezone(UTC) <= NOW.astimezone(UTC) + timedelta(minutes=5)


@given(st.integers(min_value=0, max_value=10**30), st.sampled_from(["s", "m", "h", ""]), st.booleans())
def test_any_amount_ago_parses_or_is_refused(amount: int, unit: str, dash: bool) -> None:
    text = f"-{amount}{unit}" if dash else f"{amount}{unit} ago"
    try:
        moment = parse_when(text, NOW)
    except InvalidField:
        pass
    else:
        assert moment <= NOW


def test_a_time_skipped_by_the_spring_clock_change_is_refused_not_moved() -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    import pytest

    from cramp_diary.model import InvalidField
    from cramp_diary.parsing import parse_when

    now = datetime(2026, 3, 29, 12, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    with pytest.raises(InvalidField, match="clocks went forward"):
        parse_when("2026-03-29 02:30", now)
    assert parse_when("2026-03-29 03:30", now).utcoffset().total_seconds() == 7200
    assert parse_when("2026-03-29 01:30", now).utcoffset().total_seconds() == 3600
