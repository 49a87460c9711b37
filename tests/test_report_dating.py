"""Honest dates in the report: urgent words only for what is active today, older signs dated and listed apart."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from cramp_diary.model import Episode
from cramp_diary.report import build_report, to_html, to_markdown
from cramp_diary.store import Diary

BERLIN = ZoneInfo("Europe/Berlin")
TODAY = date(2026, 11, 22)


def days_ago(days: int) -> datetime:
    day = TODAY - timedelta(days=days)
    return datetime(day.year, day.month, day.day, 3, 10, tzinfo=BERLIN)


def test_signs_2_20_and_60_days_old_are_dated_and_placed_honestly(diary: Diary) -> None:
    diary.episodes.add(Episode(days_ago(2), "calf", "left", signs=("swelling",)))
    diary.episodes.add(Episode(days_ago(20), "calf", "right", signs=("warmth",)))
    diary.episodes.add(Episode(days_ago(60), "calf", "both", signs=("numbness",)))
    data = build_report(diary, TODAY, weeks=4)
    out = to_markdown(data)
    warnings, _, rest = out.partition("### Warning signs logged in this period")
    # 2 days old: active today, urgent, with its date and how long ago
    assert "### Urgent: Swelling, warmth, tenderness or a skin change in one leg" in warnings
    assert "(2 days ago)" in warnings and "2026-11-20" in warnings
    assert "20 days ago" not in warnings
    # 20 days old: in the period, no longer within the urgent rule's 14 days: listed apart, dated
    assert "- 2026-11-02 (20 days ago): Swelling, warmth, tenderness or a skin change in one leg" in rest
    # 60 days old: before the 4-week period, one line
    assert "Also logged before this period: numbness on 2026-09-23." in rest
    assert "Urgent" not in rest.split("## Week by week")[0]
    html = to_html(data)
    assert "Warning signs logged in this period" in html and "20 days ago" in html
    assert "Also logged before this period: numbness on 2026-09-23." in html


def test_an_old_sign_alone_gets_no_urgent_wording(diary: Diary) -> None:
    """The issue's example: a one-sided swelling 61 days before a report is not 'contact a provider now'."""
    diary.episodes.add(Episode(days_ago(61), "calf", "left", signs=("swelling",)))
    out = to_markdown(build_report(diary, TODAY, weeks=12))
    assert "### Urgent" not in out and "healthcare provider now" not in out
    assert "None of the warning signs the diary looks for are active today." in out
    assert "(61 days ago): Swelling, warmth, tenderness or a skin change in one leg" in out


def test_a_discussed_warning_says_when(diary: Diary) -> None:
    diary.episodes.add(Episode(days_ago(3), "calf", "left", signs=("swelling",)))
    diary.discussed.mark("one-sided-swelling", TODAY - timedelta(days=1))
    out = to_markdown(build_report(diary, TODAY, weeks=4))
    assert "Discussed with a provider on 2026-11-21 (no new episode since)." in out


def test_the_timer_question_is_shown_on_the_episode(diary: Diary) -> None:
    diary.episodes.add(Episode(days_ago(1), "calf", "left", leg_check="no"))
    out = to_markdown(build_report(diary, TODAY, weeks=1))
    assert "asked about a swollen leg: no" in out
