"""Change markers on the weekly chart: which week gets which mark, and each place the chart is drawn."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner

from cramp_diary.changes import Change
from cramp_diary.cli import cli
from cramp_diary.markers import change_markers, legend
from cramp_diary.model import Episode
from cramp_diary.report import build_report, to_html, to_markdown
from cramp_diary.store import Diary
from cramp_diary.tui.app import CrampApp
from cramp_diary.tui.screens.charts import ChartsScreen
from cramp_diary.tui.widgets.pattern_plot import PatternPlot
from tests.conftest import ZONE, FakeClock

#: Three ISO weeks: W45 (2-8 Nov), W46 (9-15 Nov), W47 (16-22 Nov).
WEEKS = [(date(2026, 11, 2) + timedelta(weeks=i), date(2026, 11, 8) + timedelta(weeks=i)) for i in range(3)]


def test_each_start_and_stop_is_marked_on_the_week_holding_its_day() -> None:
    changes = [
        Change("magnesium", "supplement", date(2026, 11, 9), stopped=date(2026, 11, 22)),
        Change("more water", "habit", date(2026, 11, 2)),
        Change("before the chart", "other", date(2026, 10, 1), stopped=date(2026, 11, 15)),
        Change("after the chart", "other", date(2026, 11, 23)),
    ]
    marks = [(m.index, m.event, m.name) for m in change_markers(changes, WEEKS)]
    assert marks == [
        (0, "started", "more water"),
        (1, "started", "magnesium"),
        (1, "stopped", "before the chart"),
        (2, "stopped", "magnesium"),
    ]


def test_labels_show_user_text_literally_on_one_line() -> None:
    [marker] = change_markers([Change("mag\x1b[31m\nnesium", "supplement", date(2026, 11, 3))], WEEKS)
    assert "\x1b" not in marker.label and "\n" not in marker.label
    assert marker.label.startswith("▲ mag")
    assert legend([marker]).startswith("Changes: ▲ mag") and "started 2026-11-03" in legend([marker])


def _diary_with_change(diary: Diary) -> None:
    diary.episodes.add(Episode(datetime(2026, 11, 9, 3, tzinfo=ZONE), "calf", "left", severity=4))
    diary.episodes.add(Episode(datetime(2026, 11, 17, 3, tzinfo=ZONE), "calf", "left", severity=5))
    diary.checkins.add(date(2026, 11, 10))
    diary.changes.add(Change("magnesium", "supplement", date(2026, 11, 11), stopped=date(2026, 11, 18)))


def test_stats_text_chart_marks_the_change_and_names_it_below(clock: FakeClock, db_path: Path, diary: Diary) -> None:
    _diary_with_change(diary)
    result = CliRunner().invoke(cli, ["--db", str(db_path), "stats", "--weeks", "3"], obj={"now": clock})
    assert result.exit_code == 0, result.output
    chart_lines = result.output.splitlines()
    assert any("▲ magnesium" in line and "started" not in line for line in chart_lines)  # on the chart itself
    assert "Changes: ▲ magnesium started 2026-11-11 · ▼ magnesium stopped 2026-11-18" in result.output


def test_stats_without_changes_has_no_legend(clock: FakeClock, db_path: Path, diary: Diary) -> None:
    diary.checkins.add(date(2026, 11, 10))
    result = CliRunner().invoke(cli, ["--db", str(db_path), "stats", "--weeks", "3"], obj={"now": clock})
    assert "Changes:" not in result.output


async def test_app_weekly_chart_draws_the_marker(diary: Diary, clock: FakeClock) -> None:
    _diary_with_change(diary)
    async with CrampApp(diary, now=clock).run_test(size=(100, 30)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, ChartsScreen)
        assert [(m.event, m.name) for m in screen.data.markers] == [("started", "magnesium"), ("stopped", "magnesium")]
        plot = screen.query_one(PatternPlot)
        plot.plt.plotsize(plot.size.width, plot.size.height)
        drawn = plot.plt.uncolorize(plot.plt.build())
        assert "▲ magnesium" in drawn and "▼ magnesium" in drawn


def test_report_chart_marks_the_change_in_html_and_markdown(diary: Diary, clock: FakeClock) -> None:
    _diary_with_change(diary)
    diary.changes.add(Change("<b>tea</b>", "habit", date(2026, 11, 12)))
    data = build_report(diary, clock().date(), 3)
    page = to_html(data)
    assert "stroke-dasharray" in page and "▲ magnesium</text>" in page and "▼ magnesium</text>" in page
    assert "<b>tea</b>" not in page and "▲ &lt;b&gt;tea&lt;/b&gt;" in page
    text = to_markdown(data)
    week46 = next(line for line in text.splitlines() if line.startswith("| 2026-W46"))
    assert "▲ magnesium" in week46 and "▲ \\<b\\>tea\\</b\\>" in week46
    week47 = next(line for line in text.splitlines() if line.startswith("| 2026-W47"))
    assert "▼ magnesium" in week47
