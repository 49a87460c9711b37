"""The form against another program's writes (issue 10, items 4, 6 and 8): nothing erased, nothing lost."""

from __future__ import annotations

from datetime import timedelta

from cramp_diary.model import Episode
from cramp_diary.store import Diary
from cramp_diary.tui.app import CrampApp
from cramp_diary.tui.screens.episode_form import EpisodeForm
from cramp_diary.tui.screens.home import HomeScreen
from cramp_diary.tui.screens.keep_or_discard import KeepOrDiscardScreen
from cramp_diary.tui.screens.recover import offer_recovery
from cramp_diary.timer_session import CrampSession, STALE_AFTER
from textual.widgets import Input


def _episode(clock, **extra) -> Episode:
    return Episode(muscle="calf", side="left", started_at=clock() - timedelta(hours=1), severity=5, **extra)


async def _set(pilot, widget: str, text: str) -> None:
    pilot.app.screen.query_one(widget, Input).value = text
    await pilot.pause()


async def test_a_cli_edit_while_the_form_is_open_survives_the_forms_save(diary: Diary, clock) -> None:
    saved = diary.episodes.add(_episode(clock))
    async with CrampApp(diary, now=clock).run_test(size=(100, 50)) as pilot:
        await pilot.press("enter")
        assert isinstance(pilot.app.screen, EpisodeForm)
        current = diary.episodes.get(saved.id)  # meanwhile, cramp-diary edit ID --duration 2m --relief stretch --sign ...
        diary.episodes.update(current.with_changes(duration=120, reliefs=("stretch",), signs=("swelling",), note="call doctor"))
        await _set(pilot, "#severity", "3")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HomeScreen)
    after = diary.episodes.get(saved.id)
    assert (after.severity, after.duration, after.reliefs, after.signs, after.note) == (
        3, 120, ("stretch",), ("swelling",), "call doctor"
    )


async def test_the_same_field_changed_elsewhere_asks_and_can_reload(diary: Diary, clock) -> None:
    saved = diary.episodes.add(_episode(clock))
    async with CrampApp(diary, now=clock).run_test(size=(100, 50)) as pilot:
        await pilot.press("enter")
        diary.episodes.update(diary.episodes.get(saved.id).with_changes(severity=9))  # the other app saved severity 9
        await _set(pilot, "#severity", "2")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, KeepOrDiscardScreen)
        await pilot.press("escape")  # back to the form: nothing lost, nothing saved
        await pilot.pause()
        assert isinstance(pilot.app.screen, EpisodeForm)
        assert pilot.app.screen.query_one("#severity", Input).value == "2"
        assert diary.episodes.get(saved.id).severity == 9
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("d")  # reload theirs
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, EpisodeForm)
        assert form.query_one("#severity", Input).value == "9"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HomeScreen)
    assert diary.episodes.get(saved.id).severity == 9


async def test_keeping_mine_saves_my_value_over_theirs(diary: Diary, clock) -> None:
    saved = diary.episodes.add(_episode(clock))
    async with CrampApp(diary, now=clock).run_test(size=(100, 50)) as pilot:
        await pilot.press("enter")
        diary.episodes.update(diary.episodes.get(saved.id).with_changes(severity=9, note="theirs"))
        await _set(pilot, "#severity", "2")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("enter")  # save mine
        await pilot.pause()
        assert isinstance(pilot.app.screen, HomeScreen)
    after = diary.episodes.get(saved.id)
    assert (after.severity, after.note) == (2, "theirs")


async def test_a_form_whose_episode_was_deleted_saves_it_as_new(diary: Diary, clock) -> None:
    saved = diary.episodes.add(_episode(clock, note="mine"))
    async with CrampApp(diary, now=clock).run_test(size=(100, 50)) as pilot:
        await pilot.press("enter")
        diary.episodes.delete(saved.id)  # deleted in another terminal
        await _set(pilot, "#severity", "7")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HomeScreen)
    [again] = diary.episodes.newest_first()
    assert (again.severity, again.note) == (7, "mine")


async def test_year_one_in_the_when_field_never_crashes_or_loses_the_form(diary: Diary, clock) -> None:
    async with CrampApp(diary, now=clock).run_test(size=(100, 50)) as pilot:
        await pilot.press("n", "1", "l")
        await _set(pilot, "#time", "0001-01-01 00:00")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, EpisodeForm)
        assert pilot.app.is_running
        assert "year" in str(pilot.app.screen.query_one("#error-time").render())
        await _set(pilot, "#time", "9999-12-31 23:59")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, EpisodeForm)
    assert diary.episodes.count() == 0


async def test_a_running_timers_cramp_is_not_offered_as_abandoned(diary: Diary, clock) -> None:
    running = CrampSession(diary, Episode(muscle="calf", side="left", started_at=clock()))
    running.begin()  # another terminal's timer: it beats as it runs
    async with CrampApp(diary, now=clock).run_test() as pilot:
        offer_recovery(pilot.app)
        await pilot.pause()
        assert isinstance(pilot.app.screen, HomeScreen)
        clock.advance(seconds=STALE_AFTER.total_seconds() + 1)  # quiet (a suspended laptop), but its lock is held
        offer_recovery(pilot.app)
        await pilot.pause()
        assert isinstance(pilot.app.screen, HomeScreen)  # a killed one is offered: tests/test_timer_ownership.py
