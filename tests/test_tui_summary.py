"""The summary strip: four figures that fit an 80-column terminal."""

from __future__ import annotations

from datetime import timedelta

from cramp_diary.model import Episode
from cramp_diary.store import Diary
from cramp_diary.tui.widgets.summary import format_ago, recent_figures


def test_ago_is_coarse_and_short(clock) -> None:
    now = clock()
    assert format_ago(now - timedelta(minutes=40), now) == "40 min ago"
    assert format_ago(now - timedelta(seconds=20), now) == "just now"  # not "0 min ago"
    assert format_ago(now - timedelta(seconds=60), now) == "1 min ago"
    assert format_ago(now - timedelta(hours=7, minutes=59), now) == "7 h ago"
    assert format_ago(now - timedelta(days=6, hours=23, minutes=5), now) == "6 d 23 h ago"
    assert format_ago(now - timedelta(days=40), now) == "40 days ago"


def test_glance_counts_this_week_last_week_and_cramp_days(diary: Diary, clock) -> None:
    now = clock()  # Sunday 2026-11-22
    for days_ago in (0, 0, 3, 7, 8, 13, 14):
        diary.episodes.add(Episode(started_at=now - timedelta(days=days_ago, hours=1), muscle="calf", side="left"))
    figures = recent_figures(diary, now)
    assert (figures.this_week, figures.last_week, figures.cramp_days_7) == (3, 3, 2)
    assert figures.last_started == now - timedelta(hours=1)
