"""The morning question on home and the back-fill offer, with an injected clock."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from cramp_diary.model import Episode
from cramp_diary.store import Diary
from cramp_diary.tui.app import CrampApp
from cramp_diary.tui.screens.confirm import ConfirmScreen
from cramp_diary.tui.screens.home import HomeScreen
from tests.conftest import ZONE, FakeClock

MORNING = datetime(2026, 11, 22, 7, 30, tzinfo=ZONE)


def _line(pilot) -> str:
    widget = pilot.app.screen.query_one("#morning")
    return str(widget.render()) if widget.display else ""


def _footer_keys(pilot) -> set[str]:
    return {binding.key for _, binding, enabled, _ in pilot.app.screen.active_bindings.values() if enabled}


async def test_no_question_before_four_in_the_morning(diary: Diary) -> None:
    clock = FakeClock(datetime(2026, 11, 22, 3, 59, tzinfo=ZONE))
    diary.checkins.add(date(2026, 11, 19))
    async with CrampApp(diary, now=clock).run_test() as pilot:
        await pilot.pause()  # the lines above the list follow its first frame
        assert _line(pilot) == ""
        assert "x" not in _footer_keys(pilot)


async def test_after_four_the_line_asks_and_k_answers_it(diary: Diary) -> None:
    clock = FakeClock(MORNING)
    diary.checkins.add(date(2026, 11, 21))
    async with CrampApp(diary, now=clock).run_test() as pilot:
        await pilot.pause()  # the lines above the list follow its first frame
        assert _line(pilot).startswith("Last night? k no cramps · n log one")
        assert "fill" not in _line(pilot)  # only last night is missing: nothing older to fill
        assert not isinstance(pilot.app.screen, ConfirmScreen)  # one line, not a modal
        assert "x" in _footer_keys(pilot)
        await pilot.press("k")
        await pilot.pause()
        assert diary.checkins.days_between(date(2026, 11, 22), date(2026, 11, 22)) == [date(2026, 11, 22)]
        assert _line(pilot).startswith("Sleep disturbed by cramps last night?")  # skippable follow-up
        await pilot.press("x")
        await pilot.pause()
        assert _line(pilot) == ""
        assert "x" not in _footer_keys(pilot)


async def test_after_k_one_key_keeps_the_nights_sleep_on_its_check_in(diary: Diary) -> None:
    """The app and `checkin --none --sleep N` keep the same figure in the same place."""
    clock = FakeClock(MORNING)
    diary.checkins.add(date(2026, 11, 21))
    async with CrampApp(diary, now=clock).run_test() as pilot:
        await pilot.pause()  # the lines above the list follow its first frame
        await pilot.press("k", "2")
        await pilot.pause()
        assert _line(pilot) == ""
    assert [(r.day, r.sleep_disturbance) for r in diary.checkins.records()][-1] == (date(2026, 11, 22), 2)


async def test_a_cramp_logged_for_last_night_answers_it(diary: Diary) -> None:
    clock = FakeClock(MORNING)
    diary.checkins.add(date(2026, 11, 21))
    async with CrampApp(diary, now=clock).run_test() as pilot:
        await pilot.pause()  # the lines above the list follow its first frame
        assert _line(pilot)
        diary.episodes.add(Episode(started_at=MORNING - timedelta(hours=4), muscle="calf", side="left"))
        pilot.app.screen.refresh_data()
        await pilot.pause()
        assert _line(pilot) == ""


async def test_dismissed_stays_dismissed_after_a_restart_and_returns_the_next_day(db_path) -> None:
    clock = FakeClock(MORNING)
    with Diary.open(db_path, clock) as diary:
        diary.checkins.add(date(2026, 11, 20))
        async with CrampApp(diary, now=clock).run_test() as pilot:
            await pilot.pause()  # the lines above the list follow its first frame
            await pilot.press("x")
            await pilot.pause()
            assert _line(pilot) == ""
            assert diary.checkins.days_between(date(2026, 11, 21), date(2026, 11, 22)) == []  # dismissing records nothing
    clock.advance(hours=10)
    with Diary.open(db_path, clock) as diary:
        async with CrampApp(diary, now=clock).run_test() as pilot:
            await pilot.pause()  # the lines above the list follow its first frame
            assert _line(pilot) == ""
    clock.advance(hours=10)  # 03:30 the next day: the night is not over
    with Diary.open(db_path, clock) as diary:
        async with CrampApp(diary, now=clock).run_test() as pilot:
            await pilot.pause()  # the lines above the list follow its first frame
            assert _line(pilot) == ""
    clock.advance(hours=1)
    with Diary.open(db_path, clock) as diary:
        async with CrampApp(diary, now=clock).run_test() as pilot:
            await pilot.pause()  # the lines above the list follow its first frame
            assert _line(pilot).startswith("Last night?")


async def test_escape_dismisses_the_question(diary: Diary) -> None:
    diary.checkins.add(date(2026, 11, 21))
    async with CrampApp(diary, now=FakeClock(MORNING)).run_test() as pilot:
        await pilot.pause()  # the lines above the list follow its first frame
        await pilot.press("escape")
        await pilot.pause()
        assert _line(pilot) == ""
        assert diary.checkins.morning_dismissed_on() == MORNING.date()


async def test_an_empty_diary_is_not_asked(diary: Diary) -> None:
    async with CrampApp(diary, now=FakeClock(MORNING)).run_test() as pilot:
        await pilot.pause()  # the lines above the list follow its first frame
        assert _line(pilot) == ""


async def test_backfill_offer_names_the_days_and_marks_them_after_yes(diary: Diary) -> None:
    clock = FakeClock(MORNING)
    diary.checkins.add(date(2026, 11, 15))
    diary.episodes.add(Episode(started_at=datetime(2026, 11, 18, 2, 0, tzinfo=ZONE), muscle="calf", side="left"))
    async with CrampApp(diary, now=clock).run_test() as pilot:
        await pilot.pause()  # the lines above the list follow its first frame
        assert "b mark 4 unrecorded days no-cramp" in _line(pilot)
        await pilot.press("b")
        await pilot.pause()
        confirm = pilot.app.screen
        assert isinstance(confirm, ConfirmScreen)
        assert "4 days from Thu 19 Nov to Sun 22 Nov" in confirm.question
        await pilot.press("n")
        await pilot.pause()
        assert diary.checkins.days_between(date(2026, 11, 19), date(2026, 11, 22)) == []
        await pilot.press("b", "y")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HomeScreen)
        assert diary.checkins.days_between(date(2026, 11, 16), date(2026, 11, 22)) == [
            date(2026, 11, 19) + timedelta(days=i) for i in range(4)
        ]
        assert _line(pilot) == ""


async def test_backfill_offers_at_most_92_days(diary: Diary) -> None:
    clock = FakeClock(MORNING)
    diary.checkins.add(date(2026, 1, 1))
    async with CrampApp(diary, now=clock).run_test() as pilot:
        await pilot.pause()  # the lines above the list follow its first frame
        assert "mark 92 unrecorded days" in _line(pilot)
        await pilot.press("b", "y")
        await pilot.pause()
        assert len(diary.checkins.days_between(date(2026, 1, 2), date(2026, 11, 22))) == 92
        assert diary.checkins.days_between(date(2026, 8, 22), date(2026, 8, 23)) == [date(2026, 8, 23)]


async def test_after_a_night_cramp_one_key_records_how_much_it_disturbed_sleep(diary: Diary) -> None:
    """Issue 23: sleep disturbance 0-10 asked with the morning question, one key a value, skippable."""
    clock = FakeClock(MORNING)
    night = Episode(started_at=MORNING - timedelta(hours=4), muscle="calf", side="left", context="asleep")
    saved = diary.episodes.add(night)
    async with CrampApp(diary, now=clock).run_test() as pilot:
        await pilot.pause()  # the lines above the list follow its first frame
        assert _line(pilot) == "Sleep disturbed by cramps last night? 0 none … 9, m 10 (worst) · x not now"
        assert {"0", "9", "m", "x"} <= _footer_keys(pilot)
        await pilot.press("m")
        await pilot.pause()
        assert diary.episodes.get(saved.id).sleep_disturbance == 10
        assert _line(pilot) == ""
        assert "m" not in _footer_keys(pilot) and "7" not in _footer_keys(pilot)


async def test_the_sleep_question_can_be_skipped_and_digits_do_nothing_without_it(diary: Diary) -> None:
    clock = FakeClock(MORNING)
    saved = diary.episodes.add(Episode(started_at=MORNING - timedelta(hours=4), muscle="calf", side="left", context="asleep"))
    async with CrampApp(diary, now=clock).run_test() as pilot:
        await pilot.pause()  # the lines above the list follow its first frame
        await pilot.press("x")
        await pilot.pause()
        assert _line(pilot) == ""
        await pilot.press("7")
        await pilot.pause()
    assert diary.episodes.get(saved.id).sleep_disturbance is None
