"""One data rule for every trend claim, and words that never claim more than the interval allows."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cramp_diary.rates import ENOUGH_SHARE, NOT_ENOUGH, Rate, RateChange, how_sure, percent_text, trend_words

PACKAGE = Path(__file__).parent.parent / "cramp_diary"

windows = st.tuples(st.integers(0, 60), st.integers(1, 60)).flatmap(
    lambda t: st.tuples(st.just(t[0]), st.just(t[1] + 13), st.integers(0, t[1] + 13))
)


@settings(max_examples=150, deadline=None)
@given(after=windows, before=windows)
def test_trend_words_claim_fewer_or_more_only_when_the_interval_allows(after, before) -> None:
    change = RateChange(Rate(*after), Rate(*before))
    words = trend_words(change, "the 4 weeks before")
    if not change.enough:
        assert NOT_ENOUGH in words and "% fewer" not in words and "% more" not in words
        return
    ratio = change.ratio
    assert words.startswith("Fewer") == bool(ratio.clearly_fewer)
    assert words.startswith("More") == bool(ratio.clearly_more)
    if ratio.known and not (ratio.clearly_fewer or ratio.clearly_more):
        assert "could well be chance" in words


@settings(max_examples=150, deadline=None)
@given(after=st.integers(0, 40), before=st.integers(0, 40), days=st.integers(1, 40))
def test_fewer_recorded_days_never_make_a_narrower_interval(after, before, days) -> None:
    """The same rates over fewer recorded days are less sure: the interval widens."""
    wide = RateChange(Rate(after, days, days), Rate(before, days, days)).ratio
    narrow = RateChange(Rate(after * 2, days * 2, days * 2), Rate(before * 2, days * 2, days * 2)).ratio
    if wide.known and wide.ratio is not None and before:
        assert wide.low <= narrow.low + 1e-9 and narrow.high <= wide.high + 1e-9


@settings(max_examples=200, deadline=None)
@given(part=st.integers(0, 400), extra=st.integers(0, 400))
def test_a_percent_never_rounds_across_the_threshold(part, extra) -> None:
    whole = part + extra
    if not whole:
        return
    value = part / whole
    shown = float(percent_text(value).rstrip("%"))
    assert (value < ENOUGH_SHARE) == (shown < ENOUGH_SHARE * 100)


def test_79_8_percent_is_not_shown_as_80() -> None:
    """The issue's case: 67 of 84 days."""
    assert percent_text(67 / 84) == "79.8%"
    assert Rate(10, 84, 67).text().endswith("(67 of 84 days recorded, 79.8%)")


def test_the_interval_in_words() -> None:
    assert how_sure(RateChange(Rate(6, 23, 23), Rate(12, 26, 26)).ratio) == (
        "between 83 % fewer and 63 % more: could well be chance"
    )
    assert how_sure(RateChange(Rate(2, 28, 28), Rate(20, 28, 28)).ratio) == "between 99 % and 59 % fewer"


def test_the_recorded_share_threshold_has_one_home() -> None:
    """No module but rates.py defines a share of days recorded or its own share helper (issue 19)."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "rates.py":
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"^\w*(SHARE|RECORDED)\w* = 0\.\d", text, re.M) or re.search(r"^def _share\(", text, re.M):
            offenders.append(path.name)
    assert offenders == []
