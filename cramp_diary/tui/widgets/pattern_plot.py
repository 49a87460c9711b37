"""A plotext chart of the diary's pattern that redraws itself for its size and theme."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from rich.text import Text
from textual.app import RenderResult
from textual.color import Color
from textual.theme import Theme
from textual_plotext import PlotextPlot

from cramp_diary import plots
from cramp_diary.markers import ChangeMarker
from cramp_diary.stats import MuscleCount
from cramp_diary.iso_weeks import Timeline

Chart = Literal["weekly", "hours", "muscles", "triggers", "reliefs"]


@dataclass(frozen=True)
class PatternData:
    """The aggregates behind every chart for one period, read from the diary once."""

    timeline: Timeline
    """The weekly chart's bars: ISO weeks, or months, quarters or years for a long period."""
    hours: list[int]
    muscles: list[MuscleCount]
    triggers: list[tuple[str, int]]
    reliefs: list[tuple[str, int]]
    markers: tuple[ChangeMarker, ...] = ()
    """The dated changes' starts and stops, marked on the weekly chart."""

    def is_empty(self, chart: Chart) -> bool:
        """True when the chart would have nothing to draw (the weekly one: no day recorded; quiet weeks are data)."""
        counts = {
            "weekly": self.timeline.recorded_days,
            "hours": sum(self.hours),
            "muscles": len(self.muscles),
            "triggers": len(self.triggers),
            "reliefs": len(self.reliefs),
        }
        return not counts[chart]


def _rgb(colour: str | None, fallback: str) -> tuple[int, int, int]:
    return Color.parse(colour or fallback).rgb


def theme_palette(theme: Theme) -> plots.Palette:
    """The chart colours taken from the app theme, so charts change with it (day and night)."""
    primary = _rgb(theme.primary, "#5FA8A0")
    return plots.Palette(
        bars=primary,
        line=_rgb(theme.accent, "#E0B56A"),
        marker=_rgb(theme.foreground, "#C0C0C0"),
    )


#: Below this many columns and rows a chart cannot be read: the widget says so instead.
MIN_WIDTH = 36
MIN_HEIGHT = 8


class PatternPlot(PlotextPlot):
    """Draws the chosen chart at render time, so labels fit the current width after a resize."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.chart: Chart = "weekly"
        self.data: PatternData | None = None

    def replot(self, chart: Chart, data: PatternData) -> None:
        """Show ``chart`` drawn from ``data``."""
        self.chart = chart
        self.data = data
        self.refresh()

    def render(self) -> RenderResult:
        if self.size.width < MIN_WIDTH or self.size.height < MIN_HEIGHT:
            # a chart squeezed into a few rows reads wrong; say so instead
            return Text(f"Make the window larger to see this chart (it needs {MIN_WIDTH} x {MIN_HEIGHT}).", justify="center")
        if self.data is not None:
            self._draw(self.data)
        return super().render()

    def _draw(self, data: PatternData) -> None:
        plt = self.plt
        palette = theme_palette(self.app.current_theme)
        if self.chart == "weekly":
            plots.plot_timeline(plt, data.timeline, self.size.width, palette, markers=data.markers)
        elif self.chart == "hours":
            plots.plot_hourly(plt, data.hours, palette, self.size.width)
        elif self.chart == "muscles":
            plots.plot_muscles(plt, data.muscles, palette)
        elif self.chart == "triggers":
            plots.plot_counts(plt, "Possible triggers noted (cramps)", data.triggers, palette)
        else:
            plots.plot_counts(plt, "What was done to ease them (times)", data.reliefs, palette)
