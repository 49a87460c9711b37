"""Reading episodes back: one page of a list, one episode, every episode for an export.

Mixed into :class:`~cramp_diary.store.diary.Diary`, which provides the connection.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

from cramp_diary.model import TRIGGERS, Episode
from cramp_diary.records import episode_from_record
from cramp_diary.store.db import Db
from cramp_diary.store.schema import DONE, LABEL_TABLES, utc_stamp
from cramp_diary.store.search import INDEX, match_expression


@dataclass(frozen=True)
class EpisodeFilter:
    """Which episodes a list shows: newest first, optionally filtered."""

    #: Words to find (full-text: each a word start, all required); punctuation is ignored.
    text: str = ""
    since: datetime | None = None
    include_open: bool = False


class EpisodeReader:
    """The read half of the diary's episodes; nothing here writes."""

    db: Db

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

    @staticmethod
    def _episode(row: dict[str, object]) -> Episode:
        """An Episode from a row of ``_SELECT``: the export record's mapping, plus the row's id and status."""
        record = dict(row)
        for _, _, attribute in LABEL_TABLES:
            record[attribute] = json.loads(str(row[attribute]))
        return episode_from_record(record, id=int(row["id"]), status=str(row["status"]))  # type: ignore[arg-type]

    def get(self, episode_id: int) -> Episode | None:
        rows = list(self.db.query(self._SELECT + " WHERE e.id = ?", [episode_id]))
        return self._episode(rows[0]) if rows else None

    @staticmethod
    def _where(query: EpisodeFilter) -> tuple[str, list[object]]:
        clauses: list[str] = []
        params: list[object] = []
        if not query.include_open:
            clauses.append(DONE)
        if query.since is not None:
            clauses.append("e.started_utc >= ?")
            params.append(utc_stamp(query.since))
        match = match_expression(query.text)
        if match is not None:  # through the full-text index: a rare word in a lifetime diary in under a millisecond
            clauses.append(f"e.id IN (SELECT rowid FROM {INDEX} WHERE {INDEX} MATCH ?)")
            params.append(match)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def episodes(
        self, query: EpisodeFilter = EpisodeFilter(), *, limit: int | None = None, offset: int = 0, older_than: Episode | None = None
    ) -> list[Episode]:
        """A page of episodes, newest first: the UI never loads more than it shows.

        ``older_than`` (the last episode shown) pages by position in time, not by
        count, so episodes another program saves meanwhile cannot shift the next page.
        """
        where, params = self._where(query)
        if older_than is not None:
            where += (" AND " if where else " WHERE ") + "(e.started_utc, e.id) < (?, ?)"
            params += [utc_stamp(older_than.started_at), older_than.id]
        sql = self._SELECT + where + " ORDER BY e.started_utc DESC, e.id DESC"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        return [self._episode(row) for row in self.db.query(sql, params)]

    def count(self, query: EpisodeFilter = EpisodeFilter()) -> int:
        where, params = self._where(query)
        return int(self.db.execute("SELECT count(*) FROM episodes e" + where, params).fetchone()[0])

    def iter_all(self, batch: int = 1000, *, include_open: bool = False) -> Iterator[Episode]:
        """Every finished episode (and unfinished ones when asked), oldest first, a batch at a time (for export).

        Ordered by time, then uuid, so two diaries holding the same episodes list them alike.
        """
        last = ("", "")
        done = "1" if include_open else DONE
        while True:
            rows = list(
                self.db.query(
                    self._SELECT
                    + f" WHERE {done} AND (e.started_utc, e.uuid) > (?, ?)"
                    " ORDER BY e.started_utc, e.uuid LIMIT ?",
                    [last[0], last[1], batch],
                )
            )
            if not rows:
                return
            for row in rows:
                yield self._episode(row)
            last = (str(rows[-1]["started_utc"]), str(rows[-1]["uuid"]))

    def open_episodes(self, *, quiet_since: datetime | None = None) -> list[Episode]:
        """Episodes a cramp timer started but never finished.

        With ``quiet_since``, only those whose timer has not beaten since then: the
        app was closed or killed, rather than a timer still running elsewhere.
        """
        if quiet_since is None:
            rows = self.db.query(self._SELECT + " WHERE e.status = 'open' ORDER BY e.id")
        else:
            rows = self.db.query(
                self._SELECT + " WHERE e.status = 'open' AND (e.heartbeat_utc IS NULL OR e.heartbeat_utc < ?)"
                " ORDER BY e.id",
                [utc_stamp(quiet_since)],
            )
        return [self._episode(r) for r in rows]

    def last_episode(self) -> Episode | None:
        found = self.episodes(limit=1)
        return found[0] if found else None

    def own_triggers(self) -> list[str]:
        """Triggers the person made up, most used first, to offer them again."""
        placeholders = ", ".join("?" for _ in TRIGGERS)
        return [
            row["trigger"]
            for row in self.db.query(
                f"SELECT trigger, count(*) AS n FROM episode_triggers WHERE trigger NOT IN ({placeholders})"
                " GROUP BY trigger ORDER BY n DESC, trigger",
                list(TRIGGERS),
            )
        ]

    def days_with_episodes(self, first: date, last: date) -> int:
        row = self.db.execute(
            f"SELECT count(DISTINCT e.local_day) FROM episodes e WHERE {DONE} AND e.local_day BETWEEN ? AND ?",
            [first.isoformat(), last.isoformat()],
        ).fetchone()
        return int(row[0])

    def count_between(self, first: date, last: date) -> int:
        row = self.db.execute(
            f"SELECT count(*) FROM episodes e WHERE {DONE} AND e.local_day BETWEEN ? AND ?",
            [first.isoformat(), last.isoformat()],
        ).fetchone()
        return int(row[0])

