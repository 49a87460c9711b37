"""Logging, editing, deleting and undoing a cramp episode, from the CLI (``log``, ``edit``, ``delete``) or the app.

Each saves through the diary at once (one transaction) and returns the episode as saved with
the sentence to say. Light on purpose: ``cramp-diary log`` (``cli/fast_log``) comes through here,
so its results are NamedTuples (a frozen dataclass costs a start five times as much to define).
"""

# Annotations are evaluated, not kept as text: this module's NamedTuples load with every `log` (ARCHITECTURE.md).
from typing import NamedTuple

from cramp_diary.model import Episode
from cramp_diary.store import Diary
from cramp_diary.use_cases import sentences


class Saved(NamedTuple):
    """The episode as the diary now holds it, and what to say about it."""

    episode: Episode
    message: str


def log(diary: Diary, episode: Episode) -> Saved:
    """Save a new episode; it is on disk when this returns."""
    saved = diary.episodes.add(episode)
    return Saved(saved, sentences.saved_episode(saved.id))


def edit(diary: Diary, original: Episode, edited: Episode, *, keep_mine: bool = False) -> Saved:
    """Save only the fields changed from ``original``: another program's edit of other fields survives.

    EditConflict when the same field was changed elsewhere (``keep_mine`` saves ours over it);
    EpisodeGone when it was deleted elsewhere meanwhile (see :func:`save_as_new`).
    """
    saved = diary.episodes.update_fields(original, edited, keep_mine=keep_mine)
    return Saved(saved, sentences.updated_episode(saved.id))


def save_as_new(diary: Diary, episode: Episode) -> Saved:
    """Deleted elsewhere while being edited here: what the person typed becomes a new episode, not an error."""
    saved = diary.episodes.add(episode.with_changes(id=None))
    return Saved(saved, f"Episode {episode.id} was deleted elsewhere meanwhile; saved this as episode {saved.id}.")


class Deleted(NamedTuple):
    """The episode as it was (what undo puts back), and what to say."""

    episode: Episode
    message: str


def delete(diary: Diary, episode_id: int) -> Deleted:
    """Delete an episode, leaving a deletion record so a sync does not bring it back."""
    episode = diary.episodes.delete(episode_id)
    return Deleted(episode, sentences.deleted_episode(episode_id))


def undo_delete(diary: Diary, deleted: Episode) -> Saved:
    """Put a deleted episode back as it was (same id where free); other diaries take it back at the next sync."""
    restored = diary.episodes.restore(deleted)
    return Saved(restored, sentences.restored_episode(restored.id))
