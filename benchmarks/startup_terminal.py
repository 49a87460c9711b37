"""First painted frame in a real terminal (tmux), against a bare Textual app, interleaved in one run.

    python benchmarks/startup_terminal.py /tmp/lifetime.db [--runs 9] [--size 80x24]

``startup.py`` runs headless; the person at 3 a.m. uses a terminal. Here each
run starts a fresh interpreter inside a new tmux session of the given size and
polls the pane (``capture-pane``) until the text that proves the first frame is
there: for cramp-diary the first episode row under the table's header, for the
bare app (Header, Static, Footer) its Static's text. The figure is the time from
launching the session to the first poll that shows it, so both apps pay the same
tmux and polling costs. The time until home's lines above the list (drawn a frame
after it) show too is printed beside it. Medians and (min-max) of the wall times and of the
per-run ratios are printed; target: at most 1.2x the bare app.

The marker row is read once, from a warm-up run that is left to settle, so the
script needs no knowledge of how a row is worded.
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = """
from textual.app import App
from textual.widgets import Footer, Header, Static

class Bare(App):
    def compose(self):
        yield Header()
        yield Static("bare app first frame")
        yield Footer()

Bare().run()
"""
BARE_MARKER = "bare app first frame"
#: The summary strip's first words: shown one frame after the list (home's lines follow its first frame).
SETTLED_MARKER = "this week"
#: Seconds a run may take before it counts as failed.
TIMEOUT = 30.0


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], check=True, capture_output=True, text=True).stdout


def launch(session: str, command: list[str], size: tuple[int, int]) -> None:
    """Start ``command`` in a new session, with bytecode caching on as an installed app has it.

    A tmux server started from a shell with PYTHONDONTWRITEBYTECODE keeps it in its global
    environment: every run would then compile our modules from source (Textual's come from
    the wheel's cache), about 120 ms the person starting the app never pays.
    """
    env_args = [a for k in ("PATH", "HOME", "LANG", "PYTHONPATH", "XDG_CONFIG_HOME") if k in os.environ
                for a in ("-e", f"{k}={os.environ[k]}")]
    tmux("new-session", "-d", "-s", session, "-x", str(size[0]), "-y", str(size[1]), *env_args,
         shlex.join(["env", "-u", "PYTHONDONTWRITEBYTECODE", *command]))


def screen(session: str) -> str:
    return tmux("capture-pane", "-p", "-t", session)


def time_to(command: list[str], markers: list[str], size: tuple[int, int]) -> list[float]:
    """Seconds from launching ``command`` in a new tmux session until each marker is first on its screen."""
    session = f"bench{os.getpid()}{time.monotonic_ns()}"
    began = time.perf_counter()
    launch(session, command, size)
    seen: dict[str, float] = {}
    try:
        while time.perf_counter() - began < TIMEOUT:
            shown = screen(session).lower()  # "Cramps this week" before round 5, "This week" since
            for marker in markers:
                if marker not in seen and marker.lower() in shown:
                    seen[marker] = time.perf_counter() - began
            if len(seen) == len(markers):
                return [seen[marker] for marker in markers]
            time.sleep(0.002)
        raise SystemExit(f"not all of {markers!r} on screen after {TIMEOUT:.0f} s:\n{screen(session)}")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


def first_row(command: list[str], size: tuple[int, int]) -> str:
    """The first episode row of a settled start: the line under the table header ('When ...')."""
    session = f"benchwarm{os.getpid()}"
    launch(session, command, size)
    try:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            if SETTLED_MARKER in screen(session).lower():
                time.sleep(1.0)  # let it settle, then find the row under the header
                lines = screen(session).splitlines()
                for i, line in enumerate(lines[:-1]):
                    if line.lstrip().startswith("When") and lines[i + 1].strip():
                        return lines[i + 1].strip()[:30].strip()
            time.sleep(0.05)
        raise SystemExit("the diary's first row never showed:\n" + screen(session))
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


def spread(values: list[float], unit: str = "ms") -> str:
    if unit == "ms":
        return f"{statistics.median(values) * 1000:.0f} ms ({min(values) * 1000:.0f}-{max(values) * 1000:.0f})"
    return f"{statistics.median(values):.2f}x ({min(values):.2f}-{max(values):.2f})"


def arguments(doc: str, runs: int) -> tuple[Path, int, tuple[int, int]]:
    """The diary, how many runs and the terminal's size: what both start-up benchmarks take."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("db", type=Path)
    parser.add_argument("--runs", type=int, default=runs)
    parser.add_argument("--size", default="80x24", help="columns x lines (default 80x24)")
    args = parser.parse_args()
    columns, lines = (int(n) for n in args.size.split("x"))
    return args.db, args.runs, (columns, lines)


def main() -> None:
    db, runs, size = arguments(__doc__ or "", runs=9)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_CONFIG_HOME"] = tmp  # no settings file: a personal theme must not skew the start
        bare_script = Path(tmp) / "bare.py"
        bare_script.write_text(BARE)
        bare = [sys.executable, str(bare_script)]
        cramp = [sys.executable, "-m", "cramp_diary", "--db", str(db.resolve())]
        marker = first_row(cramp, size)  # also warms the file cache and the bytecode
        time_to(bare, [BARE_MARKER], size)
        bare_times: list[float] = []
        cramp_times: list[float] = []
        settled_times: list[float] = []
        for _ in range(runs):  # interleaved, so machine noise hits both alike
            bare_times.append(time_to(bare, [BARE_MARKER], size)[0])
            row, settled = time_to(cramp, [marker, SETTLED_MARKER], size)
            cramp_times.append(row)
            settled_times.append(settled)
    ratios = [c / b for c, b in zip(cramp_times, bare_times)]
    ratio = statistics.median(cramp_times) / statistics.median(bare_times)
    print(f"{runs} runs each in tmux {size[0]}x{size[1]}, interleaved; medians (min-max); marker {marker!r}")
    print(f"bare Textual app (Header, Static, Footer): {spread(bare_times)}")
    print(f"cramp-diary, first episode row: {spread(cramp_times)}")
    print(f"ratio of medians {ratio:.2f}x, per-run ratios {spread(ratios, 'x')} "
          f"(target <= 1.2x): {'met' if ratio <= 1.2 else 'missed'}")
    settled_ratio = statistics.median(settled_times) / statistics.median(bare_times)
    print(f"cramp-diary, the week's line above the list too ({SETTLED_MARKER!r}): {spread(settled_times)} "
          f"= {settled_ratio:.2f}x bare")


if __name__ == "__main__":
    main()
