"""A trial and its nightly answers as export records: the plan's seed and shape, from which every block derives.

Reading is strict: a bad value raises :class:`~cramp_diary.model.InvalidField` naming the field
(:func:`cramp_diary.trial.validate_plan` then checks the plan as a whole).
"""

from __future__ import annotations

from typing import Any

from cramp_diary.record_fields import record_day, record_stamp  # the one reading of a day and a stamp in a file
from cramp_diary.model import InvalidField, normalise_uuid
from cramp_diary.trial import Answer, TrialPlan

_FIELDS = ("name", "kind", "block_days", "pairs", "washout_days", "seed", "one_block_at_a_time", "note", "uuid", "hlc")


def plan_to_record(plan: TrialPlan) -> dict[str, Any]:
    """The plan as the export file writes it: the seed and the shape, from which every block derives."""
    return {
        "id": plan.id,
        **{name: getattr(plan, name) for name in _FIELDS},
        "start": plan.start.isoformat(),
        "stopped_on": plan.stopped_on.isoformat() if plan.stopped_on else None,
        "created_at": plan.created_at.isoformat(timespec="seconds") if plan.created_at else None,
        "updated_at": plan.updated_at.isoformat(timespec="seconds") if plan.updated_at else None,
    }


def checked_answer_key(key: object) -> str:
    """An answer's key as a deletion record names it, '<trial uuid>/<day>', checked; InvalidField otherwise."""
    uuid, _, day = str(key).partition("/") if isinstance(key, str) else ("", "", "")
    if not day:
        raise InvalidField("key", f"must be a trial's uuid, '/' and a day (got {key!r})")
    return f"{normalise_uuid(uuid, 'key')}/{record_day('key', day, required=True).isoformat()}"  # type: ignore[union-attr]


def answer_to_record(answer: Answer) -> dict[str, Any]:
    """An answer as the export file writes it."""
    return {"trial": answer.trial_uuid, "day": answer.day.isoformat(), "followed": answer.followed, "hlc": answer.hlc}


def answer_from_record(record: dict[str, Any]) -> Answer:
    """An answer from its export record, checked, or InvalidField naming the field."""
    trial = normalise_uuid(record.get("trial"), "trial")
    if not isinstance(record.get("followed"), bool):
        raise InvalidField("followed", f"must be true or false (got {record.get('followed')!r})")
    stamp = record.get("hlc") or ""
    if not isinstance(stamp, str):
        raise InvalidField("hlc", f"must be text (got {stamp!r})")
    return Answer(str(trial), record_day("day", record.get("day"), required=True), record["followed"], stamp)  # type: ignore[arg-type]


def plan_from_record(record: dict[str, Any]) -> TrialPlan:
    """A plan from its export record; :func:`validate_plan` still has to check it."""
    for name in ("name", "kind", "note", "uuid", "hlc"):
        if record.get(name) is not None and not isinstance(record.get(name), str):
            raise InvalidField(name, f"must be text (got {record.get(name)!r})")
    for name in ("block_days", "pairs", "washout_days", "seed"):
        value = record.get(name)
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidField(name, f"must be a whole number (got {value!r})")
    if not isinstance(record.get("one_block_at_a_time", False), bool):
        raise InvalidField("one_block_at_a_time", "must be true or false")
    return TrialPlan(
        name=record.get("name") or "",
        kind=record.get("kind") or "",
        start=record_day("start", record.get("start"), required=True),  # type: ignore[arg-type]
        seed=record["seed"],
        block_days=record["block_days"],
        pairs=record["pairs"],
        washout_days=record["washout_days"],
        stopped_on=record_day("stopped_on", record.get("stopped_on"), required=False),
        one_block_at_a_time=bool(record.get("one_block_at_a_time", False)),
        note=record.get("note") or "",
        uuid=record.get("uuid") or "",
        created_at=record_stamp("created_at", record.get("created_at")),
        updated_at=record_stamp("updated_at", record.get("updated_at")),
        hlc=record.get("hlc") or "",
    )
