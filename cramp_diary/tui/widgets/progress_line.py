"""A progress bar that repaints only when what it shows changes, and cheaply when it does.

Textual's ProgressBar repaints itself on every ``update`` and keeps an ETA
clock of its own (a timer firing every second); the cramp timer may sit on
screen all night, reading its countdown 4 times a second, so its bars are this
plain line instead: the same half-cell bar as Textual's ``Bar``, redrawn only
when the filled part moves by half a cell, and drawn straight into one strip
(the general renderable path cost about as much as the rest of a frame).
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

FULL, HALF_RIGHT, HALF_LEFT = "━", "╸", "╺"


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
    """A one-line bar filled to ``fraction`` (0 to 1), drawn in half cells; styles in the screen's .tcss."""

    COMPONENT_CLASSES = {"bar--bar", "bar--complete"}

    fraction: reactive[float] = reactive(0.0)
    """How much is done, rounded down to what the bar can show (a smaller change is no change)."""

    def validate_fraction(self, fraction: float) -> float:
        fraction = min(max(fraction, 0.0), 1.0)
        positions = self.positions
        return int(fraction * positions) / positions if positions else fraction

    @property
    def positions(self) -> int:
        """How many fills the bar can show: two per cell."""
        return self.size.width * 2

    def render_line(self, y: int) -> Strip:
        """The bar's one line: the filled part in the bar's colour, the rest in its background colour."""
        width = self.size.width
        if y or not width:
            return Strip.blank(width, self.visual_style.rich_style)
        style = self.get_component_rich_style("bar--bar" if self.fraction < 1 else "bar--complete")
        base = self.visual_style.rich_style
        done, rest = bar_text(width, self.fraction)
        segments = [
            Segment(text, base + Style.from_color(colour))
            for text, colour in ((done, style.color), (rest, style.bgcolor))
            if text
        ]
        return Strip(segments, width)
