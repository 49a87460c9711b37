"""N-of-1 trials saved, read and merged: the plans and the per-day "followed the plan?" answers.

A plan row holds the seed its blocks derive from (:mod:`cramp_diary.trial`), so
the order is never stored twice and never changes. Both kinds sync like every
other record: the newest clock stamp wins, and a deletion record keeps a
deleted trial (and each withdrawn answer) from coming back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from cramp_diary import hlc
from cramp_diary.model import InvalidField
from cramp_diary.store.schema import DiaryError, SEVERITIES, utc_stamp
from cramp_diary.store.sync import Tally
from cramp_diary.changes import Change
from cramp_diary.trial import Answer, DayFigures, TrialPlan, is_open, trial_change, validate_plan

if TYPE_CHECKING:
    from cramp_diary.store.diary import Diary


@dataclass(frozen=True)
class DeletedTrial:
    """A deleted trial and its answers, handed back so the caller can offer undo."""

    plan: TrialPlan
    answers: tuple[Answer, ...]


_COLUMNS = ("uuid", "name", "kind", "start", "seed", "block_days", "pairs", "washout_days", "stopped_on",
            "one_block_at_a_time", "note", "created_at", "updated_at", "hlc")


def _plan(row: Any) -> TrialPlan:
    return TrialPlan(
        id=int(row["id"]),
        uuid=str(row["uuid"]),
        name=str(row["name"]),
        kind=str(row["kind"]),
        start=date.fromisoformat(row["start"]),
        seed=int(row["seed"]),
        block_days=int(row["block_days"]),
        pairs=int(row["pairs"]),
        washout_days=int(row["washout_days"]),
        stopped_on=date.fromisoformat(row["stopped_on"]) if row["stopped_on"] else None,
        one_block_at_a_time=bool(row["one_block_at_a_time"]),
        note=str(row["note"]),
        created_at=datetime.fromisoformat(row["created_at"]),
        updated_at=datetime.fromisoformat(row["updated_at"]),
        hlc=str(row["hlc"]),
    )


class TrialRepository:
    """The diary's trials, reached as ``diary.trials``; every write is one of the diary's transactions."""

    def __init__(self, diary: Diary) -> None:
        self._diary = diary
        self._db = diary.db

    def _row(self, plan: TrialPlan) -> dict[str, object]:
        now = self._diary.now()
        return {
            "uuid": plan.uuid,
            "name": plan.name,
            "kind": plan.kind,
            "start": plan.start.isoformat(),
            "seed": plan.seed,
            "block_days": plan.block_days,
            "pairs": plan.pairs,
            "washout_days": plan.washout_days,
            "stopped_on": plan.stopped_on.isoformat() if plan.stopped_on else None,
            "one_block_at_a_time": int(plan.one_block_at_a_time),
            "note": plan.note,
            "created_at": utc_stamp(plan.created_at or now),
            "updated_at": utc_stamp(plan.updated_at or now),
            "hlc": plan.hlc,
        }

    # -- reading ------------------------------------------------------------------

    def all(self) -> list[TrialPlan]:
        """Every trial, the one starting first first."""
        return [_plan(row) for row in self._db.query("SELECT * FROM trials ORDER BY start, id")]

    def get(self, uuid: str) -> TrialPlan | None:
        rows = list(self._db.query("SELECT * FROM trials WHERE uuid = ?", [uuid]))
        return _plan(rows[0]) if rows else None

    def current(self) -> TrialPlan | None:
        """The trial to show: the one planned or running, else the one that ended last (None when there is none)."""
        today = self._diary.now().date()
        plans = self.all()
        running = [plan for plan in plans if is_open(plan, today)]
        if running:
            return running[0]
        return max(plans, key=lambda plan: (plan.last, plan.id or 0), default=None)

    def changes_between(self, first: date, last: date) -> list[Change]:
        """The trials that started or ended from ``first`` to ``last``, as dated changes (see :func:`trial_change`)."""
        return [
            change
            for change in map(trial_change, self.all())
            if first <= change.started <= last or (change.stopped is not None and first <= change.stopped <= last)
        ]

    def answers(self, trial_uuid: str) -> dict[date, bool]:
        """Each day answered for this trial: True followed the plan, False a night off plan."""
        return {
            date.fromisoformat(day): bool(followed)
            for day, followed in self._db.execute(
                "SELECT day, followed FROM trial_days WHERE trial_uuid = ? ORDER BY day", [trial_uuid]
            )
        }

    def answer_records(self) -> list[Answer]:
        """Every answer with its clock stamp (for export)."""
        return [
            Answer(uuid, date.fromisoformat(day), bool(followed), stamp)
            for uuid, day, followed, stamp in self._db.execute(
                "SELECT trial_uuid, day, followed, hlc FROM trial_days ORDER BY trial_uuid, day"
            )
        ]

    def day_figures(self, first: date, last: date) -> dict[date, DayFigures]:
        """Each recorded day from ``first`` to ``last`` (a finished cramp or a check-in) with its cramps and severities."""
        columns = ", ".join(f"severity_{n}" for n in SEVERITIES)
        params = [first.isoformat(), last.isoformat()]
        days: dict[date, DayFigures] = {
            date.fromisoformat(row[0]): DayFigures(0)
            for row in self._db.execute("SELECT day FROM checkins WHERE day BETWEEN ? AND ?", params)
        }
        for row in self._db.execute(f"SELECT day, cramps, {columns} FROM day_totals WHERE day BETWEEN ? AND ?", params):
            severities = tuple(n for n, count in zip(SEVERITIES, row[2:]) for _ in range(count))
            days[date.fromisoformat(row[0])] = DayFigures(int(row[1]), severities)
        return days

    # -- writing ------------------------------------------------------------------

    def start(self, plan: TrialPlan) -> TrialPlan:
        """Save a new plan; refused while another trial is planned or running (one trial at a time)."""
        now = self._diary.now()
        plan = validate_plan(plan.with_changes(id=None, created_at=now, updated_at=now), now.date(), new=True)
        with self._diary._write():
            for other in self.all():
                if is_open(other, now.date()):
                    raise InvalidField(
                        "trial", f"'{other.name}' is planned or running until {other.last.isoformat()}: "
                        "one trial at a time (stop or delete it first)"
                    )
            self._db.table("trials").insert(self._row(plan.with_changes(hlc=self._diary._stamp())))
        return self.get(plan.uuid)  # type: ignore[return-value]

    def save(self, plan: TrialPlan) -> TrialPlan:
        """Save a stopped or extended plan; its clock stamp decides which copy wins when diaries merge."""
        now = self._diary.now()
        plan = validate_plan(plan.with_changes(updated_at=now), now.date())
        with self._diary._write():
            found = self._db.execute("SELECT id, created_at FROM trials WHERE uuid = ?", [plan.uuid]).fetchone()
            if found is None:
                raise DiaryError("that trial is no longer in the diary")
            row = self._row(plan.with_changes(hlc=self._diary._stamp()))
            row["created_at"] = found[1]
            self._db.table("trials").update(int(found[0]), row)
        return self.get(plan.uuid)  # type: ignore[return-value]

    def answer(self, trial_uuid: str, day: date, followed: bool) -> Answer:
        """Record whether ``day`` followed the plan (a second answer replaces the first)."""
        with self._diary._write():
            if self.get(trial_uuid) is None:
                raise DiaryError("that trial is no longer in the diary")
            answer = Answer(trial_uuid, day, followed, self._diary._stamp())
            self._write_answer(answer)
            self._diary._untombstone("trial_day", answer.key)
        return answer

    def _write_answer(self, answer: Answer) -> None:
        self._db.execute(
            "INSERT INTO trial_days (key, trial_uuid, day, followed, hlc) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (key) DO UPDATE SET followed = excluded.followed, hlc = excluded.hlc",
            [answer.key, answer.trial_uuid, answer.day.isoformat(), int(answer.followed), answer.hlc],
        )

    def delete(self, uuid: str) -> DeletedTrial:
        """Remove a trial and its answers, keeping deletion records so a sync does not bring them back."""
        with self._diary._write():
            plan = self.get(uuid)
            if plan is None:
                raise DiaryError("that trial is no longer in the diary")
            answers = tuple(a for a in self.answer_records() if a.trial_uuid == uuid)
            self._db.execute("DELETE FROM trial_days WHERE trial_uuid = ?", [uuid])
            self._db.execute("DELETE FROM trials WHERE uuid = ?", [uuid])
            for answer in answers:
                self._diary._tombstone("trial_day", answer.key)
            self._diary._tombstone("trial", uuid)
        return DeletedTrial(plan, answers)

    def restore(self, deleted: DeletedTrial) -> TrialPlan:
        """Undo :meth:`delete`: the trial and its answers back as they were, with fresh stamps so they win a sync."""
        plan = validate_plan(deleted.plan, self._diary.now().date())
        with self._diary._write():
            if self.get(plan.uuid) is not None:
                raise DiaryError("that trial is already in the diary")
            self._diary._untombstone("trial", plan.uuid)
            self._db.table("trials").insert(self._row(plan.with_changes(hlc=self._diary._stamp())))
            for answer in deleted.answers:
                self._diary._untombstone("trial_day", answer.key)
                self._write_answer(Answer(answer.trial_uuid, answer.day, answer.followed, self._diary._stamp()))
        return self.get(plan.uuid)  # type: ignore[return-value]

    # -- merging (inside the merge's transaction) ------------------------------------

    def merge_plans(self, plans: Iterable[TrialPlan], tally: Tally) -> None:
        """Merge imported plans by uuid: the copy with the newest clock stamp wins."""
        today = self._diary.now().date()
        for plan in plans:
            plan = validate_plan(plan, today)
            stamp = plan.hlc or hlc.from_legacy(plan.updated_at)
            plan = plan.with_changes(hlc=stamp, id=None)

            def write(rowid: int | None, plan: TrialPlan = plan) -> None:
                row = self._row(plan)
                if rowid is None:
                    self._db.table("trials").insert(row)
                else:
                    del row["created_at"]
                    self._db.table("trials").update(rowid, row)

            tally.count(self._diary._apply_copy("trial", plan.uuid, stamp, write))

    def merge_answers(self, answers: Iterable[Answer], tally: Tally) -> None:
        """Merge imported answers by trial and day: the newest stamp wins."""
        for answer in answers:
            stamp = answer.hlc or hlc.ZERO
            answer = Answer(answer.trial_uuid, answer.day, answer.followed, stamp)
            tally.count(self._diary._apply_copy("trial_day", answer.key, stamp, lambda _rowid, a=answer: self._write_answer(a)))
