"""The click-free `log` says and saves exactly what the click command does, or leaves the argv to click.

Random argv, valid and not, run through the entry point's way (fast path, then
click when it declines) and through click alone, each on its own fresh diary:
exit code, stdout, stderr and the saved rows must match.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from cramp_diary.cli import cli, fast_log
from cramp_diary.model import Episode
from cramp_diary.paths import ENV_DB
from cramp_diary.store import Diary

NOW = datetime(2026, 11, 21, 9, 30, tzinfo=ZoneInfo("Europe/Berlin"))
DB = "{dir}/diary.db"
#: What differs between two diaries by chance: each episode's uuid, each diary's clock stamp.
BY_CHANCE = re.compile(r'"(uuid|hlc)": "[^"]*"')

VALUES: dict[str, list[str]] = {
    "--muscle": ["calf", "Thigh", "  my big toe ", "", "none", "calf\x1b[2J", "x" * 300],
    "--side": ["left", "right", "both", "LEFT", "up"],
    "--at": ["now", "03:10", "20 minutes ago", "yesterday 03:10", "tomorrow 03:10", "1850-01-01 03:00", "soon"],
    "--duration": ["90", "1m30s", "2 minutes", "abc", "0", "999999999"],
    "--severity": ["0", "10", "11", "x", "5.0", ""],
    "--context": ["asleep", "resting", "none", "Asleep"],
    "--trigger": ["dehydration", "my own words", "none", "", "medication", "a\nb"],
    "--relief": ["stretch", "massage", "none", "stretch"],
    "--sign": ["swelling", "numbness", "none", "bogus"],
    "--note": ["hi", "", "two\nlines", "-", "-5", "\u202eevil", "tab\there"],
    "--format": ["text", "json", "xml"],
    "--db": [DB, "", "  "],
}
ODD = [["--help"], ["-h"], ["--bogus", "x"], ["extra"], ["--"], ["--version"], ["--muscle"], ["--db", DB]]


#: Values every rule accepts, so a good share of the random argv really takes the fast path.
GOOD: dict[str, list[str]] = {
    "--muscle": ["calf", "Thigh", "  my big toe "],
    "--side": ["left", "right", "both"],
    "--at": ["now", "03:10", "20 minutes ago", "yesterday 03:10", "2026-11-20 23:59"],
    "--duration": ["90", "1m30s", "2 minutes", "0"],
    "--severity": ["0", "10", "5"],
    "--context": ["asleep", "resting"],
    "--trigger": ["dehydration", "my own words", "medication"],
    "--relief": ["stretch", "massage"],
    "--sign": ["swelling", "numbness"],
    "--note": ["hi", "", "two\nlines", "x=y", "\u202eevil"],
    "--format": ["text", "json"],
}


@st.composite
def log_argv(draw: st.DrawFn) -> list[str]:
    """Half well-formed (each option at most once, lists repeated, values rules accept), half anything."""
    good = draw(st.booleans())
    table = GOOD if good else VALUES
    prefix = draw(st.sampled_from([["--db", DB], [f"--db={DB}"], []] if good else [[], ["--db", DB], ["--db", ""], ["--version"]]))
    options = []
    for flag in ("--muscle", "--side"):
        if good or draw(st.integers(0, 9)):
            options.append((flag, draw(st.sampled_from(table[flag]))))
    others = sorted(set(table) - {"--muscle", "--side"})
    for flag in draw(st.lists(st.sampled_from(others), max_size=6, unique=good)):
        options.append((flag, draw(st.sampled_from(table[flag]))))
    if good:
        for flag in draw(st.lists(st.sampled_from(["--trigger", "--relief", "--sign"]), max_size=3)):
            options.append((flag, draw(st.sampled_from(table[flag]))))
        if not prefix:
            options.append(("--db", DB))
    options = draw(st.permutations(options))
    tokens: list[str] = []
    for flag, value in options:
        tokens += [f"{flag}={value}"] if draw(st.booleans()) else [flag, value]
    if not good and not draw(st.integers(0, 3)):
        odd = draw(st.sampled_from(ODD))
        at = draw(st.integers(0, len(tokens)))
        tokens[at:at] = odd
    return [*prefix, "log", *tokens]


def rows(folder: str) -> list[Episode]:
    """What the diaries under ``folder`` hold, without what differs by chance (uuid, clock stamp)."""
    found = []
    for name in ("diary.db", "env.db"):
        path = Path(folder) / name
        if path.exists():
            diary = Diary.open(path, lambda: NOW)
            try:
                found += [e.with_changes(uuid="", hlc="") for e in diary.episodes.newest_first()]
            finally:
                diary.close()
    return found


def click_alone(argv: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, argv, obj={"now": lambda: NOW}, prog_name="cramp-diary")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def entry_point(argv: list[str], folder: str) -> tuple[int, str, str]:
    """What `main` does: the fast path, and click when it declines (having written nothing)."""
    out, err = io.StringIO(), io.StringIO()
    code = fast_log.run(argv, now=lambda: NOW, out=out, err=err)
    if code is not None:
        return code, out.getvalue(), err.getvalue()
    assert out.getvalue() == err.getvalue() == "" and rows(folder) == [], "declined after writing"
    return click_alone(argv)


def run_in_fresh_folder(argv: list[str], way: str) -> tuple[tuple[int, str, str], list[Episode]]:
    with tempfile.TemporaryDirectory(prefix="fastlog-") as folder:
        concrete = [token.replace("{dir}", folder) for token in argv]
        before = os.environ.get(ENV_DB)
        os.environ[ENV_DB] = str(Path(folder) / "env.db")  # never the person's own diary
        try:
            outcome = entry_point(concrete, folder) if way == "fast" else click_alone(concrete)
        finally:
            if before is None:
                del os.environ[ENV_DB]
            else:
                os.environ[ENV_DB] = before
        code, stdout, stderr = (outcome[0], *(text.replace(folder, "{dir}") for text in outcome[1:]))
        return (code, BY_CHANCE.sub(r'"\1": "?"', stdout), stderr), rows(folder)


@settings(max_examples=80, deadline=None)
@given(argv=log_argv())
def test_the_fast_log_and_click_print_and_save_the_same(argv: list[str]) -> None:
    assert run_in_fresh_folder(argv, "fast") == run_in_fresh_folder(argv, "click")


SURE = [
    ["--db", DB, "log", "--muscle", "calf", "--side", "left"],
    ["log", "--muscle=my big toe", "--side=both", "--db", DB, "--format", "json"],
    ["log", "--side", "right", "--muscle", "thigh", "--at", "20 minutes ago", "--duration", "1m30s", "--severity", "7",
     "--context", "asleep", "--trigger", "dehydration", "--trigger", "my own", "--relief", "stretch", "--sign",
     "numbness", "--note", "woke at three"],
]
UNSURE = [
    ["log", "--help"],
    ["--db", DB, "log", "--muscle", "calf"],
    ["--db", DB, "log", "--muscle", "calf", "--side", "up"],
    ["--db", DB, "log", "--muscle", "calf", "--side", "left", "--side", "right"],
    ["--db", DB, "log", "--muscle", "calf", "--side", "left", "--severity", "11"],
    ["--db", DB, "log", "--muscle", "calf", "--side", "left", "--at", "tomorrow 03:10"],
    ["--db", DB, "log", "--muscle", "calf", "--side", "left", "--trigger", "none"],
    ["--db", DB, "log", "--muscle", "calf", "--side", "left", "--db", DB],
    ["--db", DB, "list"],
]


@pytest.mark.parametrize("argv", SURE)
def test_plain_well_formed_logs_take_the_fast_path_and_match_click(argv: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        concrete = [token.replace("{dir}", folder) for token in argv]
        os.environ[ENV_DB] = str(Path(folder) / "env.db")
        try:
            assert fast_log.run(concrete, now=lambda: NOW, out=io.StringIO(), err=io.StringIO()) == 0
        finally:
            del os.environ[ENV_DB]
        assert len(rows(folder)) == 1
    assert run_in_fresh_folder(argv, "fast") == run_in_fresh_folder(argv, "click")


@pytest.mark.parametrize("argv", UNSURE)
def test_anything_else_is_left_to_click_before_anything_is_written(argv: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        concrete = [token.replace("{dir}", folder) for token in argv]
        out, err = io.StringIO(), io.StringIO()
        assert fast_log.run(concrete, now=lambda: NOW, out=out, err=err, environ={}) is None
        assert out.getvalue() == err.getvalue() == "" and not any(Path(folder).iterdir())


def test_the_installed_command_takes_the_fast_path_and_prints_what_click_prints(tmp_path: Path) -> None:
    """Through the real entry point and a pipe: same stdout and exit code as click in another process."""
    base = [sys.executable, "-c", "from cramp_diary.cli import main; main()"]
    forced = [sys.executable, "-c", "from cramp_diary.cli import cli; cli(prog_name='cramp-diary')"]
    args = ["log", "--muscle", "calf", "--side", "left", "--at", "2026-11-20 03:10", "--note", "x"]
    fast = subprocess.run([*base, "--db", str(tmp_path / "a.db"), *args], capture_output=True, text=True, timeout=60)
    slow = subprocess.run([*forced, "--db", str(tmp_path / "b.db"), *args], capture_output=True, text=True, timeout=60)
    assert (fast.returncode, fast.stdout, fast.stderr) == (slow.returncode, slow.stdout, slow.stderr)
    assert fast.stdout.startswith("Saved episode 1.\n")
