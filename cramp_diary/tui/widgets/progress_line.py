"""A progress bar that repaints only when what it shows changes.

Textual's ProgressBar repaints itself on every ``update`` and keeps an ETA
clock of its own (a timer firing every second); the cramp timer may sit on
screen all night, so its bars are this plain line instead: the same
half-cell bar, redrawn only when the filled part moves by half a cell.
"""

from __future__ import annotations

from rich.style import Style
from textual.app import RenderResult
from textual.reactive import reactive
from textual.renderables.bar import Bar
from textual.widget import Widget


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

    def render(self) -> RenderResult:
        style = self.get_component_rich_style("bar--bar" if self.fraction < 1 else "bar--complete")
        return Bar(
            highlight_range=(0, self.size.width * self.fraction),
            highlight_style=Style.from_color(style.color),
            background_style=Style.from_color(style.bgcolor),
        )
