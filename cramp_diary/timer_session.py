"""What one run of the cramp timer writes to the diary, with no UI.

The timer writes an unfinished ("open") episode the moment a cramp routine
starts, so a crash mid-cramp loses nothing; at the end it stores the measured
duration and what helped, or discards the episode. The bedtime routine records
a session instead, and only when its stretches were really held. The timer
screen and the recovery question both go through here; a failed write raises
:class:`~cramp_diary.store.DiaryError` for the screen to tell the person.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from cramp_diary import hlc, timer_lock
from cramp_diary.clock import Monotonic, Now
from cramp_diary.countdown import Countdown
from cramp_diary.model import MAX_DURATION, Episode
from cramp_diary.store import Diary, DiaryError, EpisodeGone
from cramp_diary.timer_lock import TimerLock, TimerState

#: How often a running timer notes on its unfinished episode that it is still alive (seconds).
HEARTBEAT_SECONDS = 5.0
#: An unfinished episode whose timer has been silent this long was left behind (closed or killed).
STALE_AFTER = timedelta(seconds=30)


def abandoned(diary: Diary, now: Now) -> list[Episode]:
    """This device's unfinished episodes that no running timer looks after: the ones to ask the person about.

    A timer's lock says at once whether it still runs (see :mod:`cramp_diary.timer_lock`).
    A cramp without a lock file is offered only when this device stamped it and no
    heartbeat came for a while (one left by a version before the locks); one that
    came from another machine is that machine's to finish.
    """
    unfinished = diary.episodes.unfinished()
    for uuid in timer_lock.stopped_uuids(diary.path) - {episode.uuid for episode in unfinished}:
        timer_lock.forget(diary.path, uuid)  # finished or discarded since its timer stopped
    if not unfinished:
        return []
    quiet = {episode.uuid for episode in diary.episodes.unfinished(quiet_since=now() - STALE_AFTER)}
    devices = {diary.stamps.stamp_device(), diary.stamps.device_name()}  # (stamps before ids carried the name alone)
    offered = []
    for episode in unfinished:
        found = timer_lock.state(diary.path, episode.uuid)
        if found is TimerState.STOPPED or (
            found is TimerState.UNKNOWN and episode.uuid in quiet and stamped_by(episode, devices)
        ):
            offered.append(episode)
    return offered


def stamped_by(episode: Episode, devices: set[str]) -> bool:
    """True when one of ``devices`` made the latest change to the episode (or nobody stamped it: an old diary's own)."""
    if not episode.hlc:
        return True
    try:
        return hlc.parse(episode.hlc)[2] in devices
    except ValueError:
        return False


def measured_duration(seconds: float) -> int | None:
    """Whole seconds for the diary; a timer left running for hours says nothing about the cramp."""
    whole = max(round(seconds), 1)
    return whole if whole <= MAX_DURATION else None


def time_so_far(diary: Diary, episode: Episode) -> Episode:
    """An unfinished cramp whose timer was killed, with the time it ran: from the start to its last heartbeat.

    A timer closed cleanly saved its time already; a killed one only beat every few
    seconds, so this is the measured time to within ``HEARTBEAT_SECONDS``.
    """
    if episode.duration is not None or episode.id is None:
        return episode
    beat = diary.episodes.last_heartbeat(episode.id)
    seconds = (beat - episode.started_at).total_seconds() if beat is not None else 0
    return episode.with_changes(duration=measured_duration(seconds)) if seconds > 0 else episode


def ready_to_finish(episode: Episode) -> Episode:
    """The unfinished episode as it should be saved once the person confirms it."""
    return episode.with_changes(status="done")


def discard(diary: Diary, episode: Episode) -> None:
    """Delete an unfinished episode the person does not want to keep (its timer's lock file goes too)."""
    if episode.id is not None:
        diary.episodes.delete(episode.id)
    timer_lock.forget(diary.path, episode.uuid)


@dataclass(frozen=True, slots=True)
class BedtimeOutcome:
    """Whether the bedtime stretches were noted, and how long they were really held."""

    noted: bool
    held_seconds: float


def record_bedtime(diary: Diary, countdown: Countdown, started_at: datetime) -> BedtimeOutcome:
    """Note the evening's stretches only if they were held long enough: skipping through is not doing them."""
    if not countdown.held_enough():
        return BedtimeOutcome(noted=False, held_seconds=countdown.held_seconds())
    diary.routines.record(countdown.routine.key, started_at)
    return BedtimeOutcome(noted=True, held_seconds=countdown.held_seconds())


class CrampSession:
    """One cramp being timed: its draft, and the unfinished episode once it is in the diary."""

    def __init__(self, diary: Diary, draft: Episode, monotonic: Monotonic | None = None) -> None:
        self.diary = diary
        self.draft = draft
        self.episode: Episode | None = None
        self.monotonic = monotonic
        self._last_beat: float | None = None
        self._lock: TimerLock | None = None

    def begin(self) -> Episode:
        """Write the unfinished episode now, before the countdown starts, so nothing can be lost.

        The lock is taken first, on the draft's uuid, so no other app ever sees the
        episode without a running timer's lock on it.
        """
        self._hold(self.draft.uuid)
        try:
            self.episode = self.diary.episodes.add(self.draft.with_changes(status="open"))
        except BaseException:
            self.release()
            raise
        self.keep_alive()
        return self.episode

    def _hold(self, uuid: str) -> None:
        if self._lock is not None:
            self._lock.release(finished=True)
        self._lock = TimerLock(self.diary.path, uuid)
        self._lock.hold()

    def release(self) -> None:
        """The timer closes: drop the lock, and its file too unless the cramp is still unfinished here."""
        if self._lock is None:
            return
        try:
            current = self.diary.episodes.get(self.episode.id) if self.episode is not None and self.episode.id is not None else None
        except DiaryError:
            current = self.episode
        self._lock.release(finished=current is None or current.status != "open")
        self._lock = None

    def keep_alive(self) -> None:
        """Tell other apps this timer still runs (at most every HEARTBEAT_SECONDS); a busy diary just waits a beat."""
        if self.episode is None or self.episode.id is None:
            return
        moment = self.monotonic() if self.monotonic is not None else None
        if moment is not None and self._last_beat is not None and moment - self._last_beat < HEARTBEAT_SECONDS:
            return
        try:
            self.diary.episodes.heartbeat(self.episode.id)
        except DiaryError:
            return
        self._last_beat = moment

    def note_leg_check(self, answer: str) -> None:
        """Remember the answer to the safety question on the cramp at once, so the report can say it was asked."""
        self.draft = self.draft.with_changes(leg_check=answer)
        if self.episode is not None:
            self.episode = self.diary.episodes.update(self.episode.with_changes(leg_check=answer))

    def measured(self, seconds: float, reliefs: tuple[str, ...]) -> Episode:
        """The cramp with its measured duration and what helped, added to any reliefs already noted."""
        base = self.episode or self.draft
        combined = tuple(dict.fromkeys((*base.reliefs, *reliefs)))
        return base.with_changes(duration=measured_duration(seconds), reliefs=combined)

    def began_earlier(self, seconds: float) -> Episode:
        """The cramp began ``seconds`` before it was recorded: move its start back (and save that at once)."""
        shift = timedelta(seconds=seconds)
        self.draft = self.draft.with_changes(started_at=self.draft.started_at - shift)
        if self.episode is None:
            return self.draft
        self.episode = self.diary.episodes.update(self.episode.with_changes(started_at=self.episode.started_at - shift))
        return self.episode

    def save_so_far(self, seconds: float, reliefs: tuple[str, ...]) -> None:
        """The app is closing mid-cramp: keep the time measured so far on the unfinished episode."""
        if self.episode is not None:
            self.save(self.measured(seconds, reliefs))

    def save(self, episode: Episode) -> Episode:
        """Store the measurement on the unfinished episode (still unfinished); a draft never written stays a draft."""
        if self.episode is None:
            return episode
        try:
            self.episode = self.diary.episodes.update(episode)
        except EpisodeGone:  # deleted elsewhere while the timer ran: the cramp still happened
            self._hold(episode.uuid)
            self.episode = self.diary.episodes.add(episode.with_changes(status="open"))
            self.keep_alive()
        return self.episode

    def discard(self) -> None:
        """Delete the unfinished episode, if one was written."""
        if self.episode is not None:
            discard(self.diary, self.episode)
