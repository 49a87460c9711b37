"""Merging another diary's records (``import``, ``sync``): the batched half of :class:`Diary`.

Episodes are merged in batches: the existing copies and deletion records a batch
needs are read in one query (:meth:`SyncStore._decide_copies` holds the rule), and
the batch is written with one statement per table, all inside the merge's one
transaction, so an import killed mid-way leaves nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from cramp_diary import hlc
from cramp_diary.clock import Now
from cramp_diary.model import Episode, validate
from cramp_diary.records import CheckinRecord, RoutineRecord, Tombstone
from cramp_diary.store.db import Db, insert_rows
from cramp_diary.store.schema import LABEL_TABLES
from cramp_diary.store.sync import LIVE_TABLES, Tally

#: Episodes merged per batch: the existing copies are looked up in one query, written in one statement per table.
MERGE_BATCH = 2000


@dataclass(frozen=True)
class MergeResult:
    """What an import did: new episodes, ones replaced by a newer edit, ones already here; and the check-ins."""

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
    #: Dated changes: new or brought back, replaced by a newer edit, removed by the other diary's deletion.
    changes_added: int = 0
    changes_updated: int = 0
    changes_removed: int = 0

    @classmethod
    def from_tallies(cls, tallies: dict[str, Tally]) -> MergeResult:
        e, c, r = tallies["episode"], tallies["checkin"], tallies["routine"]
        return cls(
            e.added, e.updated, e.unchanged, c.added + c.revived + c.updated, c.unchanged, c.skipped,
            e.deleted, e.revived, c.deleted, r.added + r.revived + r.updated, r.deleted,
            changes_removed=tallies["change"].deleted,
        )


class MergeStore:
    """Mixed into :class:`Diary`, which provides the connection, the write transaction and the other kinds' merges."""

    db: Db
    now: Now
    _write: Callable[[], AbstractContextManager[None]]
    _row: Callable[[Episode], dict[str, object]]
    _decide_copies: Callable[[str, list[tuple[str, str]]], list[tuple[str, int | None]]]
    _merge_tombstones: Callable[[Iterable[Tombstone], dict[str, Tally]], None]
    _merge_routines: Callable[[Iterable[RoutineRecord], Tally], None]
    _merge_checkins: Callable[[Iterable[date | CheckinRecord], datetime, Tally], None]
    _merge_reviews: Callable[[Iterable[tuple[str, date]]], int]

    def merge(
        self,
        episodes: Iterable[Episode],
        checkins: Iterable[date | CheckinRecord] = (),
        routines: Iterable[RoutineRecord] = (),
        tombstones: Iterable[Tombstone] = (),
        reviews: Iterable[tuple[str, date]] = (),
        *,
        validated: bool = False,
    ) -> MergeResult:
        """Import another diary's records all or nothing; per record the copy with the newest stamp wins.

        Deletion records remove what was deleted after its last edit; a copy edited
        after a deletion here comes back. A check-in for a day that has a cramp
        (after the episodes are merged) is left out and counted as skipped. Stamps
        too far ahead are refused before this (see :func:`cramp_diary.exchange.read_export`).
        ``validated``: the episodes come from ``read_export``, which validated each one already
        (against at most a day ahead, as here): validation runs once per record, not twice.
        """
        now = self.now()
        allowed = now + timedelta(days=1)  # the other machine's clock may run ahead of this one
        tallies = {kind: Tally() for kind in LIVE_TABLES}
        with self._write():
            batch: dict[str, Episode] = {}
            for episode in episodes:
                if not validated:
                    episode = validate(episode, allowed)
                stamp = episode.hlc or hlc.from_legacy(episode.updated_at)
                if stamp != episode.hlc:
                    episode = episode.with_changes(hlc=stamp)
                if episode.uuid in batch or len(batch) >= MERGE_BATCH:  # a uuid twice: the later copy meets the earlier one
                    self._merge_episodes(list(batch.values()), tallies["episode"])
                    batch = {}
                batch[episode.uuid] = episode
            self._merge_episodes(list(batch.values()), tallies["episode"])
            self._merge_tombstones(tombstones, tallies)
            self._merge_routines(routines, tallies["routine"])
            self._merge_checkins(checkins, now, tallies["checkin"])
            reviews_added = self._merge_reviews(reviews)
        return replace(MergeResult.from_tallies(tallies), reviews_added=reviews_added)

    def _merge_episodes(self, batch: list[Episode], tally: Tally) -> None:
        """Merge a batch of episodes with distinct uuids: decided in two queries, written with one statement per table."""
        added: list[Episode] = []
        updated: list[tuple[int, Episode]] = []
        for episode, (outcome, rowid) in zip(batch, self._decide_copies("episode", [(e.uuid, e.hlc) for e in batch])):
            tally.count(outcome)
            if rowid is not None:
                updated.append((rowid, episode))
            elif outcome != "unchanged":
                added.append(episode)
        labelled: list[tuple[int, Episode]] = []
        if added:
            insert_rows(self.db, "episodes", [self._row(e) for e in added])
            ids = dict(
                self.db.execute(
                    "SELECT uuid, id FROM episodes WHERE uuid IN (SELECT value FROM json_each(?))",
                    [json.dumps([e.uuid for e in added])],
                ).fetchall()
            )
            labelled = [(ids[e.uuid], e) for e in added]
        if updated:
            rows = [self._row(e) for _, e in updated]
            columns = list(rows[0])
            self.db.execute(
                f"UPDATE episodes SET {', '.join(f'{c} = ?' for c in columns)} WHERE rowid = ?",
                [[*(row[c] for c in columns), rowid] for row, (rowid, _) in zip(rows, updated)],
                many=True,
            )
            for table, _, _ in LABEL_TABLES:
                self.db.execute(f"DELETE FROM {table} WHERE episode_id = ?", [[rowid] for rowid, _ in updated], many=True)
            labelled += updated
        if not labelled:
            return
        for table, column, attribute in LABEL_TABLES:
            self.db.execute(
                f"INSERT INTO {table} (episode_id, {column}) VALUES (?, ?)",
                [(episode_id, value) for episode_id, e in labelled for value in getattr(e, attribute)],
                many=True,
            )
