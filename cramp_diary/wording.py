"""Words every view shares, so the CLI, the app and the report say a thing the same way.

No I/O, no UI library: any layer may use it.
"""

from __future__ import annotations

from cramp_diary.model import Episode
from cramp_diary.parsing import format_duration, format_when
from cramp_diary.safe_text import printable


def plural(count: int, word: str, words: str | None = None) -> str:
    """'1 episode', '3 episodes': a count with its word, never '1 episodes'."""
    return f"{count} {word if count == 1 else words or word + 's'}"


def episode_signs(episode: Episode) -> str:
    """The warning signs noted with an episode, as one phrase ('' when none)."""
    return printable(", ".join(episode.signs))


def format_episode_line(episode: Episode, *, sep: str = ", ", gap: str = " ", severity: bool = False) -> str:
    """One episode in a line: '2026-11-21 03:10 calf (left), 1m30s, numbness'.

    ``gap`` follows the time and ``sep`` parts the rest (the app uses two spaces
    for both); ``severity`` adds 'severity 7' when the cramp was rated. The
    muscle may be the person's own word, so it is passed through printable.
    """
    parts = [f"{printable(episode.muscle_label)} ({episode.side})", format_duration(episode.duration)]
    if severity and episode.severity is not None:
        parts.append(f"severity {episode.severity}")
    if episode.signs:
        parts.append(episode_signs(episode))
    return f"{format_when(episode.started_at)}{gap}{sep.join(parts)}"
