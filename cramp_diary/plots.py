"""The pattern charts, drawn on whatever plotext object the caller hands in.

The terminal ``stats`` command passes the ``plotext`` module and the charts
screen passes a ``PlotextPlot``'s ``plt``; both share one drawing of each
chart. This module never imports plotext itself, so it costs nothing to load.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cramp_diary.markers import ChangeMarker
from cramp_diary.safe_text import printable
from cramp_diary.stats import MuscleCount
from cramp_diary.iso_weeks import Timeline

#: A plotext colour: a name such as "blue+", or an (r, g, b) tuple.
Colour = str | tuple[int, int, int]


@dataclass(frozen=True)
class Palette:
    """Colours for the data; the app builds one from its theme."""

    bars: Colour = "blue+"
    line: Colour = "orange+"
    marker: Colour = "gray"


DEFAULT_PALETTE = Palette()


def _start(plt: Any, title: str) -> None:
    """A fresh figure, so no tick or limit from the previous chart lingers."""
    plt.clear_figure()
    plt.title(title)


def _integer_ticks(plt: Any, top: int, *, horizontal: bool = False, room_for_legend: bool = False) -> None:
    """Whole-number ticks (about five), since counts are whole cramps; headroom keeps the legend clear."""
    top = max(top, 1)
    step = max(1, -(-top // 5))
    ticks = list(range(0, top + 1, step))
    upper = top + max(1, top // 3) if room_for_legend else top
    labels = [str(tick) for tick in ticks]
    if horizontal:
        plt.xlim(0, upper)
        plt.xticks(ticks, labels)
    else:
        plt.ylim(0, upper)
        plt.yticks(ticks, labels)


def _thin_labels(labels: list[str], room: int) -> tuple[list[int], list[str]]:
    """Every n-th label, so that they fit the width without running together."""
    widest = max((len(label) for label in labels), default=1) + 2
    fits = max(1, room // widest)
    step = max(1, -(-len(labels) // fits))
    ticks = list(range(0, len(labels), step))
    return ticks, [labels[i] for i in ticks]


#: How the title names a grouped chart's bars.
_GROUPED_BY = {"month": "month by month", "quarter": "quarter by quarter", "year": "year by year"}
#: The severity legend says which axis it is read on; plotext's own axis marks (L, ⅃) are cryptic.
SEVERITY_LABEL = "mean severity (0-10, right axis)"
#: The mark at each bar with a mean severity; drawn over the bar, so a single week shows too.
SEVERITY_MARKER = "●"


def _runs(indexes: list[int]) -> list[list[int]]:
    """Consecutive indexes in runs: [0, 1, 3] -> [[0, 1], [3]]."""
    runs: list[list[int]] = []
    for index in indexes:
        if runs and runs[-1][-1] == index - 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    return runs


def bar_width(room: int, count: int) -> float:
    """A bar's width as plotext takes it (a share of its slot): half the slot, thinner when slots
    are narrow, so that rounding to whole columns never lets two neighbours touch."""
    slot = room / max(count, 1)
    return max(0.25, min(0.5, 1 - 2 / slot)) if slot > 0 else 0.5


#: Severity marks sit in the gap to the right of their bar (bars are 0.5 wide), so no mark hides a bar.
SEVERITY_OFFSET = 0.4


#: Drawn where a bar has no recorded day: unknown, never a quiet week (readable without colour).
NO_DATA = "?"
#: The bars' meaning, on the axis title and in the summary beside them.
BAR_MEANING = "cramps per week = cramps ÷ recorded days × 7"


def recorded_label(recorded_days: int, days: int) -> str:
    """'5/7': how many of a partly recorded bar's days were recorded."""
    return f"{recorded_days}/{days}"


def timeline_key(timeline: Timeline) -> str | None:
    """The line under the weekly chart that says how to read its marks, or None when every bar is fully recorded."""
    bars = timeline.bars
    parts = []
    if any(not bar.recorded_days for bar in bars):
        parts.append(f"{NO_DATA} = no data: no day recorded")
    if any(0 < bar.recorded_days < bar.days for bar in bars):
        parts.append(f"{recorded_label(5, 7)} = days recorded in a partly recorded week")
    return "   ".join(parts) or None


def plot_timeline(
    plt: Any,
    timeline: Timeline,
    width: int,
    palette: Palette = DEFAULT_PALETTE,
    markers: Sequence[ChangeMarker] = (),
) -> None:
    """Cramps per week as bars and mean severity (0-10) as marks on the right axis.

    Every bar, an ISO week or for a long period a month, quarter or year, is
    its cramps ÷ recorded days × 7: the same measure as the summary's "cramps
    per week". A bar with no recorded day is marked :data:`NO_DATA`, never drawn
    as a quiet one; a partly recorded bar is labelled with its recorded days
    ("5/7") where there is room. Severity is marked at every bar that has one
    and joined by a line only between neighbouring bars that both have one, so
    a gap with no rated cramp is never bridged.
    """
    bars = timeline.bars
    unit = timeline.unit
    short = unit == "week"
    span = f"{bars[0].label} to {bars[-1].label}" if bars else "no weeks"
    grouped = f", {_GROUPED_BY[unit]}" if unit in _GROUPED_BY else ""
    _start(plt, f"Cramps per week (÷ recorded days × 7){grouped}, {span}")
    if not bars:
        return
    x = list(range(len(bars)))
    heights: list[float] = [bar.cramps_per_week or 0.0 for bar in bars]
    severity = {i: bar.mean_severity for i, bar in enumerate(bars) if bar.mean_severity is not None}
    rated = list(severity)
    for run in _runs(rated):  # drawn first, so the bars stay whole and the line shows between them
        if len(run) > 1:
            plt.plot([i + SEVERITY_OFFSET for i in run], [severity[i] for i in run], color=palette.line, marker="braille", yside="right")
    plt.bar(x, heights, color=palette.bars, width=bar_width(width - 12, len(bars)))
    if rated:
        plt.scatter(
            [i + SEVERITY_OFFSET for i in rated], [severity[i] for i in rated], color=palette.line, marker=SEVERITY_MARKER,
            yside="right",
            label=SEVERITY_LABEL,
        )
        plt.ylim(0, 13, yside="right")
        plt.yticks([0, 5, 10], ["0", "5", "10"], yside="right")
    top = math.ceil(max(heights))
    _integer_ticks(plt, top, room_for_legend=True)
    _mark_recorded(plt, timeline, heights, max(top, 1), (width - 12) / len(bars), palette)
    _mark_changes(plt, markers, top, len(bars), palette)
    labels = [bar.label.split("-")[1] if short else bar.label for bar in bars]  # W44: the year is in the title
    ticks, shown = _thin_labels(labels, width - 12)
    plt.xticks(ticks, shown)
    plt.xlim(-0.5, len(bars) - 0.5)


def _mark_recorded(plt: Any, timeline: Timeline, heights: list[float], top: int, slot: float, palette: Palette) -> None:
    """:data:`NO_DATA` on every bar with no recorded day; '5/7' over a partly recorded bar where it fits its slot."""
    lift = max(top, 1) * 0.12
    for i, bar in enumerate(timeline.bars):
        if not bar.recorded_days:
            plt.text("no data" if slot >= len("no data") + 2 else NO_DATA, i, lift, color=palette.marker, alignment="center")
        elif bar.recorded_days < bar.days:
            label = recorded_label(bar.recorded_days, bar.days)
            if slot >= len(label) + 1:
                plt.text(label, i, heights[i] + lift, color=palette.marker, alignment="center")


#: Columns a bar needs to keep a visible gap to its neighbour (one for the bar, two for the gap and rounding).
COLUMNS_PER_BAR = 3


def plot_hourly(plt: Any, hours: list[int], palette: Palette = DEFAULT_PALETTE, width: int | None = None) -> None:
    """Cramps by hour of the local wall clock, so cramps that wake a person stand out.

    When the chart is too narrow for 24 separate bars, neighbouring hours share a
    bar (2 or 3 hours), so bars never run together into one block.
    """
    room = (width or 200) - 10  # the y axis and its labels
    size = next(s for s in (1, 2, 3, 4, 6) if 24 // s * COLUMNS_PER_BAR <= room or s == 6)
    _start(plt, "When cramps started (hour of the day)" + (f", {size} hours a bar" if size > 1 else ""))
    starts = list(range(0, 24, size))
    plt.bar(starts, [sum(hours[h : h + size]) for h in starts], color=palette.bars, width=bar_width(room, len(starts)))
    ticks = list(range(0, 24, size * -(-3 // size)))  # on bar starts, about every 3 hours
    plt.xticks(ticks, [f"{hour:02d}h" for hour in ticks])
    plt.xlim(-0.5 * size, 24 - 0.5 * size)
    _integer_ticks(plt, max((sum(hours[h : h + size]) for h in starts), default=0))


def plot_muscles(plt: Any, muscles: list[MuscleCount], palette: Palette = DEFAULT_PALETTE) -> None:
    """Cramps per muscle and side, one labelled bar each."""
    _start(plt, "Cramps by muscle and side")
    if not muscles:
        return
    # the person's own words (muscles, triggers) are escaped like everywhere else: a bidi override
    # in a label would otherwise reorder the chart's line on the terminal
    # one bar per muscle and side, the side written in the label: left and right must be told
    # apart without colour (NO_COLOR, a screen reader, a grey printout)
    labels: list[str] = []
    counts: list[int] = []
    for muscle in muscles:
        name = printable(muscle.muscle)[:12]
        for side, count in (("left", muscle.left), ("right", muscle.right), ("both", muscle.both)):
            if count:
                labels.append(f"{name} {side}")
                counts.append(count)
    # plotext draws the first horizontal bar at the bottom: reversed, the most cramped muscle reads first
    plt.bar(labels[::-1], counts[::-1], color=palette.bars, width=0.6, orientation="horizontal")
    _integer_ticks(plt, max(counts), horizontal=True)


def plot_counts(plt: Any, title: str, counts: list[tuple[str, int]], palette: Palette = DEFAULT_PALETTE) -> None:
    """Labelled counts as horizontal bars, largest at the top (triggers, reliefs)."""
    _start(plt, title)
    if not counts:
        return
    shown = list(reversed(counts))
    plt.bar(
        [printable(label)[:16] for label, _ in shown],
        [count for _, count in shown],
        orientation="horizontal",
        color=palette.bars,
        width=0.6,
    )
    _integer_ticks(plt, max(count for _, count in counts), horizontal=True)


#: Where a change's mark stands: just left of its bar, so the bar stays whole.
_MARK_OFFSET = 0.4


def _mark_changes(plt: Any, markers: Sequence[ChangeMarker], top: int, count: int, palette: Palette) -> None:
    """A vertical line before the bar a change started (▲) or stopped (▼) in, and its name at the top.

    Labels sit under the severity legend and step down in turn so they do not print over each other; in the
    right half of the chart a label ends at its line, so the edge does not cut it.
    """
    upper = max(top, 1) + max(1, max(top, 1) // 3)
    for step, marker in enumerate(markers):
        x = marker.index - _MARK_OFFSET
        plt.vline(x, color=palette.marker)
        align = "right" if marker.index > count / 2 else "left"
        plt.text(marker.label, x, upper * (0.88 - 0.11 * (step % 3)), color=palette.marker, alignment=align)
