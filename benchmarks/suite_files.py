"""Test files of this checkout against the same files of another, alternately, in the same run.

    python benchmarks/suite_files.py --baseline /tmp/A [--pairs 7] tests/test_a.py tests/test_b.py ...

Each side runs ``python -m pytest -q -n0 -p no:cacheprovider FILES`` from its own folder (so its
own ``cramp_diary`` and tests, with this venv's Python), in ABBA order, and the figures are the
wall time and the CPU time of the run (pytest and every process it started). CPU time is the
figure to trust on a shared machine; wall time is printed beside it. A is typically
``git archive main | tar -x -C /tmp/A``. Both sides must pass.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path


def run(folder: Path, files: list[str]) -> tuple[float, float, str]:
    """Wall and CPU seconds of one pytest run in ``folder``, and its summary line."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-n0", "-p", "no:cacheprovider", *files],
                            cwd=folder, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    if result.returncode != 0:
        sys.exit(f"{folder}: pytest failed\n{result.stdout[-3000:]}{result.stderr[-2000:]}")
    return wall, cpu, result.stdout.strip().splitlines()[-1]


def summary(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} s ({min(values):.2f}-{max(values):.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, required=True, help="the other checkout (A)")
    parser.add_argument("--pairs", type=int, default=7)
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    sides = {"A": args.baseline.resolve(), "B": Path(__file__).resolve().parents[1]}
    figures: dict[str, list[tuple[float, float]]] = {"A": [], "B": []}
    for pair in range(args.pairs):
        for name in ("A", "B") if pair % 2 == 0 else ("B", "A"):
            wall, cpu, line = run(sides[name], args.files)
            figures[name].append((wall, cpu))
            print(f"{name}: wall {wall:.2f} s, CPU {cpu:.2f} s  ({line})", flush=True)
    for name, rows in figures.items():
        print(f"{name}: wall {summary([w for w, _ in rows])}, CPU {summary([c for _, c in rows])}")
    ratio = statistics.median(c for _, c in figures["B"]) / statistics.median(c for _, c in figures["A"])
    print(f"B/A CPU: {ratio:.2f}x")


if __name__ == "__main__":
    main()
