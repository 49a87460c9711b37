"""One home for how an episode's fields read: typed text reaches every view escaped, and each view uses it."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from cramp_diary.cli.episodes import describe, table_line
from cramp_diary.model import Episode
from cramp_diary.report.data import episode_cells
from cramp_diary.wording import episode_fields, format_episode_line

TYPED = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=20)
WHEN = datetime(2026, 11, 21, 3, 10, tzinfo=timezone(timedelta(hours=1)))


@given(muscle=TYPED, triggers=st.lists(TYPED, max_size=3), reliefs=st.lists(TYPED, max_size=3), note=TYPED)
def test_what_a_person_typed_is_escaped_in_every_field(muscle: str, triggers: list[str], reliefs: list[str], note: str) -> None:
    episode = Episode(
        WHEN, "other", "left", 90, 0, "asleep", tuple(triggers), tuple(reliefs), ("numbness",), note, muscle_other=muscle, id=3
    )
    shown = episode_fields(episode)
    for name in shown._fields:
        assert not any(
            0x202A <= ord(ch) <= 0x202E or 0x2066 <= ord(ch) <= 0x2069 or (ord(ch) < 32 and ch not in "\n\t") or 0x7F <= ord(ch) < 0xA0
            for ch in getattr(shown, name)
        ), name
    # every view is laid out from these same strings
    assert table_line(episode).endswith(shown.triggers.rstrip())
    assert f"  note       {shown.note}" in describe(episode) or not note
    assert episode_cells(episode, WHEN.tzinfo)[2:4] == [shown.side, shown.duration]
    assert format_episode_line(episode).startswith(f"{shown.when} ")


def test_a_blank_field_is_blank_and_each_view_chooses_its_placeholder() -> None:
    episode = Episode(WHEN, "calf", "right", id=7)
    shown = episode_fields(episode)
    assert (shown.when, shown.offset, shown.muscle, shown.duration) == ("2026-11-21 03:10", "+0100", "calf", "?")
    assert shown.severity == shown.context == shown.triggers == shown.reliefs == shown.signs == shown.note == ""
    assert "  severity   ?" in describe(episode)
    assert episode_cells(episode, WHEN.tzinfo)[4:9] == ["-", "-", "-", "-", "-"]
    assert table_line(episode).endswith("?    -  -")
    assert episode_fields(Episode(WHEN, "calf", "right", severity=0)).severity == "0"
