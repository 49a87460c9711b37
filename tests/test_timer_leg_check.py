"""The timer's safety question: y takes the massage out and warns, n and enter go straight on."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FakeClock
from fake_monotonic import FakeMonotonic
from textual.pilot import Pilot
from textual.widgets import SelectionList, Static
from timer_helpers import refresh, wait_for_routine

from cramp_diary.store import Diary
from cramp_diary.tui.app import CrampApp
from cramp_diary.tui.screens.episode_form import EpisodeForm
from cramp_diary.tui.screens.timer import TimerScreen

#: The built-in calf routine without massage: safety 8, stretch 30, caution 8, stand 20, walk 30, after-care 10.
CAUTIOUS_CALF = 106


def text(pilot: Pilot[None], selector: str) -> str:
    return str(pilot.app.screen.query_one(selector, Static).render())


def routine_text(screen: TimerScreen) -> str:
    assert screen.routine is not None
    return " ".join(f"{step.name} {step.instruction}" for step in screen.routine.steps)


async def start(pilot: Pilot[None]) -> TimerScreen:
    await wait_for_routine(pilot)
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, TimerScreen)
    return screen


@pytest.fixture
def app(diary: Diary, clock: FakeClock, tmp_path: Path) -> CrampApp:
    app = CrampApp(diary, now=clock, monotonic=FakeMonotonic(), config_dir=tmp_path, start_timer=("calf", "left"))
    app.bell = lambda: None  # type: ignore[method-assign]
    return app


async def test_the_safety_step_asks_the_question(app: CrampApp) -> None:
    async with app.run_test() as pilot:
        await start(pilot)
        assert "Is this leg swollen, warm, red, or tender even between cramps?" in text(pilot, "#instruction")
        assert "y / n" in text(pilot, "#instruction")


async def test_yes_drops_massage_warns_and_opens_the_form_on_the_signs(app: CrampApp, diary: Diary) -> None:
    async with app.run_test(size=(100, 50)) as pilot:
        screen = await start(pilot)
        await pilot.press("y")
        await pilot.pause()
        assert screen.leg_check == "yes"
        assert "Stretch the calf" in text(pilot, "#step-name")
        advice = text(pilot, "#leg-advice")
        assert "Contact a healthcare provider now" in advice and "call emergency services now" in advice
        assert "rub the tight calf" not in routine_text(screen)
        assert "No massage this time" in routine_text(screen)
        [waiting] = diary.episodes.unfinished()
        assert waiting.leg_check == "yes"  # remembered at once, before the cramp ends
        app.monotonic.advance(CAUTIOUS_CALF)  # type: ignore[attr-defined]
        await refresh(pilot)
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, EpisodeForm)
        assert "massage" not in form.draft.reliefs
        assert form.focused is form.query_one("#signs", SelectionList)
        assert "which of these did you see" in str(form.query_one("#signs-question", Static).render())
        assert form.query_one("#signs", SelectionList).selected == []  # nothing ticked for the person
        await pilot.press("ctrl+s")
        await pilot.pause()
        [saved] = diary.episodes.newest_first()
        assert (saved.leg_check, saved.signs) == ("yes", ())


@pytest.mark.parametrize("key", ["n", "enter"])
async def test_no_and_enter_go_straight_to_the_stretch_with_massage(app: CrampApp, diary: Diary, key: str) -> None:
    async with app.run_test() as pilot:
        screen = await start(pilot)
        await pilot.press(key)
        await pilot.pause()
        assert screen.leg_check == "no"
        assert screen.phase == "running"  # enter answered; it did not end the cramp
        assert "Stretch the calf" in text(pilot, "#step-name")
        assert "Massage while stretching" in text(pilot, "#next-steps")
        assert not pilot.app.screen.query_one("#leg-advice", Static).display
        [waiting] = diary.episodes.unfinished()
        assert waiting.leg_check == "no"
        await pilot.press("enter")  # now enter means "released"
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, EpisodeForm)
        assert form.focused is form.query_one("#muscle")
        assert not form.query("#signs-question")


async def test_unanswered_the_massage_stays_out_and_n_before_it_brings_it_back(app: CrampApp, diary: Diary) -> None:
    async with app.run_test() as pilot:
        screen = await start(pilot)
        assert "No massage this time" in text(pilot, "#next-steps")  # out until a "no"
        app.monotonic.advance(9)  # type: ignore[attr-defined]  # the safety step ends unanswered
        await refresh(pilot)
        await pilot.pause(0.4)  # the question is redrawn after the step's flash
        assert screen.leg_check is None
        assert "Stretch the calf" in text(pilot, "#step-name")
        assert "Massage is next only after a no" in text(pilot, "#instruction")
        assert "No massage this time" in text(pilot, "#next-steps")
        await pilot.press("n")
        await pilot.pause()
        assert screen.leg_check == "no"
        assert "Stretch the calf" in text(pilot, "#step-name")  # the stretch goes on
        assert "Massage while stretching" in text(pilot, "#next-steps")
        [waiting] = diary.episodes.unfinished()
        assert waiting.leg_check == "no"


async def test_enter_on_the_second_asking_means_released_not_no(app: CrampApp, diary: Diary) -> None:
    async with app.run_test() as pilot:
        screen = await start(pilot)
        app.monotonic.advance(9)  # type: ignore[attr-defined]
        await refresh(pilot)
        await pilot.pause(0.4)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.leg_check is None
        assert isinstance(pilot.app.screen, EpisodeForm)
        assert "massage" not in pilot.app.screen.draft.reliefs
