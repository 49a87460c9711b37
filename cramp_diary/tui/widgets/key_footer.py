"""The line of keys at the foot of every screen: one widget, drawn as one line of text.

Textual's footer is a container of one widget per key, rebuilt (mounted, styled,
laid out) whenever the bindings might have changed, and built only after the
first frame, which then has to be drawn again: at start-up that was about a
seventh of the time to the first painted frame. This one reads the screen's
bindings when it draws, so a change of keys is a repaint of one line.

It keeps what people rely on: help, quit and the palette stay in sight however
narrow the window; the first-listed keys show their words while there is room,
the rest the bare key (their words in the tooltip, the help and the palette);
a click on a key presses it, a key that cannot be used now is dim and rings.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.widget import Widget

#: Actions always shown, whatever the width: help, and the way out of each screen (the timer's is "esc Stop").
PINNED = ("help", "quit", "abandon", "back")
#: Drawn left of the palette key, as Textual's footer draws its border.
DIVIDER = "▏"


class FooterKey(NamedTuple):
    """One key as the footer shows it: ``description`` is empty when only the bare key fits."""

    key: str
    key_display: str
    description: str
    action: str
    enabled: bool
    tooltip: str


class _Placed(NamedTuple):
    """A key and the columns it takes, so a click or a hover finds it."""

    item: FooterKey
    start: int
    end: int


def _width(item: FooterKey, compact: bool, bare: bool = False) -> int:
    """Cells the key takes in the footer, with its margin; ``bare``: the key alone, without its words."""
    if bare or not item.description:
        return len(item.key_display) + (1 if compact else 2)
    return len(f"{item.key_display} {item.description}") + (1 if compact else 2)


def fit(keys: list[FooterKey], palette: FooterKey | None, room: int, compact: bool) -> list[FooterKey]:
    """The keys that fit in ``room`` cells, in their order: pinned ones always, later ones bare or left out."""
    pinned = [key for key in keys if key.action in PINNED]
    used = sum(_width(key, compact) for key in pinned)
    if palette is not None:
        used += _width(palette, compact) + 2
    shown: dict[int, FooterKey] = {id(key): key for key in pinned}
    rest = [key for key in keys if id(key) not in shown]
    bare = False  # once one key goes bare, the later (less important) ones do too
    for index, key in enumerate(rest):
        bare_after = sum(_width(later, compact, bare=True) for later in rest[index + 1 :])
        if not bare and used + _width(key, compact) + bare_after <= room:
            used += _width(key, compact)
            shown[id(key)] = key
        elif used + _width(key, compact, bare=True) <= room:
            bare = True
            used += _width(key, compact, bare=True)
            shown[id(key)] = FooterKey(key.key, key.key_display, "", key.action, key.enabled, key.tooltip or key.description)
        else:
            break
    return [shown[id(key)] for key in keys if id(key) in shown]


class KeyFooter(Widget, can_focus=False):
    """The screen's shown keys on one line, the command palette's key at the right."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "key-footer--key",
        "key-footer--description",
        "key-footer--hover",
        "key-footer--divider",
    }

    def __init__(self, *, compact: bool = False, show_command_palette: bool = True) -> None:
        super().__init__()
        self.compact = compact
        self.show_command_palette = show_command_palette
        self._placed: list[_Placed] = []
        self._hover: str | None = None
        """The action under the mouse pointer, drawn highlighted."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: object) -> None:
        self.refresh()

    def _keys(self) -> tuple[list[FooterKey], FooterKey | None]:
        """The screen's shown bindings, one per action, in order; and the palette's key, if offered."""
        keys: list[FooterKey] = []
        actions: set[str] = set()
        palette: FooterKey | None = None
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            item = FooterKey(binding.key, self.app.get_key_display(binding), binding.description, binding.action,
                             enabled, tooltip or binding.tooltip)
            if binding.action == "command_palette":
                if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
                    palette = item
            elif binding.show and binding.action not in actions:
                actions.add(binding.action)
                keys.append(item)
        return keys, palette

    @property
    def shown_keys(self) -> list[FooterKey]:
        """The keys drawn now, as drawn (a bare key has no description), the palette's last."""
        return [placed.item for placed in self._placed]

    def render(self) -> Text:
        keys, palette = self._keys()
        width = self.content_size.width or self.app.size.width
        shown = fit(keys, palette, width, self.compact)
        key_style = self.get_component_rich_style("key-footer--key")
        words_style = self.get_component_rich_style("key-footer--description")
        hover_style = self.get_component_rich_style("key-footer--hover")
        text = Text(no_wrap=True, overflow="crop", end="")
        self._placed = []
        for item in shown:
            self._append(text, item, key_style, words_style, hover_style)
            text.append(" " if self.compact else "")
        if palette is not None:
            tail = self._key_text(palette, key_style, words_style, compact=True)  # as Textual draws it
            gap = width - text.cell_len - len(DIVIDER) - tail.cell_len - 1
            text.append(" " * max(gap, 1))
            text.append(DIVIDER, self.get_component_rich_style("key-footer--divider"))
            start = text.cell_len
            text.append_text(self._styled(palette, tail, hover_style))
            self._placed.append(_Placed(palette, start, text.cell_len))
            text.append(" ")
        return text

    def _append(self, text: Text, item: FooterKey, key_style: Style, words_style: Style, hover_style: Style) -> None:
        start = text.cell_len
        text.append_text(self._styled(item, self._key_text(item, key_style, words_style), hover_style))
        self._placed.append(_Placed(item, start, text.cell_len))

    def _key_text(self, item: FooterKey, key_style: Style, words_style: Style, *, compact: bool | None = None) -> Text:
        """``n New`` (compact) or `` n New ``; the bare key alone, spaced apart when not compact."""
        compact = self.compact if compact is None else compact
        pad = "" if compact else " "
        if not item.description:
            return Text(f"{pad}{item.key_display}{pad}", key_style)
        words = f" {item.description}" if compact else f"{item.description} "
        return Text.assemble((f"{pad}{item.key_display}{pad}", key_style), (words, words_style))

    def _styled(self, item: FooterKey, text: Text, hover_style: Style) -> Text:
        if not item.enabled:
            text.stylize(Style(dim=True))
        if item.action == self._hover:
            text.stylize(hover_style)
        return text

    def _at(self, x: int) -> FooterKey | None:
        for placed in self._placed:
            if placed.start <= x < placed.end:
                return placed.item
        return None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        item = self._at(event.x)
        action = item.action if item is not None else None
        if action != self._hover:
            self._hover = action
            self.tooltip = (item.tooltip or item.description) if item is not None else None
            self.refresh()

    def on_leave(self) -> None:
        if self._hover is not None:
            self._hover = None
            self.tooltip = None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        item = self._at(event.x)
        if item is None:
            return
        if item.enabled:
            self.app.simulate_key(item.key)
        else:
            self.app.bell()
