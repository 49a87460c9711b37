"""The person's own words and recent ids, read for shell completion: read-only, bounded, never an error.

A TAB must cost the same on a lifetime diary as on a new one and must never
change a file, so this opens the diary with SQLite's read-only URI (no
upgrade, no backup, no new -wal or -shm file), reads the newest
:data:`RECENT` episodes' words only, and answers "nothing" for any file it
cannot read or that is not a diary: completion offers less, it never fails.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal, NamedTuple

from cramp_diary.store.schema import APPLICATION

#: How many of the newest episodes completion reads words from: a few milliseconds on any diary.
RECENT = 2000
#: The most ids offered at once: more would scroll a terminal away.
MAX_IDS = 40

#: Which own words: a muscle typed as "any other word", a trigger, a relief.
WordKind = Literal["muscle", "trigger", "relief"]
#: The newest rows of each (MATERIALIZED: else SQLite groups a whole table through its word index).
_RECENT: dict[str, str] = {
    "muscle": "SELECT muscle_other AS word FROM episodes WHERE id > ? AND muscle_other != ''",
    "trigger": "SELECT trigger AS word FROM episode_triggers WHERE episode_id > ?",
    "relief": "SELECT relief AS word FROM episode_reliefs WHERE episode_id > ?",
}


class IdHint(NamedTuple):
    """An id to offer and the few words that say which record it is (shown by zsh and fish)."""

    id: int
    hint: str


@contextmanager
def _reading(path: Path) -> Iterator[sqlite3.Connection | None]:
    """A read-only connection to the diary at ``path``, or None when it is missing or not a diary.

    ``immutable`` keeps SQLite from making -wal and -shm files; when a -wal is there
    (the app is open), plain ``mode=ro`` reads it too, so the newest words count.
    """
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # a fifo would hang, a folder is no diary
            yield None
            return
        live = os.path.exists(f"{path}-wal")
        uri = f"{Path(path).resolve().as_uri()}?mode=ro{'' if live else '&immutable=1'}"
        conn = sqlite3.connect(uri, uri=True, timeout=0.2)
    except (OSError, ValueError, sqlite3.Error):
        yield None
        return
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'application'").fetchone()
        yield conn if row is not None and row[0] == APPLICATION else None
    except sqlite3.Error:
        yield None
    finally:
        conn.close()


def own_words(path: Path, kind: WordKind) -> list[str]:
    """The words of ``kind`` used in the newest episodes, most used first."""
    try:
        with _reading(path) as conn:
            if conn is None:
                return []
            newest = conn.execute("SELECT coalesce(max(id), 0) FROM episodes").fetchone()[0]
            rows = conn.execute(
                f"WITH recent AS MATERIALIZED ({_RECENT[kind]})"
                " SELECT word, count(*) AS n FROM recent GROUP BY word ORDER BY n DESC, word",
                [newest - RECENT],
            ).fetchall()
    except sqlite3.Error:
        return []
    return [str(word) for word, _ in rows]


def recent_episodes(path: Path, prefix: str) -> list[IdHint]:
    """The newest episodes whose id starts with ``prefix`` (digits), with when and where each was."""
    if prefix and not (prefix.isascii() and prefix.isdecimal()):
        return []
    try:
        with _reading(path) as conn:
            if conn is None:
                return []
            rows = conn.execute(
                "SELECT id, substr(started_at, 1, 16), CASE muscle_other WHEN '' THEN muscle ELSE muscle_other END,"
                " side, status FROM episodes WHERE CAST(id AS TEXT) LIKE ? ORDER BY id DESC LIMIT ?",
                [f"{prefix}%", MAX_IDS],
            ).fetchall()
    except sqlite3.Error:
        return []
    return [
        IdHint(int(id_), f"{when.replace('T', ' ')} {muscle} {side}" + (" (unfinished)" if status == "open" else ""))
        for id_, when, muscle, side, status in rows
    ]


def recent_changes(path: Path) -> list[IdHint]:
    """Every dated change, the newest first, with its kind and name."""
    try:
        with _reading(path) as conn:
            if conn is None:
                return []
            rows = conn.execute("SELECT id, kind, name, started FROM changes ORDER BY id DESC LIMIT ?", [MAX_IDS]).fetchall()
    except sqlite3.Error:
        return []
    return [IdHint(int(id_), f"{kind} {' '.join(str(name).split())} from {started}") for id_, kind, name, started in rows]
