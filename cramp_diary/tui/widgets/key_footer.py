"""A footer that keeps help, quit and the command palette in sight however narrow the window.

Textual's footer cuts off at the right edge, so at 80 columns the home screen
lost "? Help" and "q Quit". This one always keeps the pinned ones, shows the
first-listed keys with their words while there is room, and the rest as the bare
key (its words in its tooltip, the help and the palette), so at 80 columns home
still shows ``g c a r /``; only what fits neither way is left out.

Textual rebuilds the footer whenever the bindings *might* have changed (focus
moves, a screen refreshes its bindings, a resize): each rebuild re-applies CSS
to every key and redraws. At start-up that was three rebuilds after the first
frame, so this one rebuilds only when what it would show has changed.
"""

from __future__ import annotations

from collections.abc import Hashable

from textual.app import ComposeResult
from textual.events import Resize
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

#: Actions always shown, whatever the width: help, and the way out of each screen (the timer's is "esc Stop").
PINNED = ("help", "quit", "abandon", "back")


def _width(key: FooterKey, compact: bool, bare: bool = False) -> int:
    """Cells the key takes in the footer, with its margin; ``bare``: the key alone, without its words."""
    if bare or not key.description:
        return len(key.key_display) + (1 if compact else 2)
    return len(f"{key.key_display} {key.description}") + (1 if compact else 2)


class KeyFooter(Footer):
    """Footer that drops the least important keys (the last listed) when they would not fit."""

    def __init__(self, *, compact: bool = False) -> None:
        super().__init__(compact=compact)
        self._shown: Hashable = None
        """What the keys on screen were built from; a rebuild from the same is skipped."""

    def _room(self) -> int:
        return self.size.width or self.app.size.width

    def _wanted(self) -> Hashable:
        """Everything the footer's keys are built from: the screen's shown bindings and the width."""
        if not self._bindings_ready:
            return None
        keys = tuple(
            (binding.key, self.app.get_key_display(binding), binding.description, binding.action,
             enabled, tooltip or binding.tooltip, binding.group, binding.show)
            for _, binding, enabled, tooltip in self.screen.active_bindings.values()
            if binding.show or binding.action == "command_palette"
        )
        return (self._room(), self.compact, self.show_command_palette, keys)

    async def recompose(self) -> None:
        """Rebuild only if the keys to show (or the room for them) changed since the last build."""
        if self.is_attached and self._wanted() == self._shown:
            return
        await super().recompose()

    def compose(self) -> ComposeResult:
        self._shown = self._wanted()
        items: list[Widget] = list(super().compose())
        room = self._room()
        palette = [item for item in items if item.has_class("-command-palette")]
        keys = [item for item in items if isinstance(item, FooterKey) and item not in palette]
        pinned = [key for key in keys if key.action in PINNED]
        used = sum(_width(key, self.compact) for key in (*palette, *pinned)) + (2 if palette else 0)
        shown: set[int] = {id(key) for key in pinned}
        rest = [key for key in keys if id(key) not in shown]
        bare = False  # once one key goes bare, the later (less important) ones do too
        for index, key in enumerate(rest):
            bare_after = sum(_width(later, self.compact, bare=True) for later in rest[index + 1 :])
            if not bare and used + _width(key, self.compact) + bare_after <= room:
                used += _width(key, self.compact)
            elif used + _width(key, self.compact, bare=True) <= room:
                bare = True
                used += _width(key, self.compact, bare=True)
                key.description = ""  # the bare key: its words stay in its tooltip, the help and the palette
                if not self.compact:  # the key's own padding comes only with words: keep the keys apart
                    key.key_display = f" {key.key_display} "
            else:
                break
            shown.add(id(key))
        for item in items:
            if item in palette or id(item) in shown or not isinstance(item, FooterKey):
                if self.compact and isinstance(item, FooterKey):
                    # the class its compact watcher adds once mounted (restyling each key alone); with it
                    # already there, the watcher finds nothing to change
                    item.add_class("-compact", update=False)
                yield item

    def on_resize(self, event: Resize) -> None:
        self.call_after_refresh(self.recompose)
