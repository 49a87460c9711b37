"""TUI cold start to the first painted frame, against a bare Textual app, in the same run.

    python benchmarks/startup.py /tmp/lifetime.db [--runs 11] [--baseline /tmp/main-checkout]

Each run is a fresh interpreter (a cold start as a person has it), headless,
that exits as soon as the first screen is painted; the figure is the wall time
of the whole process. Target: cramp-diary at most 1.3x the bare app.
The CPU time of each process (user + system) is printed too: on a machine
shared with other work, wall time is mostly waiting for a core, CPU time is not.

``--baseline`` is another checkout of the project (e.g. ``git worktree add
/tmp/base main``); its ``cramp_diary`` is put first on ``PYTHONPATH`` and timed
as A, interleaved with the bare app and this checkout (B), so machine noise
hits all three alike. Each figure is printed as median (min-max).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import NamedTuple

BARE = """
from textual.app import App
from textual.widgets import Footer, Header

class Bare(App):
    def compose(self):
        yield Header()
        yield Footer()

async def first_frame(pilot):
    await pilot.pause()
    pilot.app.exit()

Bare().run(headless=True, auto_pilot=first_frame)
"""

CRAMP = """
import sys
from pathlib import Path
from cramp_diary.store import Diary
from cramp_diary.clock import system_now
from cramp_diary.tui.app import CrampApp

async def first_frame(pilot):
    await pilot.pause()
    pilot.app.exit()

with Diary.open(Path(sys.argv[1]), system_now) as diary:
    CrampApp(diary).run(headless=True, auto_pilot=first_frame)
"""


#: The screen every run starts at (columns, lines): the headless default.
SIZE = (80, 24)


class Run(NamedTuple):
    wall: float
    cpu: float


def timed(code: str, *args: str, source: Path | None = None) -> Run:
    """Wall and CPU time of one fresh interpreter; ``source`` puts another checkout's package first."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # with it, an editable install recompiles on every start
    # One screen size for Rich and the headless driver, as a terminal gives both. Without
    # it Rich falls back to 80x25 and the driver to 80x24, so every app laid out and drew
    # its first screen twice (once per size), which no terminal start does.
    env.update(COLUMNS=str(SIZE[0]), LINES=str(SIZE[1]))
    if source is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(source), env.get("PYTHONPATH")]))
    began = time.perf_counter()
    # run from /: `python -c` puts the working folder first on the path, where a
    # checkout's package would shadow the baseline's (and the installed one)
    process = subprocess.Popen([sys.executable, "-c", code, *args], env=env, cwd="/",
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - began
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"a run failed (exit {process.returncode}); run it by hand to see why")
    return Run(wall, usage.ru_utime + usage.ru_stime)


def spread(times: list[float]) -> str:
    return f"{statistics.median(times) * 1000:.0f} ms ({min(times) * 1000:.0f}-{max(times) * 1000:.0f})"


def report(name: str, runs: list[Run], bare: list[Run]) -> float:
    """One line: wall and CPU medians with their ranges, and the ratios to the bare app's medians."""
    walls, cpus = [r.wall for r in runs], [r.cpu for r in runs]
    ratio = statistics.median(walls) / statistics.median(r.wall for r in bare)
    cpu_ratio = statistics.median(cpus) / statistics.median(r.cpu for r in bare)
    per_run = sorted(r.wall / b.wall for r, b in zip(runs, bare))
    print(f"{name}: wall {spread(walls)}, {ratio:.2f}x bare (per run {per_run[0]:.2f}-{per_run[-1]:.2f}); "
          f"CPU {spread(cpus)}, {cpu_ratio:.2f}x bare")
    return ratio


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("db", type=Path)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--baseline", type=Path, help="another checkout of cramp-diary, timed interleaved as A")
    args = parser.parse_args()
    db = str(args.db.resolve())
    # warm the file cache and the bytecode, as a second launch would have them
    timed(BARE), timed(CRAMP, db)
    if args.baseline:
        timed(CRAMP, db, source=args.baseline)
    bare: list[Run] = []
    cramp: list[Run] = []
    base: list[Run] = []
    for _ in range(args.runs):  # interleaved so machine noise hits all alike
        bare.append(timed(BARE))
        if args.baseline:
            base.append(timed(CRAMP, db, source=args.baseline))
        cramp.append(timed(CRAMP, db))
    print(f"{args.runs} runs each, interleaved; medians (min-max)")
    report("bare Textual app (Header + Footer)", bare, bare)
    if args.baseline:
        report(f"A {args.baseline}", base, bare)
    ratio = report(f"B cramp-diary home, {db}", cramp, bare)
    print(f"ratio {ratio:.2f}x (target <= 1.3x): {'met' if ratio <= 1.3 else 'missed'}")

if __name__ == "__main__":
    main()
