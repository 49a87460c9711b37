"""Sync of a folder holding another device's file, against ``import`` of that file: peak memory and time.

    python benchmarks/sync_memory.py [--sizes 10000 100000 max] [--runs 7] [--baseline /tmp/cramp-A] [--work DIR]

For each size, a diary of that many episodes is written by ``lifetime.py`` and
exported (``cramp-diary export``, the writer sync uses) as ``laptop-<id>.json`` in
a sync folder set up as a person would (mode 0700, files 0600, the diaries
elsewhere). "max" is the largest file sync accepts: as many lifetime episodes as
fit under ``MAX_EXPORT_BYTES`` (64 MiB). Then, alternately, each in a fresh
process on a fresh diary: ``cramp-diary sync FOLDER`` (merges the file, then
writes this device's own) and ``cramp-diary import FILE``, for this checkout and,
with ``--baseline``, another cramp-diary executable (A). Peak RSS and CPU come
from ``os.wait4``; medians and (min-max); the ratio sync/import per pair.
Target (issue 26): sync peak <= 150 MB at 100k, time <= 1.5x import, memory
growing at most linearly with the file.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cramp_diary.exchange import MAX_EXPORT_BYTES

HERE = Path(__file__).resolve().parent
#: A lifetime episode's share of an export, in bytes (measured: 49.1 MB for 100k), less a margin.
BYTES_PER_EPISODE = 500
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def run(argv: list[str]) -> tuple[float, float, float]:
    """(wall seconds, peak RSS in MB, CPU seconds user + system) of one child process."""
    began = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=ENV)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - began
    if status:
        raise SystemExit(f"{argv} failed: {child.stderr.read().decode() if child.stderr else status}")
    return wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def device_file(cramp: str, work: Path, size: str) -> tuple[Path, int]:
    """A device file of ``size`` lifetime episodes ("max": the most that fit in MAX_EXPORT_BYTES); its path and count."""
    count = MAX_EXPORT_BYTES // BYTES_PER_EPISODE if size == "max" else int(size)
    while True:
        source = work / f"source-{size}.db"
        subprocess.run([sys.executable, str(HERE / "lifetime.py"), str(source), "--episodes", str(count)],
                       check=True, env=ENV, stdout=subprocess.DEVNULL)
        target = work / f"laptop-{size}-0123456789abcdef.json"
        subprocess.run([cramp, "--db", str(source), "export", "-o", str(target)], check=True, env=ENV, stderr=subprocess.DEVNULL)
        if size != "max" or target.stat().st_size <= MAX_EXPORT_BYTES:
            return target, count
        count = count * 98 // 100  # over the limit: a little fewer


def spread(values: list[float], unit: str, digits: int = 1) -> str:
    return f"{statistics.median(values):.{digits}f} {unit} ({min(values):.{digits}f}-{max(values):.{digits}f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", nargs="+", default=["10000", "100000", "max"])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--baseline", help="another cramp-diary executable, run interleaved as A")
    parser.add_argument("--work", type=Path, help="folder for the diaries and files (default: a temporary one)")
    args = parser.parse_args()
    bin_dir = Path(sys.executable).parent
    cramp = str(bin_dir / "cramp-diary") if (bin_dir / "cramp-diary").exists() else shutil.which("cramp-diary")
    sides = {"B (this)": cramp, **({"A (baseline)": args.baseline} if args.baseline else {})}
    with tempfile.TemporaryDirectory(prefix="cramp-bench-sync-", dir=args.work) as folder:
        work = Path(folder)
        for size in args.sizes:
            file, count = device_file(cramp, work, size)  # type: ignore[arg-type]
            os.chmod(file, 0o600)
            results: dict[str, dict[str, list[tuple[float, float, float]]]] = {
                side: {"sync": [], "import": []} for side in sides
            }
            for n in range(args.runs):
                for side, executable in (sides.items() if n % 2 == 0 else reversed(sides.items())):
                    shared = work / f"shared-{n}-{side[0]}"
                    shared.mkdir(mode=0o700)
                    os.link(file, shared / file.name)  # the device file, as a sync tool left it
                    diaries = work / f"diaries-{n}-{side[0]}"
                    diaries.mkdir(mode=0o700)
                    pair = [("sync", [executable, "--db", str(diaries / "synced.db"), "sync", str(shared)]),
                            ("import", [executable, "--db", str(diaries / "imported.db"), "import", str(file)])]
                    for what, argv in (pair if n % 2 == 0 else reversed(pair)):
                        results[side][what].append(run(argv))
                    shutil.rmtree(shared)
                    shutil.rmtree(diaries)
            print(f"\n{count} episodes, device file {file.stat().st_size / 2**20:.1f} MiB, {args.runs} interleaved pairs")
            for side, found in results.items():
                for what in ("sync", "import"):
                    rows = found[what]
                    print(f"  {side} {what:6}: peak RSS {spread([m for _, m, _ in rows], 'MB')}, wall {spread([w for w, _, _ in rows], 's', 2)},"
                          f" CPU {spread([c for _, _, c in rows], 's', 2)}")
                walls = [s[0] / i[0] for s, i in zip(found["sync"], found["import"])]
                cpus = [s[2] / i[2] for s, i in zip(found["sync"], found["import"])]
                print(f"  {side} sync/import: wall {spread(walls, 'x', 2)}, CPU {spread(cpus, 'x', 2)}")


if __name__ == "__main__":
    main()
