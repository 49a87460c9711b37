"""CPU used by a running cramp timer, as a share of one core, read from /proc.

    python benchmarks/timer_cpu.py [--seconds 30] [--runs 3] [--baseline [NAME=]/path/to/other/cramp-diary ...]

Starts ``cramp-diary timer calf --side left`` in a pseudo-terminal (80x24),
lets the routine run for ``--seconds`` after a settling pause, and reads the
process's user + system CPU time from /proc/<pid>/stat before and after: the
figure is (CPU seconds) / (wall seconds). Start-up is not counted. The terminal
output is drained and its bytes counted too. With --baseline (repeatable,
optionally named: ``--baseline A=/tmp/a/run --baseline C=/tmp/c/run``), other
executables (e.g. older checkouts) run interleaved with this one, the order
rotating each run, so the shared machine's noise hits all of them. Linux only.
Target: at most 2 % of a core.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import shutil
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

SETTLE = 3.0


def cpu_seconds(pid: int) -> float:
    """utime + stime of ``pid`` (fields 14 and 15 of /proc/<pid>/stat), in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def drain(fd: int, until: float) -> int:
    """Read the terminal output until ``until`` (monotonic); the byte count."""
    total = 0
    while (left := until - time.monotonic()) > 0:
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                total += len(os.read(fd, 65536))
            except OSError:
                break
    return total


def measure(executable: str, db: Path, seconds: float) -> tuple[float, float]:
    """(share of a core, bytes per second to the terminal) while the timer runs."""
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.execv(executable, [executable, "--db", str(db), "timer", "calf", "--side", "left"])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    try:
        drain(fd, time.monotonic() + SETTLE)
        cpu0, wall0 = cpu_seconds(pid), time.monotonic()
        written = drain(fd, wall0 + seconds)
        cpu1, wall1 = cpu_seconds(pid), time.monotonic()
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    return (cpu1 - cpu0) / (wall1 - wall0), written / (wall1 - wall0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--baseline", action="append", default=[], help="[NAME=]another cramp-diary executable, timed interleaved"
    )
    args = parser.parse_args()
    this = str(Path(sys.executable).parent / "cramp-diary")
    if not Path(this).exists():
        this = shutil.which("cramp-diary") or "cramp-diary"
    sides = {"this": this}
    for number, baseline in enumerate(args.baseline, 1):
        name, _, executable = baseline.rpartition("=")
        sides[name or (f"baseline{number}" if len(args.baseline) > 1 else "baseline")] = executable
    figures: dict[str, list[tuple[float, float]]] = {name: [] for name in sides}
    order = list(sides.items())
    with tempfile.TemporaryDirectory(prefix="cramp-timer-cpu-") as folder:
        for run in range(args.runs):
            for name, executable in order[run % len(order) :] + order[: run % len(order)]:
                db = Path(folder) / f"{name}-{run}.db"
                figures[name].append(measure(executable, db, args.seconds))
    for name, results in figures.items():
        shares = [share * 100 for share, _ in results]
        rates = [rate / 1024 for _, rate in results]
        print(
            f"{name}: CPU {statistics.median(shares):.1f} % of a core (min {min(shares):.1f}, max {max(shares):.1f}),"
            f" {statistics.median(rates):.1f} KiB/s to the terminal, {args.runs} runs of {args.seconds:.0f} s"
        )
    share = statistics.median(s for s, _ in figures["this"]) * 100
    for name, results in figures.items():
        if name != "this":
            print(f"this / {name}: {share / (statistics.median(s for s, _ in results) * 100):.2f}x")
    print(f"target <= 2 %: {'met' if share <= 2 else 'missed'}")


if __name__ == "__main__":
    main()
