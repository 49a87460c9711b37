"""What an N-of-1 trial found so far: each block's figures and the with/without comparison, with its words.

Each day of a trial is a night, belonging to the day it ends on (as a check-in
does), so "day 5" is the fifth night and a block is over once its last night is.
Only recorded days count (a day with a cramp or a check-in); washout days are
left out. A night off plan stays in the block it belongs to and is counted
beside it (as planned, not as done: leaving such nights out would let the
nights someone skipped decide the result). No result is stated until every
block used has at least :data:`ENOUGH_SHARE` of its counted days recorded; until
then the view says what is missing. No I/O: :func:`trial_result` is handed
the days and answers, and the CLI, the app and the report all show its lines.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from cramp_diary.rate_ratio import RateRatio, rate_ratio
from cramp_diary.rates import best_estimate, enough_recorded, how_sure
from cramp_diary.trial_records import plan_to_record
from cramp_diary.wording import plural
from cramp_diary.trial import (
    Block,
    DayFigures,
    TrialPlan,
    complete_pairs,
    design_note,
    position_line,
    shown_arm,
    trial_blocks,
)

if TYPE_CHECKING:
    from cramp_diary.store import Diary



def needed_days(counted_days: int) -> int:
    """How many recorded days a block of ``counted_days`` needs under the one data rule (80 %, rounded up)."""
    return next(n for n in range(counted_days + 1) if enough_recorded(n, counted_days)) if counted_days else 0


def _mean(values: list[int]) -> float | None:
    return sum(values) / len(values) if values else None


@dataclass(frozen=True)
class BlockResult:
    """One block's figures over its counted days up to yesterday."""

    block: Block
    arm_shown: str
    over: bool
    #: At least one of its nights is over.
    begun: bool
    counted_so_far: int
    recorded_days: int
    cramps: int
    off_plan_nights: int
    followed_nights: int
    mean_severity: float | None
    mean_sleep: float | None

    @property
    def per_day(self) -> float | None:
        return self.cramps / self.recorded_days if self.recorded_days else None

    @property
    def enough(self) -> bool:
        return self.over and enough_recorded(self.recorded_days, self.block.counted_days)

    def as_dict(self) -> dict[str, Any]:
        """The block as ``trial status --format json`` gives it."""
        b = self.block
        return {
            "index": b.index, "pair": b.pair, "arm": self.arm_shown,
            "first": b.first.isoformat(), "last": b.last.isoformat(), "washout_days": b.washout_days,
            "counted_days": b.counted_days, "counted_so_far": self.counted_so_far,
            "recorded_days": self.recorded_days, "cramps": self.cramps, "cramps_per_day": self.per_day,
            "off_plan_nights": self.off_plan_nights, "followed_nights": self.followed_nights,
            "mean_severity": self.mean_severity, "mean_sleep_disturbance": self.mean_sleep,
            "over": self.over, "enough": self.enough,
        }


@dataclass(frozen=True)
class TrialResult:
    """The trial as of ``tonight``: blocks, the pairs used, and the comparison once there is enough data."""

    plan: TrialPlan
    tonight: date
    blocks: tuple[BlockResult, ...]
    pairs_used: tuple[int, ...]
    with_cramps: int
    with_days: int
    without_cramps: int
    without_days: int
    pairs_favouring_with: int
    enough_data: bool
    missing: tuple[str, ...]
    ratio: RateRatio | None = field(default=None)
    #: Pairs whose two blocks had the same cramps per recorded day (favouring neither).
    pairs_tied: int = 0

    @property
    def provisional(self) -> bool:
        return not self.enough_data

    @property
    def stopped_early(self) -> bool:
        return self.plan.stopped_on is not None

    def as_dict(self) -> dict[str, Any]:
        """The stable JSON shape scripts read; the overall figures are null until there is enough data."""
        ratio = self.ratio if self.enough_data else None
        return {
            "trial": _shown_record(self.plan),
            "tonight": self.tonight.isoformat(),
            "status": position_line(self.plan, self.tonight),
            "blocks": [block.as_dict() for block in self.blocks],
            "rate_ratio": _finite(ratio.ratio) if ratio else None,
            "ci_low": _finite(ratio.low) if ratio else None,
            "ci_high": _finite(ratio.high) if ratio else None,
            "with": {"cramps": self.with_cramps, "recorded_days": self.with_days},
            "without": {"cramps": self.without_cramps, "recorded_days": self.without_days},
            "pairs": len(self.pairs_used),
            "pairs_favouring_with": self.pairs_favouring_with if self.enough_data else None,
        "pairs_tied": self.pairs_tied if self.enough_data else None,
            "enough_data": self.enough_data,
            "provisional": self.provisional,
            "missing": list(self.missing),
            "stopped_early": self.stopped_early,
            "design_note": design_note(max(1, len(self.pairs_used) or self.plan.pairs)),
        }


def _shown_record(plan: TrialPlan) -> dict[str, Any]:
    """The plan's record; without its seed when the person chose to see one block at a time (the seed gives the order)."""
    record = plan_to_record(plan)
    if plan.one_block_at_a_time:
        del record["seed"]
    return record


def _finite(value: float | None) -> float | None:
    """JSON has no infinity: an unbounded end is null (the text says 'no upper limit')."""
    return None if value is None or math.isinf(value) else value


def _block_result(
    plan: TrialPlan, block: Block, days: Mapping[date, DayFigures], followed: Mapping[date, bool], tonight: date
) -> BlockResult:
    last = min(block.last, tonight - timedelta(days=1))  # tonight is still to come (or under way)
    counted = [block.counted_first + timedelta(days=n) for n in range((last - block.counted_first).days + 1)]
    recorded = [days[day] for day in counted if day in days]
    return BlockResult(
        block=block,
        arm_shown=shown_arm(plan, block, tonight),
        over=block.last < tonight,
        begun=block.first < tonight,
        counted_so_far=len(counted),
        recorded_days=len(recorded),
        cramps=sum(figures.cramps for figures in recorded),
        off_plan_nights=sum(1 for day in counted if followed.get(day) is False),
        followed_nights=sum(1 for day in counted if followed.get(day) is True),
        mean_severity=_mean([s for figures in recorded for s in figures.severities]),
        mean_sleep=_mean([s for figures in recorded for s in figures.sleep]),
    )


def _missing(plan: TrialPlan, results: tuple[BlockResult, ...], used: tuple[int, ...], tonight: date) -> list[str]:
    missing: list[str] = []
    to_come = [r.block.index for r in results if not r.over]
    if to_come:
        runs = "block" if len(to_come) == 1 else "blocks"
        span = str(to_come[0]) if len(to_come) == 1 else f"{to_come[0]} to {to_come[-1]}"
        missing.append(f"{runs} {span} not over yet (the trial ends on {plan.last.isoformat()})")
    if plan.stopped_on is not None and not used:
        missing.append("no pair ran in full before the trial was stopped")
    for r in results:
        if r.over and r.block.pair in used and not r.enough:
            need = needed_days(r.block.counted_days)
            missing.append(
                f"block {r.block.index} ({r.arm_shown}) has {r.recorded_days} of {r.block.counted_days} counted days "
                f"recorded; it needs {need}"
            )
    return missing


def trial_result(
    plan: TrialPlan, days: Mapping[date, DayFigures], followed: Mapping[date, bool], tonight: date
) -> TrialResult:
    """The trial as of ``tonight`` from the recorded days (only days with a cramp or a check-in) and the answers.

    A day is a night, belonging to the day it ends on, as everywhere in the diary: ``tonight`` is
    the first one not over yet (:func:`cramp_diary.trial_actions.tonight`), and every night before it counts.

    The comparison uses the complete pairs that are over, and only those.
    """
    results = tuple(_block_result(plan, block, days, followed, tonight) for block in trial_blocks(plan))
    used = tuple(
        pair
        for pair in complete_pairs(plan)
        if all(r.over for r in results if r.block.pair == pair) and any(r.block.pair == pair for r in results)
    )
    in_use = [r for r in results if r.block.pair in used]
    arms = {arm: [r for r in in_use if r.block.arm == arm] for arm in ("with", "without")}
    totals = {arm: (sum(r.cramps for r in rs), sum(r.recorded_days for r in rs)) for arm, rs in arms.items()}
    favouring = tied = 0
    for pair in used:
        by_arm = {r.block.arm: r.per_day for r in in_use if r.block.pair == pair}
        with_rate, without_rate = by_arm.get("with"), by_arm.get("without")
        if with_rate is not None and without_rate is not None:
            favouring += with_rate < without_rate
            tied += with_rate == without_rate
    missing = _missing(plan, results, used, tonight)
    enough = bool(used) and not missing and all(r.enough for r in in_use)
    (wc, wd), (oc, od) = totals["with"], totals["without"]
    ratio = rate_ratio(wc, wd, oc, od) if used else None
    return TrialResult(plan, tonight, results, used, wc, wd, oc, od, favouring, enough, tuple(missing), ratio, tied)


# -- words ---------------------------------------------------------------------------


def _num(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def block_line(r: BlockResult) -> str:
    """One block as a line of the status table."""
    b = r.block
    head = f"Block {b.index} (pair {b.pair}) {r.arm_shown.upper():8} {b.first.isoformat()} to {b.last.isoformat()}"
    head += f", {b.washout_days} washout" if b.washout_days else ""
    if not r.over and not r.counted_so_far:
        return f"{head}: {'washout, not counted' if r.begun else 'to come'}"
    if r.over:
        days = f"{r.recorded_days} of {b.counted_days} counted days recorded"
    else:
        days = f"so far {r.recorded_days} of {r.counted_so_far} counted days recorded ({b.counted_days} in all)"
    sleep = f", sleep {_num(r.mean_sleep, 1)}" if r.mean_sleep is not None else ""
    return (
        f"{head}: {days}, {plural(r.cramps, 'cramp')} ({_num(r.per_day)} a day), "
        f"{r.off_plan_nights} off plan, severity {_num(r.mean_severity, 1)}{sleep}"
    )


def ratio_sentence(ratio: RateRatio) -> str:
    """The with/without comparison, leading with how sure it is (the interval in words, as every comparison says it)."""
    if not ratio.known or ratio.ratio is None:
        return "No cramps in the 'without' blocks, so the two cannot be compared as a ratio."
    high = "no upper limit" if ratio.high is None or math.isinf(ratio.high) else f"{ratio.high:.2f}"
    return (
        f"With it, cramps per recorded day were {how_sure(ratio)} (95 % interval); best estimate "
        f"{best_estimate((ratio.ratio - 1) * 100)} (with ÷ without {ratio.ratio:.2f}, {ratio.low:.2f} to {high})."
    )


def result_lines(result: TrialResult) -> list[str]:
    """The status as lines, the same in ``trial status``, the app's trial screen and the report."""
    plan = result.plan
    lines = [position_line(plan, result.tonight)]
    lines += [block_line(r) for r in result.blocks]
    off_plan = sum(r.off_plan_nights for r in result.blocks)
    if off_plan:
        lines.append(
            f"{off_plan} night{'s' if off_plan != 1 else ''} off plan: counted in the block as planned, not as done, "
            "so skipped nights cannot pick the result."
        )
    if result.stopped_early:
        lines.append(f"Stopped early on {plan.stopped_on.isoformat()}: {_pairs_used(result)}.")  # type: ignore[union-attr]
    if not result.enough_data:
        lines.append("No result yet:")
        lines += [f"- {line}" for line in result.missing]
        if any("recorded; it needs" in line for line in result.missing):
            lines.append("A day counts once it has a cramp or a check-in (`cramp-diary checkin --date DAY`).")
        return lines
    return [*lines, *result_sentences(result), design_note(len(result.pairs_used))]


def _pairs_used(result: TrialResult) -> str:
    """'only the 1 complete pair is used', 'only the 2 complete pairs are used'."""
    used = len(result.pairs_used)
    return f"only the {plural(used, 'complete pair')} {'is' if used == 1 else 'are'} used"


def result_sentences(result: TrialResult) -> list[str]:
    """The result itself, once there is enough data: the totals, the ratio with its interval, the pairs."""
    assert result.ratio is not None
    pairs = len(result.pairs_used)
    tied = f" ({result.pairs_tied} tied)" if result.pairs_tied else ""
    return [
        f"With: {result.with_cramps} cramps in {result.with_days} recorded days; "
        f"without: {result.without_cramps} in {result.without_days}.",
        ratio_sentence(result.ratio),
        f"{result.pairs_favouring_with} of {pairs} pair{'s' if pairs != 1 else ''} favoured 'with'{tied}.",
    ]


def result_of(diary: Diary, plan: TrialPlan, tonight: date) -> TrialResult:
    """The trial's result from the diary's recorded days, their sleep figures and the answers, as of ``tonight``."""
    from cramp_diary.store import queries

    days = diary.trials.day_figures(plan.start, plan.last)
    for day, value in queries.sleep_by_night(diary, plan.start, plan.last):  # one figure a night, the highest
        if day in days:
            days[day] = replace(days[day], sleep=(value,))
    return trial_result(plan, days, diary.trials.answers(plan.uuid), tonight)


def report_lines(result: TrialResult) -> list[str]:
    """The trial for the report's first page: a heading, where it stands, and the result or what is missing."""
    plan = result.plan
    lines = [f"With/without trial: {plan.name} ({plan.kind})", position_line(plan, result.tonight)]
    off_plan = sum(r.off_plan_nights for r in result.blocks)
    if result.stopped_early:
        lines.append(f"Stopped early; {_pairs_used(result)}.")
    if not result.enough_data:
        lines.append("No result yet: " + "; ".join(result.missing) + ".")
    else:
        lines += result_sentences(result)
    lines.append(f"Nights off plan (counted in their block): {off_plan}.")
    lines.append(design_note(len(result.pairs_used) or plan.pairs))
    return lines
