"""Full-text search over episodes: what the index covers, and a person's words as a query that never fails.

The index (``episodes_fts``, built by the schema step ``_search_index``) is an
FTS5 table made the way sqlite-utils makes one, kept in step by triggers; it
folds case and accents and reads runs of letters and digits as words. A person types words,
not FTS5 syntax: every word becomes a quoted prefix term, so "driv" finds
"drive", several words must all match (in any column), and quotes, dashes,
``AND`` or ``*`` in the text are just text: the query is always valid.
"""

from __future__ import annotations

import re

#: The FTS5 table of episodes (sqlite-utils names it after its table); what it covers: ``schema._search_index``.
INDEX = "episodes_fts"

#: A word as the tokenizer sees one: a run of letters and digits (Python's \w without the underscore).
_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """The words of ``text`` the search looks for; punctuation and spaces only separate them."""
    return _WORD.findall(text)


def match_expression(text: str) -> str | None:
    """The FTS5 query for ``text``: each word a quoted prefix, all required; None when it has no word."""
    found = words(text)
    return " ".join(f'"{word}"*' for word in found) if found else None
