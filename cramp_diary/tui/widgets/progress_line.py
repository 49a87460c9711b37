"""A labelled progress bar that repaints only when what it shows changes, and cheaply when it does.

Textual's ProgressBar repaints itself on every ``update`` and keeps an ETA
clock of its own (a timer firing every second); the cramp timer may sit on
screen all night, reading its countdown 4 times a second, so its bars are this
plain line instead: the same half-cell bar as Textual's ``Bar``, redrawn only
when the filled part moves by half a cell, and drawn straight into one strip
(the general renderable path cost about as much as the rest of a frame).

The label is drawn in the same line, not by a widget beside it: each frame
Textual re-renders every widget whose clip overlaps what changed, so a label
and a row container of its own would be two more widgets in every frame.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

FULL, HALF_RIGHT, HALF_LEFT = "━", "╸", "╺"
#: Cells for the label before the bar, so the two bars start in the same column.
LABEL_WIDTH = 12


def bar_text(width: int, fraction: float) -> tuple[str, str]:
    """The filled and the unfilled part of a bar ``width`` cells wide, in half cells (as Textual's Bar)."""
    halves = round(width * 2 * min(max(fraction, 0.0), 1.0))
    if not halves:
        return "", FULL * width
    whole, half = divmod(halves, 2)
    done = FULL * whole + HALF_RIGHT * half
    if whole + half >= width:
        return done, ""
    # after a half cell the rest starts on a whole one; after a whole cell, on the cell's right half
    return done, (FULL if half else HALF_LEFT) + FULL * (width - whole - half - 1)


class ProgressLine(Widget, can_focus=False):
    """A label, then a one-line bar filled to ``fraction`` (0 to 1) in half cells; styles in the screen's .tcss.

    The label takes the widget's own colour; the bar its component classes' colours.
    """

    COMPONENT_CLASSES = {"bar--bar", "bar--complete"}

    fraction: reactive[float] = reactive(0.0)
    """How much is done, rounded down to what the bar can show (a smaller change is no change)."""

    def __init__(self, label: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.label = set_cell_size(label, LABEL_WIDTH).rstrip() if label else ""

    def validate_fraction(self, fraction: float) -> float:
        fraction = min(max(fraction, 0.0), 1.0)
        positions = self.positions
        return int(fraction * positions) / positions if positions else fraction

    @property
    def positions(self) -> int:
        """How many fills the bar can show: two per cell."""
        return self._bar_width * 2

    @property
    def _bar_width(self) -> int:
        return max(self.size.width - (LABEL_WIDTH if self.label else 0), 0)

    def render_line(self, y: int) -> Strip:
        """The label in the widget's colour, the filled part in the bar's colour, the rest in its background colour."""
        width = self.size.width
        base = self.visual_style.rich_style
        if y or not width:
            return Strip.blank(width, base)
        style = self.get_component_rich_style("bar--bar" if self.fraction < 1 else "bar--complete")
        done, rest = bar_text(self._bar_width, self.fraction)
        segments: list[Segment] = []
        if self.label:  # the padding in the background colour only, as a label widget of its own would draw it
            pad = LABEL_WIDTH - cell_len(self.label)
            segments += [Segment(self.label, base), Segment(" " * pad, Style(bgcolor=base.bgcolor))]
        segments += [
            Segment(text, base + Style.from_color(colour))
            for text, colour in ((done, style.color), (rest, style.bgcolor))
            if text
        ]
        return Strip(segments, width).crop(0, width)
