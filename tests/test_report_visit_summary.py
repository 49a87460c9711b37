"""The report's first page for a short visit: trend, changes with their caveat, warnings, stretches, questions."""

from __future__ import annotations

import html
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from cramp_diary.changes import Change
from cramp_diary.compare import caveat, compare
from cramp_diary.model import Episode
from cramp_diary.report import build_report, to_html, to_markdown
from cramp_diary.report.visit import VISIT_QUESTIONS
from cramp_diary.store import Diary
from tests.conftest import ZONE

TODAY = date(2026, 11, 22)
RECENT = [TODAY - timedelta(days=i) for i in range(28)]  # 26 Oct - 22 Nov
BEFORE = [TODAY - timedelta(days=28 + i) for i in range(28)]  # 28 Sep - 25 Oct


def _cramp(day: date, severity: int = 5, hour: int = 3, zone=ZONE, **extra) -> Episode:
    return Episode(datetime.combine(day, time(hour), tzinfo=zone), "calf", "left", severity=severity, context="asleep", **extra)


def _record(diary: Diary, recent: int, before: int, *, recorded_recent: int = 28) -> None:
    """``before`` cramps in the four weeks before and ``recent`` in the last four; other days checked in."""
    for i, day in enumerate(sorted(BEFORE)):
        diary.episodes.add(_cramp(day, severity=7)) if i < before else diary.checkins.add(day)
    for i, day in enumerate(sorted(RECENT)[:recorded_recent]):
        diary.episodes.add(_cramp(day, severity=4)) if i < recent else diary.checkins.add(day)


def _visit_part(text: str, end: str) -> str:
    return text[: text.index(end)]


def test_markdown_opens_with_the_summary_and_keeps_the_rest_as_an_appendix(diary: Diary) -> None:
    _record(diary, recent=2, before=4)
    text = to_markdown(build_report(diary, TODAY, 12))
    order = ["## At a glance", "### Changes tried", "### Warning signs", "### Bedtime stretches",
             "### Three questions", "# Appendix", "## Summary", "## Week by week", "## Episodes"]
    assert [text.index(heading) for heading in order] == sorted(text.index(heading) for heading in order)
    glance = _visit_part(text, "# Appendix")
    assert "| Cramps per week | 0.5 | 1.0 |" in glance
    assert "| Night cramps per night | 0.07 | 0.14 |" in glance
    assert "| Worst severity | 4 of 10 | 7 of 10 |" in glance
    assert (
        "No clear change in cramps per week compared with the 4 weeks before: between 95 % fewer and 3.5 times as many:"
        " could well be chance (95 % interval; best estimate 50 % fewer)." in glance
    )
    for i, question in enumerate(VISIT_QUESTIONS, 1):
        assert f"{i}. {question}" in glance


def test_trend_words_say_more_only_when_the_interval_allows_it(diary: Diary, db_path) -> None:
    _record(diary, recent=16, before=2)
    assert "More cramps per week compared with the 4 weeks before: between" in to_markdown(build_report(diary, TODAY, 12))


def test_a_range_and_no_claim_when_too_few_days_are_recorded(diary: Diary) -> None:
    _record(diary, recent=2, before=4, recorded_recent=14)
    glance = _visit_part(to_markdown(build_report(diary, TODAY, 12)), "# Appendix")
    assert "| Cramps per week | 0.5-1.0 (14 of 28 days recorded, 50%) | 1.0 |" in glance
    assert "Cannot say whether cramps are fewer or more: not enough days recorded" in glance
    assert "% fewer" not in glance.split("### Changes tried")[0]


def test_one_recorded_day_in_each_window_makes_no_trend_claim(diary: Diary) -> None:
    """The issue's case: one day in each 4-week window read as '100 % more cramps per week'."""
    diary.episodes.add(_cramp(BEFORE[0]))
    diary.episodes.add(_cramp(RECENT[0]))
    diary.episodes.add(_cramp(RECENT[0], hour=4))
    glance = _visit_part(to_markdown(build_report(diary, TODAY, 12)), "# Appendix")
    assert "not enough days recorded" in glance and "% more" not in glance.split("### Changes tried")[0]


def test_a_window_with_no_recorded_day_shows_a_dash_not_zero(diary: Diary) -> None:
    diary.episodes.add(_cramp(RECENT[0]))
    glance = _visit_part(to_markdown(build_report(diary, TODAY, 12)), "# Appendix")
    assert "| Night cramps per night | 0.04-1.00 (1 of 28 days recorded, 4%) | - |" in glance
    assert "| Cramps per week | 0.2-7.0 (1 of 28 days recorded, 4%) | - |" in glance


def test_an_empty_period_says_it_cannot_compare(diary: Diary) -> None:
    diary.checkins.add(TODAY)
    assert "not enough days recorded" in to_markdown(build_report(diary, TODAY, 12))


def test_each_change_in_the_period_has_its_comparison_and_the_caveat(diary: Diary) -> None:
    _record(diary, recent=2, before=4)
    diary.changes.add(Change("magnesium", "supplement", date(2026, 10, 20)))
    diary.changes.add(Change("old habit", "habit", date(2025, 1, 1)))  # outside the period: not on the first page
    diary.changes.add(Change("more water", "habit", date(2026, 11, 1)))  # two changes: the caveat is said once
    text = to_markdown(build_report(diary, TODAY, 12))
    glance = _visit_part(text, "# Appendix")
    assert "**magnesium (supplement, from 2026-10-20)**" in glance and "**old habit" not in glance
    said = caveat(compare(diary, diary.changes.all()[0], TODAY))
    assert "Before 2026-09-22 to 2026-10-19" in glance and glance.count(said) == 1
    page = to_html(build_report(diary, TODAY, 12))
    visit = page[page.index('<section class="visit">') : page.index("</section>")]
    assert "magnesium (supplement, from 2026-10-20)" in visit and visit.count(html.escape(said)) == 1


def test_warning_signs_are_listed_with_their_dates(diary: Diary) -> None:
    _record(diary, recent=0, before=0)
    diary.episodes.add(_cramp(date(2026, 11, 18), severity=8, hour=23, duration=15 * 60, signs=("numbness",)))
    data = build_report(diary, TODAY, 12)
    assert data.alerts, "the long cramp with numbness should raise a warning sign"
    glance = _visit_part(to_markdown(data), "# Appendix")
    for alert, _ in data.alerts:
        assert alert.title.split()[0] in glance
    assert "2026-11-18" in _visit_part(glance, "### Bedtime stretches")


def test_html_first_page_is_one_a4_sheet_then_a_page_break(diary: Diary) -> None:
    _record(diary, recent=2, before=4)
    page = to_html(build_report(diary, TODAY, 12))
    assert "@page { size: A4" in page and "section.visit { break-after: page" in page
    assert page.index('<section class="visit">') < page.index("Appendix") < page.index("Week by week")
    visit = page[page.index('<section class="visit">') : page.index("</section>")]
    assert "Bedtime stretches done on 0 of" in visit and "<ol>" in visit


def test_episode_times_show_an_offset_only_when_it_differs_from_the_usual(diary: Diary) -> None:
    _record(diary, recent=2, before=0)
    diary.episodes.add(_cramp(date(2026, 11, 21), hour=9, zone=ZoneInfo("America/New_York")))
    text = to_markdown(build_report(diary, TODAY, 12))
    episodes = text[text.index("## Episodes") :]
    assert "(+0100)" not in episodes
    assert "(-0500)" in episodes
    assert episodes.count("(-0500)") == 1


def test_the_questions_never_suggest_a_medicine_or_stopping_one() -> None:
    assert len(VISIT_QUESTIONS) == 3
    for question in VISIT_QUESTIONS:
        lowered = question.lower()
        assert "stop" not in lowered and "magnesium" not in lowered and "quinine" not in lowered and "dose" not in lowered
