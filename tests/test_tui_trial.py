"""The trial in the app: home shows tonight's block and asks about last night; T plans, stops, deletes with undo."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from cramp_diary.model import Episode
from cramp_diary.store import Diary
from cramp_diary.trial import blocks, plan_trial
from cramp_diary.tui.app import CrampApp
from cramp_diary.tui.screens.confirm import ConfirmScreen
from cramp_diary.tui.screens.home import HomeScreen
from cramp_diary.tui.screens.trial import TrialScreen
from cramp_diary.tui.screens.trial_form import TrialForm
from tests.conftest import ZONE, FakeClock

MORNING = datetime(2026, 11, 22, 8, 0, tzinfo=ZONE)


def _text(app: CrampApp, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


def _running_trial(diary: Diary, start: date) -> None:
    diary.episodes.add(Episode(started_at=MORNING - timedelta(days=30), muscle="calf", side="left"))  # not a first run
    diary.trials.start(plan_trial("stretch before bed", "habit", MORNING.date(), block_days=7, pairs=2, start=start))


async def test_home_shows_tonights_block_and_y_answers_last_night(diary: Diary, clock: FakeClock) -> None:
    clock.current = MORNING
    _running_trial(diary, date(2026, 11, 18))  # last night (the 22nd) is day 5 of block 1; tonight day 6
    plan = diary.trials.current()
    assert plan is not None
    arm = blocks(plan)[0].arm
    async with CrampApp(diary, now=clock).run_test(size=(100, 30)) as pilot:
        line = _text(pilot.app, "#trial")
        assert f"Trial 'stretch before bed': {arm.upper()}, day 6 of 7 (pair 1 of 2)" in line
        assert "did you follow the plan?" in line and "y yes" in line
        await pilot.press("y")
        await pilot.pause()
        assert diary.trials.answers(plan.uuid) == {date(2026, 11, 22): True}
        assert "did you follow the plan?" not in _text(pilot.app, "#trial")


async def test_o_keeps_a_night_off_plan_and_x_skips_the_question(diary: Diary, clock: FakeClock) -> None:
    clock.current = MORNING
    _running_trial(diary, date(2026, 11, 18))
    plan = diary.trials.current()
    async with CrampApp(diary, now=clock).run_test(size=(100, 30)) as pilot:
        await pilot.press("x")
        await pilot.pause()
        assert "did you follow" not in _text(pilot.app, "#trial")
        assert diary.trials.answers(plan.uuid) == {}  # type: ignore[union-attr]
    clock.advance(days=1)
    async with CrampApp(diary, now=clock).run_test(size=(100, 30)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert diary.trials.answers(plan.uuid) == {date(2026, 11, 23): False}  # type: ignore[union-attr]


async def test_no_trial_no_line_and_y_does_nothing(diary: Diary, clock: FakeClock) -> None:
    async with CrampApp(diary, now=clock).run_test(size=(80, 24)) as pilot:
        assert not pilot.app.screen.query_one("#trial").has_class("shown")
        await pilot.press("y")
        assert isinstance(pilot.app.screen, HomeScreen)


async def test_T_plans_a_trial_through_the_form(diary: Diary, clock: FakeClock) -> None:
    async with CrampApp(diary, now=clock).run_test(size=(80, 24)) as pilot:
        await pilot.press("T")
        assert isinstance(pilot.app.screen, TrialScreen)
        assert "Press p to plan one" in _text(pilot.app, "#trial-status")
        await pilot.press("p")
        assert isinstance(pilot.app.screen, TrialForm)
        await pilot.press(*"magnesium")
        pilot.app.screen.query_one("#kind").value = "supplement"
        pilot.app.screen.query_one("#block_days").value = "7"
        pilot.app.screen.query_one("#pairs").value = "2"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, TrialScreen)
        plan = diary.trials.current()
        assert plan is not None and (plan.name, plan.kind, plan.block_days, plan.pairs) == ("magnesium", "supplement", 7, 2)
        assert plan.start == date(2026, 11, 23)  # tonight, the night into the 23rd
        assert "day 1 of 7 (pair 1 of 2)" in _text(pilot.app, "#trial-status")
        assert any("Talk to your healthcare provider" in n.message for n in pilot.app._notifications)


async def test_a_bad_value_in_the_form_names_the_field_and_saves_nothing(diary: Diary, clock: FakeClock) -> None:
    async with CrampApp(diary, now=clock).run_test(size=(80, 24)) as pilot:
        await pilot.press("T", "p", *"x")
        pilot.app.screen.query_one("#washout_days").value = "9"
        await pilot.press("ctrl+s")
        assert isinstance(pilot.app.screen, TrialForm)
        assert "Washout days: must be a whole number from 0 to 7" in _text(pilot.app, "#error")
    assert diary.trials.all() == []


async def test_extend_and_stop_ask_and_delete_asks_with_undo(diary: Diary, clock: FakeClock) -> None:
    # begun three nights ago: a trial not yet begun is deleted, not stopped
    diary.trials.start(plan_trial("stretch before bed", "habit", clock().date() - timedelta(days=3), block_days=7, pairs=2))
    async with CrampApp(diary, now=clock).run_test(size=(80, 24)) as pilot:
        await pilot.press("T", "e")
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert diary.trials.current().pairs == 3  # type: ignore[union-attr]
        assert "pair 1 of 3" in _text(pilot.app, "#trial-status")
        await pilot.press("s")
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert diary.trials.current().stopped_on is not None  # type: ignore[union-attr]
        assert "stopped early" in _text(pilot.app, "#trial-status")
        await pilot.press("d", "y")
        await pilot.pause()
        assert diary.trials.all() == []
        await pilot.press("u")
        await pilot.pause()
        assert [p.name for p in diary.trials.all()] == ["stretch before bed"]
