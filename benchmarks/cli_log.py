"""`cramp-diary log` against `jrnl` writing one entry, in the same run.

    python benchmarks/cli_log.py [--runs 15] [--jrnl /path/to/venv/bin/jrnl]

Each run is a fresh process, as typed in a shell, and the figure is the wall
time of the whole process, with its CPU time beside it. Target: cramp-diary at most 0.35x jrnl. The two are
interleaved so machine noise hits both alike; one warm-up run each fills the
file cache first. The argv is the plain well-formed case, which
`cramp_diary/cli/fast_log.py` saves without loading click; --baseline takes
another checkout's console script (e.g. a two-line script that puts that
checkout first on sys.path and calls `cramp_diary.cli.main`).

jrnl comes from its own virtual environment, so its dependencies never mix
with cramp-diary's: --jrnl (or $JRNL) points at an installed one, otherwise one
is made once with `pip install jrnl` under the temp folder and reused. jrnl
runs with a throwaway HOME and config (plain text journal, no encryption, no
editor), so it never asks a question and never touches your own journal.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

JRNL_VENV = Path(tempfile.gettempdir()) / "cramp-diary-bench-jrnl"

JRNL_CONFIG = """\
colors:
  body: none
  date: none
  tags: none
  title: none
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals:
  default:
    journal: {journal}
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%F %r'
version: v4.2
"""


def jrnl_executable(given: str | None) -> Path:
    """An installed jrnl, or one installed now into the benchmark's own venv."""
    if given:
        return Path(given)
    jrnl = JRNL_VENV / "bin" / "jrnl"
    if not jrnl.exists():
        print(f"installing jrnl into {JRNL_VENV} (once) ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(JRNL_VENV)], check=True)
        subprocess.run([str(JRNL_VENV / "bin" / "pip"), "install", "--quiet", "jrnl"], check=True)
    return jrnl


def cramp_executable() -> Path:
    """The console script installed beside this interpreter (what a person types)."""
    found = Path(sys.executable).parent / "cramp-diary"
    return found if found.exists() else Path(shutil.which("cramp-diary") or "cramp-diary")


#: CPU time (user + system) of each timed child, in the order run: on a busy machine wall time
#: mostly measures the wait for a core, CPU time what the program itself costs.
CPU: dict[str, list[float]] = {}


def timed(argv: list[str], env: dict[str, str]) -> float:
    began = time.perf_counter()
    process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    took = time.perf_counter() - began
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{argv[0]} failed")
    CPU.setdefault(argv[0], []).append(usage.ru_utime + usage.ru_stime)
    return took


def version(argv: list[str], env: dict[str, str]) -> str:
    result = subprocess.run(argv, env=env, capture_output=True, text=True)
    return (result.stdout or result.stderr).strip().splitlines()[0] if (result.stdout or result.stderr) else "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--jrnl", default=os.environ.get("JRNL"), help="jrnl executable (default: its own venv)")
    parser.add_argument("--baseline", help="another cramp-diary executable (e.g. an older checkout), timed interleaved as A")
    args = parser.parse_args()
    jrnl = jrnl_executable(args.jrnl)
    cramp = cramp_executable()

    with tempfile.TemporaryDirectory(prefix="cramp-bench-") as folder:
        home = Path(folder)
        (home / ".config" / "jrnl").mkdir(parents=True)
        (home / ".config" / "jrnl" / "jrnl.yaml").write_text(JRNL_CONFIG.format(journal=home / "journal.txt"))
        env = {
            **os.environ,
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_DATA_HOME": str(home / ".local" / "share"),
        }
        env.pop("CRAMP_DIARY_DB", None)
        # An installed package has its bytecode (pip compiles jrnl's): without it every module
        # is compiled again at each start, which timed cramp-diary's log at 0.73x instead of 0.40x.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        jrnl_argv = [str(jrnl), "Left calf cramp, woke me at three."]
        cramp_argv = [str(cramp), "--db", str(home / "diary.db"), "log", "--muscle", "calf", "--side", "left"]

        base_argv = [args.baseline, *cramp_argv[1:2], str(home / "base.db"), *cramp_argv[3:]] if args.baseline else None
        timed(jrnl_argv, env), timed(cramp_argv, env)  # warm-up: file cache, first-run setup
        if base_argv:
            timed(base_argv, env)
        assert "Left calf cramp" in (home / "journal.txt").read_text(), "jrnl did not write its entry"
        jrnl_times, cramp_times, base_times = [], [], []
        CPU.clear()  # the warm-up runs do not count
        for _ in range(args.runs):
            jrnl_times.append(timed(jrnl_argv, env))
            cramp_times.append(timed(cramp_argv, env))
            if base_argv:
                base_times.append(timed(base_argv, env))
        jrnl_version = version([str(jrnl), "--version"], env)

    j, c = statistics.median(jrnl_times), statistics.median(cramp_times)
    ratio = c / j
    print(f"machine: {os.cpu_count()} CPUs, {platform.system()} {platform.release()}, Python {platform.python_version()}")
    print(f"jrnl writing one entry ({jrnl_version}):  median {j * 1000:.0f} ms over {args.runs} runs "
          f"(min {min(jrnl_times) * 1000:.0f}, max {max(jrnl_times) * 1000:.0f})")
    print(f"cramp-diary log --muscle calf --side left: median {c * 1000:.0f} ms over {args.runs} runs "
          f"(min {min(cramp_times) * 1000:.0f}, max {max(cramp_times) * 1000:.0f})")
    if base_times:
        b = statistics.median(base_times)
        print(f"baseline {args.baseline}: median {b * 1000:.0f} ms (min {min(base_times) * 1000:.0f}, "
              f"max {max(base_times) * 1000:.0f}), ratio {b / j:.2f}x jrnl")
    cpu = {name: statistics.median(times) for name, times in CPU.items()}
    spreads = {name: f"{min(times) * 1000:.0f}-{max(times) * 1000:.0f}" for name, times in CPU.items()}
    print(f"CPU (user + system), median (min-max): jrnl {cpu[str(jrnl)] * 1000:.0f} ms ({spreads[str(jrnl)]}), "
          f"cramp-diary {cpu[str(cramp)] * 1000:.0f} ms ({spreads[str(cramp)]}) = {cpu[str(cramp)] / cpu[str(jrnl)]:.2f}x"
          + (f", baseline {cpu[args.baseline] * 1000:.0f} ms ({spreads[args.baseline]}) = "
             f"{cpu[args.baseline] / cpu[str(jrnl)]:.2f}x" if base_argv else ""))
    print(f"ratio {ratio:.2f}x wall (target <= 0.35x): {'met' if ratio <= 0.35 else 'missed'}")


if __name__ == "__main__":
    main()
