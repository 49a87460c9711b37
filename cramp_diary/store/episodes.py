"""Episodes: saved, edited, deleted and read back (a page of a list, one episode, every one for an export)."""

# Annotations are evaluated, not kept as text: this module's NamedTuples load with every `log` (ARCHITECTURE.md).
from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import NamedTuple

from cramp_diary import hlc
from cramp_diary.clock import Now
from cramp_diary.model import TRIGGERS, Episode, InvalidField, validate
from cramp_diary.records import episode_from_record, episode_to_record
from cramp_diary.store.db import Db, insert_rows
from cramp_diary.store.schema import DONE, LABEL_TABLES, DiaryError, utc_stamp
from cramp_diary.store.search import INDEX, match_expression
from cramp_diary.store.stamps import Stamps
from cramp_diary.store.synced import SyncedKind, SyncedRecords, id_if_free


#: The order of every list: newest first, the id breaking a tie.
_NEWEST_FIRST = " ORDER BY e.started_utc DESC, e.id DESC"
#: A search first looks at this many times a page of the newest episodes (see ``Episodes._newest_matching``).
SEARCH_WINDOW = 50
MAX_SEARCH_WINDOW = 1_000_000


class EpisodeGone(DiaryError):
    """The episode being edited was deleted meanwhile (by another program)."""


class EditConflict(DiaryError):
    """Another program changed the same fields of the episode since this editor opened it."""

    def __init__(self, current: Episode, conflicts: tuple[str, ...]) -> None:
        from cramp_diary.edits import conflict_words

        super().__init__(f"episode {current.id} was changed elsewhere meanwhile: {conflict_words(conflicts)}")
        self.current = current
        self.conflicts = conflicts


class EpisodeFilter(NamedTuple):
    """Which episodes a list shows: newest first, optionally filtered (a NamedTuple: defined at every ``log``'s start)."""

    #: Words to find (full-text: each a word start, all required); punctuation is ignored.
    text: str = ""
    since: datetime | None = None
    include_open: bool = False


_SELECT = """
    SELECT e.*,
        (SELECT json_group_array(trigger) FROM
            (SELECT trigger FROM episode_triggers WHERE episode_id = e.id ORDER BY rowid)) AS triggers,
        (SELECT json_group_array(relief) FROM
            (SELECT relief FROM episode_reliefs WHERE episode_id = e.id ORDER BY rowid)) AS reliefs,
        (SELECT json_group_array(sign) FROM
            (SELECT sign FROM episode_signs WHERE episode_id = e.id ORDER BY rowid)) AS signs
    FROM episodes e
"""


def _labels(array: str) -> list[str]:
    """A label column of ``_SELECT``: SQLite's compact JSON array of the labels.

    Without a backslash no label holds a quote (SQLite escapes them), so the labels are the
    text between ``","``: read so, ``json`` and its patterns load only for a label that needs
    them, not for every start of the app or ``log``.
    """
    if array == "[]":
        return []
    if "\\" not in array and array.startswith('["') and array.endswith('"]'):
        labels = array[2:-2].split('","')
        if not any('"' in label for label in labels):
            return labels
    import json

    return list(json.loads(array))


def _episode(row: dict[str, object]) -> Episode:
    """An Episode from a row of ``_SELECT``: the export record's mapping, plus the row's id and status."""
    record = dict(row)
    for _, _, attribute in LABEL_TABLES:
        record[attribute] = _labels(str(row[attribute]))
    return episode_from_record(record, id=int(row["id"]), status=str(row["status"]))  # type: ignore[arg-type]


def _row(episode: Episode, now: datetime) -> dict[str, object]:
    """The episodes row: the export record's fields (labels go to side tables), plus what the diary derives."""
    row = episode_to_record(episode)
    for name in ("id", *(attribute for _, _, attribute in LABEL_TABLES)):
        del row[name]
    started = episode.started_at
    row.update(
        started_utc=utc_stamp(started),
        local_day=started.date().isoformat(),
        status=episode.status,
        created_at=utc_stamp(episode.created_at or now),
        updated_at=utc_stamp(episode.updated_at or now),
        hlc=episode.hlc,
        # the search index's words of the labels, so writing the labels next re-indexes nothing (store/search)
        label_words=" ".join((*episode.triggers, *episode.reliefs, *episode.signs)),
    )
    return row


def _write_labels(db: Db, episode_id: int, episode: Episode) -> None:
    for table, column, attribute in LABEL_TABLES:
        db.execute(f"DELETE FROM {table} WHERE episode_id = ?", [episode_id])
        values = getattr(episode, attribute)
        if values:
            db.table(table).insert_all({"episode_id": episode_id, column: value} for value in values)


def next_id(db: Db) -> int:
    """The id the next new episode gets: above every id ever used, so a deleted one's never comes back."""
    return int(db.execute("SELECT last_id FROM id_high_water WHERE tbl = 'episodes'").fetchone()[0]) + 1


def _write(db: Db, episode: Episode, rowid: int | None, now: datetime) -> int:
    row = _row(episode, now)
    if rowid is None:  # undo puts an episode back under its own id; anything else is numbered anew
        given = {"id": next_id(db), **id_if_free(db, "episodes", episode)}
        rowid = int(db.table("episodes").insert({**row, **given}).last_pk)  # type: ignore[arg-type]
    else:
        db.table("episodes").update(rowid, row)
    _write_labels(db, rowid, episode)
    return rowid


def _write_batch(db: Db, added: list[Episode], updated: list[tuple[int, Episode]], now: datetime) -> None:
    """A merged batch written with one statement per table."""
    labelled: list[tuple[int, Episode]] = []
    if added:
        import json  # a merge only, never ``log``

        first = next_id(db)
        insert_rows(db, "episodes", [{**_row(e, now), "id": first + n} for n, e in enumerate(added)])
        ids = dict(
            db.execute(
                "SELECT uuid, id FROM episodes WHERE uuid IN (SELECT value FROM json_each(?))",
                [json.dumps([e.uuid for e in added])],
            ).fetchall()
        )
        labelled = [(ids[e.uuid], e) for e in added]
    if updated:
        rows = [_row(e, now) for _, e in updated]
        columns = list(rows[0])
        db.execute(
            f"UPDATE episodes SET {', '.join(f'{c} = ?' for c in columns)} WHERE rowid = ?",
            [[*(row[c] for c in columns), rowid] for row, (rowid, _) in zip(rows, updated)],
            many=True,
        )
        for table, _, _ in LABEL_TABLES:
            db.execute(f"DELETE FROM {table} WHERE episode_id = ?", [[rowid] for rowid, _ in updated], many=True)
        labelled += updated
    for table, column, attribute in LABEL_TABLES:
        db.execute(
            f"INSERT INTO {table} (episode_id, {column}) VALUES (?, ?)",
            [(episode_id, value) for episode_id, e in labelled for value in getattr(e, attribute)],
            many=True,
        )


def _prepare(episode: Episode, now: datetime) -> Episode:
    """An episode from an export without a stamp gets one from its last edit."""
    stamp = episode.hlc or hlc.from_legacy(episode.updated_at)
    return episode if stamp == episode.hlc else episode.with_changes(hlc=stamp)


def _export(db: Db) -> Iterator[Episode]:
    return _iter_all(db, include_open=True)


def _iter_all(db: Db, batch: int = 1000, *, include_open: bool = False) -> Iterator[Episode]:
    last = ("", "")
    done = "1" if include_open else DONE
    while True:
        rows = list(
            db.query(
                _SELECT + f" WHERE {done} AND (e.started_utc, e.uuid) > (?, ?) ORDER BY e.started_utc, e.uuid LIMIT ?",
                [last[0], last[1], batch],
            )
        )
        if not rows:
            return
        for row in rows:
            yield _episode(row)
        last = (str(rows[-1]["started_utc"]), str(rows[-1]["uuid"]))


EPISODES: SyncedKind[Episode] = SyncedKind(
    name="episode", noun="episode", table="episodes", key_column="uuid", key=lambda e: e.uuid,
    write=_write, export=_export, prepare=_prepare, write_batch=_write_batch,
    # finished beats unfinished, whatever the stamps: the timer's machine owns an unfinished cramp, and
    # another machine's open copy of it (edited there or not) never overwrites the cramp it finished
    rank_sql="status != 'open'", rank=lambda episode: int(episode.status != "open"),
)


class Episodes:
    """The diary's episodes; each write is one transaction, on disk when the method returns."""

    def __init__(self, db: Db, now: Now, stamps: Stamps, synced: SyncedRecords) -> None:
        self.db = db
        self.now = now
        self.stamps = stamps
        self.synced = synced
        #: Told the local day of every finished cramp saved, inside its transaction: the diary
        #: sets it to withdraw that day's "no cramps" check-in at once (``Checkins`` is built after us).
        self.cramp_saved: Callable[[str], None] = lambda _day: None

    def _saved(self, episode: Episode) -> None:
        self.cramp_saved(episode.started_at.date().isoformat())  # (an unfinished one does not count: DONE)

    # -- writing ----------------------------------------------------------------

    def add(self, episode: Episode) -> Episode:
        """Validate and save a new episode; it is on disk when this returns."""
        now = self.now()
        episode = validate(episode.with_changes(created_at=now, updated_at=now, id=None), now)
        with self.db.write():
            episode_id = _write(self.db, episode.with_changes(hlc=self.stamps.stamp()), None, now)
            self._saved(episode)
        return self.get(episode_id)  # type: ignore[return-value]

    def _save_edit(self, episode: Episode, created_at: str) -> None:
        row = _row(episode.with_changes(hlc=self.stamps.stamp()), self.now())
        row["created_at"] = created_at
        self.db.table("episodes").update(episode.id, row)  # type: ignore[arg-type]
        _write_labels(self.db, episode.id, episode)  # type: ignore[arg-type]
        self._saved(episode)

    def update(self, episode: Episode) -> Episode:
        """Save an edit; the edit time decides which copy wins when diaries merge."""
        if episode.id is None:
            raise InvalidField("id", "an episode must be saved before it can be edited")
        now = self.now()
        episode = validate(episode.with_changes(updated_at=now), now)
        with self.db.write():
            existing = self.db.execute("SELECT created_at FROM episodes WHERE id = ?", [episode.id]).fetchone()
            if existing is None:
                raise EpisodeGone(f"episode {episode.id} does not exist")
            self._save_edit(episode, existing[0])
        return self.get(episode.id)  # type: ignore[return-value]

    def update_fields(self, original: Episode, edited: Episode, *, keep_mine: bool = False) -> Episode:
        """Save only what changed between ``original`` and ``edited``, onto the episode as it is now.

        Another program's edit of other fields survives, and list fields merge (see
        :mod:`cramp_diary.edits`). Raises :class:`EditConflict` when both changed
        the same field differently (unless ``keep_mine``), :class:`EpisodeGone`
        when it was deleted meanwhile.
        """
        if original.id is None:
            raise InvalidField("id", "an episode must be saved before it can be edited")
        now = self.now()
        with self.db.write():
            current = self.get(original.id)
            if current is None:
                raise EpisodeGone(f"episode {original.id} was deleted meanwhile")
            from cramp_diary.edits import apply_edit  # only an edit needs it, never ``log``

            outcome = apply_edit(original, edited, current)
            if outcome.conflicts and not keep_mine:
                raise EditConflict(current, outcome.conflicts)
            if not outcome.changed:
                return current
            self._save_edit(validate(outcome.episode.with_changes(updated_at=now), now), utc_stamp(current.created_at or now))
        return self.get(original.id)  # type: ignore[return-value]

    def heartbeat(self, episode_id: int) -> None:
        """The cramp timer is still running on this unfinished episode: note the time."""
        with self.db.write():
            self.db.execute(
                "UPDATE episodes SET heartbeat_utc = ? WHERE id = ? AND status = 'open'",
                [utc_stamp(self.now()), episode_id],
            )

    def delete(self, episode_id: int) -> Episode:
        """Remove an episode and hand it back, so the caller can offer undo."""
        with self.db.write():
            episode = self.get(episode_id)
            if episode is None:
                raise DiaryError(f"episode {episode_id} does not exist")
            self.synced.remove(EPISODES, episode.uuid)
        return episode

    def restore(self, episode: Episode) -> Episode:
        """Put back a deleted episode exactly as it was, same id and uuid where free, with a fresh stamp."""
        now = self.now()
        episode = validate(episode, now)
        with self.db.write():
            episode_id = self.synced.restore(EPISODES, episode, now)
            self._saved(episode)
        return self.get(episode_id)  # type: ignore[return-value]

    # -- reading ------------------------------------------------------------------

    def get(self, episode_id: int) -> Episode | None:
        rows = list(self.db.query(_SELECT + " WHERE e.id = ?", [episode_id]))
        return _episode(rows[0]) if rows else None

    @staticmethod
    def _where(query: EpisodeFilter, *, words: bool = True) -> tuple[str, list[object]]:
        clauses: list[str] = []
        params: list[object] = []
        if not query.include_open:
            clauses.append(DONE)
        if query.since is not None:
            clauses.append("e.started_utc >= ?")
            params.append(utc_stamp(query.since))
        match = match_expression(query.text) if words else None
        if match is not None:  # through the full-text index: a rare word in a lifetime diary in under a millisecond
            clauses.append(f"e.id IN (SELECT rowid FROM {INDEX} WHERE {INDEX} MATCH ?)")
            params.append(match)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def newest_first(
        self, query: EpisodeFilter = EpisodeFilter(), *, limit: int | None = None, older_than: Episode | None = None
    ) -> list[Episode]:
        """A page of episodes, newest first: the UI never loads more than it shows.

        ``older_than`` (the last episode shown) pages by position in time, not by
        count, so episodes another program saves meanwhile cannot shift the next page.
        """
        where, params = self._where(query, words=False)
        if older_than is not None:
            where += (" AND " if where else " WHERE ") + "(e.started_utc, e.id) < (?, ?)"
            params += [utc_stamp(older_than.started_at), older_than.id]
        match = match_expression(query.text)
        if match is not None and limit is not None:
            import json  # a search only, never ``log``

            ids = self._newest_matching(where, params, match, limit)
            sql, params = _SELECT + " WHERE e.id IN (SELECT value FROM json_each(?))" + _NEWEST_FIRST, [json.dumps(ids)]
        else:
            if match is not None:
                where += (" AND " if where else " WHERE ") + f"e.id IN (SELECT rowid FROM {INDEX} WHERE {INDEX} MATCH ?)"
                params.append(match)
            sql = _SELECT + where + _NEWEST_FIRST + (" LIMIT ?" if limit is not None else "")
            params += [limit] if limit is not None else []
        return [_episode(row) for row in self.db.query(sql, params)]

    def _newest_matching(self, where: str, params: list[object], match: str, limit: int) -> list[int]:
        """The ids of the newest ``limit`` episodes (``where``) whose words match, newest first.

        A common word matches thousands of a lifetime's episodes: putting them all in
        time order to keep the newest page took seconds at a million. So the newest
        ``SEARCH_WINDOW`` times ``limit`` episodes are searched first (the index asked only
        about their id range); when they hold a full page, it is the page. Otherwise
        the word is rare there and every match is put in order, which is then few.
        """
        recent = f"SELECT e.id, e.started_utc FROM episodes e{where}{_NEWEST_FIRST} LIMIT ?"
        if limit * SEARCH_WINDOW <= MAX_SEARCH_WINDOW:  # `list --limit` takes any number
            found = [
                int(row[0])
                for row in self.db.execute(
                    f"WITH recent AS ({recent}) SELECT id FROM recent WHERE id IN (SELECT rowid FROM {INDEX}"
                    f" WHERE {INDEX} MATCH ? AND rowid BETWEEN (SELECT min(id) FROM recent) AND (SELECT max(id) FROM recent))"
                    " ORDER BY started_utc DESC, id DESC LIMIT ?",
                    [*params, limit * SEARCH_WINDOW, match, limit],
                )
            ]
            if len(found) == limit:
                return found
        matching = (" AND " if where else " WHERE ") + f"e.id IN (SELECT rowid FROM {INDEX} WHERE {INDEX} MATCH ?)"
        return [
            int(row[0])
            for row in self.db.execute(
                f"SELECT e.id FROM episodes e{where}{matching}{_NEWEST_FIRST} LIMIT ?", [*params, match, limit]
            )
        ]

    def count(self, query: EpisodeFilter = EpisodeFilter()) -> int:
        where, params = self._where(query)
        return int(self.db.execute("SELECT count(*) FROM episodes e" + where, params).fetchone()[0])

    def iter_all(self, batch: int = 1000, *, include_open: bool = False) -> Iterator[Episode]:
        """Every finished episode (and unfinished ones when asked), oldest first, a batch at a time (for export).

        Ordered by time, then uuid, so two diaries holding the same episodes list them alike.
        """
        return _iter_all(self.db, batch, include_open=include_open)

    def unfinished(self, *, quiet_since: datetime | None = None) -> list[Episode]:
        """Episodes a cramp timer started but never finished.

        With ``quiet_since``, only those whose timer has not beaten since then: the
        app was closed or killed, rather than a timer still running elsewhere.
        """
        if quiet_since is None:
            rows = self.db.query(_SELECT + " WHERE e.status = 'open' ORDER BY e.id")
        else:
            rows = self.db.query(
                _SELECT + " WHERE e.status = 'open' AND (e.heartbeat_utc IS NULL OR e.heartbeat_utc < ?)"
                " ORDER BY e.id",
                [utc_stamp(quiet_since)],
            )
        return [_episode(r) for r in rows]

    def last_heartbeat(self, episode_id: int) -> datetime | None:
        """When the cramp timer running this unfinished episode last said it was alive, if it ever did."""
        rows = list(self.db.query("SELECT heartbeat_utc FROM episodes WHERE id = ?", [episode_id]))
        stamp = rows[0]["heartbeat_utc"] if rows else None
        return datetime.fromisoformat(str(stamp)) if stamp else None

    def last(self) -> Episode | None:
        found = self.newest_first(limit=1)
        return found[0] if found else None

    def own_triggers(self) -> list[str]:
        """Triggers the person made up, most used first, to offer them again."""
        placeholders = ", ".join("?" for _ in TRIGGERS)
        return [
            row["trigger"]  # type: ignore[misc]
            for row in self.db.query(
                f"SELECT trigger, count(*) AS n FROM episode_triggers WHERE trigger NOT IN ({placeholders})"
                " GROUP BY trigger ORDER BY n DESC, trigger",
                list(TRIGGERS),
            )
        ]

    def count_between(self, first: date, last: date) -> int:
        row = self.db.execute(
            f"SELECT count(*) FROM episodes e WHERE {DONE} AND e.local_day BETWEEN ? AND ?",
            [first.isoformat(), last.isoformat()],
        ).fetchone()
        return int(row[0])
