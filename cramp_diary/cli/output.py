"""Printing to a terminal or pipe that cannot show every character (``PYTHONIOENCODING=latin-1``).

Output degrades instead of crashing: chart glyphs become ASCII look-alikes and
any other character a replacement mark. A command that has saved something
must never then fail on printing it (a retry would save it twice).
"""

from __future__ import annotations

import codecs
import io
import os
import sys
from typing import TYPE_CHECKING

from cramp_diary.safe_text import printable

if TYPE_CHECKING:
    from cramp_diary.store import Diary

ERRORS = "cramp-diary-ascii"

#: Chart and table glyphs and their ASCII stand-ins, for encodings that lack them.
ASCII_GLYPHS: dict[str, str] = {
    **dict.fromkeys("│┃┆┊╎║⅃", "|"),
    **dict.fromkeys("─━┄┈╌═", "-"),
    **dict.fromkeys("┌┐└┘├┤┬┴┼╭╮╯╰", "+"),
    **dict.fromkeys("█▉▊▋▌▍▎▏▐▇▆▅▄▃▂▁▀", "#"),
    **dict.fromkeys("●•◆■▪", "o"),
    "…": "...",
    "–": "-",
    "—": "-",
    "÷": "/",
}


def _ascii_glyph(char: str) -> str:
    if "\u2800" <= char <= "\u28ff":  # braille dots draw plotext's lines
        return "."
    return ASCII_GLYPHS.get(char, "?")


def _replace(error: UnicodeError) -> tuple[str, int]:
    """The codecs error handler: each character the encoding lacks becomes its stand-in."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(_ascii_glyph(char) for char in bad), error.end


codecs.register_error(ERRORS, _replace)


def degrade_gracefully() -> None:
    """Make stdout and stderr replace what their encoding cannot show, instead of raising."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            try:
                stream.reconfigure(errors=ERRORS)
            except (ValueError, OSError):  # closed or detached: nothing will be printed there anyway
                pass


class StreamClosed(OSError):
    """A standard stream the command needs was closed by whoever ran it (``>&-``, ``<&-``, some cron setups)."""


class ClosedStream(io.TextIOBase):
    """Stands in for a standard stream that was closed, so using it is one clear error, not ``NoneType`` deep inside."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.stream_name = name

    def _refuse(self, *_: object) -> str:
        effect = "there is nothing to read" if self.stream_name == "input" else "nothing can be printed"
        raise StreamClosed(f"standard {self.stream_name} is closed, so {effect}")

    read = readline = write = _refuse  # type: ignore[assignment]

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        return int(self._refuse())

    @property
    def buffer(self) -> ClosedStream:
        """``sys.stdin.buffer.read()`` refuses the same way."""
        return self


def stand_in_for_closed_streams() -> None:
    """Python sets a closed standard stream to None; put a stand-in that says so when it is used."""
    for attribute, name in (("stdin", "input"), ("stdout", "output"), ("stderr", "error")):
        if getattr(sys, attribute) is None:
            setattr(sys, attribute, ClosedStream(name))


def opening_notes(diary: Diary) -> list[str]:
    """What opening the diary has to tell, for stderr: an upgrade's backup copy, then its warnings."""
    upgraded = [f"Upgraded the diary; a copy of the old one is at {diary.backup}"] if diary.backup else []
    return [*upgraded, *(printable(warning) for warning in diary.warnings)]


def quiet_broken_pipe() -> None:
    """The reader went away (``cramp-diary stats | head -1``): drop the rest of the output, say nothing.

    Python's recipe: point stdout at devnull, so the flush at exit cannot fail again.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no real file behind stdout (e.g. click's test runner): nothing to flush
        pass
