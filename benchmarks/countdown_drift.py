"""How exact is the cramp timer inside a real, possibly overloaded, Textual app?

Runs a whole routine on the real timer screen in a headless app and reports:

- end error: the routine's recorded end against the ideal end on the monotonic
  clock (the countdown computes it from the clock, so this should be 0);
- notice lag: how long after that end the screen saw it (the screen reads the
  countdown 5 ms after each quarter second it waits for, plus any stall of the
  event loop);
- refresh/s: what issue 4 asks for ("the display updates at least 4 times a
  second"): readings of the countdown, each bringing the display up to date,
  per second while the routine runs; changed/s: how many of them changed
  something visible (digits, elapsed time, a bar's half cell); the median and
  longest gap between two readings.

``--scale 0.05`` runs the same routine twenty times faster by speeding up the
clock the countdown reads; the screen's waits stay in real time (at most 0.25 s),
so the readings still come at least 4 times a real second, but no longer on the
routine's whole seconds: the notice lag is then up to one wait (250 ms).
All figures are printed in real milliseconds.
``--busy-ms 60`` blocks the event loop for 60 ms every 100 ms, to show that a
busy loop makes the display late but not the countdown wrong.
Not run by CI:  python benchmarks/countdown_drift.py --scale 0.05 --busy-ms 60
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")

from cramp_diary.clock import system_now  # noqa: E402
from cramp_diary.countdown import CountdownState  # noqa: E402
from cramp_diary.routines import ROUTINE_KEYS, builtin_routines  # noqa: E402
from cramp_diary.store import Diary  # noqa: E402
from cramp_diary.tui.app import CrampApp  # noqa: E402
from cramp_diary.tui.screens import timer as timer_module  # noqa: E402
from cramp_diary.tui.screens.timer import TimerScreen  # noqa: E402
from cramp_diary.tui.widgets.progress_line import ProgressLine  # noqa: E402
from cramp_diary.tui.widgets.routine_view import RoutineView  # noqa: E402


class ScaledClock:
    """A monotonic clock running ``1 / scale`` times faster than the real one."""

    def __init__(self, scale: float) -> None:
        self.scale = scale
        self.origin = time.monotonic()

    def __call__(self) -> float:
        return self.origin + (time.monotonic() - self.origin) / self.scale

    def to_real(self, scaled: float) -> float:
        return self.origin + (scaled - self.origin) * self.scale


class MeasuredTimer(TimerScreen):
    """The real timer screen, noting when it refreshed and when it saw the end."""

    CSS_PATH = str(Path(timer_module.__file__).with_name("timer.tcss"))  # relative paths follow the subclass

    def __init__(self, muscle: str) -> None:
        super().__init__(muscle, None if muscle == "bedtime" else "left")
        self.refreshes: list[float] = []
        """When each reading came (real time)."""
        self.changed = 0
        """Readings that changed something visible."""
        self.shown: object = None
        self.started_scaled: float | None = None
        self.noticed_end: float | None = None

    def _start(self) -> None:
        self.started_scaled = self.app.monotonic()
        super()._start()

    def _tick(self) -> None:
        running = self.phase == "running"
        if running:
            self.refreshes.append(time.monotonic())
        super()._tick()
        if running:
            view = self.query_one(RoutineView)
            bars = tuple(bar.fraction for bar in view.query(ProgressLine))
            shown = (dict(view._shown), bars)
            self.changed += self.shown is not None and shown != self.shown
            self.shown = shown

    def _finish(self, state: CountdownState) -> None:
        self.noticed_end = time.monotonic()
        super()._finish(state)


async def measure(muscle: str, scale: float, busy_ms: float, busy_every_ms: float) -> dict[str, float]:
    clock = ScaledClock(scale)
    screen = MeasuredTimer(muscle)
    with tempfile.TemporaryDirectory() as folder, Diary.open(Path(folder) / "bench.db", system_now) as diary:
        app = CrampApp(diary, monotonic=clock, start_screen=screen)
        app.bell = lambda: None  # type: ignore[method-assign]

        def busy() -> None:
            end = time.perf_counter() + busy_ms / 1000
            while time.perf_counter() < end:
                pass

        async with app.run_test(size=(80, 24)) as pilot:
            if busy_ms:
                app.set_interval(busy_every_ms / 1000, busy)
            while screen.noticed_end is None:
                await asyncio.sleep(0.05)
            await pilot.pause()
    assert screen.countdown is not None and screen.started_scaled is not None
    total = screen.countdown.routine.total_seconds
    ideal_end = clock.to_real(screen.started_scaled + total)
    running = screen.refreshes
    gaps = [b - a for a, b in zip(running, running[1:])]
    span = running[-1] - running[0]
    return {
        "routine_s": total * scale,
        "end_error_ms": (screen.countdown.duration - total) * scale * 1000,
        "notice_lag_ms": (screen.noticed_end - ideal_end) * 1000,
        "refresh_hz": (len(running) - 1) / span if span else 0.0,
        "changed_hz": screen.changed / span if span else 0.0,
        "median_gap_ms": statistics.median(gaps) * 1000,
        "max_gap_ms": max(gaps) * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--routine", choices=ROUTINE_KEYS, default="calf")
    parser.add_argument("--scale", type=float, default=1.0, help="clock speed-up: 0.05 runs 20x faster (default 1: real time)")
    parser.add_argument("--busy-ms", type=float, default=0.0, help="block the event loop this long ...")
    parser.add_argument("--busy-every-ms", type=float, default=100.0, help="... this often")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    seconds = builtin_routines()[args.routine].total_seconds * args.scale
    print(
        f"{args.routine} routine, {seconds:.1f} s real per run, scale {args.scale}, "
        f"busy {args.busy_ms:g} ms every {args.busy_every_ms:g} ms; "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    print(
        f"{'run':>3} {'end error ms':>13} {'notice lag ms':>14} {'refresh/s':>10} {'changed/s':>10}"
        f" {'median gap ms':>14} {'max gap ms':>11}"
    )
    for run in range(1, args.runs + 1):
        figures = asyncio.run(measure(args.routine, args.scale, args.busy_ms, args.busy_every_ms))
        print(
            f"{run:>3} {figures['end_error_ms']:>13.3f} {figures['notice_lag_ms']:>14.1f} "
            f"{figures['refresh_hz']:>10.2f} {figures['changed_hz']:>10.2f}"
            f" {figures['median_gap_ms']:>14.1f} {figures['max_gap_ms']:>11.1f}"
        )


if __name__ == "__main__":
    main()
