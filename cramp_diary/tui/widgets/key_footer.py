"""A footer that keeps help, quit and the command palette in sight however narrow the window.

Textual's footer cuts off at the right edge, so at 80 columns the home screen
lost "? Help" and "q Quit". This one leaves out the last-listed keys that do
not fit (they stay in the help and the palette) and always keeps the pinned ones.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.events import Resize
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

#: Actions always shown, whatever the width.
PINNED = ("help", "quit")


def _width(key: FooterKey, compact: bool) -> int:
    """Cells the key takes in the footer, with its margin."""
    label = f"{key.key_display} {key.description}" if key.description else key.key_display
    return len(label) + (1 if compact else 3)


class KeyFooter(Footer):
    """Footer that drops the least important keys (the last listed) when they would not fit."""

    def compose(self) -> ComposeResult:
        items: list[Widget] = list(super().compose())
        room = self.size.width or self.app.size.width
        palette = [item for item in items if item.has_class("-command-palette")]
        keys = [item for item in items if isinstance(item, FooterKey) and item not in palette]
        pinned = [key for key in keys if key.action in PINNED]
        used = sum(_width(key, self.compact) for key in (*palette, *pinned)) + (2 if palette else 0)
        shown: set[int] = {id(key) for key in pinned}
        for key in keys:
            if id(key) in shown:
                continue
            width = _width(key, self.compact)
            if used + width > room:
                break
            used += width
            shown.add(id(key))
        for item in items:
            if item in palette or id(item) in shown or not isinstance(item, FooterKey):
                yield item

    def on_resize(self, event: Resize) -> None:
        self.call_after_refresh(self.recompose)
