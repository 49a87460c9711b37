"""Missing is drawn as missing: a week with no recorded day is "no data" in every chart, never a quiet week."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner

from cramp_diary import iso_weeks, plots
from cramp_diary.cli import cli
from cramp_diary.iso_weeks import Week
from cramp_diary.model import Episode
from cramp_diary.report import build_report, to_markdown, weekly_svg
from cramp_diary.store import Diary
from cramp_diary.tui.widgets.pattern_plot import PatternData
from tests.conftest import ZONE, FakeClock
from tests.test_plots_weekly_severity import Recorder

MONDAY = date(2026, 10, 5)


def week(index: int, cramps: int, recorded: int) -> Week:
    monday = MONDAY + timedelta(weeks=index)
    return Week(iso_weeks.iso_label(monday), monday, 7, cramps, cramps, recorded, None, None)


WEEKS = [week(0, 7, 7), week(1, 0, 0), week(2, 2, 2), week(3, 0, 7)]  # full, missing, partly recorded, quiet


def test_bars_are_cramps_per_recorded_day_and_missing_weeks_are_marked() -> None:
    plt = Recorder()
    plots.plot_timeline(plt, iso_weeks.week_bars(WEEKS), 80)
    [(args, _)] = plt.drawn("bar")
    assert args[1] == [7.0, 0.0, 7.0, 0.0]  # 2 cramps in 2 recorded days is 7 a week, as the summary says
    texts = {args[1]: args[0] for args, _ in plt.drawn("text")}
    assert texts[1] in (plots.NO_DATA, "no data")  # the missing week, and only it
    assert texts[2] == "2/7" and 3 not in texts and 0 not in texts  # the quiet week is a recorded zero
    assert "÷ recorded days × 7" in plt.drawn("title")[0][0][0]


def test_the_key_under_the_chart_says_how_to_read_the_marks() -> None:
    assert plots.timeline_key(iso_weeks.week_bars(WEEKS)) == (
        "? = no data: no day recorded   5/7 = days recorded in a partly recorded week"
    )
    assert plots.timeline_key(iso_weeks.week_bars([week(0, 3, 7)])) is None


def test_report_svg_draws_no_data_as_an_outline_and_partial_weeks_with_their_days() -> None:
    svg = weekly_svg(WEEKS)
    assert svg.count(">no data</text>") == 1 and 'stroke-dasharray="2,2"' in svg
    assert ">2/7</text>" in svg
    assert "cramps ÷ recorded days × 7" in svg


def _sparse(diary: Diary) -> None:
    """Week 47 fully recorded and quiet, week 46 missing, week 45 two of seven days with a cramp each."""
    for i in range(7):
        diary.checkins.add(date(2026, 11, 16) + timedelta(days=i))
    for day in (date(2026, 11, 2), date(2026, 11, 3)):
        diary.episodes.add(Episode(datetime(day.year, day.month, day.day, 3, tzinfo=ZONE), "calf", "left"))


def test_report_markdown_says_no_data_for_a_missing_week(diary: Diary) -> None:
    _sparse(diary)
    text = to_markdown(build_report(diary, date(2026, 11, 22), 3))
    assert "| 2026-W46 | 2026-11-09 | 0 | 0 of 7 | no data | 0 | - | - | no data |" in text
    assert "| 2026-W45 | 2026-11-02 | 2 | 2 of 7 | 7.0 |" in text and "█ 2/7 |" in text
    assert "| 2026-W47 | 2026-11-16 | 0 | 7 of 7 | 0.0 |" in text


def test_terminal_stats_chart_marks_the_missing_week(db_path: Path, clock: FakeClock) -> None:
    with Diary.open(db_path, clock) as diary:
        _sparse(diary)
    result = CliRunner().invoke(
        cli, ["--db", str(db_path), "stats", "--weeks", "3", "--color", "never"], obj={"now": clock}
    )
    assert "? = no data: no day recorded" in result.output
    chart = result.output.split("÷ recorded days × 7")[1]
    assert "?" in chart.split("? = no data")[0] or "no data" in chart.split("? = no data")[0]


def test_a_period_of_quiet_recorded_weeks_is_a_chart_not_nothing_recorded() -> None:
    quiet = iso_weeks.week_bars([week(0, 0, 7)])
    empty = iso_weeks.week_bars([week(0, 0, 0)])
    assert not PatternData(quiet, [], [], [], []).is_empty("weekly")
    assert PatternData(empty, [], [], [], []).is_empty("weekly")


def test_stats_json_gives_each_week_its_bar_and_null_for_no_data(db_path: Path, clock: FakeClock) -> None:
    import json

    with Diary.open(db_path, clock) as diary:
        _sparse(diary)
    result = CliRunner().invoke(cli, ["--db", str(db_path), "stats", "--weeks", "3", "--format", "json"], obj={"now": clock})
    weeks = {week["week"]: week["cramps_per_week"] for week in json.loads(result.output)["weeks"]}
    assert weeks == {"2026-W45": 7.0, "2026-W46": None, "2026-W47": 0.0}
