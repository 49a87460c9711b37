"""The cramp timer's phases and keys, driven directly on the model: no screen, no Pilot."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from conftest import FakeClock, new_diary
from hypothesis import given
from hypothesis import settings as budget
from hypothesis import strategies as st
from fake_monotonic import FakeMonotonic

from cramp_diary.model import Episode
from cramp_diary.routines import builtin_routines
from cramp_diary.store import Diary, DiaryError
from cramp_diary.timer_model import LEG_QUESTION, LEG_QUESTION_AGAIN, MAX_EARLIER, SIGNS_QUESTION, TimerModel


def blank(now: datetime) -> Episode:
    return Episode(started_at=now, muscle="", side="")


def timer(diary: Diary, clock: FakeClock, monotonic: FakeMonotonic, **choice: object) -> TimerModel:
    model = TimerModel(diary, clock, monotonic, builtin_routines(), draft=blank, **choice)  # type: ignore[arg-type]
    model.open()
    return model


@pytest.fixture
def monotonic() -> FakeMonotonic:
    return FakeMonotonic()


def test_a_bad_muscle_or_side_is_refused_up_front(diary: Diary, clock: FakeClock, monotonic: FakeMonotonic) -> None:
    with pytest.raises(ValueError, match="muscle must be one of"):
        TimerModel(diary, clock, monotonic, builtin_routines(), muscle="ear", draft=blank)
    with pytest.raises(ValueError, match="side must be one of"):
        TimerModel(diary, clock, monotonic, builtin_routines(), side="middle", draft=blank)


def test_picker_asks_muscle_then_side_and_nothing_is_written_before_the_start(
    diary: Diary, clock: FakeClock, monotonic: FakeMonotonic
) -> None:
    model = timer(diary, clock, monotonic)
    assert model.phase == "muscle"
    assert model.allows("pick") and model.allows("back") and not model.allows("side")
    assert not model.allows("again")  # no last cramp to repeat
    assert not model.allows("pause") and not model.allows("abandon")
    model.pick("calf")
    assert model.phase == "side" and model.allows("side") and not model.allows("pick")
    assert diary.episodes.unfinished() == []
    model.choose_side("left")
    assert model.phase == "running"
    [written] = diary.episodes.unfinished()
    assert (written.muscle, written.side, written.status) == ("calf", "left", "open")
    assert model.title.endswith(", left leg")


def test_enter_repeats_the_last_muscle(diary: Diary, clock: FakeClock, monotonic: FakeMonotonic) -> None:
    diary.episodes.add(Episode(started_at=clock(), muscle="foot", side="right"))
    model = timer(diary, clock, monotonic, side="right")
    assert model.allows("again")
    model.again()
    assert (model.muscle, model.phase) == ("foot", "running")


def test_a_known_muscle_and_side_start_at_once_and_bedtime_needs_no_side(
    diary: Diary, clock: FakeClock, monotonic: FakeMonotonic
) -> None:
    assert timer(diary, clock, monotonic, muscle="calf", side="both").phase == "running"
    bedtime = timer(diary, clock, monotonic, muscle="bedtime")
    assert bedtime.phase == "running" and bedtime.side == "both" and bedtime.session is None
    assert bedtime.allows("finish") and not bedtime.allows("release") and not bedtime.allows("earlier")
    assert bedtime.leg_question is None


def test_space_means_pause_then_resume(diary: Diary, clock: FakeClock, monotonic: FakeMonotonic) -> None:
    model = timer(diary, clock, monotonic, muscle="calf", side="left")
    assert model.allows("pause") and not model.allows("resume")
    model.pause()
    assert model.allows("resume") and not model.allows("pause")
    model.resume()
    assert model.allows("pause")


def test_enter_answers_the_leg_question_before_it_means_released(
    diary: Diary, clock: FakeClock, monotonic: FakeMonotonic
) -> None:
    model = timer(diary, clock, monotonic, muscle="calf", side="left")
    assert model.leg_question == LEG_QUESTION
    assert model.asking() and model.allows("leg_check") and not model.allows("release")
    notices, advice = model.answer_leg_question("no")
    assert (notices, advice) == ([], None)
    assert not model.asking() and model.allows("release") and model.leg_question is None
    assert model.countdown is not None and model.countdown.state().step.kind == "hold"  # moved on to the stretch
    [stored] = diary.episodes.unfinished()
    assert stored.leg_check == "no"


def test_yes_takes_the_massage_out_keeps_advice_and_asks_for_signs(
    diary: Diary, clock: FakeClock, monotonic: FakeMonotonic
) -> None:
    model = timer(diary, clock, monotonic, muscle="calf", side="left")
    _, advice = model.answer_leg_question("yes")
    assert advice and "healthcare provider" in advice.lower()
    assert model.routine is not None and all(step.relief != "massage" for step in model.routine.steps)
    assert model.answer_leg_question("no") == ([], None)  # asked once: a second answer does nothing
    model.release()
    sample = model.sample()
    assert sample is not None and sample.state.finished
    ending = model.finish(sample.state)
    assert ending.signs_question == SIGNS_QUESTION and ending.to_confirm is not None
    assert model.phase == "finished"


def massage_steps(model: TimerModel) -> list[str]:
    assert model.routine is not None
    return [step.kind for step in model.routine.steps if step.relief == "massage" or step.kind == "caution"]


def test_unanswered_the_massage_stays_out_and_the_question_comes_back_before_it(
    diary: Diary, clock: FakeClock, monotonic: FakeMonotonic
) -> None:
    """The finding: unanswered, the question vanished with its step and the massage stayed in."""
    model = timer(diary, clock, monotonic, muscle="calf", side="left")
    assert massage_steps(model) == ["caution"]  # out until a "no"
    monotonic.advance(8.1)  # the safety step ends unanswered; the stretch (the step before the massage) begins
    sample = model.sample()
    assert sample is not None and sample.step_changes == 1 and sample.question_changed  # worded anew, enter freed
    assert model.asking() and model.leg_question == LEG_QUESTION_AGAIN
    assert model.allows("leg_check") and not model.allows("leg_enter") and model.allows("release")  # enter: released
    monotonic.advance(30)  # the stretch ends unanswered too: the caution step, and no more asking
    sample = model.sample()
    assert sample is not None and sample.question_changed and not model.asking()
    assert model.countdown is not None and model.countdown.state().step.kind == "caution"
    assert model.leg_check is None and massage_steps(model) == ["caution"]


def test_no_before_the_massage_brings_it_back_without_cutting_the_stretch(
    diary: Diary, clock: FakeClock, monotonic: FakeMonotonic
) -> None:
    model = timer(diary, clock, monotonic, muscle="calf", side="left")
    monotonic.advance(8.1)
    model.sample()
    stretch_left = model.countdown.state().remaining  # type: ignore[union-attr]
    assert model.answer_leg_question("no") == ([], None)
    assert massage_steps(model) == ["hold"]
    assert model.countdown.state().step.relief == "stretch"  # type: ignore[union-attr]
    assert model.countdown.state().remaining == stretch_left  # type: ignore[union-attr]
    assert not model.asking() and model.leg_question is None
    [stored] = diary.episodes.unfinished()
    assert stored.leg_check == "no"


def test_yes_before_the_massage_keeps_it_out_and_gives_the_advice(
    diary: Diary, clock: FakeClock, monotonic: FakeMonotonic
) -> None:
    model = timer(diary, clock, monotonic, muscle="calf", side="left")
    monotonic.advance(8.1)
    model.sample()
    _, advice = model.answer_leg_question("yes")
    assert advice and massage_steps(model) == ["caution"] and model.leg_check == "yes"


def test_a_warning_sign_in_the_diary_keeps_the_massage_out_whatever_the_answer(
    diary: Diary, clock: FakeClock, monotonic: FakeMonotonic
) -> None:
    model = timer(diary, clock, monotonic, muscle="calf", side="left", avoid_massage=True)
    model.answer_leg_question("no")
    assert massage_steps(model) == ["caution"]
    monotonic.advance(1)
    model.sample()
    assert not model.asking()  # not asked again: the caution is there for the diary's sign


def test_released_cramp_is_measured_saved_and_handed_to_the_form(
    diary: Diary, clock: FakeClock, monotonic: FakeMonotonic
) -> None:
    model = timer(diary, clock, monotonic, muscle="calf", side="left")
    model.answer_leg_question("no")
    monotonic.advance(40)
    model.release()
    sample = model.sample()
    assert sample is not None
    ending = model.finish(sample.state)
    assert ending.released and ending.to_confirm is not None and ending.to_confirm.duration == 40
    assert "stretch" in ending.to_confirm.reliefs
    assert ending.stored is not None and ending.stored.duration == 40  # saved at once, still unfinished
    assert model.confirmed(None)[0].text.startswith("Not saved yet")
    assert model.confirmed(ending.to_confirm) == []
    assert model.close() == {ending.stored.uuid}


def test_began_earlier_moves_the_start_back_a_minute_a_press_up_to_a_limit(
    diary: Diary, clock: FakeClock, monotonic: FakeMonotonic
) -> None:
    model = timer(diary, clock, monotonic)
    model.began_earlier()
    assert model.earlier == 60 and diary.episodes.unfinished() == []  # nothing written while picking
    model.pick("calf")
    model.choose_side("right")
    [stored] = diary.episodes.unfinished()
    assert clock() - stored.started_at == timedelta(minutes=1)
    while model.allows("earlier"):
        assert model.began_earlier() == []
    assert model.earlier == MAX_EARLIER
    [refused] = model.began_earlier()
    assert "At most 30 minutes earlier" in refused.text


def test_discarding_deletes_the_unfinished_cramp(diary: Diary, clock: FakeClock, monotonic: FakeMonotonic) -> None:
    model = timer(diary, clock, monotonic, muscle="calf", side="left")
    assert model.stopping_asks
    assert model.discard() == []
    assert diary.episodes.unfinished() == [] and model.phase == "finished"


def test_closing_mid_cramp_keeps_the_time_so_far(diary: Diary, clock: FakeClock, monotonic: FakeMonotonic) -> None:
    model = timer(diary, clock, monotonic, muscle="calf", side="left")
    monotonic.advance(25)
    model.save_so_far()
    [stored] = diary.episodes.unfinished()
    assert stored.duration == 25


def test_bedtime_is_noted_only_when_held_long_enough(diary: Diary, clock: FakeClock, monotonic: FakeMonotonic) -> None:
    quick = timer(diary, clock, monotonic, muscle="bedtime")
    assert not quick.stopping_asks
    quick.release()
    [notice] = quick.finish(quick.countdown.state()).notices  # type: ignore[union-attr]
    assert notice.text.startswith("Only a few seconds")
    full = timer(diary, clock, monotonic, muscle="bedtime")
    monotonic.advance(200)
    sample = full.sample()
    assert sample is not None and sample.state.finished
    [noted] = full.finish(sample.state).notices
    assert "noted for tonight" in noted.text


class BrokenDiary:
    """Reading the last cramp works, every write fails (``diary.episodes.add``, ...): the timer runs anyway and says so."""

    path = Path("/nonexistent/diary.db")

    def __init__(self, name: str = "diary") -> None:
        self.name = name

    def __getattr__(self, name: str) -> BrokenDiary:
        return BrokenDiary(f"{self.name}.{name}")

    def __call__(self, *args: object, **kwargs: object) -> object:
        if self.name == "diary.episodes.last":
            return None
        raise DiaryError(f"diary.db is busy ({self.name})")


def test_a_failed_write_is_said_and_the_timer_runs_anyway(diary: Diary, clock: FakeClock, monotonic: FakeMonotonic) -> None:
    model = TimerModel(BrokenDiary(), clock, monotonic, builtin_routines(), muscle="calf", side="left", draft=blank)  # type: ignore[arg-type]
    [notice] = model.open()
    assert notice.severity == "error" and "the timer runs anyway" in notice.text
    assert model.phase == "running" and model.countdown is not None


async def test_quitting_the_app_mid_cramp_keeps_the_time_so_far(
    diary: Diary, clock: FakeClock, monotonic: FakeMonotonic, tmp_path: object
) -> None:
    """The timer declares SavesOnExit; the app finds it by that, not by looking for its module."""
    from cramp_diary.tui.app import CrampApp
    from cramp_diary.tui.context import SavesOnExit
    from cramp_diary.tui.screens.timer import TimerScreen

    screen = TimerScreen("calf", "left")
    assert isinstance(screen, SavesOnExit)
    app = CrampApp(diary, now=clock, monotonic=monotonic, start_screen=screen)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert screen.model is not None and screen.model.phase == "running"
        monotonic.advance(25)
        app.exit()
        await pilot.pause()
    [unfinished] = diary.episodes.unfinished()
    assert unfinished.duration == 25


ORDER = {"muscle": 0, "side": 1, "running": 2, "finished": 3}
KEYS = st.sampled_from(
    [("pick", "calf"), ("pick", "bedtime"), ("again", None), ("side", "left"), ("earlier", None), ("leg", "yes"),
     ("leg", "no"), ("pause", None), ("resume", None), ("skip", None), ("extend", None), ("release", None),
     ("wait", None)]
)


@budget(max_examples=80, deadline=None)
@given(keys=st.lists(st.tuples(KEYS, st.floats(min_value=0, max_value=40)), max_size=25))
def test_any_key_sequence_keeps_the_phases_forward_and_one_meaning_per_key(
    keys: list[tuple[tuple[str, str | None], float]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    clock, monotonic = FakeClock(), FakeMonotonic()
    with new_diary(tmp_path_factory.mktemp("d") / "diary.db", clock) as diary:
        model = timer(diary, clock, monotonic)
        act = {
            "pick": lambda arg: model.pick(arg), "again": lambda _: model.again(), "side": lambda arg: model.choose_side(arg),
            "earlier": lambda _: model.began_earlier(), "leg": lambda arg: model.answer_leg_question(arg),
            "pause": lambda _: model.pause(), "resume": lambda _: model.resume(), "skip": lambda _: model.skip(),
            "extend": lambda _: model.extend(), "release": lambda _: model.release(),
        }
        allowed_as = {"leg": "leg_check"}
        for (key, arg), seconds in keys:
            before = ORDER[model.phase]
            if key == "wait":
                monotonic.advance(seconds)
            elif model.allows(allowed_as.get(key, key)):
                act[key](arg)
            sample = model.sample()
            if sample is not None and sample.state.finished:
                model.finish(sample.state)
            assert ORDER[model.phase] >= before  # never back to an earlier question
            if model.phase == "running":
                assert model.allows("pause") != model.allows("resume")  # space means one thing
                # enter answers "no" on the safety step; asked again later, enter means "released" and y/n answer
                assert not (model.allows("leg_enter") and model.allows("release"))
                assert model.allows("release") != model.allows("finish") or model.allows("leg_enter")
            assert len(diary.episodes.unfinished()) <= 1  # one run writes at most one cramp
