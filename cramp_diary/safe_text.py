"""Text a person typed, made safe to put on a terminal: shown, never obeyed.

The diary refuses control characters at input, but a diary edited by hand (or
by another tool) may still hold them, and bidi overrides are ordinary Unicode
that the model accepts. Both the CLI and the TUI pass user text through
:func:`printable` before it reaches the screen, so a note can neither clear the
screen nor reorder the line it is printed on. No Textual, no click: any layer
may use it.
"""

from __future__ import annotations

#: The longest message worth printing: messages quote what was typed, and a paste may be 100 kB.
MESSAGE_LIMIT = 300

#: Embedding, override and isolate controls (the "Trojan Source" set): they reorder the rest of a line.
BIDI_CONTROLS: frozenset[int] = frozenset((*range(0x202A, 0x202F), *range(0x2066, 0x206A)))


def _shown(ch: str, bidi: bool) -> str:
    code = ord(ch)
    if ch in "\n\t":
        return ch
    if code < 32 or code == 127 or 0x80 <= code < 0xA0:
        return f"\\x{code:02x}"
    if bidi and code in BIDI_CONTROLS:
        return f"\\u{code:04x}"
    return ch


def printable(text: str, *, bidi: bool = True) -> str:
    """``text`` with C0/C1 controls and bidi overrides written as escapes; newline and tab kept.

    ``bidi=False`` keeps bidi overrides, for fields being edited: they are valid text
    the person typed, and escaping them would change what is saved.
    """
    if text.isprintable():  # the common case: nothing to escape (isprintable is False for \n, \t, Cf)
        return text
    return "".join(_shown(ch, bidi) for ch in text)


def clip(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """A message cut to ``limit`` characters, so quoting a huge paste keeps it one readable line."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
