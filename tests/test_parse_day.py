"""One reading of a whole day for every day field (issue 19, issue 21): CLI options and the app's Started field."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FakeClock
from hypothesis import given, settings
from hypothesis import strategies as st

from cramp_diary.cli import cli
from cramp_diary.model import InvalidField
from cramp_diary.parsing import DAY_HELP, parse_day

#: A Sunday, as the tests' clock.
TODAY = date(2026, 11, 22)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", TODAY),
        ("  Yesterday ", date(2026, 11, 21)),
        ("3 days ago", date(2026, 11, 19)),
        ("1 day ago", date(2026, 11, 21)),
        ("a week ago", date(2026, 11, 15)),
        ("6 weeks ago", date(2026, 10, 11)),
        ("6  WEEKS  ago", date(2026, 10, 11)),
        ("last monday", date(2026, 11, 16)),
        ("last saturday", date(2026, 11, 21)),
        ("last sunday", date(2026, 11, 15)),  # today is a Sunday: the one before
        ("2026-09-01", date(2026, 9, 1)),
    ],
)
def test_every_day_word_reads_the_same_everywhere(text: str, expected: date) -> None:
    assert parse_day(text, TODAY) == expected


@pytest.mark.parametrize("text", ["", "someday", "2026-02-30", "20261120", "last moonday", "3 months ago", "-3 days"])
def test_anything_else_names_the_field_and_the_words_it_takes(text: str) -> None:
    with pytest.raises(InvalidField) as refused:
        parse_day(text, TODAY, "started")
    assert refused.value.field == "started" and DAY_HELP in refused.value.rule


def test_a_count_too_large_is_refused_not_an_overflow() -> None:
    with pytest.raises(InvalidField, match="after the year"):
        parse_day("9" * 400 + " weeks ago", TODAY)


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=5000), st.sampled_from(["day", "days", "week", "weeks"]))
def test_n_days_or_weeks_ago_goes_back_that_far(count: int, unit: str) -> None:
    days = count * (7 if unit.startswith("week") else 1)
    assert parse_day(f"{count} {unit} ago", TODAY) == TODAY - timedelta(days=days)


def _run(db: Path, clock: FakeClock, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["--db", str(db), *args], obj={"now": clock})


def test_change_add_takes_six_weeks_ago_like_log_takes_twenty_minutes_ago(tmp_path: Path, clock: FakeClock) -> None:
    db = tmp_path / "d.db"
    added = _run(db, clock, "change", "add", "magnesium", "--kind", "supplement", "--started", "6 weeks ago")
    assert added.exit_code == 0, added.output
    listed = _run(db, clock, "change", "list")
    assert (clock().date() - timedelta(weeks=6)).isoformat() in listed.output
    stopped = _run(db, clock, "change", "stop", "1", "--date", "last monday")
    assert stopped.exit_code == 0, stopped.output


def test_checkin_and_list_take_the_same_words(tmp_path: Path, clock: FakeClock) -> None:
    db = tmp_path / "d.db"
    assert _run(db, clock, "checkin", "--none", "--date", "3 days ago").exit_code == 0
    assert _run(db, clock, "list", "--since", "a week ago").exit_code == 0
    bad = _run(db, clock, "checkin", "--none", "--date", "someday")
    assert bad.exit_code == 2 and "last night" in bad.output and "6 weeks ago" in bad.output


async def test_the_apps_started_field_takes_day_words(diary, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    from textual.widgets import Input

    from cramp_diary.tui.app import CrampApp
    from cramp_diary.tui.screens.changes import ChangesScreen

    app = CrampApp(diary, now=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ChangesScreen())
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#name", Input).value = "more water"
        app.screen.query_one("#started", Input).value = "6 weeks ago"
        await pilot.press("ctrl+s")
        await pilot.pause()
    [saved] = diary.changes.all()
    assert saved.started == clock().date() - timedelta(weeks=6)
