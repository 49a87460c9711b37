"""Words every view shares, so the CLI, the app and the report say a thing the same way.

No I/O, no UI library: any layer may use it.
"""

# Annotations are evaluated, not kept as text: this module's NamedTuples load with every `log` (ARCHITECTURE.md).
from typing import NamedTuple

from cramp_diary.model import Episode
from cramp_diary.parsing import format_duration, format_when
from cramp_diary.safe_text import printable


def plural(count: int, word: str, words: str | None = None) -> str:
    """'1 episode', '3 episodes': a count with its word, never '1 episodes'."""
    return f"{count} {word if count == 1 else words or word + 's'}"


class EpisodeFields(NamedTuple):
    """How each field of one episode is shown; '' where there is nothing to show.

    Every view (``list``, ``show``, the app's table, the warnings screen, the
    report) lays these out in its own columns and chooses its own placeholder
    for a blank, but none formats a field itself. What the person may have
    typed (muscle word, triggers, reliefs, signs, note) is already through
    :func:`printable`, so no view can forget it. A NamedTuple, not a
    dataclass: `log` prints one, and a frozen dataclass costs it ~2 ms to define.
    """

    #: '2026-11-21 03:10', on the wall clock where it happened.
    when: str
    #: That wall clock's UTC offset, '+0100'.
    offset: str
    muscle: str
    side: str
    #: '1m30s', or '?' when not measured.
    duration: str
    #: '7', or '' when not rated.
    severity: str
    context: str
    triggers: str
    reliefs: str
    signs: str
    note: str


def episode_fields(episode: Episode) -> EpisodeFields:
    """The one place an episode's fields become text."""
    return EpisodeFields(
        when=format_when(episode.started_at),
        offset=episode.started_at.strftime("%z"),
        muscle=printable(episode.muscle_label),
        side=episode.side,
        duration=format_duration(episode.duration),
        severity="" if episode.severity is None else str(episode.severity),
        context=episode.context or "",
        # side tables have no CHECK constraint: a hand-edited diary may hold anything in any list
        triggers=printable(", ".join(episode.triggers)),
        reliefs=printable(", ".join(episode.reliefs)),
        signs=printable(", ".join(episode.signs)),
        note=printable(episode.note),
    )


def format_episode_line(episode: Episode, *, sep: str = ", ", gap: str = " ", severity: bool = False) -> str:
    """One episode in a line: '2026-11-21 03:10 calf (left), 1m30s, numbness'.

    ``gap`` follows the time and ``sep`` parts the rest (the app uses two spaces
    for both); ``severity`` adds 'severity 7' when the cramp was rated.
    """
    fields = episode_fields(episode)
    parts = [f"{fields.muscle} ({fields.side})", fields.duration]
    if severity and fields.severity:
        parts.append(f"severity {fields.severity}")
    if fields.signs:
        parts.append(fields.signs)
    return f"{fields.when}{gap}{sep.join(parts)}"
