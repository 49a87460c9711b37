"""The summary strip: figures that fit an 80-column terminal, each week with its days recorded."""

from __future__ import annotations

from datetime import timedelta

from cramp_diary.model import Episode
from cramp_diary.store import Diary
from cramp_diary.rates import Rate
from cramp_diary.tui.widgets.summary import format_ago, recent_figures, short_note, week_text


def test_ago_is_coarse_and_short(clock) -> None:
    now = clock()
    assert format_ago(now - timedelta(minutes=40), now) == "40 min ago"
    assert format_ago(now - timedelta(seconds=20), now) == "just now"  # not "0 min ago"
    assert format_ago(now - timedelta(seconds=60), now) == "1 min ago"
    assert format_ago(now - timedelta(hours=7, minutes=59), now) == "7 h ago"
    assert format_ago(now - timedelta(days=6, hours=23, minutes=5), now) == "6 d 23 h ago"
    assert format_ago(now - timedelta(days=40), now) == "40 days ago"


def test_recent_figures_count_this_week_and_last_with_their_recorded_days(diary: Diary, clock) -> None:
    now = clock()  # Sunday 2026-11-22
    for days_ago in (0, 0, 3, 7, 8, 13, 14):
        diary.episodes.add(Episode(started_at=now - timedelta(days=days_ago, hours=1), muscle="calf", side="left"))
    figures = recent_figures(diary, now)
    assert (figures.this_week.count, figures.this_week.recorded_days, figures.this_week.days) == (3, 2, 7)
    assert (figures.last_week.count, figures.last_week.recorded_days) == (3, 3)
    assert figures.last_started == now - timedelta(hours=1)


def test_a_week_short_of_the_data_rule_says_so_and_an_empty_one_is_a_dash() -> None:
    """Home follows the one data rule: counts from a few recorded days are not set side by side as a trend."""
    assert week_text(Rate(3, 7, 6), " days") == ("3", " (6/7 days)")
    assert week_text(Rate(0, 7, 0)) == ("-", "")
    assert short_note(Rate(3, 7, 2), Rate(4, 7, 7)) == ": not enough days recorded"
    assert short_note(Rate(3, 7, 6), Rate(4, 7, 7)) == ""


async def test_the_strip_reads_counts_with_their_days_in_80_columns(diary: Diary, clock) -> None:
    from cramp_diary.tui.app import CrampApp

    now = clock()
    diary.episodes.add(Episode(started_at=now - timedelta(hours=2), muscle="calf", side="left"))
    async with CrampApp(diary, now=clock).run_test(size=(80, 24)) as pilot:
        shown = str(pilot.app.screen.query_one("#summary").render())
    assert shown.startswith("This week 1 (1/7 days) · last week -: not enough days recorded")
