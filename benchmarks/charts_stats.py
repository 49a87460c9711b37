"""`cramp-diary stats` and the charts screen on a lifetime diary: time to draw and peak memory.

    python benchmarks/lifetime.py /tmp/lifetime.db      # once: 100 000 episodes, about 50 years
    python benchmarks/charts_stats.py /tmp/lifetime.db [--runs 5] [--baseline /tmp/base --baseline-db /tmp/base.db]

With ``--baseline`` (a checkout of another version, e.g. ``git worktree add /tmp/base main``)
every measurement runs interleaved for it (A) and this checkout (B); give
``--baseline-db`` a copy of the diary at A's schema version when B's is newer.

Every measurement is a fresh process, with the clock fixed at the lifetime
diary's last day so "the last 12 weeks" always holds data:

- stats: the whole command (start, open, count, print the chart), wall time;
  for the last 12 weeks and for all records.
- charts: inside a headless app already showing home, the time from pressing
  `c` until the charts screen has been drawn in full; then the time to switch
  to all records (`w` up to "All records"), and to draw each of the other
  four charts over all records.
- memory: peak RSS of the process (getrusage of the finished child), and the
  peak of Python allocations while the stats or charts are made (tracemalloc,
  in a separate run, because tracing slows everything down). A process that
  only opens the home screen gives the baseline RSS of the app itself.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import textwrap
from pathlib import Path

#: The lifetime diary's "now" (benchmarks/lifetime.py ends there).
END = "2026-11-22T21:30:00+01:00"

STATS = textwrap.dedent(
    """
    import json, sys, time, tracemalloc
    trace = sys.argv[2] == "trace"
    if trace:
        tracemalloc.start()
    from datetime import datetime
    from cramp_diary.cli import cli
    now = datetime.fromisoformat(%r)
    began = time.perf_counter()
    try:
        cli.main(["--db", sys.argv[1], "stats", *sys.argv[3:]], obj={"now": lambda: now}, standalone_mode=False)
    finally:
        took = time.perf_counter() - began
        peak = tracemalloc.get_traced_memory()[1] if trace else None
        sys.stderr.write("RESULT=" + json.dumps({"seconds": took, "peak": peak}) + "\\n")
    """
    % END
)

CHARTS = textwrap.dedent(
    """
    import json, os, sys, time, tracemalloc
    os.environ["TEXTUAL_ANIMATIONS"] = "none"
    from datetime import datetime
    from pathlib import Path
    from cramp_diary.store import Diary
    from cramp_diary.tui.app import CrampApp
    from cramp_diary.tui.screens.charts import ChartsScreen

    trace, home_only = sys.argv[2] == "trace", sys.argv[2] == "home"
    now = datetime.fromisoformat(%r)
    result = {}

    async def drawn(pilot):
        "Let the key's work finish, then draw the whole screen as the terminal would get it."
        await pilot.pause()
        pilot.app.screen._compositor.render_update(full=True).render_segments(pilot.app.console)

    async def measure(key, name, pilot):
        began = time.perf_counter()
        await pilot.press(key)
        await drawn(pilot)
        result[name] = time.perf_counter() - began

    async def run(pilot):
        await drawn(pilot)
        if not home_only:
            if trace:
                tracemalloc.start()
            await measure("c", "open charts, last 12 weeks", pilot)
            assert isinstance(pilot.app.screen, ChartsScreen)
            await measure("w", "26 weeks", pilot)
            await measure("w", "52 weeks", pilot)
            await measure("w", "switch to all records", pilot)
            assert pilot.app.screen.weeks is None
            for key, chart in (("2", "time of day"), ("3", "muscles"), ("4", "triggers"), ("5", "reliefs"),
                               ("1", "weekly")):
                await measure(key, f"all records: {chart}", pilot)
            if trace:
                result["peak"] = tracemalloc.get_traced_memory()[1]
        pilot.app.exit()

    with Diary.open(Path(sys.argv[1]), lambda: now) as diary:
        CrampApp(diary, now=lambda: now).run(headless=True, size=(120, 40), auto_pilot=run)
    sys.stderr.write("RESULT=" + json.dumps(result) + "\\n")
    """
    % END
)


def child(code: str, *args: str, src: str | None = None) -> tuple[float, int, dict[str, float]]:
    """Run a fresh interpreter (on the package in ``src`` when given); its wall time, peak RSS in bytes, and what it reported."""
    import time

    if src:  # an editable install's finder comes before PYTHONPATH: take it out, then check
        code = (
            "import sys; sys.meta_path[:] = [f for f in sys.meta_path if 'editable' not in repr(f)];"
            f" sys.path.insert(0, {src!r}); import cramp_diary; assert cramp_diary.__file__.startswith({src!r})\n" + code
        )
    began = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    took = time.perf_counter() - began
    stderr = process.stderr.read().decode() if process.stderr else ""
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"child failed:\n{stderr}")
    lines = [line for line in stderr.splitlines() if line.startswith("RESULT=")]
    result = json.loads(lines[-1].removeprefix("RESULT="))
    result["cpu"] = usage.ru_utime + usage.ru_stime  # the process's own CPU time: what a quiet machine would wait
    return took, usage.ru_maxrss * 1024, result


def spread(values: list[float]) -> str:
    """Median and (min-max) in milliseconds."""
    return f"{statistics.median(values) * 1000:.0f} ms ({min(values) * 1000:.0f}-{max(values) * 1000:.0f})"


def mb(size: float) -> str:
    return f"{size / 1e6:.0f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("db", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--baseline", help="a checkout of another version (its folder holding cramp_diary/), run interleaved as A")
    parser.add_argument("--baseline-db", type=Path, help="the diary A reads (a copy at its schema version; default: db)")
    args = parser.parse_args()
    if not args.db.exists():
        raise SystemExit(f"{args.db} does not exist; make it with: python benchmarks/lifetime.py {args.db}")
    sides = {"this": (str(args.db), None)}
    if args.baseline:
        sides = {"baseline": (str(args.baseline_db or args.db), args.baseline), **sides}
    print(f"machine: {os.cpu_count()} CPUs, {platform.system()} {platform.release()}, Python {platform.python_version()}")
    print(f"diary: {args.db} ({args.db.stat().st_size / 1e6:.0f} MB)\n")

    for label, extra in (("cramp-diary stats (last 12 weeks)", []), ("cramp-diary stats --weeks all", ["--weeks", "all"])):
        runs: dict[str, list[tuple[float, int, dict[str, float]]]] = {side: [] for side in sides}
        for side, (db, src) in sides.items():
            child(STATS, db, "time", *extra, src=src)  # warm the file cache
        for _ in range(args.runs):
            for side, (db, src) in sides.items():
                runs[side].append(child(STATS, db, "time", *extra, src=src))
        for side, (db, src) in sides.items():
            peak = child(STATS, db, "trace", *extra, src=src)[2]["peak"]
            print(f"{side}: {label}: process {spread([r[0] for r in runs[side]])}, "
                  f"the command {spread([r[2]['seconds'] for r in runs[side]])}, "
                  f"process CPU {spread([r[2]['cpu'] for r in runs[side]])}, "
                  f"peak RSS {mb(max(r[1] for r in runs[side]))}, Python allocations peak {mb(peak)}  [{args.runs} runs]")

    charts: dict[str, list[tuple[float, int, dict[str, float]]]] = {side: [] for side in sides}
    for side, (db, src) in sides.items():
        child(CHARTS, db, "home", src=src)
    for _ in range(args.runs):
        for side, (db, src) in sides.items():
            charts[side].append(child(CHARTS, db, "time", src=src))
    for side, (db, src) in sides.items():
        home_rss = max(child(CHARTS, db, "home", src=src)[1] for _ in range(2))
        traced = child(CHARTS, db, "trace", src=src)[2]
        runs = charts[side]
        print(f"\n{side}: charts screen ({args.runs} runs, median (min-max); a headless 120x40 app):")
        print(f"  {'process CPU (whole run)':<28} {spread([r[2]['cpu'] for r in runs])}")
        for name in (name for name in runs[0][2] if name != "cpu"):
            print(f"  {name:<28} {spread([r[2][name] for r in runs])}")
        print(f"  peak RSS {mb(max(r[1] for r in runs))} (the app on home alone: {mb(home_rss)}); "
              f"Python allocations peak while charting {mb(traced['peak'])}")


if __name__ == "__main__":
    main()
