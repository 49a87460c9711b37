"""An N-of-1 trial of one change: the plan, its randomised blocks, and where a day falls in them.

The same person alternates blocks *with* and *without* the change, one of each
in every pair, in an order drawn at random per pair from a stored seed. The
blocks are whole local days (dates, never instants), so a clock change inside a
block moves no boundary. The first days of every block after the first are a
washout: what the previous block did may still act then, so they are not
counted. Once started, a plan only changes by stopping early or adding a pair;
the order of the pairs already drawn never changes. No I/O here; the result is
:mod:`cramp_diary.trial_result`, the storage ``store/``.
"""

from __future__ import annotations

import uuid as uuid_module
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any, Literal

from cramp_diary.changes import Change
from cramp_diary.model import FIRST_YEAR, MAX_NOTE, InvalidField, _check_text
from cramp_diary.record_fields import Synced, check_name

Arm = Literal["with", "without"]
ARMS: tuple[Arm, Arm] = ("with", "without")
#: What a trial may test. A medicine is not among them: see :data:`MEDICINE_REFUSED`.
KINDS: tuple[str, ...] = ("habit", "supplement", "other")
DEFAULT_BLOCK_DAYS = 14
DEFAULT_PAIRS = 3
DEFAULT_WASHOUT_DAYS = 3
MIN_BLOCK_DAYS, MAX_BLOCK_DAYS = 3, 56
MIN_PAIRS, MAX_PAIRS = 1, 8
#: How far from today a trial may start: ahead to plan, back to enter a diary kept on paper.
START_RANGE_DAYS = 92
#: How far ahead a plan from a file or another device may start (it was planned there, up to START_RANGE_DAYS ahead).
STORED_AHEAD_DAYS = 366

MEDICINE_REFUSED = (
    "a trial of a medicine is not planned here: plan such a trial with your healthcare provider, "
    "who knows what is safe to start and stop for you"
)
SUPPLEMENT_NOTE = "Talk to your healthcare provider before starting a supplement, even for a trial."
#: What this design can show and what it cannot, for every view of the result.
DESIGN_NOTE = (
    "Random order and pairs make it unlikely that a season, a busy month or cramps easing on their own "
    "explain a difference. But with {pairs}, 'with' comes out better in every pair by chance alone one time "
    "in {odds}; you know which block you are in, which can colour what you notice; and the result is about "
    "you only: it says nothing about anyone else."
)


@dataclass(frozen=True, slots=True)
class TrialPlan(Synced):
    """One trial: what is tried, its blocks' shape, the seed of its order, and any early stop.

    ``stopped_on`` is the first day no longer in the trial (the day it was stopped).
    """

    name: str
    kind: str
    start: date
    seed: int
    block_days: int = DEFAULT_BLOCK_DAYS
    pairs: int = DEFAULT_PAIRS
    washout_days: int = DEFAULT_WASHOUT_DAYS
    stopped_on: date | None = None
    #: Show the arm of coming blocks only when each begins (the person's choice).
    one_block_at_a_time: bool = False
    note: str = ""

    @property
    def planned_last(self) -> date:
        """The last day of the last block, as planned (before any early stop)."""
        return self.start + timedelta(days=2 * self.pairs * self.block_days - 1)

    @property
    def last(self) -> date:
        """The last day in the trial: the planned last day, or the day before it was stopped."""
        if self.stopped_on is not None:
            return min(self.planned_last, self.stopped_on - timedelta(days=1))
        return self.planned_last

    @property
    def label(self) -> str:
        """'stretch before bed (habit, 3 pairs of 14-day blocks from 2026-11-20)'; the name is the person's text."""
        pairs = "pair" if self.pairs == 1 else "pairs"
        return f"{self.name} ({self.kind}, {self.pairs} {pairs} of {self.block_days}-day blocks from {self.start.isoformat()})"


@dataclass(frozen=True)
class Answer:
    """Whether the plan was followed on ``day`` of the trial ``trial_uuid``; ``hlc`` orders edits across devices."""

    trial_uuid: str
    day: date
    followed: bool
    hlc: str = ""

    def with_changes(self, **changes: Any) -> Answer:
        """A copy with ``changes`` made: how the store copies a synced record (undo stamps it afresh)."""
        return replace(self, **changes)

    @property
    def key(self) -> str:
        """The one key a deletion record names: '<trial uuid>/<day>'."""
        return f"{self.trial_uuid}/{self.day.isoformat()}"


@dataclass(frozen=True)
class DayFigures:
    """One recorded day: its finished cramps, their severities and sleep disturbance (0-10) where rated."""

    cramps: int = 0
    severities: tuple[int, ...] = ()
    sleep: tuple[int, ...] = ()


def trial_change(plan: TrialPlan) -> Change:
    """The trial as a dated change (started on its first day, stopped on its last), for chart marks and overlap notes."""
    return Change(name=f"trial: {plan.name}", kind=plan.kind, started=plan.start, stopped=plan.last, uuid=plan.uuid)


def new_seed() -> int:
    """A fresh random seed for a plan's order (stored with it, so the order can always be re-derived)."""
    import secrets  # only a new plan needs it: ``log`` loads this module and must not pay for it

    return secrets.randbits(62)


def pair_order(seed: int, pair: int) -> tuple[Arm, Arm]:
    """The arms of ``pair`` (1-based) in order: a fair coin from the seed, the same on every machine and Python.

    Each pair has its own coin, so adding a pair never changes the pairs drawn before.
    """
    import hashlib  # loaded when a trial's order is read, not at every start

    coin = hashlib.sha256(f"cramp-diary trial {seed} pair {pair}".encode()).digest()[0] & 1
    return ("with", "without") if coin == 0 else ("without", "with")


@dataclass(frozen=True, slots=True)
class Block:
    """One block of the plan: its arm, its days, and the washout days at its start."""

    index: int  # 1-based, in time order
    pair: int  # 1-based
    arm: Arm
    first: date
    last: date
    washout_days: int

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def counted_first(self) -> date:
        """The first day that counts: after the washout."""
        return self.first + timedelta(days=self.washout_days)

    @property
    def counted_days(self) -> int:
        """The days this block counts (washout left out)."""
        return max(0, (self.last - self.counted_first).days + 1)

    def counted(self, day: date) -> bool:
        return self.counted_first <= day <= self.last

    def contains(self, day: date) -> bool:
        return self.first <= day <= self.last


def blocks(plan: TrialPlan) -> tuple[Block, ...]:
    """Every block as planned, in time order (an early stop leaves them as planned; see :func:`trial_blocks`)."""
    result: list[Block] = []
    for pair in range(1, plan.pairs + 1):
        for arm in pair_order(plan.seed, pair):
            index = len(result) + 1
            first = plan.start + timedelta(days=(index - 1) * plan.block_days)
            washout = plan.washout_days if index > 1 else 0
            result.append(Block(index, pair, arm, first, first + timedelta(days=plan.block_days - 1), washout))
    return tuple(result)


def trial_blocks(plan: TrialPlan) -> tuple[Block, ...]:
    """The blocks the trial ran or runs: after an early stop, those begun before it, cut at the stop."""
    if plan.stopped_on is None:
        return blocks(plan)
    return tuple(
        replace(block, last=min(block.last, plan.last)) for block in blocks(plan) if block.first <= plan.last
    )


def complete_pairs(plan: TrialPlan) -> tuple[int, ...]:
    """The pairs whose two blocks ran in full (all of them unless the trial stopped early)."""
    last = plan.last
    return tuple(
        pair
        for pair in range(1, plan.pairs + 1)
        if all(block.last <= last for block in blocks(plan) if block.pair == pair)
    )


@dataclass(frozen=True, slots=True)
class Position:
    """Where a day falls: before the start, in a block (day ``day`` of its ``block.days``), or after the end."""

    state: Literal["before", "running", "ended", "stopped"]
    block: Block | None = None
    day: int = 0  # 1-based day within the block

    @property
    def washout(self) -> bool:
        return self.block is not None and self.day <= self.block.washout_days


def position(plan: TrialPlan, day: date) -> Position:
    """Which block ``day`` is in, and which day of it."""
    if day < plan.start:
        return Position("before")
    if day > plan.last:
        return Position("stopped" if plan.stopped_on is not None else "ended")
    for block in blocks(plan):
        if block.contains(day):
            return Position("running", block, (day - block.first).days + 1)
    return Position("ended")  # unreachable: the blocks tile start..last


def shown_arm(plan: TrialPlan, block: Block, today: date) -> str:
    """The block's arm, or 'not shown yet' for a block still to come when the person chose not to see ahead."""
    if plan.one_block_at_a_time and block.first > today:
        return "not shown yet"
    return block.arm


def position_line(plan: TrialPlan, day: date) -> str:
    """The one line home and ``trial status`` show: "Trial 'x': WITH, day 5 of 14 (pair 2 of 3)"."""
    where = position(plan, day)
    name = f"Trial '{plan.name}'"
    if where.state == "before":
        days = (plan.start - day).days
        return f"{name} starts on {plan.start.isoformat()} (in {days} day{'s' if days != 1 else ''})"
    if where.state == "ended":
        return f"{name} ended on {plan.last.isoformat()}"
    if where.state == "stopped":
        return f"{name} was stopped early on {plan.stopped_on.isoformat()}"  # type: ignore[union-attr]
    block = where.block
    assert block is not None
    washout = ", washout: not counted" if where.washout else ""
    return (
        f"{name}: {block.arm.upper()}, day {where.day} of {block.days} (pair {block.pair} of {plan.pairs}{washout})"
    )


def chance_all_pairs(pairs: int) -> int:
    """The odds against every one of ``pairs`` pairs favouring 'with' by chance alone: 2 ** pairs (one in ...)."""
    return 2**pairs


def design_note(pairs: int) -> str:
    """What this design can and cannot show, for this many pairs."""
    words = "the one pair" if pairs == 1 else f"{pairs} pairs"
    return DESIGN_NOTE.format(pairs=words, odds=chance_all_pairs(pairs))


# -- checking and changing a plan ------------------------------------------------


def _whole(field_name: str, value: object, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidField(field_name, f"must be a whole number from {low} to {high} (got {value!r})")
    return value


def _kind(value: object) -> str:
    kind = str(value).strip().lower()
    if kind == "medicine":
        raise InvalidField("kind", MEDICINE_REFUSED)
    if kind not in KINDS:
        raise InvalidField("kind", f"must be one of {', '.join(KINDS)} (got {value!r})")
    return kind


def validate_plan(plan: TrialPlan, today: date, *, new: bool = False) -> TrialPlan:
    """The plan cleaned and checked, or :class:`InvalidField` naming the field and what is allowed.

    ``new``: a plan being started must begin within :data:`START_RANGE_DAYS` of today.
    """
    name = check_name(plan.name)
    kind = _kind(plan.kind)
    block_days = _whole("block_days", plan.block_days, MIN_BLOCK_DAYS, MAX_BLOCK_DAYS)
    _whole("pairs", plan.pairs, MIN_PAIRS, MAX_PAIRS)
    _whole("washout_days", plan.washout_days, 0, block_days // 2)
    _whole("seed", plan.seed, 0, 2**63 - 1)
    if not isinstance(plan.start, date) or isinstance(plan.start, datetime):
        raise InvalidField("start", f"must be a day such as 2026-11-20 (got {plan.start!r})")
    if new and abs((plan.start - today).days) > START_RANGE_DAYS:
        raise InvalidField("start", f"must be within {START_RANGE_DAYS} days of today (got {plan.start.isoformat()})")
    if plan.start.year < FIRST_YEAR or (plan.start - today).days > STORED_AHEAD_DAYS:  # a file's plan: its days must exist
        raise InvalidField(
            "start", f"must be after the year {FIRST_YEAR} and within {STORED_AHEAD_DAYS} days ahead (got {plan.start.isoformat()})"
        )
    if plan.stopped_on is not None and (
        not isinstance(plan.stopped_on, date) or isinstance(plan.stopped_on, datetime) or plan.stopped_on < plan.start
    ):
        stopped = plan.stopped_on.isoformat() if isinstance(plan.stopped_on, date) else repr(plan.stopped_on)
        raise InvalidField("stopped_on", f"must be a day on or after the start, {plan.start.isoformat()} (got {stopped})")
    note = _check_text("note", str(plan.note), MAX_NOTE, multiline=True)
    try:
        uuid_module.UUID(plan.uuid)
    except (ValueError, AttributeError, TypeError):
        raise InvalidField("uuid", f"must be a UUID (got {plan.uuid!r})") from None
    return replace(plan, name=name, kind=kind, note=note)


def plan_trial(
    name: str,
    kind: str,
    today: date,
    *,
    block_days: int = DEFAULT_BLOCK_DAYS,
    pairs: int = DEFAULT_PAIRS,
    washout_days: int = DEFAULT_WASHOUT_DAYS,
    start: date | None = None,
    seed: int | None = None,
    one_block_at_a_time: bool = False,
) -> TrialPlan:
    """A new, checked plan starting ``start`` (tomorrow by default) with a fresh random order."""
    plan = TrialPlan(
        name=name,
        kind=kind,
        start=start if start is not None else today + timedelta(days=1),
        seed=new_seed() if seed is None else seed,
        block_days=block_days,
        pairs=pairs,
        washout_days=washout_days,
        one_block_at_a_time=one_block_at_a_time,
    )
    return validate_plan(plan, today, new=True)


def is_open(plan: TrialPlan, today: date) -> bool:
    """Still planned or running on ``today`` (so no second trial may start)."""
    return plan.last >= today


def stop_plan(plan: TrialPlan, today: date) -> TrialPlan:
    """The plan stopped early on ``today``: today and later are no longer in the trial."""
    if plan.stopped_on is not None:
        raise InvalidField("trial", f"was already stopped on {plan.stopped_on.isoformat()}")
    if today > plan.planned_last:
        raise InvalidField("trial", f"already ended on {plan.planned_last.isoformat()}")
    if today <= plan.start:  # stopped before its first night, it would hold no day at all and end before it began
        raise InvalidField(
            "trial",
            f"has not begun yet (it starts on {plan.start.isoformat()}); to drop it, use `cramp-diary trial delete`",
        )
    return plan.with_changes(stopped_on=today)


def extend_plan(plan: TrialPlan, today: date) -> TrialPlan:
    """The plan with one more pair, drawn from the same seed; the pairs before keep their order."""
    if plan.stopped_on is not None:
        raise InvalidField("trial", f"was stopped on {plan.stopped_on.isoformat()}; start a new trial instead")
    if today > plan.planned_last:
        raise InvalidField("trial", f"already ended on {plan.planned_last.isoformat()}; start a new trial instead")
    if plan.pairs >= MAX_PAIRS:
        raise InvalidField("pairs", f"must be at most {MAX_PAIRS}")
    return plan.with_changes(pairs=plan.pairs + 1)
