"""What a person does with a trial, once for the CLI and the app alike: each returns its result and its words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from cramp_diary.model import InvalidField
from cramp_diary.stats import last_night
from cramp_diary.wording import plural
from cramp_diary.store import Diary, DiaryError
from cramp_diary.store.trials import DeletedTrial
from cramp_diary.trial import (
    SUPPLEMENT_NOTE,
    TrialPlan,
    blocks,
    extend_plan,
    plan_trial,
    position,
    position_line,
    shown_arm,
    stop_plan,
)

NO_TRIAL = "no trial yet: plan one with `cramp-diary trial start NAME --kind habit` (or T in the app)"


@dataclass(frozen=True)
class Done:
    """A trial action's saved plan and the sentences that tell the person what happened."""

    plan: TrialPlan
    lines: tuple[str, ...]
    #: What the person must hear even where only a line fits (the app's notification): a provider note.
    notes: tuple[str, ...] = ()

    @property
    def brief(self) -> str:
        """The first line and the notes: what a notification shows."""
        return "\n".join((self.lines[0], *self.notes))


def current(diary: Diary) -> TrialPlan:
    """The trial planned, running or ended last; DiaryError when there is none."""
    plan = diary.trials.current()
    if plan is None:
        raise DiaryError(NO_TRIAL)
    return plan


def schedule_lines(plan: TrialPlan, today: date) -> list[str]:
    """Each block's days and arm (coming arms hidden when the person chose to see one block at a time)."""
    return [
        f"Block {b.index} (pair {b.pair}): {shown_arm(plan, b, today).upper()}, {b.first.isoformat()} to {b.last.isoformat()}"
        + (f" (first {plural(b.washout_days, 'day')} washout)" if b.washout_days else "")
        for b in blocks(plan)
    ]


def _washout_sentence(days: int) -> str:
    """Which days are left out, in words that fit 0, 1 or several."""
    if days == 0:
        return "No washout: every day of every block counts."
    if days == 1:
        return "The first day of every block after the first is washout and not counted."
    return f"The first {days} days of every block after the first are washout and not counted."


def start(
    diary: Diary,
    name: str,
    kind: str,
    now: datetime,
    *,
    block_days: int,
    pairs: int,
    washout_days: int,
    first_day: date | None = None,
    one_block_at_a_time: bool = False,
) -> Done:
    """Plan and save a trial (its order drawn now, at random, and stored)."""
    night = tonight(now)
    plan = diary.trials.start(
        plan_trial(
            name, kind, now.date(), block_days=block_days, pairs=pairs, washout_days=washout_days,
            start=night if first_day is None else first_day,
            one_block_at_a_time=one_block_at_a_time,
        )
    )
    lines = [
        f"Planned trial '{plan.name}' ({plan.kind}): {plan.pairs} pair{'s' if plan.pairs != 1 else ''} of "
        f"{plan.block_days}-day blocks, {plan.start.isoformat()} to {plan.planned_last.isoformat()}.",
        _washout_sentence(plan.washout_days) + " Each day is the night that ends on it, as in the rest of the diary.",
        *schedule_lines(plan, night),
    ]
    notes: list[str] = []
    if plan.kind == "supplement":
        notes.append(SUPPLEMENT_NOTE)
    if plan.start < night:
        notes.append(
            "It starts in the past: the order was drawn just now, so answer 'followed' for those days as they really were."
        )
    return Done(plan, tuple(lines + notes), tuple(notes))


def answer(diary: Diary, followed: bool, day: date, now: datetime) -> Done:
    """Record whether ``day`` followed the plan; refused for a day outside the trial or still to come."""
    plan = current(diary)
    if day > now.date():
        raise InvalidField("date", f"must not be in the future (got {day.isoformat()})")
    where = position(plan, day)
    if where.block is None:
        raise InvalidField(
            "date", f"must be a day of the trial, {plan.start.isoformat()} to {plan.last.isoformat()} (got {day.isoformat()})"
        )
    diary.trials.answer(plan.uuid, day, followed)
    arm = where.block.arm.upper()
    if followed:
        return Done(plan, (f"Saved: {day.isoformat()} followed the plan ({arm}).",))
    return Done(plan, (
        f"Saved: {day.isoformat()} was off plan ({arm} planned). It stays counted in its block, and the result "
        "says how many nights were off plan.",
    ))


def stop(diary: Diary, now: datetime) -> Done:
    """Stop the trial from tonight: the result uses only the pairs that ran in full."""
    plan = diary.trials.save(stop_plan(current(diary), tonight(now)))
    return Done(plan, (
        f"Stopped trial '{plan.name}' on {plan.stopped_on.isoformat()}: the result uses only the pairs that ran in full.",  # type: ignore[union-attr]
    ))


def extend(diary: Diary, now: datetime) -> Done:
    """Add one pair to the running trial, its order drawn from the same stored seed."""
    plan = diary.trials.save(extend_plan(current(diary), tonight(now)))
    new = blocks(plan)[-2:]
    return Done(plan, (
        f"Added pair {plan.pairs} to trial '{plan.name}': it now ends on {plan.planned_last.isoformat()}.",
        *schedule_lines(plan, now.date())[-len(new):],
    ))


def delete(diary: Diary) -> tuple[DeletedTrial, str]:
    """Delete the current trial and its answers; the caller keeps what comes back to offer undo."""
    deleted = diary.trials.delete(current(diary).uuid)
    answers = len(deleted.answers)
    return deleted, f"Deleted trial '{deleted.plan.name}' and its {answers} answer{'s' if answers != 1 else ''}."


def answer_day(now: datetime) -> date:
    """The night the plan question asks about: last night, the day a check-in is for (see :func:`last_night`)."""
    return last_night(now)


def tonight(now: datetime) -> date:
    """The night to come or under way, as the day it ends on: what "WITH, day 5 of 14" is about."""
    return last_night(now) + timedelta(days=1)


def status_line(diary: Diary, now: datetime) -> str | None:
    """Home's one line about tonight's block, or None when there is no trial or it ended over a week ago."""
    plan = diary.trials.current()
    night = tonight(now)
    if plan is None or plan.last < night - timedelta(days=8):
        return None
    return position_line(plan, night)


def plan_question(diary: Diary, now: datetime, dismissed_on: date | None) -> str | None:
    """The morning's second question, "was last night WITH, as planned?", or None when there is nothing to ask.

    Asked once the night is over, for a night of the trial not yet answered, unless dismissed today.
    """
    plan = diary.trials.current()
    day = answer_day(now)
    if plan is None or dismissed_on == now.date():
        return None
    where = position(plan, day)
    if where.block is None or day in diary.trials.answers(plan.uuid):
        return None
    return f"Last night was {where.block.arm.upper()} '{plan.name}': did you follow the plan?"
