"""The `/` filter's and `list --search`'s first page on a lifetime diary, against another checkout (A).

    python benchmarks/search_scale.py DIARY [--runs 7] [--rounds 3] [--baseline /path/to/A [--baseline-runs 3]] [--words drive woke ...]

Each round runs one fresh process a side, alternately; it opens the diary read-only
and times ``diary.episodes.newest_first(EpisodeFilter(text=WORD), limit=...)``, the
store's query behind both, ``--runs`` times a word after one untimed call, for the
app's first page (60) and the CLI's (50 asked, 51 read). Printed, wall and CPU: the
median of each process's median, the (min-max) over every call, and whether A and B gave the
same first page (A's query is the one the LIKE oracle test checked).
Target (issue 26): <= 50 ms at 1M episodes for a rare word and a common one.
``lifetime.py`` notes are "", "woke me twice" and "after a long walk"; add a rare
word first (the README's set-up gives 20 episodes "cramp after the long drive").
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

CHILD = """
import json, statistics, sys, time
sys.meta_path[:] = [f for f in sys.meta_path if "editable" not in repr(f)]
sys.path.insert(0, sys.argv[1])
from datetime import datetime, timezone
from pathlib import Path
from cramp_diary.store import Diary, EpisodeFilter
out = {}
with Diary.open_read_only(Path(sys.argv[2]), lambda: datetime.now(timezone.utc)) as diary:
    for word in json.loads(sys.argv[4]):
        for limit in (60, 51):
            ask = lambda: diary.episodes.newest_first(EpisodeFilter(text=word), limit=limit)
            page = [e.id for e in ask()]
            times, cpu = [], []
            for _ in range(int(sys.argv[3])):
                began, began_cpu = time.perf_counter(), time.process_time()
                ask()
                times.append((time.perf_counter() - began) * 1000)
                cpu.append((time.process_time() - began_cpu) * 1000)
            out[f"{word}|{limit}"] = {"times": times, "cpu": cpu, "page": page}
print(json.dumps(out))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("diary", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--baseline", type=Path, help="another checkout of cramp-diary, run alternately as A")
    parser.add_argument("--baseline-runs", type=int, help="timed calls a word for A (default --runs; A took seconds a call)")
    parser.add_argument("--words", nargs="+", default=["drive", "woke", "calf", "wok", "woke twice"])
    args = parser.parse_args()
    sides = {"B": Path(__file__).resolve().parent.parent, **({"A": args.baseline} if args.baseline else {})}
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    found: dict[str, list[dict[str, dict[str, list]]]] = {side: [] for side in sides}
    for n in range(args.rounds):
        for side, root in (sides.items() if n % 2 == 0 else reversed(sides.items())):
            done = subprocess.run(
                [sys.executable, "-c", CHILD, str(root), str(args.diary),
                 str(args.baseline_runs or args.runs if side == "A" else args.runs), json.dumps(args.words)],
                capture_output=True, text=True, env=env, check=True,
            )
            found[side].append(json.loads(done.stdout))
    print(f"{args.diary}: {args.rounds} processes a side, {args.runs} timed calls a word each")
    for key in found["B"][0]:
        word, limit = key.split("|")
        line = f"  {word!r:14} first {limit:>2}:"
        for side, rounds in found.items():
            for what in ("times", "cpu"):
                medians = [statistics.median(r[key][what]) for r in rounds]
                every = [t for r in rounds for t in r[key][what]]
                line += f"  {side} {'wall' if what == 'times' else 'CPU'} {statistics.median(medians):.1f} ms ({min(every):.1f}-{max(every):.1f})"
        if "A" in found:
            same = found["A"][0][key]["page"] == found["B"][0][key]["page"]
            line += f"  same page: {'yes' if same else 'NO'} ({len(found['B'][0][key]['page'])} rows)"
        print(line)


if __name__ == "__main__":
    main()
