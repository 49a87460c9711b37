"""Snapshots of the key screens at 80x24, with a fixed clock and the seeded demo diary."""

from __future__ import annotations

import pytest

from cramp_diary.demo import write_demo
from cramp_diary.store import Diary
from cramp_diary.tui.app import CrampApp

SIZE = (80, 24)


@pytest.fixture
def demo(relative_diary: Diary, clock) -> Diary:
    write_demo(relative_diary, clock())
    return relative_diary


def test_home_empty(snap_compare, relative_diary: Diary, clock) -> None:
    assert snap_compare(CrampApp(relative_diary, now=clock), terminal_size=SIZE)


def test_home_with_demo_diary(snap_compare, demo: Diary, clock) -> None:
    assert snap_compare(CrampApp(demo, now=clock), terminal_size=SIZE)


def test_new_episode_form(snap_compare, demo: Diary, clock) -> None:
    assert snap_compare(CrampApp(demo, now=clock), terminal_size=SIZE, press=["n", "1"])


def test_form_with_errors(snap_compare, demo: Diary, clock) -> None:
    assert snap_compare(CrampApp(demo, now=clock), terminal_size=SIZE, press=["n", "ctrl+s"])


def test_help(snap_compare, demo: Diary, clock) -> None:
    assert snap_compare(CrampApp(demo, now=clock), terminal_size=SIZE, press=["question_mark"])


def test_timer_side_picker_footer_at_80_columns(snap_compare, demo: Diary, clock) -> None:
    """The side question's footer was cut to "^t Nigh": help and the way back must show."""
    assert snap_compare(CrampApp(demo, now=clock), terminal_size=SIZE, press=["t", "1"])


def test_change_form_at_80x24_shows_its_save_hint_and_whole_error(snap_compare, demo: Diary, clock) -> None:
    """The dialog used to be cut: no save hint, and its error ended "...(got '6"."""
    press = ["g", "a", "x", "tab", "tab", *["backspace"] * 10, *"6 weeks agoo", "ctrl+s"]
    assert snap_compare(CrampApp(demo, now=clock), terminal_size=SIZE, press=press)
