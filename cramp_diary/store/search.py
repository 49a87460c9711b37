"""Full-text search over episodes: the index (a schema step) and a person's words as a query that never fails.

The index, ``episodes_fts``, is an FTS5 table made the way sqlite-utils makes one
and kept in step by triggers; it folds case and accents and reads runs of letters
and digits as words. A person types words, not FTS5 syntax: every word becomes a
quoted prefix term, so "driv" finds "drive", several words must all match (in any
column), and quotes, dashes, ``AND`` or ``*`` in the text are just text: the
query is always valid.
"""

from __future__ import annotations

import re
import sqlite3

#: The FTS5 table of episodes (sqlite-utils names it after its table).
INDEX = "episodes_fts"

#: What the index covers: the episode's own words, and ``label_words``, the words of its triggers,
#: reliefs and signs (they live in side tables, which an index of ``episodes`` cannot see).
#: Fixed as step 14 built them: a change is a new schema step, never an edit of this one.
_SEARCH_COLUMNS = ("muscle", "muscle_other", "side", "context", "note", "label_words")
#: Case and accents folded ("Übung" is found by "ubung"); letters and digits make words, the rest separates them.
_SEARCH_TOKENIZER = "unicode61 remove_diacritics 2"

#: A word as the tokenizer sees one: a run of letters and digits (Python's \w without the underscore).
_WORD = r"[^\W_]+"  # compiled (and cached by re) at the first search, not when the diary opens


def words(text: str) -> list[str]:
    """The words of ``text`` the search looks for; punctuation and spaces only separate them."""
    return re.findall(_WORD, text)


def match_expression(text: str) -> str | None:
    """The FTS5 query for ``text``: each word a quoted prefix, all required; None when it has no word."""
    found = words(text) if text and not text.isspace() else []  # the unfiltered list: no pattern to compile
    return " ".join(f'"{word}"*' for word in found) if found else None


def _label_words(episode: str, label_tables: tuple[tuple[str, str, str], ...]) -> str:
    """The words of every trigger, relief and sign of ``episode`` (an id expression), as one text."""
    parts = " UNION ALL ".join(
        f"SELECT {column} AS word FROM {table} WHERE episode_id = {episode}" for table, column, _ in label_tables
    )
    return f"(SELECT coalesce(group_concat(word, ' '), '') FROM ({parts}))"


def search_index(conn: sqlite3.Connection) -> None:
    """Schema step 14 (issue 25): an FTS5 index over ``_SEARCH_COLUMNS``, built the way sqlite-utils does.

    ``label_words`` is a helper column kept by triggers on the three side tables, so
    every write (add, edit, undo, an import's executemany, a sync) reaches the index
    through the triggers sqlite-utils' ``enable_fts(create_triggers=True)`` puts on
    ``episodes``; an ``UPDATE`` of it touches none of the ``day_totals`` triggers. sqlite-utils
    is imported here only (an upgrade runs once); ``recursive_triggers`` stays as the diary has it.
    """
    from sqlite_utils import Database

    from cramp_diary.store.schema import LABEL_TABLES  # here: schema lists this step in MIGRATIONS

    conn.execute("ALTER TABLE episodes ADD COLUMN label_words TEXT NOT NULL DEFAULT ''")
    conn.execute(f"UPDATE episodes SET label_words = {_label_words('episodes.id', LABEL_TABLES)}")
    for table, column, _ in LABEL_TABLES:
        # a label already among the words (the writer filled them in) changes nothing: an import re-indexes nothing
        conn.execute(
            f"CREATE TRIGGER {table}_words_insert AFTER INSERT ON {table} BEGIN"
            f" UPDATE episodes SET label_words = {_label_words('NEW.episode_id', LABEL_TABLES)}"
            f" WHERE id = NEW.episode_id AND instr(' ' || label_words || ' ', ' ' || NEW.{column} || ' ') = 0; END"
        )
        conn.execute(
            f"CREATE TRIGGER {table}_words_delete AFTER DELETE ON {table} BEGIN"
            f" UPDATE episodes SET label_words = {_label_words('OLD.episode_id', LABEL_TABLES)}"
            f" WHERE id = OLD.episode_id AND instr(' ' || label_words || ' ', ' ' || OLD.{column} || ' ') > 0; END"
        )
    diary = Database(conn, recursive_triggers=False, execute_plugins=False)
    diary.table("episodes").enable_fts(_SEARCH_COLUMNS, create_triggers=True, tokenize=_SEARCH_TOKENIZER)
