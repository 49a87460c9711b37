"""Which keys the one-line footer shows in the room it has: pinned ones always, later ones bare, none past the edge."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cramp_diary.tui.widgets.key_footer import PINNED, FooterKey, _width, fit

ACTIONS = [*PINNED, "new", "timer", "charts", "alerts", "changes", "report", "delete", "undo", "filter"]


def _key(action: str, words: str) -> FooterKey:
    return FooterKey(action[0], action[:3], words, action, True, "")


keys_lists = st.lists(
    st.tuples(st.sampled_from(ACTIONS), st.text("abcdefgh ", min_size=1, max_size=12)),
    unique_by=lambda pair: pair[0], max_size=len(ACTIONS),
).map(lambda pairs: [_key(action, words) for action, words in pairs])


@settings(max_examples=300, deadline=None)  # a pure function: cheap, so many widths and key lists
@given(keys=keys_lists, room=st.integers(0, 200), compact=st.booleans(), palette=st.booleans())
def test_fit_keeps_pinned_keys_and_order_and_stays_in_the_room(
    keys: list[FooterKey], room: int, compact: bool, palette: bool
) -> None:
    palette_key = FooterKey("ctrl+p", "^p", "palette", "command_palette", True, "") if palette else None
    shown = fit(keys, palette_key, room, compact)
    actions = [key.action for key in shown]
    assert actions == [key.action for key in keys if key.action in actions]  # in their listed order
    assert {key.action for key in keys if key.action in PINNED} <= set(actions)  # help and the way out, always
    pinned_width = sum(_width(key, compact) for key in keys if key.action in PINNED)
    palette_width = _width(palette_key, compact) + 2 if palette_key else 0
    used = sum(_width(key, compact) for key in shown) + palette_width
    assert used <= max(room, pinned_width + palette_width)  # past the edge only when the pinned alone do not fit
    unpinned = [key for key in shown if key.action not in PINNED]
    first_bare = next((i for i, key in enumerate(unpinned) if not key.description), len(unpinned))
    assert all(not key.description for key in unpinned[first_bare:])  # once one goes bare, the later ones do too
    for key in shown:  # a bare key keeps its words for the tooltip
        original = next(k for k in keys if k.action == key.action)
        assert key.description in ("", original.description) and (key.description or key.tooltip or not original.description)


def test_wide_room_shows_every_key_with_its_words() -> None:
    keys = [_key(action, action.title()) for action in ACTIONS]
    assert fit(keys, None, 500, compact=True) == keys
