"""`cramp-diary stats`: the summary table and weekly chart, or the same figures as JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cramp_diary.cli import cli
from cramp_diary.model import Episode
from cramp_diary.store import Diary
from conftest import ZONE, FakeClock


def run(clock: FakeClock, db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *args], obj={"now": clock}, catch_exceptions=False)


def fill(diary: Diary) -> None:
    """Week 46 (9-15 Nov): two cramps and two check-ins; week 45 empty; week 47 one check-in."""
    diary.episodes.add(Episode(datetime(2026, 11, 9, 3, tzinfo=ZONE), "calf", "left", duration=90, severity=4, context="asleep"))
    diary.episodes.add(Episode(datetime(2026, 11, 12, 2, tzinfo=ZONE), "calf", "right", duration=30, severity=8, context="asleep"))
    for day in (10, 11, 20):
        diary.checkins.add(date(2026, 11, day))


def test_json_gives_each_iso_week_with_its_figures(clock: FakeClock, db_path: Path, diary: Diary) -> None:
    fill(diary)
    result = run(clock, db_path, "stats", "--weeks", "3", "--format", "json")
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert [(w["week"], w["cramps"], w["recorded_days"], w["mean_severity"]) for w in figures["weeks"]] == [
        ("2026-W45", 0, 0, None),
        ("2026-W46", 2, 4, 6.0),
        ("2026-W47", 0, 1, None),
    ]
    summary = figures["summary"]
    assert (summary["first"], summary["last"], summary["days"]) == ("2026-11-02", "2026-11-22", 21)
    assert (summary["recorded_days"], summary["cramps"], summary["cramp_free_days"]) == (5, 2, 3)
    assert summary["cramps_per_week"] == pytest.approx(2 / 5 * 7)
    assert (summary["max_severity"], summary["median_duration_s"]) == (8, 60.0)


def test_text_shows_the_summary_table_and_a_plain_chart(clock: FakeClock, db_path: Path, diary: Diary) -> None:
    fill(diary)
    result = run(clock, db_path, "stats", "--weeks", "3")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Cramp statistics, 2026-11-02 to 2026-11-22 (3 weeks, 21 days); 5 days recorded." in out
    assert "Days recorded           5 of 21 (16 not recorded)" in out
    assert "Cramps per week         0.7-2.8 (5 of 21 days recorded, 24%)" in out
    assert "Cramp-free days         3" in out
    assert "Cramps per week (÷ recorded days × 7), 2026-W45 to 2026-W47" in out  # the chart's title
    assert "W46" in out and "█" in out
    assert "\x1b" not in out  # not a terminal: no colour codes


def test_all_weeks_start_at_the_first_record(clock: FakeClock, db_path: Path, diary: Diary) -> None:
    diary.checkins.add(date(2026, 9, 1))
    figures = json.loads(run(clock, db_path, "stats", "--weeks", "all", "--format", "json").output)
    assert figures["weeks_asked"] is None
    assert figures["summary"]["first"] == "2026-09-01"
    assert figures["weeks"][0]["week"] == "2026-W36"
    assert len(figures["weeks"]) == 12


def test_an_empty_diary_shows_zeros_not_an_error(clock: FakeClock, db_path: Path, diary: Diary) -> None:
    result = run(clock, db_path, "stats", "--weeks", "4")
    assert result.exit_code == 0, result.output
    assert "Days recorded           0 of 28 (28 not recorded)" in result.output
    assert "Cramps per week         -" in result.output


def test_bad_weeks_are_refused(clock: FakeClock, db_path: Path) -> None:
    for bad in ("0", "-3", "many"):
        result = run(clock, db_path, "stats", "--weeks", bad)
        assert result.exit_code == 2
        assert "'--weeks'" in result.output


def test_demo_diary_stats_cover_twelve_weeks_by_default(clock: FakeClock, db_path: Path, demo_diary: Diary) -> None:
    figures = json.loads(run(clock, db_path, "stats", "--format", "json").output)
    assert len(figures["weeks"]) == 12
    assert sum(w["cramps"] for w in figures["weeks"]) == figures["summary"]["cramps"]
    assert sum(w["recorded_days"] for w in figures["weeks"]) == figures["summary"]["recorded_days"]


def test_the_core_and_the_cli_load_neither_textual_nor_plotext() -> None:
    """Keeps `cramp-diary log` fast and the statistics usable without a UI."""
    code = (
        "import sys; import cramp_diary.cli, cramp_diary.stats, cramp_diary.alerts, cramp_diary.report, "
        "cramp_diary.plots; print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'plotext', "
        "'textual_plotext')))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"


def test_bedtime_stretches_show_in_text_and_json(clock: FakeClock, db_path: Path, diary: Diary) -> None:
    fill(diary)
    diary.routines.record("bedtime", datetime(2026, 11, 20, 22, 15, tzinfo=ZONE))
    diary.routines.record("bedtime", datetime(2026, 11, 22, 0, 40, tzinfo=ZONE))  # the evening of the 21st
    figures = json.loads(run(clock, db_path, "stats", "--weeks", "3", "--format", "json").output)
    assert figures["summary"]["bedtime_routines"] == 2
    out = run(clock, db_path, "stats", "--weeks", "3").output
    assert "Bedtime stretches       done on 2 of the period's 21 evenings" in out


def test_stats_over_years_draws_months_not_hundreds_of_weeks(tmp_path, clock) -> None:
    from datetime import timedelta

    from click.testing import CliRunner

    from cramp_diary.cli import cli
    from cramp_diary.model import Episode
    from cramp_diary.store import Diary

    path = tmp_path / "long.db"
    with Diary.open(path, clock) as diary:
        diary.merge(
            Episode(started_at=clock() - timedelta(days=days), muscle="calf", side="left") for days in range(1, 3 * 365, 9)
        )
    result = CliRunner().invoke(cli, ["--db", str(path), "stats", "--weeks", "all"], obj={"now": clock})
    assert result.exit_code == 0, result.output
    assert "month by month" in result.output and "W01" not in result.output
