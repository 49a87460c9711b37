"""N-of-1 trials saved, read and merged: the plans and the per-day "followed the plan?" answers.

A plan row holds the seed its blocks derive from (:mod:`cramp_diary.trial`), so
the order is never stored twice and never changes. Both kinds sync like every
other record: the newest clock stamp wins, and a deletion record keeps a
deleted trial (and each withdrawn answer) from coming back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from cramp_diary import hlc
from cramp_diary.changes import Change
from cramp_diary.clock import Now
from cramp_diary.model import InvalidField
from cramp_diary.store.db import Db
from cramp_diary.store.schema import SEVERITIES, DiaryError
from cramp_diary.store.stamps import Stamps
from cramp_diary.store.synced import SyncedKind, SyncedRecords, incoming, record_row, write_row
from cramp_diary.trial import Answer, DayFigures, TrialPlan, is_open, trial_change, validate_plan
from cramp_diary.trial_records import plan_to_record


@dataclass(frozen=True)
class DeletedTrial:
    """A deleted trial and its answers, handed back so the caller can offer undo."""

    plan: TrialPlan
    answers: tuple[Answer, ...]


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


def _write_plan(db: Db, plan: TrialPlan, rowid: int | None, now: datetime) -> int:
    """The trials row is the export record (the row's own id aside), times in UTC."""
    row = record_row(plan, plan_to_record, now, one_block_at_a_time=int(plan.one_block_at_a_time))
    return write_row(db, "trials", plan, row, rowid)


def _export_plans(db: Db) -> list[TrialPlan]:
    return [_plan(row) for row in db.query("SELECT * FROM trials ORDER BY start, id")]


def _prepare_plan(plan: TrialPlan, now: datetime) -> TrialPlan:
    """Checked like a saved plan; an old copy without a stamp gets one from its last edit; ids are this diary's own."""
    plan = validate_plan(plan, now.date())
    return incoming(plan)


TRIALS: SyncedKind[TrialPlan] = SyncedKind(
    name="trial", noun="trial", table="trials", key_column="uuid", key=lambda plan: plan.uuid,
    write=_write_plan, export=_export_plans, prepare=_prepare_plan,
)


def _write_answer(db: Db, answer: Answer, rowid: int | None, now: datetime) -> int:
    db.execute(
        "INSERT INTO trial_days (key, trial_uuid, day, followed, hlc) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (key) DO UPDATE SET followed = excluded.followed, hlc = excluded.hlc",
        [answer.key, answer.trial_uuid, answer.day.isoformat(), int(answer.followed), answer.hlc],
    )
    return int(db.execute("SELECT rowid FROM trial_days WHERE key = ?", [answer.key]).fetchone()[0])


def _export_answers(db: Db) -> list[Answer]:
    return [
        Answer(uuid, date.fromisoformat(day), bool(followed), stamp)
        for uuid, day, followed, stamp in db.execute(
            "SELECT trial_uuid, day, followed, hlc FROM trial_days ORDER BY trial_uuid, day"
        )
    ]


def _prepare_answer(answer: Answer, now: datetime) -> Answer:
    return answer if answer.hlc else Answer(answer.trial_uuid, answer.day, answer.followed, hlc.ZERO)


#: One answer a night of a trial, keyed '<trial uuid>/<day>' (see :attr:`Answer.key`).
TRIAL_DAYS: SyncedKind[Answer] = SyncedKind(
    name="trial_day", noun="answer", table="trial_days", key_column="key", key=lambda answer: answer.key,
    write=_write_answer, export=_export_answers, prepare=_prepare_answer,
)


class Trials:
    """The diary's trials and their nightly answers, reached as ``diary.trials``; each write is one transaction."""

    def __init__(self, db: Db, now: Now, stamps: Stamps, synced: SyncedRecords) -> None:
        self.db = db
        self.now = now
        self.stamps = stamps
        self.synced = synced

    # -- reading ------------------------------------------------------------------

    def all(self) -> list[TrialPlan]:
        """Every trial, the one starting first first."""
        return _export_plans(self.db)

    def get(self, uuid: str) -> TrialPlan | None:
        rows = list(self.db.query("SELECT * FROM trials WHERE uuid = ?", [uuid]))
        return _plan(rows[0]) if rows else None

    def current(self) -> TrialPlan | None:
        """The trial to show: the one planned or running, else the one that ended last (None when there is none)."""
        today = self.now().date()
        plans = self.all()
        running = [plan for plan in plans if is_open(plan, today)]
        if running:  # trials share no night, so the newest is tonight's (one stopped last night still ends today)
            return max(running, key=lambda plan: (plan.start, plan.id or 0))
        return max(plans, key=lambda plan: (plan.last, plan.id or 0), default=None)

    def changes_between(self, first: date, last: date) -> list[Change]:
        """The trials that started or ended from ``first`` to ``last``, as dated changes (see :func:`trial_change`)."""
        return [
            change
            for change in map(trial_change, self.all())
            if first <= change.started <= last or (change.stopped is not None and first <= change.stopped <= last)
        ]

    def answers(self, trial_uuid: str) -> dict[date, bool]:
        """Each night answered for this trial: True followed the plan, False a night off plan."""
        return {
            date.fromisoformat(day): bool(followed)
            for day, followed in self.db.execute(
                "SELECT day, followed FROM trial_days WHERE trial_uuid = ? ORDER BY day", [trial_uuid]
            )
        }

    def answer_records(self) -> list[Answer]:
        """Every answer with its clock stamp (for export)."""
        return _export_answers(self.db)

    def day_figures(self, first: date, last: date) -> dict[date, DayFigures]:
        """Each recorded day from ``first`` to ``last`` (a finished cramp or a check-in) with its cramps and severities."""
        columns = ", ".join(f"severity_{n}" for n in SEVERITIES)
        params = [first.isoformat(), last.isoformat()]
        days: dict[date, DayFigures] = {
            date.fromisoformat(row[0]): DayFigures(0)
            for row in self.db.execute("SELECT day FROM checkins WHERE day BETWEEN ? AND ?", params)
        }
        for row in self.db.execute(f"SELECT day, cramps, {columns} FROM day_totals WHERE day BETWEEN ? AND ?", params):
            severities = tuple(n for n, count in zip(SEVERITIES, row[2:]) for _ in range(count))
            days[date.fromisoformat(row[0])] = DayFigures(int(row[1]), severities)
        return days

    # -- writing ------------------------------------------------------------------

    def start(self, plan: TrialPlan) -> TrialPlan:
        """Save a new plan; refused while another trial is planned or running (one trial at a time)."""
        now = self.now()
        plan = validate_plan(plan.with_changes(id=None, created_at=now, updated_at=now), now.date(), new=True)
        with self.db.write():
            for other in self.all():
                if other.last >= plan.start:  # no night in two trials; one stopped last night is over by tonight
                    raise InvalidField(
                        "trial", f"'{other.name}' is planned or running until {other.last.isoformat()}: "
                        "one trial at a time (stop or delete it first)"
                    )
            _write_plan(self.db, plan.with_changes(hlc=self.stamps.stamp()), None, now)
        return self.get(plan.uuid)  # type: ignore[return-value]

    def save(self, plan: TrialPlan) -> TrialPlan:
        """Save a stopped or extended plan; its clock stamp decides which copy wins when diaries merge."""
        now = self.now()
        plan = validate_plan(plan.with_changes(updated_at=now), now.date())
        with self.db.write():
            found = self.db.execute("SELECT rowid FROM trials WHERE uuid = ?", [plan.uuid]).fetchone()
            if found is None:
                raise DiaryError("that trial is no longer in the diary")
            _write_plan(self.db, plan.with_changes(hlc=self.stamps.stamp()), int(found[0]), now)
        return self.get(plan.uuid)  # type: ignore[return-value]

    def answer(self, trial_uuid: str, day: date, followed: bool) -> Answer:
        """Record whether ``day`` followed the plan (a second answer replaces the first)."""
        with self.db.write():
            if self.get(trial_uuid) is None:
                raise DiaryError("that trial is no longer in the diary")
            answer = Answer(trial_uuid, day, followed, self.stamps.stamp())
            _write_answer(self.db, answer, None, self.now())
            self.stamps.untombstone(TRIAL_DAYS.name, answer.key)
        return answer

    def delete(self, uuid: str) -> DeletedTrial:
        """Remove a trial and its answers, keeping deletion records so a sync does not bring them back."""
        with self.db.write():
            plan = self.get(uuid)
            if plan is None:
                raise DiaryError("that trial is no longer in the diary")
            answers = tuple(a for a in self.answer_records() if a.trial_uuid == uuid)
            for answer in answers:
                self.synced.remove(TRIAL_DAYS, answer.key)
            self.synced.remove(TRIALS, uuid)
        return DeletedTrial(plan, answers)

    def restore(self, deleted: DeletedTrial) -> TrialPlan:
        """Undo :meth:`delete`: the trial and its answers back as they were, with fresh stamps so they win a sync."""
        now = self.now()
        plan = validate_plan(deleted.plan, now.date())
        with self.db.write():
            self.synced.restore(TRIALS, plan, now)
            for answer in deleted.answers:
                self.synced.restore(TRIAL_DAYS, answer, now)
        return self.get(plan.uuid)  # type: ignore[return-value]
