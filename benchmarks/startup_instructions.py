"""Instructions from launch to the first episode row in tmux, against the bare Textual app: no machine noise.

    python benchmarks/startup_instructions.py /tmp/lifetime.db [--runs 3] [--size 80x24]

``startup_terminal.py`` times the same start in wall time, which a shared
machine's load moves by a tenth either way. Here each start runs under
``valgrind --tool=callgrind`` inside a new tmux session and ends the moment
the terminal is sent the frame that holds the marker (the first row's date
and time, or the bare app's text); the figure is the instructions the process
ran until then. It repeats within about 1 % (Textual's timers tick more or
less often while valgrind slows the start), whatever else the machine is doing.
The hash seed is fixed, bytecode caching is on, and both apps run with an
empty config folder, so a personal settings file (a theme) never skews it.
Slow: a start under valgrind takes 30-60 s.
"""

from __future__ import annotations

import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from startup_terminal import BARE, BARE_MARKER, arguments, first_row

#: Runs the app given after it (a script, or -m and a module) and exits when a frame holds $CRAMP_BENCH_MARK.
HOOK = """
import os, runpy, sys
from textual.drivers.linux_driver import LinuxDriver

MARK = os.environ["CRAMP_BENCH_MARK"]
write = LinuxDriver.write

def marked(self, data):
    write(self, data)
    if MARK in data:
        os._exit(0)

LinuxDriver.write = marked
if sys.argv[1] == "-m":
    sys.argv = [sys.argv[2], *sys.argv[3:]]
    runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)
else:
    sys.argv = sys.argv[1:]
    runpy.run_path(sys.argv[0], run_name="__main__")
"""
TIMEOUT = 300.0


def instructions(command: list[str], marker: str, size: tuple[int, int], folder: Path) -> int:
    """Instructions ``command`` runs until the frame holding ``marker`` is written (callgrind's total)."""
    out = folder / f"callgrind.{time.monotonic_ns()}.out"
    session = f"instr{os.getpid()}{time.monotonic_ns()}"
    env = {"CRAMP_BENCH_MARK": marker, "PYTHONHASHSEED": "0", "XDG_CONFIG_HOME": str(folder / "config")}
    inner = ["env", "-u", "PYTHONDONTWRITEBYTECODE", *(f"{k}={v}" for k, v in env.items()),
             "valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, str(folder / "hook.py"), *command]
    env_args = [a for k in ("PATH", "HOME", "LANG", "PYTHONPATH") if k in os.environ for a in ("-e", f"{k}={os.environ[k]}")]
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", str(size[0]), "-y", str(size[1]), *env_args,
                    shlex.join(inner) + " 2>/dev/null"], check=True)
    deadline = time.monotonic() + TIMEOUT
    while subprocess.run(["tmux", "has-session", "-t", session], capture_output=True).returncode == 0:
        if time.monotonic() > deadline:
            subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
            raise SystemExit(f"no frame with {marker!r} after {TIMEOUT:.0f} s")
        time.sleep(0.5)
    for line in out.read_text().splitlines():
        if line.startswith(("summary:", "totals:")):
            return int(line.split()[1])
    raise SystemExit(f"callgrind wrote no total to {out}")


def main() -> None:
    db, runs, size = arguments(__doc__ or "", runs=3)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "config").mkdir(mode=0o700)
        os.environ["XDG_CONFIG_HOME"] = str(folder / "config")  # for the settled start that finds the marker too
        (folder / "hook.py").write_text(HOOK)
        (folder / "bare.py").write_text(BARE)
        cramp = ["-m", "cramp_diary", "--db", str(db.resolve())]
        marker = first_row([sys.executable, *cramp], size)[:16]  # the date and time: one run of text in any frame
        bare_counts, cramp_counts = [], []
        for _ in range(runs):
            bare_counts.append(instructions([str(folder / "bare.py")], BARE_MARKER, size, folder))
            cramp_counts.append(instructions(cramp, marker, size, folder))
    bare, ours = statistics.median(bare_counts), statistics.median(cramp_counts)
    print(f"{runs} runs each under callgrind in tmux {size[0]}x{size[1]}; medians (min-max), millions of instructions")
    print(f"bare Textual app (Header, Static, Footer): {bare / 1e6:.1f} M ({min(bare_counts) / 1e6:.1f}-{max(bare_counts) / 1e6:.1f})")
    print(f"cramp-diary, frame with the first row ({marker!r}): {ours / 1e6:.1f} M "
          f"({min(cramp_counts) / 1e6:.1f}-{max(cramp_counts) / 1e6:.1f})")
    print(f"ratio {ours / bare:.3f}x (target <= 1.2x): {'met' if ours / bare <= 1.2 else 'missed'}")


if __name__ == "__main__":
    main()
