"""How sure a "fewer" or "more" is: the rate ratio of two counts with its exact 95 % interval.

Cramps are counted as Poisson events with recorded days as the exposure. Given
the total ``n = after + before``, the "after" count is binomial with
``p = E1·λ1 / (E1·λ1 + E0·λ0)``, so the exact (Clopper-Pearson) interval for
``p`` maps one-to-one onto the rate ratio ``λ1/λ0 = p/(1-p) · E0/E1``. This is
the conditional binomial interval, the standard exact one. No I/O and no
third-party code: the comparison, the trial and the report all call
:func:`rate_ratio`, and the tests check it against an independent routine.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

#: Two-sided confidence level of every interval the app states.
CONFIDENCE = 0.95


@dataclass(frozen=True)
class RateRatio:
    """``after`` cramps in ``after_days`` recorded days against ``before`` in ``before_days``."""

    ratio: float | None
    low: float | None
    high: float | None  # math.inf when no cramp happened before

    @property
    def known(self) -> bool:
        """False when there is nothing to compare (no cramp in either period, or no recorded day)."""
        return self.low is not None and self.high is not None

    @property
    def clearly_fewer(self) -> bool:
        """The whole interval lies below 1: fewer, beyond what chance alone readily gives."""
        return self.known and self.high is not None and self.high < 1.0

    @property
    def clearly_more(self) -> bool:
        """The whole interval lies above 1."""
        return self.known and self.low is not None and self.low > 1.0


def _betacf(a: float, b: float, x: float) -> float:
    """Continued fraction of the incomplete beta function (modified Lentz)."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 10_000):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-15:
            break
    return h


def regularized_beta(a: float, b: float, x: float) -> float:
    """I_x(a, b), the regularized incomplete beta function, for a, b > 0 and 0 ≤ x ≤ 1."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    front = math.exp(log_front)
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _betacf(a, b, x) / a
    return 1.0 - front * _betacf(b, a, 1.0 - x) / b


def _solve(f, target: float) -> float:
    """The p in (0, 1) where the increasing function ``f`` reaches ``target`` (bisection)."""
    lo, hi = 0.0, 1.0
    for _ in range(200):
        mid = (lo + hi) / 2
        if f(mid) < target:
            lo = mid
        else:
            hi = mid
        if hi - lo < 1e-15:
            break
    return (lo + hi) / 2


def binomial_interval(k: int, n: int, confidence: float = CONFIDENCE) -> tuple[float, float]:
    """The exact (Clopper-Pearson) interval for a binomial share, ``k`` of ``n``."""
    if n <= 0 or not 0 <= k <= n:
        raise ValueError(f"need 0 <= k <= n and n > 0 (got k={k}, n={n})")
    alpha = 1.0 - confidence
    # Lower bound: P(X >= k | p) = I_p(k, n-k+1) = alpha/2, increasing in p.
    low = 0.0 if k == 0 else _solve(lambda p: regularized_beta(k, n - k + 1, p), alpha / 2)
    # Upper bound: P(X <= k | p) = alpha/2, i.e. I_p(k+1, n-k) = 1 - alpha/2, increasing in p.
    high = 1.0 if k == n else _solve(lambda p: regularized_beta(k + 1, n - k, p), 1.0 - alpha / 2)
    return low, high


def rate_ratio(after: int, after_days: float, before: int, before_days: float,
               confidence: float = CONFIDENCE) -> RateRatio:
    """Cramps per recorded day after ÷ before, with its exact interval; unknown parts are None."""
    if after < 0 or before < 0:
        raise ValueError("counts cannot be negative")
    if after_days <= 0 or before_days <= 0:
        return RateRatio(None, None, None)
    ratio = (after / after_days) / (before / before_days) if before else None
    n = after + before
    if n == 0:
        return RateRatio(None, None, None)
    p_low, p_high = binomial_interval(after, n, confidence)
    scale = before_days / after_days

    def to_ratio(p: float) -> float:
        return math.inf if p >= 1.0 else p / (1.0 - p) * scale

    return RateRatio(ratio if before else (math.inf if after else None), to_ratio(p_low), to_ratio(p_high))
