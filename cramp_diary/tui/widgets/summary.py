"""The strip under the header: how this week compares, at a glance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from rich.text import Text
from textual.widgets import Static

from cramp_diary.store import Diary


@dataclass(frozen=True)
class Glance:
    this_week: int
    last_week: int
    cramp_days_7: int
    last_started: datetime | None


def glance(diary: Diary, now: datetime) -> Glance:
    """The four numbers the home screen shows, each one small query."""
    today = now.date()
    monday = today - timedelta(days=today.weekday())
    last = diary.last_episode()
    return Glance(
        this_week=diary.count_between(monday, today),
        last_week=diary.count_between(monday - timedelta(days=7), monday - timedelta(days=1)),
        cramp_days_7=diary.days_with_episodes(today - timedelta(days=6), today),
        last_started=last.started_at if last else None,
    )


def format_ago(then: datetime, now: datetime) -> str:
    """'3 h ago', '2 d 5 h ago': coarse on purpose, it is read at a glance."""
    seconds = max(0, int((now - then).total_seconds()))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    if days >= 14:
        return f"{days} days ago"
    if days:
        return f"{days} d {hours} h ago"
    if hours:
        return f"{hours} h {rest // 60} min ago"
    return f"{rest // 60} min ago"


class SummaryStrip(Static):
    """This week, last week, cramp days in the last 7, time since the last cramp."""

    def show(self, figures: Glance, now: datetime) -> None:
        text = Text()
        text.append("Cramps this week ", style="dim")
        text.append(str(figures.this_week), style="bold")
        text.append("  last week ", style="dim")
        text.append(str(figures.last_week), style="bold")
        text.append("   Cramp days in 7 ", style="dim")
        text.append(f"{figures.cramp_days_7}/7", style="bold")
        text.append("   Last cramp ", style="dim")
        text.append(format_ago(figures.last_started, now) if figures.last_started else "none yet", style="bold")
        self.update(text)
