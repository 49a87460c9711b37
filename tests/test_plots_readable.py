"""Charts read without colour and without bars running together."""

from __future__ import annotations

import plotext
import pytest

from cramp_diary.plots import plot_hourly, plot_muscles
from cramp_diary.stats import MuscleCount


def test_each_side_has_its_own_labelled_bar() -> None:
    plotext.clf()
    plotext.plotsize(70, 20)
    plot_muscles(plotext, [MuscleCount("calf", left=3, right=5, both=0), MuscleCount("thigh", left=0, right=0, both=2)])
    text = plotext.uncolorize(plotext.build())
    assert "calf left" in text and "calf right" in text and "thigh both" in text
    assert "calf both" not in text  # no empty bar for a side that never cramped
    lines = text.splitlines()
    assert next(i for i, l in enumerate(lines) if "calf left" in l) < next(i for i, l in enumerate(lines) if "thigh both" in l)


@pytest.mark.parametrize(("width", "bars"), [(40, 8), (60, 12), (80, 12)])
def test_a_narrow_time_of_day_chart_groups_hours_instead_of_merging_bars(width: int, bars: int) -> None:
    plotext.clf()
    plotext.plotsize(width, 12)
    plot_hourly(plotext, [1] * 24, width=width)
    text = plotext.uncolorize(plotext.build())
    assert f"{24 // bars} hours a bar" in text
    # every hour has one cramp, so each row crosses every bar: separate bars are separate runs of blocks
    rows = [line for line in text.splitlines() if "█" in line]
    assert rows and {len([run for run in row.split() if "█" in run]) for row in rows} == {bars}


def test_a_wide_time_of_day_chart_keeps_one_bar_an_hour() -> None:
    plotext.clf()
    plot_hourly(plotext, [1] * 24, width=200)
    assert "hours a bar" not in plotext.uncolorize(plotext.build())


def test_a_long_weekly_chart_keeps_a_gap_between_its_bars() -> None:
    """All records of the demo (27 weeks) at 80 columns ran its bars together into blocks."""
    from datetime import date, timedelta

    from cramp_diary import iso_weeks
    from cramp_diary.plots import plot_timeline
    from cramp_diary.iso_weeks import Week

    weeks = [
        Week(iso_weeks.iso_label(date(2026, 6, 1) + timedelta(weeks=i)), date(2026, 6, 1) + timedelta(weeks=i), 7, 3, 3, 7, None, None)
        for i in range(27)
    ]
    plotext.clf()
    plotext.plotsize(75, 16)
    plot_timeline(plotext, iso_weeks.week_bars(weeks), 75)
    rows = [line for line in plotext.uncolorize(plotext.build()).splitlines() if "█" in line]
    assert rows and {len([run for run in row.split() if "█" in run]) for row in rows} == {27}
