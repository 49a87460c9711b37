"""Screens that show diary figures follow the diary: a cramp logged from another shell shows within a second.

SQLite's ``data_version`` changes only when another connection writes (another
terminal, the sync worker), so the poll is one cheap pragma a second and a
screen's own writes never make it read twice.
"""

from __future__ import annotations

from cramp_diary.tui.context import context

#: How often a screen looks for writes by another program (seconds).
LIVE_INTERVAL = 1.0


class FollowsDiary:
    """Mixed into a Screen: ``follow_diary()`` on mount, and ``diary_changed()`` runs after any outside write."""

    _seen_version = -1

    def follow_diary(self, interval: float = LIVE_INTERVAL) -> None:
        """Remember the diary as read now, and look again every ``interval`` seconds."""
        self.note_diary_read()
        self.set_interval(interval, self.check_for_changes)  # type: ignore[attr-defined]

    def note_diary_read(self) -> None:
        """The screen has just read the diary: only a later outside write is news."""
        self._seen_version = context(self).diary.data_version()  # type: ignore[arg-type]

    def check_for_changes(self) -> None:
        """Re-read the screen if another program wrote the diary since it last read it."""
        if context(self).diary.data_version() != self._seen_version:  # type: ignore[arg-type]
            self.note_diary_read()
            self.diary_changed()

    def diary_changed(self) -> None:
        """Show the diary as it is now, keeping the person's place."""
        raise NotImplementedError
