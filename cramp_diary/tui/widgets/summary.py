"""The strip under the header: how this week compares, at a glance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from rich.text import Text
from textual.widgets import Static

from cramp_diary.store import Diary


@dataclass(frozen=True)
class RecentFigures:
    """The home strip's four numbers: cramps this week and last, cramp days in the last 7, the last cramp's start."""

    this_week: int
    last_week: int
    cramp_days_7: int
    last_started: datetime | None


def recent_figures(diary: Diary, now: datetime) -> RecentFigures:
    """The four numbers the home screen shows, each one small query."""
    today = now.date()
    monday = today - timedelta(days=today.weekday())
    last = diary.episodes.last()
    return RecentFigures(
        this_week=diary.episodes.count_between(monday, today),
        last_week=diary.episodes.count_between(monday - timedelta(days=7), monday - timedelta(days=1)),
        cramp_days_7=diary.episodes.days_with_cramps(today - timedelta(days=6), today),
        last_started=last.started_at if last else None,
    )


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
    """This week, last week, cramp days in the last 7, time since the last cramp."""

    def show(self, figures: RecentFigures, now: datetime) -> None:
        text = Text(no_wrap=True, overflow="ellipsis")
        for label, value in (
            ("Cramps this week ", str(figures.this_week)),
            (" · last week ", str(figures.last_week)),
            ("   Cramp days ", f"{figures.cramp_days_7}/7"),
            ("   Last cramp ", format_ago(figures.last_started, now) if figures.last_started else "none yet"),
        ):
            text.append(label, style="dim")
            text.append(value, style="bold")
        self.update(text)
