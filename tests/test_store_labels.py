"""An episode's labels come back from SQLite's JSON array exactly, whatever a hand-edited diary holds."""

from __future__ import annotations

import json
import sqlite3

from hypothesis import given
from hypothesis import strategies as st

from cramp_diary.store.episodes import _labels

#: Quotes, backslashes, the separator itself, controls, non-ASCII, and what JSON may escape.
TEXT = st.text(st.sampled_from(list('ab ,"\\/[]') + ["\x00", "\x1f", "\n", "é", "東", "🦵", "\u2028"]), max_size=8)


def as_sqlite_stores(values: list[object]) -> str:
    """The array as ``_SELECT`` reads it: json_group_array over the rows, in order."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (v)")
    conn.executemany("INSERT INTO t VALUES (?)", [(v,) for v in values])
    (array,) = conn.execute("SELECT json_group_array(v) FROM (SELECT v FROM t ORDER BY rowid)").fetchone()
    conn.close()
    return array


@given(st.lists(TEXT, max_size=5))
def test_labels_read_back_as_saved(labels: list[str]) -> None:
    assert _labels(as_sqlite_stores(labels)) == labels


@given(st.lists(st.one_of(TEXT, st.integers(-(2**63), 2**63 - 1), st.floats(allow_nan=False, allow_infinity=False), st.none()), max_size=5))
def test_anything_else_a_tool_wrote_is_read_as_json_reads_it(values: list[object]) -> None:
    array = as_sqlite_stores(values)
    assert _labels(array) == json.loads(array)


def test_a_number_between_two_labels_is_not_read_as_part_of_one() -> None:
    for values in (["a", 5, "b"], ["a", None, ""], ["x", 1.5, "y", 2, "z"]):
        assert _labels(as_sqlite_stores(values)) == values


def test_plain_labels_need_no_json_parser() -> None:
    assert _labels('["cold","after the long drive",""]') == ["cold", "after the long drive", ""]
    assert _labels("[]") == []
