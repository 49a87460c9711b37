"""Durations typed the way people type them, and read back the same way."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cramp_diary.model import InvalidField
from cramp_diary.parsing import format_duration, parse_duration, parse_severity


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("90", 90),
        ("90s", 90),
        ("2m", 120),
        ("1m30s", 90),
        ("1m 30s", 90),
        ("1:30", 90),
        ("1h", 3600),
        ("1h05m", 3900),
        ("1:00:00", 3600),
        ("3h", 10800),
        ("1s", 1),
        (" 2M ", 120),
    ],
)
def test_each_form_gives_seconds(text: str, seconds: int) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "   ", None])
def test_empty_means_unknown(text: str | None) -> None:
    assert parse_duration(text) is None  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["0", "0s", "3h1s", "10801", "4h", "0.4s", "3.1 hours"])
def test_outside_one_second_to_three_hours_is_refused(text: str) -> None:
    with pytest.raises(InvalidField) as caught:
        parse_duration(text)
    assert caught.value.field == "duration" and "3 h" in caught.value.rule


@pytest.mark.parametrize("text", ["abc", "1,5m", "-5", "1:75", "m", "90x", "²", "1:30:75", "1 h 2 x", "2 minutes 3 hours", "1.5.5m"])
def test_bad_input_is_refused_with_the_forms_named(text: str) -> None:
    with pytest.raises(InvalidField) as caught:
        parse_duration(text)
    assert caught.value.field == "duration"
    assert "1m30s" in caught.value.rule


def test_the_field_name_can_be_chosen() -> None:
    with pytest.raises(InvalidField) as caught:
        parse_duration("nope", field="hold")
    assert caught.value.field == "hold"


@pytest.mark.parametrize(("seconds", "text"), [(45, "45s"), (90, "1m30s"), (120, "2m"), (3900, "1h05m"), (None, "?")])
def test_format_is_short(seconds: int | None, text: str) -> None:
    assert format_duration(seconds) == text


def test_every_duration_survives_format_then_parse() -> None:
    """All 10,800 of them: cheaper than sampling and leaves no gap."""
    for seconds in range(1, 10801):
        assert parse_duration(format_duration(seconds)) == seconds


@given(st.integers(min_value=1, max_value=10800))
def test_format_then_parse_round_trip(seconds: int) -> None:
    assert parse_duration(format_duration(seconds)) == seconds


@given(st.text(max_size=30))
def test_garbage_never_raises_anything_but_invalid_field(text: str) -> None:
    try:
        result = parse_duration(text)
    except InvalidField as error:
        assert error.field == "duration"
    else:
        assert result is None or 1 <= result <= 10800


@given(st.text(alphabet="0123456789hms: ²٣", max_size=30))
def test_digit_like_garbage_never_raises_anything_but_invalid_field(text: str) -> None:
    try:
        parse_duration(text)
    except InvalidField:
        pass


@pytest.mark.parametrize(("text", "value"), [("0", 0), ("10", 10), (" 6 ", 6), ("", None), (None, None)])
def test_severity_text(text: str | None, value: int | None) -> None:
    assert parse_severity(text) == value


@pytest.mark.parametrize("text", ["11", "-1", "5.5", "bad"])
def test_bad_severity_is_refused(text: str) -> None:
    with pytest.raises(InvalidField) as caught:
        parse_severity(text)
    assert caught.value.field == "severity"
