"""TUI cold start to the first painted frame, against a bare Textual app, in the same run.

    python benchmarks/startup.py /tmp/lifetime.db [--runs 7]

Each run is a fresh interpreter (a cold start as a person has it), headless,
that exits as soon as the first screen is painted; the figure is the wall time
of the whole process. Target: cramp-diary at most 1.3x the bare app.
"""

from __future__ import annotations

import argparse
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


def timed(code: str, *args: str) -> float:
    began = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("db", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    timed(BARE), timed(CRAMP, str(args.db))  # warm the file cache, as a second launch would be
    bare, cramp = [], []
    for _ in range(args.runs):  # interleaved so machine noise hits both alike
        bare.append(timed(BARE))
        cramp.append(timed(CRAMP, str(args.db)))
    b, c = statistics.median(bare), statistics.median(cramp)
    print(f"bare Textual app (Header + Footer): median {b * 1000:.0f} ms over {args.runs} runs")
    print(f"cramp-diary home, {args.db}:       median {c * 1000:.0f} ms over {args.runs} runs")
    print(f"ratio {c / b:.2f}x (target <= 1.3x)")


if __name__ == "__main__":
    main()
