"""The strip under the header: this week and last, at a glance, each with its days recorded.

A week's count is shown with how many of its days were recorded; a week short of
the one data rule (:data:`cramp_diary.rates.DATA_RULE`) says "not enough days
recorded" beside its count, so two counts are never read as a trend they cannot carry.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

from rich.text import Text
from textual.widgets import Static

if TYPE_CHECKING:  # the figures' modules load with the first figures, after the first frame
    from cramp_diary.rates import Rate
    from cramp_diary.store import Diary


class RecentFigures(NamedTuple):
    """The home strip's figures: this week and last (cramps, days, days recorded), and the last cramp's start."""

    this_week: Rate
    last_week: Rate
    last_started: datetime | None


def recent_figures(diary: Diary, now: datetime) -> RecentFigures:
    """This week so far and last week (cramps, days, days recorded) and when the last cramp was."""
    from cramp_diary import stats

    today = now.date()
    monday = stats.monday_of(today)
    last = diary.episodes.last()
    return RecentFigures(
        this_week=stats.summary(diary, monday, today).rate,
        last_week=stats.summary(diary, monday - timedelta(days=7), monday - timedelta(days=1)).rate,
        last_started=last.started_at if last else None,
    )


def week_text(week: Rate, unit: str = "") -> tuple[str, str]:
    """('3', ' (5/6 days)'): the count and its days recorded; '-' and nothing when no day was recorded."""
    if not week.recorded_days:
        return "-", ""
    return str(week.count), f" ({week.recorded_days}/{week.days}{unit})"


def short_note(*weeks: Rate) -> str:
    """': not enough days recorded' when a week shown falls short of the one data rule, else ''."""
    from cramp_diary.rates import NOT_ENOUGH

    return f": {NOT_ENOUGH}" if any(not week.enough for week in weeks) else ""


def format_ago(then: datetime, now: datetime) -> str:
    """'just now', '40 min ago', '7 h ago', '2 d 5 h ago': coarse on purpose, it is read at a glance."""
    seconds = max(0, int((now - then).total_seconds()))
    days, rest = divmod(seconds, 86400)
    hours = rest // 3600
    if days >= 14:
        return f"{days} days ago"
    if days:
        return f"{days} d {hours} h ago"
    if hours:
        return f"{hours} h ago"
    if rest < 60:  # "0 min ago" read like a glitch
        return "just now"
    return f"{rest // 60} min ago"


class SummaryStrip(Static):
    """Cramps this week and last, each with its days recorded (and "not enough days recorded" below the
    data rule); then the time since the last cramp, on a line of its own when both do not fit (80 columns)."""

    _weeks = Text()
    _last = Text()

    def show(self, figures: RecentFigures, now: datetime) -> None:
        this_count, this_days = week_text(figures.this_week, " days")
        last_count, last_days = week_text(figures.last_week)
        self._weeks = _figures(
            ("This week ", this_count, this_days),
            (" · last week ", last_count, last_days + short_note(figures.this_week, figures.last_week)),
        )
        ago = format_ago(figures.last_started, now) if figures.last_started else "none yet"
        self._last = _figures(("   Last cramp ", ago, ""))
        self._fit_height()
        self.refresh()

    def on_resize(self) -> None:
        self._fit_height()

    def _fits(self, width: int) -> bool:
        return self._weeks.cell_len + self._last.cell_len <= width

    def _fit_height(self) -> None:
        """One line when both parts fit, else two, set as the height: the strip is filled after the
        first layout, and Textual lays a widget out again at once for a new height, not always for new text."""
        width = self.content_size.width or self.app.size.width
        self.styles.height = 1 if self._fits(width) else 2

    def render(self) -> Text:
        if self._fits(self.content_size.width):
            return Text.assemble(self._weeks, self._last, no_wrap=True, overflow="ellipsis")
        return Text.assemble(self._weeks, "\n", self._last[3:], no_wrap=True, overflow="ellipsis")


def _figures(*parts: tuple[str, str, str]) -> Text:
    """Label (dim), value (bold), note (dim) for each part, one run of text."""
    text = Text()
    for label, value, note in parts:
        text.append(label, style="dim")
        text.append(value, style="bold")
        text.append(note, style="dim")
    return text
