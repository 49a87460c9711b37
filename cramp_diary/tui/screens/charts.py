"""The pattern at a glance: weekly cramps and severity, time of day, muscles, triggers, reliefs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Header, Static, Tab, Tabs

from cramp_diary import plots, stats
from cramp_diary.report import default_report_path, summary_rows
from cramp_diary.tui.widgets.key_footer import KeyFooter
from cramp_diary.tui.context import context
from cramp_diary.tui.live import FollowsDiary
from cramp_diary.tui.report_action import save_report_from
from cramp_diary.tui.widgets.pattern_plot import Chart, PatternData, PatternPlot
from cramp_diary.use_cases.pattern_view import pattern_view

#: Each chart's tab: (chart, label); keys 1-5 pick them in this order.
CHARTS: tuple[tuple[Chart, str], ...] = (
    ("weekly", "Weekly"),
    ("hours", "Time of day"),
    ("muscles", "Muscles"),
    ("triggers", "Triggers"),
    ("reliefs", "Reliefs"),
)
#: The charts read only when first shown: (PatternData field, how it is read for a period).
READ_WHEN_SHOWN: dict[Chart, tuple[str, Callable[..., object]]] = {
    "hours": ("hours", stats.hourly),
    "muscles": ("muscles", stats.by_muscle_side),
    "triggers": ("triggers", stats.top_triggers),
    "reliefs": ("reliefs", stats.reliefs_used),
}
#: An empty chart whose kind of note no cramp has ever had: looking further back would not help.
NEVER_NOTED: dict[Chart, str] = {
    "triggers": "No cramp has a possible trigger noted yet. When you log one, tick what may have set it off "
    "(such as dehydration, exercise or heat) and this chart counts them.",
    "reliefs": "No cramp has a note of what helped yet. When you log one, tick what eased it "
    "(such as stretch, massage or walk) and this chart counts them.",
}
#: What w cycles through; None is every record.
WEEK_CHOICES: tuple[int | None, ...] = (4, 12, 26, 52, None)
DEFAULT_WEEKS = 12
#: From this width the summary table sits beside the chart.
WIDE = 110


def weeks_label(weeks: int | None) -> str:
    return "All records" if weeks is None else f"Last {weeks} weeks"


class ChartsScreen(FollowsDiary, Screen[None]):
    """Charts of one period, switched with 1-5 or the arrow keys; w changes the period."""

    CSS_PATH = "charts.tcss"

    BINDINGS = [
        Binding("escape", "back", "Back", tooltip="Back to the diary", id="back"),
        Binding("w", "cycle_weeks", "Weeks", tooltip="Show the last 4, 12, 26 or 52 weeks, or all", id="weeks"),
        Binding("r", "report", "Report", tooltip="Save a report of these weeks for your healthcare provider", id="report"),
        *(
            Binding(str(number), f"show('{chart}')", label, show=False, tooltip=f"Show the {label.lower()} chart")
            for number, (chart, label) in enumerate(CHARTS, start=1)
        ),
    ]

    def __init__(
        self,
        weeks: int | None = DEFAULT_WEEKS,
        report_path: Callable[[date], Path] = default_report_path,
    ) -> None:
        super().__init__()
        self.weeks = weeks
        self.report_path = report_path
        self.data: PatternData | None = None
        self.shown_period: tuple[date, date] | None = None
        #: The charts of ``data`` read for this period; the others are still empty.
        self.charts_read: set[Chart] = set()
        #: The period's summary and the weekly chart's key, shown above the chart.
        self._period: tuple[stats.Summary, str | None] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Tabs(*(Tab(f"{number} {label}", id=chart) for number, (chart, label) in enumerate(CHARTS, start=1)))
        yield Static(id="period")
        with Horizontal(id="main"):
            yield PatternPlot(id="plot")
            yield Static(id="nodata")
            yield Static(id="figures")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = "Charts"
        self.query_one(Tabs).focus()
        self.reload()
        self.follow_diary()

    def diary_changed(self) -> None:
        """Cramps logged elsewhere: the figures and bars take them in."""
        self.reload()

    def on_resize(self, event: events.Resize) -> None:
        """Put the summary beside the chart when there is room, below it otherwise."""
        self.set_class(event.size.width >= WIDE, "-wide")

    def reload(self) -> None:
        """Read the period's summary and weekly bars and redraw; the other charts are read when shown.

        Over a lifetime diary each chart is its own pass over a million cramps, so
        changing the period reads only what is on screen. ``stats`` keeps every
        aggregate until the diary changes: coming back to a period or chart reads nothing again.
        """
        app = context(self)
        view = pattern_view(app.diary, app.now().date(), self.weeks)
        self.shown_period = (view.first, view.last)
        self.charts_read = {"weekly"}
        self.data = PatternData(timeline=view.timeline, hours=[], muscles=[], triggers=[], reliefs=[], markers=view.markers)
        self._period = (view.summary, plots.timeline_key(view.timeline))
        self.query_one("#figures", Static).update(self._figures_text(view.summary))
        self._draw()

    def _read_chart(self, chart: Chart) -> PatternData | None:
        """``data`` with ``chart``'s figures read for the period, the first time it is shown."""
        if self.data is None or self.shown_period is None or chart in self.charts_read:
            return self.data
        field, read = READ_WHEN_SHOWN[chart]
        self.data = replace(self.data, **{field: read(context(self).diary, *self.shown_period)})
        self.charts_read.add(chart)
        return self.data

    def _period_text(self, summary: stats.Summary, key: str | None = None) -> Text:
        """The period, days recorded and cramps per week; below it, how to read the weekly chart's marks."""
        text = Text()
        text.append(weeks_label(self.weeks), style="bold")
        text.append(f"  {summary.first.isoformat()} – {summary.last.isoformat()}", style="dim")
        text.append(f"  recorded {summary.recorded_days}/{summary.days} days")
        if summary.cramps_per_week is not None:
            text.append(f"  {summary.rate.text()} cramps/week")
        if key:
            text.append(f"\n{key}", style="dim")
        return text

    @staticmethod
    def _figures_text(summary: stats.Summary) -> Text:
        text = Text()
        for label, value in summary_rows(summary):
            text.append(f"{label}\n", style="dim")
            text.append(f"  {value}\n")
        return text

    @property
    def chart(self) -> Chart:
        active = self.query_one(Tabs).active
        return next((chart for chart, _ in CHARTS if chart == active), "weekly")

    def _draw(self) -> None:
        chart = self.chart
        if self._period is not None:  # the key to the weekly chart's marks shows with that chart only
            summary, key = self._period
            self.query_one("#period", Static).update(self._period_text(summary, key if chart == "weekly" else None))
        data = self._read_chart(chart)
        if data is None:
            return
        empty = data.is_empty(chart)
        plot = self.query_one(PatternPlot)
        plot.display = not empty
        nodata = self.query_one("#nodata", Static)
        nodata.display = empty
        if empty:
            nodata.update(self._empty_text(chart))
        else:
            plot.replot(chart, data)

    def _empty_text(self, chart: Chart) -> Text:
        """Why the chart is empty: nothing in these weeks (look further back), or nothing of the kind ever noted."""
        if chart in NEVER_NOTED and not self._ever_noted(chart):
            return Text(NEVER_NOTED[chart])
        if self.weeks is None:
            return Text("Nothing recorded for this chart yet.")
        return Text("Nothing recorded for this chart in these weeks.\nPress w to look further back.")

    def _ever_noted(self, chart: Chart) -> bool:
        """Whether any cramp, in all the diary, has this chart's kind of note (a trigger, what helped)."""
        app = context(self)
        _, read = READ_WHEN_SHOWN[chart]
        return bool(read(app.diary, *stats.period(app.diary, app.now().date(), None)))

    @on(Tabs.TabActivated)
    def _tab_changed(self) -> None:
        """Arrow keys or a click on a tab switch the chart."""
        self._draw()

    def action_show(self, chart: str) -> None:
        self.query_one(Tabs).active = chart

    def action_cycle_weeks(self) -> None:
        position = WEEK_CHOICES.index(self.weeks) if self.weeks in WEEK_CHOICES else 0
        self.weeks = WEEK_CHOICES[(position + 1) % len(WEEK_CHOICES)]
        self.reload()

    def action_report(self) -> None:
        """Write the report for the weeks on screen and say where it went."""
        save_report_from(self, self.weeks, self.report_path, f"({weeks_label(self.weeks).lower()})")

    def action_back(self) -> None:
        self.app.pop_screen()
