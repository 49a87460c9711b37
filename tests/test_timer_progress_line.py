"""The timer's progress bar draws exactly what Textual's own half-cell Bar draws, only more cheaply."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual.renderables.bar import Bar

from cramp_diary.tui.widgets.progress_line import bar_text

DONE, REST = Style(color="red"), Style(color="blue")


def cells(segments: list[Segment]) -> list[tuple[str, str | None]]:
    """Each cell's character and colour name."""
    return [
        (char, segment.style.color.name if segment.style and segment.style.color else None)
        for segment in segments
        for char in segment.text
    ]


@given(width=st.integers(min_value=1, max_value=160), data=st.data())
def test_every_half_cell_fill_matches_textuals_bar(width: int, data: st.DataObject) -> None:
    halves = data.draw(st.integers(min_value=0, max_value=2 * width))
    console = Console(width=width, color_system="truecolor", legacy_windows=False)
    bar = Bar(highlight_range=(0, halves / 2), highlight_style=DONE, background_style=REST)
    expected = [s for s in console.render(bar, console.options.update_width(width)) if s.text != "\n"]
    done, rest = bar_text(width, halves / (2 * width))
    assert cells([Segment(done, DONE), Segment(rest, REST)]) == cells(expected)
