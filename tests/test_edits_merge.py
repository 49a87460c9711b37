"""Two editors never erase each other: field-level merge of one episode's edits (issue 10, item 4)."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import given
from hypothesis import strategies as st

from cramp_diary.edits import apply_edit, merge_list
from cramp_diary.model import RELIEFS, SIGNS, Episode
from cramp_diary.store import Diary, EditConflict
from conftest import NOW

import pytest

BASE = Episode(id=1, muscle="calf", side="left", started_at=NOW - timedelta(hours=2), severity=4, note="night")


def test_fields_changed_elsewhere_survive_a_save_of_other_fields() -> None:
    theirs = BASE.with_changes(duration=120, reliefs=("stretch",), signs=("swelling",), note="call doctor")
    mine = BASE.with_changes(severity=3)
    outcome = apply_edit(BASE, mine, theirs)
    assert outcome.conflicts == ()
    merged = outcome.episode
    assert (merged.severity, merged.duration, merged.reliefs, merged.signs, merged.note) == (
        3, 120, ("stretch",), ("swelling",), "call doctor"
    )


def test_the_same_field_changed_differently_is_a_conflict() -> None:
    outcome = apply_edit(BASE, BASE.with_changes(severity=9), BASE.with_changes(severity=2))
    assert outcome.conflicts == ("severity",)
    same = apply_edit(BASE, BASE.with_changes(severity=9), BASE.with_changes(severity=9))
    assert same.conflicts == () and not same.changed


def test_nothing_changed_here_changes_nothing() -> None:
    theirs = BASE.with_changes(severity=7)
    outcome = apply_edit(BASE, BASE, theirs)
    assert outcome.episode == theirs and not outcome.changed


labels = st.lists(st.sampled_from(SIGNS + RELIEFS), unique=True, max_size=6).map(tuple)


@given(labels, labels, labels)
def test_lists_merge_as_what_was_added_and_removed_here(original, edited, current) -> None:
    merged = set(merge_list(original, edited, current))
    added, removed = set(edited) - set(original), set(original) - set(edited)
    assert added <= merged
    assert not (removed & merged)
    assert set(current) - removed <= merged  # nothing added elsewhere is ever dropped
    assert merged <= set(current) | added
    assert len(merge_list(original, edited, current)) == len(merged)


@given(st.integers(0, 10), st.integers(0, 10), st.integers(0, 10), st.sampled_from(["", "a", "b"]), st.sampled_from(["", "a", "b"]))
def test_a_field_only_one_side_changed_takes_that_side(base_sev, my_sev, their_sev, my_note, their_note) -> None:
    original = BASE.with_changes(severity=base_sev, note="")
    mine = original.with_changes(severity=my_sev, note=my_note)
    theirs = original.with_changes(severity=their_sev, note=their_note)
    outcome = apply_edit(original, mine, theirs)
    result = outcome.episode
    assert result.severity == (my_sev if my_sev != base_sev else their_sev)
    assert result.note == (my_note if my_note != "" else their_note)
    expected = {name for name, m, t, b in (("severity", my_sev, their_sev, base_sev), ("note", my_note, their_note, ""))
                if m != b and t != b and m != t}
    assert set(outcome.conflicts) == expected


def test_the_store_applies_only_the_changed_fields_inside_its_transaction(diary: Diary, clock) -> None:
    opened = diary.episodes.add(BASE.with_changes(id=None))  # what both editors see
    diary.episodes.update(opened.with_changes(duration=120, signs=("swelling",), note="call doctor"))  # editor B (the CLI)
    saved = diary.episodes.update_fields(opened, opened.with_changes(severity=3))  # editor A (the form)
    assert (saved.severity, saved.duration, saved.signs, saved.note) == (3, 120, ("swelling",), "call doctor")


def test_the_store_reports_a_conflict_and_saves_mine_when_asked(diary: Diary) -> None:
    opened = diary.episodes.add(BASE.with_changes(id=None))
    diary.episodes.update(opened.with_changes(severity=9))
    with pytest.raises(EditConflict) as conflict:
        diary.episodes.update_fields(opened, opened.with_changes(severity=2, duration=60))
    assert conflict.value.conflicts == ("severity",) and conflict.value.current.severity == 9
    assert diary.episodes.get(opened.id).duration is None  # all or nothing
    saved = diary.episodes.update_fields(opened, opened.with_changes(severity=2, duration=60), keep_mine=True)
    assert (saved.severity, saved.duration) == (2, 60)
