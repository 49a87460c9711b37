"""The exact rate-ratio interval, checked against scipy's exact binomial interval and closed forms."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cramp_diary.rate_ratio import binomial_interval, rate_ratio

scipy_stats = pytest.importorskip("scipy.stats")


def test_the_issue_example_is_consistent_with_chance() -> None:
    """12 cramps in 26 recorded days before, 6 in 23 after: about 0.17 to 1.63."""
    r = rate_ratio(6, 23, 12, 26)
    assert r.ratio == pytest.approx(0.5652, abs=1e-4)
    assert r.low == pytest.approx(0.174, abs=1e-3)
    assert r.high == pytest.approx(1.627, abs=1e-3)
    assert not r.clearly_fewer and not r.clearly_more


def test_closed_form_when_every_event_is_on_one_side() -> None:
    """k = 0 of n: the upper bound is 1 - (alpha/2)^(1/n) exactly."""
    for n in (1, 2, 5, 30):
        low, high = binomial_interval(0, n)
        assert low == 0.0
        assert high == pytest.approx(1 - 0.025 ** (1 / n), rel=1e-9)
        low, high = binomial_interval(n, n)
        assert low == pytest.approx(0.025 ** (1 / n), rel=1e-9)
        assert high == 1.0


def test_nothing_to_compare_is_unknown() -> None:
    assert not rate_ratio(0, 28, 0, 28).known
    assert not rate_ratio(3, 0, 3, 28).known


def test_no_cramp_before_gives_an_open_upper_end() -> None:
    r = rate_ratio(5, 28, 0, 28)
    assert r.high == math.inf and r.low is not None and r.low > 0


@settings(max_examples=200, deadline=None)
@given(n=st.integers(1, 400), data=st.data())
def test_matches_scipy_exact_binomial_interval(n: int, data: st.DataObject) -> None:
    k = data.draw(st.integers(0, n))
    ours = binomial_interval(k, n)
    ci = scipy_stats.binomtest(k, n).proportion_ci(confidence_level=0.95, method="exact")
    assert ours[0] == pytest.approx(ci.low, abs=1e-9)
    assert ours[1] == pytest.approx(ci.high, abs=1e-9)


@settings(max_examples=200, deadline=None)
@given(after=st.integers(0, 60), before=st.integers(0, 60),
       after_days=st.integers(1, 60), before_days=st.integers(1, 60))
def test_interval_contains_the_estimate(after: int, before: int, after_days: int, before_days: int) -> None:
    r = rate_ratio(after, after_days, before, before_days)
    if r.known and r.ratio is not None and not math.isinf(r.ratio):
        assert r.low <= r.ratio * (1 + 1e-9) and r.ratio <= r.high * (1 + 1e-9)


@settings(max_examples=100, deadline=None)
@given(after=st.integers(1, 30), before=st.integers(1, 30), days=st.integers(10, 40))
def test_fewer_counts_give_a_wider_interval(after: int, before: int, days: int) -> None:
    """The same rates over half the counts (fewer recorded days) can only widen the interval."""
    wide = rate_ratio(after, days, before, days)
    narrow = rate_ratio(after * 2, days * 2, before * 2, days * 2)
    assert wide.low <= narrow.low + 1e-12 and wide.high >= narrow.high - 1e-12
