"""Merging another diary's whole export (``import``, ``sync``): every kind in one transaction.

Per record the copy with the newest stamp wins (:class:`~cramp_diary.store.synced.SyncedRecords`
holds the rule); episodes are written a batch at a time. All kinds go in one
transaction, so an import that fails or is killed mid-way leaves nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from cramp_diary.changes import Change
from cramp_diary.medicines import Medicine
from cramp_diary.model import OTHER_MACHINE_SLACK, Episode, validate
from cramp_diary.records import CheckinRecord, RoutineRecord, Tombstone
from cramp_diary.store.checkins import CHECKINS
from cramp_diary.store.dated_changes import DATED_CHANGES
from cramp_diary.store.episodes import EPISODES
from cramp_diary.store.medicine_list import MEDICINES
from cramp_diary.store.routine_sessions import ROUTINE_SESSIONS
from cramp_diary.store.trials import TRIAL_DAYS, TRIALS
from cramp_diary.trial import Answer, TrialPlan

if TYPE_CHECKING:
    from cramp_diary.store.diary import Diary


@dataclass
class Tally:
    """What a merge did to one kind of record (counted by ``SyncedRecords.merge``; made here, never on ``log``)."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    #: Deleted here, brought back because the other copy was edited after the deletion.
    revived: int = 0
    #: Check-ins left out because the diary holds a cramp that day.
    skipped: int = 0

    def count(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)


@dataclass(frozen=True)
class MergeResult:
    """What an import did: new episodes, ones replaced by a newer edit, ones already here; and the other kinds."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    checkins_added: int = 0
    checkins_present: int = 0
    #: Check-in days left out because the diary holds a cramp on that day.
    checkins_skipped: int = 0
    #: Episodes removed here because the other diary deleted them after their last edit.
    deleted: int = 0
    #: Episodes deleted here that came back because the other diary edited them after the deletion.
    revived: int = 0
    checkins_removed: int = 0
    routines_added: int = 0
    routines_removed: int = 0

    #: Warnings marked as discussed that the file added.
    reviews_added: int = 0
    #: Dated changes: new or brought back, replaced by a newer edit, already here, removed by the other diary's deletion.
    changes_added: int = 0
    changes_updated: int = 0
    changes_unchanged: int = 0
    changes_removed: int = 0
    #: With/without trials: new or brought back, replaced by a newer copy (stopped or extended), removed there.
    trials_added: int = 0
    trials_updated: int = 0
    trials_removed: int = 0
    #: Answers to "did last night follow the plan?": new or changed.
    trial_days_added: int = 0
    #: Answers left out: for a trial not in the diary, or a day outside that trial's plan.
    trial_days_skipped: int = 0
    #: Medicines: new or brought back, replaced by a newer edit, already here, removed by the other diary's deletion.
    medicines_added: int = 0
    medicines_updated: int = 0
    medicines_unchanged: int = 0
    medicines_removed: int = 0

    @classmethod
    def from_tallies(cls, tallies: dict[str, Tally], reviews_added: int) -> MergeResult:
        e, c, r, ch, m = (tallies[kind.name] for kind in (EPISODES, CHECKINS, ROUTINE_SESSIONS, DATED_CHANGES, MEDICINES))
        return cls(
            e.added, e.updated, e.unchanged, c.added + c.revived + c.updated, c.unchanged, c.skipped,
            e.deleted, e.revived, c.deleted, r.added + r.revived + r.updated, r.deleted,
            reviews_added=reviews_added,
            changes_added=ch.added + ch.revived, changes_updated=ch.updated, changes_unchanged=ch.unchanged,
            changes_removed=ch.deleted,
            trials_added=tallies[TRIALS.name].added + tallies[TRIALS.name].revived,
            trials_updated=tallies[TRIALS.name].updated, trials_removed=tallies[TRIALS.name].deleted,
            trial_days_added=sum(getattr(tallies[TRIAL_DAYS.name], n) for n in ("added", "revived", "updated")),
            trial_days_skipped=tallies[TRIAL_DAYS.name].skipped,
            medicines_added=m.added + m.revived, medicines_updated=m.updated, medicines_unchanged=m.unchanged,
            medicines_removed=m.deleted,
        )


def merge(
    diary: Diary,
    episodes: Iterable[Episode],
    checkins: Iterable[date | CheckinRecord] = (),
    routines: Iterable[RoutineRecord] = (),
    tombstones: Iterable[Tombstone] = (),
    reviews: Iterable[tuple[str, date]] = (),
    changes: Iterable[Change] = (),
    trials: Iterable[TrialPlan] = (),
    trial_days: Iterable[Answer] = (),
    *,
    medicines: Iterable[Medicine] = (),
    validated: bool = False,
) -> MergeResult:
    """Import another diary's records, every kind, in ONE transaction: all or nothing (``Diary.merge``).

    Per record the copy with the newest stamp wins; deletion records remove what
    was deleted after its last edit, and a copy edited after a deletion here comes
    back. A check-in for a day that has a cramp (after the episodes are merged) is
    left out and counted as skipped, as is an answer about following a trial's plan
    for a trial not here or a day outside that trial. Stamps too far ahead are refused before this
    (see :func:`cramp_diary.exchange.read_export`). ``validated``: the episodes come
    from ``read_export``, which validated each one already.
    """
    now = diary.now()
    allowed = now + OTHER_MACHINE_SLACK  # the other machine's clock may run ahead of this one
    if not validated:
        episodes = (validate(episode, allowed) for episode in episodes)
    tallies = {kind: Tally() for kind in diary.synced.kinds}
    synced = diary.synced
    with diary.db.write():
        synced.merge(EPISODES, episodes, now, tallies[EPISODES.name])
        synced.merge_deletions(tombstones, tallies)
        synced.merge(ROUTINE_SESSIONS, routines, now, tallies[ROUTINE_SESSIONS.name])
        diary.checkins.merge(checkins, now, tallies[CHECKINS.name])
        reviews_added = diary.discussed.merge(reviews)
        synced.merge(DATED_CHANGES, changes, now, tallies[DATED_CHANGES.name])
        synced.merge(TRIALS, trials, now, tallies[TRIALS.name])
        plans = {plan.uuid: plan for plan in diary.trials.all()}  # after the trials merged in
        synced.merge(TRIAL_DAYS, _in_a_plan(trial_days, plans, tallies[TRIAL_DAYS.name]), now, tallies[TRIAL_DAYS.name])
        synced.merge(MEDICINES, medicines, now, tallies[MEDICINES.name])
    return MergeResult.from_tallies(tallies, reviews_added)


def _in_a_plan(answers: Iterable[Answer], plans: dict[str, TrialPlan], tally: Tally) -> Iterator[Answer]:
    """The answers about a night of a trial in the diary; the rest are counted as skipped, never stored."""
    for answer in answers:
        plan = plans.get(answer.trial_uuid)
        if plan is None or not plan.start <= answer.day <= plan.last:
            tally.skipped += 1
            continue
        yield answer
