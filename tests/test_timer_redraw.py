"""A running timer redraws only what changed: a timer left on screen at night must stay light.

The screen reads the countdown 4 times a second (issue 4); the digits and the
text change once a second at most, a bar when it fills by half a cell. A sample
that would show the same must not update (and so repaint) any widget.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FakeClock
from fake_monotonic import FakeMonotonic
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Digits, Static
from timer_helpers import wait_for_routine

from cramp_diary.store import Diary
from cramp_diary.tui.app import CrampApp
from cramp_diary.tui.screens.timer import LATE_BY, SAMPLE_GAP, TimerScreen
from cramp_diary.tui.widgets.progress_line import ProgressLine


class Updates:
    """Counts Static.update and Digits.update calls, by widget id."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[str | None] = []
        for cls in (Static, Digits):
            original = cls.update

            def counted(widget, *args, _original=original, **kwargs):  # type: ignore[no-untyped-def]
                self.calls.append(widget.id)
                return _original(widget, *args, **kwargs)

            monkeypatch.setattr(cls, "update", counted)


def calf_timer(diary: Diary, clock: FakeClock, tmp_path: Path) -> tuple[CrampApp, FakeMonotonic]:
    """The app opened on a left-calf timer, on a monotonic clock the test moves, silent."""
    mono = FakeMonotonic()
    app = CrampApp(diary, now=clock, monotonic=mono, config_dir=tmp_path, start_screen=TimerScreen("calf", "left"))
    app.bell = lambda: None  # type: ignore[method-assign]
    return app, mono


async def running(pilot: Pilot[None]) -> TimerScreen:
    await wait_for_routine(pilot)
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, TimerScreen) and screen.phase == "running"
    return screen


async def test_ticks_with_the_same_second_update_no_widget(
    diary: Diary, clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, mono = calf_timer(diary, clock, tmp_path)
    async with app.run_test() as pilot:
        screen = await running(pilot)
        mono.advance(2.1)
        screen._tick()
        updates = Updates(monkeypatch)
        for _ in range(5):  # the same whole second: nothing new to show
            mono.advance(0.1)
            screen._tick()
        await pilot.pause()
        assert updates.calls == []
        mono.advance(1.0)  # the next second: the digits and the elapsed time change, the step text does not
        screen._tick()
        assert sorted(c for c in updates.calls if c) == ["countdown", "countdown-large", "elapsed"]
        assert screen.query_one("#countdown", Digits).value == "0:05"


async def test_pausing_updates_the_status_once(
    diary: Diary, clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, mono = calf_timer(diary, clock, tmp_path)
    async with app.run_test() as pilot:
        screen = await running(pilot)
        updates = Updates(monkeypatch)
        await pilot.press("space")
        for _ in range(4):
            mono.advance(0.3)
            screen._tick()
        assert updates.calls.count("status") == 1
        assert "paused" in str(screen.query_one("#status", Static).render())


class Repaints:
    """Counts repaint requests of the running routine's widgets, and how many asked for a new layout."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.widgets: list[str | None] = []
        self.layouts = 0
        original = Widget.refresh

        def counted(widget, *args, **kwargs):  # type: ignore[no-untyped-def]
            if widget.id in WATCHED:
                self.widgets.append(widget.id)
                self.layouts += bool(kwargs.get("layout"))
            return original(widget, *args, **kwargs)

        monkeypatch.setattr(Widget, "refresh", counted)


#: The parts of the running routine that change while a step counts down.
WATCHED = {"countdown", "countdown-large", "elapsed", "status", "step-bar", "routine-bar"}


def visible(screen: TimerScreen) -> dict[str, object]:
    """What each watched part shows now: the text of the digits and elapsed time, where each bar ends."""
    return {
        "countdown": screen.query_one("#countdown", Digits).value,
        "countdown-large": str(screen.query_one("#countdown-large", Static).render()),
        "elapsed": str(screen.query_one("#elapsed", Static).render()),
        "status": str(screen.query_one("#status", Static).render()),
        "step-bar": screen.query_one("#step-bar", ProgressLine).fraction,
        "routine-bar": screen.query_one("#routine-bar", ProgressLine).fraction,
    }


async def test_a_running_timer_samples_4_times_a_second_and_repaints_only_on_visible_changes(
    diary: Diary, clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Following the screen's own schedule through 20 s of the 30 s calf stretch, at 80 columns.

    A sample lands at least every 0.25 s and on every whole second (so each new second, the end and each
    step change are shown at once). Each part repaints exactly when what it shows changed, and all of them
    change together once a second, with the digits: the digits, the elapsed time and the bars (the step
    bar by the 4-5 half cells it filled in that second; it no longer moves between seconds, which made a
    frame of its own 4-5 times a second); nothing needs a new layout. Before issue 14, a fixed 4 Hz that
    redrew every bar on every tick made about 6 repaints a second, one a new layout.
    """
    app, mono = calf_timer(diary, clock, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await running(pilot)
        mono.advance(8 + 5)  # 5 s into the stretch
        screen._tick()
        await pilot.pause()
        start = mono()
        repaints = Repaints(monkeypatch)
        samples: list[float] = []
        changes = dict.fromkeys(WATCHED, 0)
        frames = 0  # samples that changed anything visible
        before = visible(screen)
        while mono() - start < 20:
            assert screen.next_sample is not None and 0 < screen.next_sample <= SAMPLE_GAP
            mono.advance(screen.next_sample)
            samples.append(mono() - start)
            screen._tick()
            now = visible(screen)
            changed = {part for part in WATCHED if now[part] != before[part]}
            for part in changed:
                changes[part] += 1
            if changed:
                frames += 1
                assert "countdown" in changed, f"{changed} moved between two seconds, at {samples[-1]:.3f}"
            before = now
        await pilot.pause()
        seconds = samples[-1]
        assert len(samples) >= 4 * int(seconds)
        # every whole second is sampled within LATE_BY of happening
        for second in range(1, int(seconds) + 1):
            assert any(second <= at <= second + LATE_BY + 1e-6 for at in samples), f"second {second} missed"
        for part in WATCHED:
            assert repaints.widgets.count(part) == changes[part], part
        for part in ("countdown", "countdown-large", "elapsed"):
            assert changes[part] == int(seconds), part
        assert changes["step-bar"] == int(seconds)  # about 4 half cells a second at this width: it moves each second
        assert changes["routine-bar"] >= 0.5 * seconds
        assert frames == int(seconds)  # one visible change a second
        assert changes["status"] == 0
        assert repaints.layouts == 0
        assert screen.query_one("#countdown", Digits).value == f"0:{25 - int(seconds):02d}"


async def test_a_paused_timer_samples_4_times_a_second_on_its_elapsed_time(
    diary: Diary, clock: FakeClock, tmp_path: Path
) -> None:
    """Paused, only the cramp's elapsed time moves: samples every 0.25 s, aligned on its whole seconds."""
    app, mono = calf_timer(diary, clock, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await running(pilot)
        mono.advance(10.3)
        screen._tick()
        await pilot.press("space")
        assert screen.next_sample == pytest.approx(0.2 + LATE_BY)
        mono.advance(screen.next_sample)
        screen._tick()
        assert screen.next_sample == pytest.approx(SAMPLE_GAP)


async def test_the_safety_step_stands_out_without_restyling_the_whole_screen(
    diary: Diary, clock: FakeClock, tmp_path: Path
) -> None:
    """The warning colour is on the step name alone: a class on the screen would restyle every widget."""
    app, mono = calf_timer(diary, clock, tmp_path)
    async with app.run_test() as pilot:
        screen = await running(pilot)
        name = screen.query_one("#step-name", Static)
        assert name.has_class("-safety") and not screen.has_class("-safety")
        safety_colour = name.styles.color
        mono.advance(8)  # the stretch
        screen._tick()
        await pilot.pause()
        assert not name.has_class("-safety")
        assert name.styles.color != safety_colour


async def test_the_step_change_flash_restyles_only_the_routine(
    diary: Diary, clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The flash shows on the routine's background; the screen is marked but not restyled as a whole."""
    monkeypatch.setattr("cramp_diary.tui.screens.timer.FLASH_SECONDS", 30)  # no fading before we look
    app, mono = calf_timer(diary, clock, tmp_path)
    async with app.run_test() as pilot:
        screen = await running(pilot)
        run = screen.query_one("#run")
        calm = run.styles.background
        restyled: list[object] = []
        original = type(app).update_styles

        def counted(self, node, *args, **kwargs):  # type: ignore[no-untyped-def]
            restyled.append(node)
            return original(self, node, *args, **kwargs)

        monkeypatch.setattr(type(app), "update_styles", counted)
        mono.advance(8)
        screen._tick()
        await pilot.pause()
        assert screen.has_class("-flash") and run.has_class("-flash")
        assert run.styles.background != calm
        assert screen not in restyled


async def test_a_moving_bar_re_renders_only_the_few_widgets_whose_clip_overlaps_it(
    diary: Diary, clock: FakeClock, tmp_path: Path
) -> None:
    """Each half cell the step bar fills is a frame, and Textual re-renders every widget whose clip overlaps it.

    The text and digits above the bars are grouped (their clip ends above the bars) and each bar draws its own
    label, so such a frame touches the screen's frame, the routine's containers, the bars and the next steps:
    8 widgets, where the bar in a row beside a label widget, among a dozen siblings, made 14.
    """
    app, mono = calf_timer(diary, clock, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await running(pilot)
        mono.advance(8 + 5)  # in the stretch
        screen._tick()
        await pilot.pause()
        bar = screen.query_one("#step-bar", ProgressLine)
        row = screen._compositor.visible_widgets[bar][0]
        rendered = {w for w, (_, clip) in screen._compositor.visible_widgets.items() if clip.overlaps(row)}
        assert len(rendered) <= 8, sorted(str(w) for w in rendered)
        for part in ("#step-name", "#instruction", "#countdown", "#elapsed", "#status", "#routine-title"):
            assert screen.query_one(part) not in rendered, part
        assert str(bar.render_line(0).text).startswith("this step   ━")
