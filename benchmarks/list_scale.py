"""``cramp-diary list`` on a big diary against a small one: the first page must not cost more with the years.

    python benchmarks/list_scale.py SMALL.db BIG.db [--runs 11] [--baseline /path/to/other/cramp-diary]

Each run is a fresh process (wall time), interleaved small/big (and this/baseline).
Target: list on the big diary within 1.2x of list on the small one.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path


def timed(argv: list[str]) -> float:
    began = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("small", type=Path)
    parser.add_argument("big", type=Path)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--baseline", help="another cramp-diary executable, run interleaved as A")
    args = parser.parse_args()
    sides = {"this": str(Path(sys.executable).parent / "cramp-diary"), **({"baseline": args.baseline} if args.baseline else {})}
    times: dict[tuple[str, str], list[float]] = {}
    for _ in range(args.runs + 1):  # the first round warms the file cache and is dropped
        for name, executable in sides.items():
            for size, db in (("small", args.small), ("big", args.big)):
                times.setdefault((name, size), []).append(timed([executable, "--db", str(db), "list"]))
    for name in sides:
        small, big = times[(name, "small")][1:], times[(name, "big")][1:]
        s, b = statistics.median(small), statistics.median(big)
        print(f"{name}: list small {s * 1000:.0f} ms ({min(small) * 1000:.0f}-{max(small) * 1000:.0f}), "
              f"big {b * 1000:.0f} ms ({min(big) * 1000:.0f}-{max(big) * 1000:.0f}): {b / s:.2f}x "
              f"(target <= 1.2x: {'met' if b / s <= 1.2 else 'missed'})")


if __name__ == "__main__":
    main()
