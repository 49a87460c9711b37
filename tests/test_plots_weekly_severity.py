"""The weekly chart's mean severity: a mark at every rated bar, lines only between rated neighbours."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import plotext
import pytest

from cramp_diary import iso_weeks, plots
from cramp_diary.iso_weeks import Bar, Timeline, Week


def week(index: int, cramps: int, severity: float | None) -> Week:
    monday = date(2026, 10, 5) + timedelta(weeks=index)
    return Week(iso_weeks.iso_label(monday), monday, 7, cramps, cramps, 7, severity, None)


class Recorder:
    """Stands in for plotext and keeps every drawing call, to see what was drawn where."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []

    def __getattr__(self, name: str) -> Any:
        return lambda *args, **kwargs: self.calls.append((name, args, kwargs))

    def drawn(self, name: str) -> list[tuple[tuple[Any, ...], dict[str, Any]]]:
        return [(args, kwargs) for called, args, kwargs in self.calls if called == name]


def text_chart(weeks: list[Week], width: int = 80) -> str:
    plotext.clear_figure()
    plots.plot_timeline(plotext, iso_weeks.week_bars(weeks), width)
    plotext.plotsize(width, 18)
    plotext.theme("clear")
    return plotext.uncolorize(plotext.build())


def test_one_week_with_cramps_shows_its_severity() -> None:
    chart = text_chart([week(0, 0, None), week(1, 3, 5.0), week(2, 0, None)])
    assert plots.SEVERITY_MARKER in chart.split("mean severity")[1]  # on the plot, not only in the legend
    plt = Recorder()
    plots.plot_timeline(plt, iso_weeks.week_bars([week(0, 0, None), week(1, 3, 5.0), week(2, 0, None)]), 80)
    assert plt.drawn("plot") == []  # no line from a single point
    [(args, kwargs)] = plt.drawn("scatter")
    assert args == ([1 + plots.SEVERITY_OFFSET], [5.0]) and kwargs["yside"] == "right"


def test_a_severity_mark_never_hides_part_of_a_bar() -> None:
    """Issue 15: the marks sat on the bars; now each sits in the gap to the right of its bar."""
    assert 0.25 < plots.SEVERITY_OFFSET < 0.75  # bars are 0.5 wide around their index
    lines = text_chart([week(0, 4, 5.0), week(1, 4, 5.0), week(2, 4, 5.0)]).splitlines()
    plot_rows = [n for n, line in enumerate(lines) if "mean severity" not in line]
    marks = [(n, c) for n in plot_rows for c, ch in enumerate(lines[n]) if ch == plots.SEVERITY_MARKER]
    assert marks
    for n, c in marks:  # a mark on a bar would have bar blocks right above and below it
        above, below = lines[n - 1][c : c + 1], lines[n + 1][c : c + 1]
        assert not (above == "█" and below == "█"), "\n".join(lines)


def test_a_single_week_period_shows_its_severity() -> None:
    """`stats --weeks 1` drew no severity at all."""
    chart = text_chart([week(0, 2, 7.0)])
    assert chart.count(plots.SEVERITY_MARKER) >= 3  # two in the legend, one on the bar


def test_the_line_never_bridges_weeks_without_a_rated_cramp() -> None:
    plt = Recorder()
    weeks = [week(0, 2, 4.0), week(1, 0, None), week(2, 3, 7.0), week(3, 1, 6.0), week(4, 1, 2.0), week(5, 0, None)]
    plots.plot_timeline(plt, iso_weeks.week_bars(weeks), 80)
    off = plots.SEVERITY_OFFSET
    assert [args for args, _ in plt.drawn("plot")] == [([2 + off, 3 + off, 4 + off], [7.0, 6.0, 2.0])]
    assert [args for args, _ in plt.drawn("scatter")] == [([0 + off, 2 + off, 3 + off, 4 + off], [4.0, 7.0, 6.0, 2.0])]
    order = [name for name, _, _ in plt.calls if name in ("plot", "bar", "scatter")]
    assert order == ["plot", "bar", "scatter"]  # the line under the bars, the marks over them


def test_the_legend_names_the_axis_in_words_not_plotext_marks() -> None:
    chart = text_chart([week(0, 2, 4.0), week(1, 3, 7.0)])
    assert "mean severity (0-10, right axis)" in chart
    assert "⅃" not in chart and "L ██" not in chart


def test_no_rated_cramp_means_no_severity_and_no_legend() -> None:
    plt = Recorder()
    plots.plot_timeline(plt, iso_weeks.week_bars([week(0, 2, None)]), 80)
    assert plt.drawn("plot") == [] and plt.drawn("scatter") == []
    assert "mean severity" not in text_chart([week(0, 2, None)])


def test_grouped_bars_show_cramps_per_week_with_their_period_in_the_title() -> None:
    bars = [
        Bar("2025", date(2025, 1, 1), date(2025, 12, 31), 0, 0, None),
        Bar("2026", date(2026, 1, 1), date(2026, 11, 22), 4, 8, 17 / 3),
    ]
    plt = Recorder()
    plots.plot_timeline(plt, Timeline("year", bars), 80)
    [(title,), _] = plt.drawn("title")[0]
    assert title == "Cramps per week (÷ recorded days × 7), year by year, 2025 to 2026"
    [(args, _)] = plt.drawn("bar")
    assert args == ([0, 1], [0.0, 3.5])
    [(ticks, labels), _] = plt.drawn("xticks")[0]
    assert labels == ["2025", "2026"]


@pytest.mark.parametrize("unit, words", [("month", "month by month"), ("quarter", "quarter by quarter")])
def test_each_grouping_is_named_in_the_title(unit: str, words: str) -> None:
    plt = Recorder()
    plots.plot_timeline(plt, Timeline(unit, [Bar("2026-11", date(2026, 11, 1), date(2026, 11, 22), 1, 2, None)]), 80)
    assert plt.drawn("title")[0][0][0] == f"Cramps per week (÷ recorded days × 7), {words}, 2026-11 to 2026-11"
