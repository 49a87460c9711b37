"""How much of a test worker's time uses no core: pytest in this process, its scheduler figures after.

    python benchmarks/suite_idle.py -q -n0 -p no:cacheprovider tests/test_a.py ...   (any pytest arguments)

From ``/proc/self/schedstat`` (Linux): the process's own CPU time and its time waiting for a core;
wall minus both is the time it slept (Textual's ``pilot.press`` waits for idle in 20 ms steps,
subprocess tests wait on their children, whose CPU is printed too). Run serially (``-n0``): the
sleeping share, less what the children used, is what a second worker on the same core can fill.
"""

from __future__ import annotations

import os
import resource
import sys
import time

import pytest


def schedstat() -> tuple[float, float]:
    """Seconds this process has run and waited for a core."""
    with open("/proc/self/schedstat", encoding="ascii") as stat:
        ran, waited, _ = (int(field) for field in stat.read().split())
    return ran / 1e9, waited / 1e9


def main() -> int:
    sys.path.insert(0, os.getcwd())  # as `python -m pytest` has it (some tests import tests.conftest)
    start, (ran, waited) = time.perf_counter(), schedstat()
    code = pytest.main(sys.argv[1:])
    wall = time.perf_counter() - start
    ran_now, waited_now = schedstat()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu, queued = ran_now - ran, waited_now - waited
    slept = wall - cpu - queued
    print(f"\nwall {wall:.1f} s: own CPU {cpu:.1f} s, waiting for a core {queued:.1f} s, sleeping {slept:.1f} s "
          f"({slept / wall:.0%}); subprocesses' CPU {children.ru_utime + children.ru_stime:.1f} s")
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
