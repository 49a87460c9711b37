"""Export and import at lifetime scale: export's peak memory, import against ``sqlite-utils insert``.

    python benchmarks/import_export.py /tmp/lifetime.db [--runs 3] [--baseline /path/to/other/cramp-diary [--baseline-db A.db]]

* export: ``cramp-diary export --format json -o FILE`` of the diary; wall time
  and the process's peak resident memory (``os.wait4``'s ru_maxrss). Target:
  at most 100 MB, flat in the diary's size (run it on a 1k and a 1M diary too).
* import: ``cramp-diary import FILE`` of that export into a fresh diary, against
  ``sqlite-utils insert fresh.db episodes rows.jsonl --nl`` of the same episode
  records (one table, no labels, no checks): the floor of loading these rows
  with the library the diary is built on. Target: at most 1.2x (wall). CPU
  seconds are shown too: sqlite-utils commits every 100 rows, so its wall time
  is mostly waiting for the disk, ours mostly CPU, and a loaded machine moves
  the wall ratio more than the CPU one.

The runs are interleaved (this, baseline, sqlite-utils) so machine noise hits all alike.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run(argv: list[str]) -> tuple[float, float, float]:
    """(wall seconds, peak RSS in MB, CPU seconds user + system) of one child process."""
    began = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - began
    if status:
        raise SystemExit(f"{argv} failed: {child.stderr.read().decode() if child.stderr else status}")
    return wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def summary(name: str, values: list[float], unit: str) -> str:
    return f"{name}: median {statistics.median(values):.2f} {unit} (min {min(values):.2f}, max {max(values):.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("diary", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline", help="another cramp-diary executable, run interleaved as A")
    parser.add_argument("--baseline-db", type=Path, help="the diary A exports (a copy at its schema version; default: diary)")
    args = parser.parse_args()
    bin_dir = Path(sys.executable).parent
    cramp = str(bin_dir / "cramp-diary") if (bin_dir / "cramp-diary").exists() else shutil.which("cramp-diary")
    sqlite_utils = str(bin_dir / "sqlite-utils") if (bin_dir / "sqlite-utils").exists() else shutil.which("sqlite-utils")
    sides = {"this": cramp, **({"baseline": args.baseline} if args.baseline else {})}
    exports: dict[str, list[tuple[float, float, float]]] = {name: [] for name in sides}
    imports: dict[str, list[tuple[float, float, float]]] = {name: [] for name in [*sides, "sqlite-utils insert"]}
    with tempfile.TemporaryDirectory(prefix="cramp-bench-exchange-") as folder:
        work = Path(folder)
        export = work / "export.json"
        rows = work / "rows.jsonl"
        for n in range(args.runs):
            for name, executable in sides.items():
                target = work / f"{name}-{n}.json"
                diary = args.baseline_db if name == "baseline" and args.baseline_db else args.diary
                exports[name].append(run([executable, "--db", str(diary), "export", "--format", "json", "-o", str(target)]))
                if not export.exists():
                    target.rename(export)
                else:
                    target.unlink()
        document = json.loads(export.read_text())
        with rows.open("w") as out:
            for record in document["episodes"]:
                out.write(json.dumps(record) + "\n")
        episodes = len(document["episodes"])
        del document
        for n in range(args.runs):
            for name, executable in sides.items():
                imports[name].append(run([executable, "--db", str(work / f"import-{name}-{n}.db"), "import", str(export)]))
            imports["sqlite-utils insert"].append(
                run([sqlite_utils, "insert", str(work / f"plain-{n}.db"), "episodes", str(rows), "--nl"])
            )
    print(f"{args.diary}: {episodes} episodes, {args.runs} interleaved runs")
    for name, results in exports.items():
        print(summary(f"export {name} wall", [w for w, _, _ in results], "s"))
        print(summary(f"export {name} peak RSS", [m for _, m, _ in results], "MB"))
    for name, results in imports.items():
        print(summary(f"import {name} wall", [w for w, _, _ in results], "s"))
        print(summary(f"import {name} CPU (user + system)", [c for _, _, c in results], "s"))
    floor = statistics.median(w for w, _, _ in imports["sqlite-utils insert"])
    cpu_floor = statistics.median(c for _, _, c in imports["sqlite-utils insert"])
    for name in sides:
        ratio = statistics.median(w for w, _, _ in imports[name]) / floor
        cpu = statistics.median(c for _, _, c in imports[name]) / cpu_floor
        print(
            f"import {name} vs sqlite-utils insert: {ratio:.2f}x wall (target <= 1.2x: {'met' if ratio <= 1.2 else 'missed'}),"
            f" {cpu:.2f}x CPU"
        )


if __name__ == "__main__":
    main()
