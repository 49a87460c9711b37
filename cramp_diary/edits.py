"""Two editors of one episode: apply only what this editor changed, never erase the other's work.

An editor (the app's form, ``cramp-diary edit``) starts from the episode as it
was when it opened (``original``) and ends with its own version (``edited``).
Meanwhile another program may have saved the episode (``current``). The edit
is applied to ``current`` field by field:

* a field this editor left alone keeps the current value;
* a field this editor changed takes the new value; if the other program
  changed the same field to something else, that field is a *conflict* the
  person is asked about (reload, or keep theirs);
* a list (triggers, what helped, warning signs) merges as sets: what this
  editor added is added and what it removed is removed, so a warning sign
  added elsewhere is never silently dropped.

No UI and no SQL: the store applies the result inside its write transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timezone

from cramp_diary.model import Episode

#: Fields one value each; the muscle and its own word move together.
SCALAR_FIELDS: tuple[str, ...] = (
    "started_at", "muscle", "side", "duration", "severity", "context", "note", "sleep_disturbance",
)
LIST_FIELDS: tuple[str, ...] = ("triggers", "reliefs", "signs")
#: What a person calls each field in a conflict message.
FIELD_NAMES = {
    "started_at": "when",
    "muscle": "muscle",
    "side": "side",
    "duration": "duration",
    "severity": "severity",
    "context": "context",
    "note": "note",
    "sleep_disturbance": "sleep disturbance",
}


@dataclass(frozen=True)
class EditOutcome:
    """The current episode with this editor's changes applied, and the fields both sides changed differently."""

    episode: Episode
    conflicts: tuple[str, ...] = ()
    changed: bool = False


def _value(episode: Episode, name: str) -> object:
    """A field as compared: times as instants, the muscle with its own word."""
    if name == "started_at":
        return episode.started_at.astimezone(timezone.utc)
    if name == "muscle":
        return (episode.muscle, episode.muscle_other)
    return getattr(episode, name)


def _fields(episode: Episode, name: str) -> dict[str, object]:
    if name == "muscle":
        return {"muscle": episode.muscle, "muscle_other": episode.muscle_other}
    return {name: getattr(episode, name)}


def merge_list(original: tuple[str, ...], edited: tuple[str, ...], current: tuple[str, ...]) -> tuple[str, ...]:
    """The current list, minus what this editor removed, plus what it added (in the order it was added)."""
    removed = set(original) - set(edited)
    kept = [item for item in current if item not in removed]
    added = [item for item in edited if item not in original and item not in kept]
    return tuple(dict.fromkeys([*kept, *added]))


def apply_edit(original: Episode, edited: Episode, current: Episode) -> EditOutcome:
    """``current`` with only the fields changed between ``original`` and ``edited``; see the module text.

    The status is always taken from ``edited``: saving an unfinished episode from the form finishes it.
    """
    changes: dict[str, object] = {}
    conflicts: list[str] = []
    for name in SCALAR_FIELDS:
        mine, base, theirs = _value(edited, name), _value(original, name), _value(current, name)
        if mine == base:
            continue
        if theirs != base and theirs != mine:
            conflicts.append(name)
        if theirs != mine:
            changes.update(_fields(edited, name))
    for name in LIST_FIELDS:
        merged = merge_list(getattr(original, name), getattr(edited, name), getattr(current, name))
        if merged != getattr(current, name):
            changes[name] = merged
    if edited.status != current.status:
        changes["status"] = edited.status
    return EditOutcome(current.with_changes(**changes), tuple(conflicts), bool(changes))


def conflict_words(conflicts: tuple[str, ...]) -> str:
    """'severity and note': the fields as a person reads them."""
    names = [FIELD_NAMES.get(name, name) for name in conflicts]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
