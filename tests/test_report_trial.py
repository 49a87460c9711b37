"""The report's first page carries a with/without trial that ran in the period, compact and self-contained."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from cramp_diary.model import Episode
from cramp_diary.report import build_report, to_html, to_markdown
from cramp_diary.store import Diary
from cramp_diary.trial import blocks, plan_trial
from tests.conftest import ZONE

TODAY = date(2026, 11, 22)


def _trial(diary: Diary, start: date, name: str = "stretch <b>before</b> bed") -> None:
    plan = diary.trials.start(plan_trial(name, "habit", TODAY, block_days=7, pairs=2, washout_days=0, start=start))
    for block in blocks(plan):
        for n in range(block.days):
            day = block.first + timedelta(days=n)
            if day >= TODAY:
                continue
            if block.arm == "without" or n == 0:
                diary.episodes.add(Episode(started_at=datetime(day.year, day.month, day.day, 3, tzinfo=ZONE), muscle="calf", side="left"))
            else:
                diary.checkins.add(day)


def _first_page(markdown: str) -> str:
    return markdown.split("# Appendix")[0]


def test_a_finished_trial_is_on_the_first_page_with_its_result(diary: Diary) -> None:
    _trial(diary, TODAY - timedelta(days=28))
    page = _first_page(to_markdown(build_report(diary, TODAY, 12)))
    assert "### With/without trial: stretch" in page and "bed (habit)" in page
    assert "With: 2 cramps in 14 recorded days; without: 14 in 14." in page
    assert "2 of 2 pairs favoured 'with'" in page and "one time in 4" in page
    html = to_html(build_report(diary, TODAY, 12))
    visit = html.split("Appendix")[0]
    assert "With/without trial" in visit and "<b>before</b>" not in visit  # the name is escaped


def test_a_running_trial_says_what_is_missing(diary: Diary) -> None:
    _trial(diary, TODAY - timedelta(days=10))
    page = _first_page(to_markdown(build_report(diary, TODAY, 12)))
    assert "No result yet: blocks 2 to 4 not over yet" in page


def test_no_trial_or_one_outside_the_period_adds_nothing(diary: Diary) -> None:
    assert "With/without trial" not in to_markdown(build_report(diary, TODAY, 12))
    _trial(diary, TODAY - timedelta(days=90))
    assert "With/without trial" not in to_markdown(build_report(diary, TODAY, 4))


def test_a_trial_is_a_dated_change_for_chart_marks_and_overlap_notes(diary: Diary) -> None:
    from cramp_diary.changes import Change
    from cramp_diary.compare import compare

    _trial(diary, TODAY - timedelta(days=28), name="stretching")
    data = build_report(diary, TODAY, 12)
    assert [m.label for m in data.markers] == ["▲ trial: stretching", "▼ trial: stretching"]
    magnesium = diary.changes.add(Change("magnesium", "supplement", TODAY - timedelta(days=40)))
    overlaps = compare(diary, magnesium, TODAY).overlapping
    # the trial started in magnesium's run-in and stopped in its after window: both are named
    assert [(o.change.name, o.event) for o in overlaps] == [("trial: stretching", "started"), ("trial: stretching", "stopped")]
