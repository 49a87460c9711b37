"""Page 1 a GP reads in a minute: levels, the signs really logged, sides, dates in brief, medicines, reliefs."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from cramp_diary.medicines import ASK_PROVIDER, Medicine
from cramp_diary.model import Episode
from cramp_diary.report import build_report, to_html, to_markdown
from cramp_diary.report.visit import and_more
from cramp_diary.store import Diary
from tests.conftest import ZONE

TODAY = date(2026, 11, 22)


def _at(day: date, hour: int = 3) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=ZONE)


def _glance(text: str) -> str:
    return text[: text.index("# Appendix")]


def test_a_warning_names_its_level_only_the_signs_logged_its_side_and_dates_in_brief(diary: Diary) -> None:
    for days_ago in range(13):  # 13 cramps on 13 days, one with swelling on the left calf
        signs = ("swelling",) if days_ago == 4 else ()
        diary.episodes.add(Episode(_at(TODAY - timedelta(days=days_ago)), "calf", "left", severity=5, signs=signs, context="asleep"))
    glance = _glance(to_markdown(build_report(diary, TODAY, 4, ZONE)))
    line = next(x for x in glance.splitlines() if "in one leg" in x)
    assert line.startswith("- Urgent: ")
    assert line.endswith("in one leg. Logged: swollen leg (left). On 2026-11-18.")
    waking = next(x for x in glance.splitlines() if "keep waking" in x)
    assert waking.startswith("- Contact a provider without delay: ")
    assert "Side: left. 7 cramps, 2026-11-16 to 2026-11-22." in waking  # first and last, never 7 dates


def test_a_diuretic_taken_since_before_the_diary_is_on_page_one_with_the_question_to_ask(diary: Diary) -> None:
    diary.episodes.add(Episode(_at(TODAY - timedelta(days=2)), "calf", "left"))
    medicines = [
        Medicine("Bendroflumethiazide", "diuretic"),
        Medicine("Old antibiotic", "other", date(2025, 1, 1), date(2025, 1, 7)),  # stopped before the period
        Medicine("Omeprazole", "other", date(2026, 10, 1)),
    ]
    data = build_report(diary, TODAY, 4, ZONE, medicines=medicines)
    glance = _glance(to_markdown(data))
    assert f"- Bendroflumethiazide (water tablet (diuretic), since before the diary): {ASK_PROVIDER}" in glance
    assert "- Omeprazole (other, from 2026-10-01)\n" in glance
    assert "Old antibiotic" not in glance
    html = to_html(data)
    visit = html[html.index('<section class="visit">') : html.index("</section>")]
    assert "Bendroflumethiazide" in visit and ASK_PROVIDER in visit
    for text in (glance, visit):
        assert "stop taking" not in text.lower() and "stop your" not in text.lower()


def test_no_medicine_says_none_recorded(diary: Diary) -> None:
    assert "None recorded in the diary for this period." in to_markdown(build_report(diary, TODAY, 4, ZONE))


def test_sides_reliefs_and_painkiller_use_are_on_page_one(diary: Diary) -> None:
    for i in range(5):
        diary.episodes.add(Episode(_at(TODAY - timedelta(days=i)), "calf", "left" if i < 4 else "right",
                          reliefs=("stretch", "painkiller") if i < 2 else ("stretch",)))
    glance = _glance(to_markdown(build_report(diary, TODAY, 4, ZONE)))
    assert "- All: 4 left, 1 right. Calf: 4 left, 1 right." in glance
    assert "Tried (times): stretch 5, painkiller 2. A painkiller was used for 2 of 5 cramps." in glance


def test_cramps_began_around_is_shown_when_known(diary: Diary) -> None:
    assert "Cramps began around March 2025." in to_markdown(build_report(diary, TODAY, 4, ZONE, began=date(2025, 3, 1)))
    assert "Cramps began around" not in to_markdown(build_report(diary, TODAY, 4, ZONE))


def test_long_lists_end_in_and_n_more() -> None:
    assert and_more(list("abcde")) == list("abcde")
    assert and_more(list("abcdefgh")) == ["a", "b", "c", "d", "and 4 more (in the appendix)"]


def test_began_is_saved_shown_and_reaches_the_report(clock, db_path, diary: Diary) -> None:
    from click.testing import CliRunner

    from cramp_diary.cli import cli

    def run(*args: str):
        return CliRunner().invoke(cli, ["--db", str(db_path), *args], obj={"now": clock})

    assert run("began").output.startswith("Not set.")
    bad = run("began", "March")
    assert bad.exit_code == 2 and "2025-03" in bad.output
    assert run("began", "2025-03").output == "Saved: cramps began around 2025-03.\n"
    assert run("began").output == "Cramps began around March 2025.\n"
    assert "Cramps began around March 2025." in run("report", "--weeks", "4").output
    assert run("began", "--clear").exit_code == 0
    assert "Cramps began around" not in run("report", "--weeks", "4").output
