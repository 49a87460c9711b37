"""TUI cold start to the first painted frame, against a bare Textual app, in the same run.

    python benchmarks/startup.py /tmp/lifetime.db [--runs 11] [--baseline /tmp/main-checkout]

Each run is a fresh interpreter (a cold start as a person has it), headless,
that exits as soon as the first screen is painted; the figure is the wall time
of the whole process. Target: cramp-diary at most 1.3x the bare app.

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


def timed(code: str, *args: str, source: Path | None = None) -> float:
    """Wall time of one fresh interpreter; ``source`` puts another checkout's package first."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # with it, an editable install recompiles on every start
    if source is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(source), env.get("PYTHONPATH")]))
    began = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True, env=env)
    return time.perf_counter() - began


def spread(times: list[float]) -> str:
    return f"median {statistics.median(times) * 1000:.0f} ms ({min(times) * 1000:.0f}-{max(times) * 1000:.0f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("db", type=Path)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--baseline", type=Path, help="another checkout of cramp-diary, timed interleaved as A")
    args = parser.parse_args()
    db = str(args.db)
    # warm the file cache and the bytecode, as a second launch would have them
    timed(BARE), timed(CRAMP, db)
    if args.baseline:
        timed(CRAMP, db, source=args.baseline)
    bare: list[float] = []
    cramp: list[float] = []
    base: list[float] = []
    for _ in range(args.runs):  # interleaved so machine noise hits all alike
        bare.append(timed(BARE))
        if args.baseline:
            base.append(timed(CRAMP, db, source=args.baseline))
        cramp.append(timed(CRAMP, db))
    b = statistics.median(bare)
    ratios = sorted(c / a for c, a in zip(cramp, bare))
    print(f"bare Textual app (Header + Footer): {spread(bare)} over {args.runs} runs")
    if args.baseline:
        base_ratios = sorted(c / a for c, a in zip(base, bare))
        print(f"A baseline {args.baseline}: {spread(base)}, ratio {statistics.median(base) / b:.2f}x "
              f"(per-run {base_ratios[0]:.2f}-{base_ratios[-1]:.2f})")
    c = statistics.median(cramp)
    print(f"B cramp-diary home, {db}: {spread(cramp)}, ratio {c / b:.2f}x "
          f"(per-run {ratios[0]:.2f}-{ratios[-1]:.2f})")
    print(f"ratio {c / b:.2f}x (target <= 1.3x): {'met' if c / b <= 1.3 else 'missed'}")


if __name__ == "__main__":
    main()
