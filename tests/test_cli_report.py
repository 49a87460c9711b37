"""`cramp-diary report`: Markdown or one printable HTML file for the healthcare provider."""

from __future__ import annotations

import stat
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

from click.testing import CliRunner, Result

from cramp_diary.cli import cli
from cramp_diary.model import Episode
from cramp_diary.report import QUESTIONS
from cramp_diary.store import Diary
from conftest import ZONE, FakeClock

SNEAKY = "<script>alert(1)</script> | **bold** [link](http://x.example)"


def run(clock: FakeClock, db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *args], obj={"now": clock}, catch_exceptions=False)


def fill(diary: Diary) -> None:
    diary.episodes.add(Episode(datetime(2026, 11, 20, 3, 10, tzinfo=ZONE), "calf", "left", duration=90, severity=6,
                      context="asleep", triggers=("dehydration", "long drive"), reliefs=("stretch",), note=SNEAKY))
    diary.episodes.add(Episode(datetime(2026, 11, 18, 2, 0, tzinfo=ZONE), "calf", "right", duration=700, severity=7,
                      signs=("swelling",)))
    diary.episodes.add(Episode(datetime(2026, 8, 1, 2, 0, tzinfo=ZONE), "foot", "left", note="outside the period"))


def test_markdown_to_stdout_has_every_section(clock: FakeClock, db_path: Path, diary: Diary) -> None:
    fill(diary)
    result = run(clock, db_path, "report", "--weeks", "4")
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("# Leg cramp diary: report for my healthcare provider")
    assert "2026-10-26 to 2026-11-22 (4 weeks, 28 days); 2 days recorded." in out
    for heading in ("Summary", "Warning signs", "Week by week", "Time of day", "Muscles and sides",
                    "Possible triggers noted", "What was done to ease them", "Episodes", "Questions to ask"):
        assert f"## {heading}\n" in out
    assert "### Urgent: Swelling, warmth, tenderness or a skin change in one leg" in out
    assert "### See a provider soon: A cramp that lasted over 10 minutes" in out
    assert "| 2026-W47 | 2026-11-16 | 2 | 2 of 7 | 7.0 | 2 | 6.5 | 7 | ████████████████████ 2/7 |" in out
    assert "| 2026-W44 | 2026-10-26 | 0 | 0 of 7 | no data | 0 | - | - | no data |" in out
    assert "| long-drive | 1 |" in out
    assert "outside the period" not in out
    assert all(question in out for question in QUESTIONS)


def test_markdown_escapes_what_the_person_typed(clock: FakeClock, db_path: Path, diary: Diary) -> None:
    fill(diary)
    out = run(clock, db_path, "report").output
    assert "<script>" not in out
    assert r"\<script\>alert(1)\</script\> \| \*\*bold\*\* \[link\](http://x.example)" in out


def test_html_file_is_private_self_contained_and_escaped(clock: FakeClock, db_path: Path, diary: Diary, tmp_path: Path) -> None:
    fill(diary)
    target = tmp_path / "report.html"
    result = run(clock, db_path, "report", "--weeks", "4", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert f"Wrote the report for 2026-10-26 to 2026-11-22 to {target}" in result.output
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    page = target.read_text()
    assert page.startswith("<!DOCTYPE html>")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script" not in page.lower()
    assert "@media print" in page and "<svg" in page

    class Collect(HTMLParser):
        sources: list[str] = []
        policy = ""

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found = dict(attrs)
            self.sources += [value or "" for name, value in attrs if name in ("src", "href")]
            if found.get("http-equiv") == "Content-Security-Policy":
                self.policy = found.get("content") or ""

    parser = Collect()
    parser.feed(page)
    assert parser.sources == []  # nothing is fetched from anywhere
    assert parser.policy.startswith("default-src 'none'")


def test_markdown_file_is_private(clock: FakeClock, db_path: Path, diary: Diary, tmp_path: Path) -> None:
    fill(diary)
    target = tmp_path / "report.md"
    assert run(clock, db_path, "report", "-o", str(target)).exit_code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text().startswith("# Leg cramp diary")


def test_other_file_types_are_refused(clock: FakeClock, db_path: Path, tmp_path: Path) -> None:
    result = run(clock, db_path, "report", "-o", str(tmp_path / "report.pdf"))
    assert result.exit_code == 2
    assert "must end in .md or .html" in result.output
    assert not (tmp_path / "report.pdf").exists()


def test_an_empty_diary_still_makes_a_report(clock: FakeClock, db_path: Path, diary: Diary) -> None:
    out = run(clock, db_path, "report", "--weeks", "1").output
    assert "0 days recorded" in out
    assert "None of the warning signs the diary looks for are active today." in out
    assert "## Episodes\n\nNone in this period." in out


def test_all_weeks_of_the_demo_diary_include_the_old_long_cramp(clock: FakeClock, db_path: Path, demo_diary: Diary) -> None:
    out = run(clock, db_path, "report", "--weeks", "all").output
    assert "Numbness, weakness or other signs with your cramps" in out
    assert "A cramp that lasted over 10 minutes" in out


def test_the_summary_says_on_how_many_evenings_the_bedtime_stretches_were_done(
    clock: FakeClock, db_path: Path, diary: Diary, tmp_path: Path
) -> None:
    fill(diary)
    for day in (19, 20, 21):
        diary.routines.record("bedtime", datetime(2026, 11, day, 22, 0, tzinfo=ZONE))
    out = run(clock, db_path, "report", "--weeks", "4").output
    assert "| Bedtime stretches | done on 3 of the period's 28 evenings |" in out
    target = tmp_path / "report.html"
    run(clock, db_path, "report", "--weeks", "4", "-o", str(target))
    assert "<td>Bedtime stretches</td><td>done on 3 of the period&#x27;s 28 evenings</td>" in target.read_text()


def test_the_html_report_writes_out_bidi_overrides_in_changes_tried_and_the_triggers_table(
    clock: FakeClock, db_path: Path, diary: Diary, tmp_path: Path
) -> None:
    """Everything else escaped them; a change's name and an own trigger reached the page raw."""
    from datetime import timedelta

    from cramp_diary.changes import Change
    from cramp_diary.safe_text import BIDI_CONTROLS

    diary.changes.add(Change("magnesium \u202etsoc", "supplement", clock().date() - timedelta(days=10)))
    diary.episodes.add(Episode(clock() - timedelta(days=2), "calf", "left", triggers=("long \u2066drive",)))
    target = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["--db", str(db_path), "report", "-o", str(target)], obj={"now": clock})
    assert result.exit_code == 0, result.output
    page = target.read_text(encoding="utf-8")
    assert not BIDI_CONTROLS & {ord(ch) for ch in page}
    assert "magnesium \\u202etsoc" in page and "long-\\u2066drive" in page
