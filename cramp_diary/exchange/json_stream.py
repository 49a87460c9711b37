"""A JSON export read from its bytes a record at a time: only the part being read is ever text.

``json.loads`` of a whole device file held its bytes, its text (up to four bytes a
character once one emoji is in a note) and every record as Python objects at once:
350 MB for a 60 MiB file. Here the bytes are decoded a window at a time and each
top-level value, and each episode and deletion record, is one ``raw_decode``. Anything but the plain
shape an export has (an error, a key given twice, a document that is not an
object or a list) raises :class:`Irregular`, and the caller reads the whole
text as before, so every refusal keeps its words, line and column.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator

#: Bytes decoded at a time (a window grows when one value is larger).
WINDOW = 1 << 20
#: JSON's blanks, which json.loads skips around values.
_BLANKS = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()
#: A value ending this close to the window's end is decoded again with more text: a number may go on.
MARGIN = 64
EPISODES = "episodes"
#: The lists read a record at a time: the ones a diary has thousands of records in.
STREAMED = (EPISODES, "tombstones")


class Irregular(Exception):
    """Not an export's plain shape (or not JSON at all): read the whole text instead, for its exact message."""


class _Window:
    """The text of UTF-8 bytes, decoded a window at a time; ``text[pos:]`` is what is left to read of it."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.read = 0
        self.text = ""
        self.pos = 0
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")()

    def more(self) -> bool:
        """Decode more bytes onto what is left (at least as many as are left, so one long value costs linear time)."""
        if self.read >= len(self.data):
            return False
        size = max(WINDOW, len(self.text) - self.pos)
        piece = self.data[self.read:self.read + size]
        self.read += len(piece)
        try:
            fresh = self.decoder.decode(piece, final=self.read >= len(self.data))
        except UnicodeDecodeError:
            raise Irregular from None
        self.text = self.text[self.pos:] + fresh
        self.pos = 0
        return True

    def peek(self) -> str:
        """The next character that is not blank, not taken ('' at the end)."""
        while True:
            self.pos = _BLANKS.match(self.text, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.text) or not self.more():
                return self.text[self.pos:self.pos + 1]

    def take(self, wanted: str) -> None:
        if self.peek() != wanted:
            raise Irregular
        self.pos += 1

    def value(self) -> object:
        """The next JSON value; a value cut by the window's end is decoded again with more text."""
        self.peek()
        while True:
            try:
                value, end = _DECODER.raw_decode(self.text, self.pos)
            except (ValueError, RecursionError):  # JSONDecodeError, a 5000-digit number, lists nested too deep
                if self.more():
                    continue
                raise Irregular from None
            if len(self.text) - end < MARGIN and self.more():  # "12" may be the start of "123", "1" of "1e5"
                continue
            self.pos = end
            return value

    def items(self) -> Iterator[object]:
        """The values of the list that starts here, one at a time."""
        self.take("[")
        if self.peek() == "]":
            self.pos += 1
            return
        while True:
            yield self.value()
            following = self.peek()
            self.pos += 1
            if following == "]":
                return
            if following != ",":
                raise Irregular


def scan(data: bytes) -> Iterator[tuple[str, object, bool]]:
    """An export's top-level ``(key, value, False)``; a list in :data:`STREAMED` as ``(key, record, True)`` each.

    ``(key, [], False)`` follows such a list's records; a bare list is the episodes.
    """
    window = _Window(data)
    start = window.peek()
    if start == "[":
        for record in window.items():
            yield EPISODES, record, True
        yield EPISODES, [], False
    elif start == "{":
        window.pos += 1
        seen: set[str] = set()
        following = "," if window.peek() != "}" else ""
        if not following:
            window.pos += 1
        while following == ",":
            key = window.value()
            if not isinstance(key, str) or (key in STREAMED and key in seen):  # json.loads keeps the last list
                raise Irregular
            seen.add(key)
            window.take(":")
            if key in STREAMED and window.peek() == "[":
                for record in window.items():
                    yield key, record, True
                yield key, [], False
            else:
                yield key, window.value(), False
            following = window.peek()
            window.pos += 1
            if following not in (",", "}"):
                raise Irregular
    else:
        raise Irregular
    if window.peek():  # more after the document
        raise Irregular
