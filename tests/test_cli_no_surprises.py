"""The shell's surprises (issue 21): closed standard streams, no terminal, ids too large, one not-found rule.

Closed streams and the missing terminal are run as real processes: only there is
``sys.stdout`` really None, or stdin really ``/dev/null``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cramp_diary.cli import cli

MAIN = [sys.executable, "-c", "from cramp_diary.cli import main; main()"]


def _a_diary_to_read(tmp_path: Path) -> None:
    """A diary with a check-in in it, made in this process: what is tested is the process reading it."""
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "d.db"), "checkin", "--none"])
    assert result.exit_code == 0, result.output


def _run(args: list[str], tmp_path: Path, *, close: tuple[int, ...] = (), stdin: int | None = None) -> subprocess.CompletedProcess[str]:
    """``cramp-diary ARGS`` with the given standard descriptors closed (as ``<&-`` / ``>&-`` do)."""

    def closer() -> None:
        for fd in close:
            os.close(fd)

    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config")}
    return subprocess.run(
        [*MAIN, "--db", str(tmp_path / "d.db"), *args],
        preexec_fn=closer, stdin=stdin if stdin is not None else subprocess.DEVNULL,
        capture_output=1 not in close and 2 not in close, text=True, timeout=60, env=env,
    )


@pytest.mark.parametrize(
    ("args", "closed", "words"),
    [
        (["import", "-"], 0, "standard input is closed"),
        (["export"], 1, "standard output is closed"),
        (["stats"], 1, "standard output is closed"),
        (["list"], 1, "standard output is closed"),
        (["log", "--muscle", "calf", "--side", "left"], 1, "saved episode 1, but standard output is closed"),
        # any writing command: saved all the same, so a script must not run it again (it would save a duplicate)
        (["change", "add", "x", "--kind", "habit", "--started", "today"], 1, "saved in the diary, but standard output is closed"),
        (["checkin", "--none", "--date", "yesterday"], 1, "saved in the diary, but standard output is closed"),
    ],
)
def test_a_closed_standard_stream_is_one_clear_line_and_exit_1(
    args: list[str], closed: int, words: str, tmp_path: Path
) -> None:
    if args[0] != "log":
        _a_diary_to_read(tmp_path)
    if closed == 1:  # stdout closed: stderr is still a pipe to read
        result = subprocess.run(
            [*MAIN, "--db", str(tmp_path / "d.db"), *args], preexec_fn=lambda: os.close(1),
            stdin=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, timeout=60,
        )
    else:
        result = _run(args, tmp_path, close=(0,))
    assert result.returncode == 1, result.stderr
    assert words in result.stderr and "Traceback" not in result.stderr
    if "saved" not in words:  # a command that wrote nothing never claims it saved
        assert "saved" not in result.stderr


def test_with_stdout_and_stderr_closed_it_still_exits_1_quietly(tmp_path: Path) -> None:
    _a_diary_to_read(tmp_path)
    result = subprocess.run(
        [*MAIN, "--db", str(tmp_path / "d.db"), "stats"],
        preexec_fn=lambda: (os.close(1), os.close(2)), stdin=subprocess.DEVNULL, timeout=60,
    )
    assert result.returncode == 1


@pytest.mark.parametrize("args", [[], ["timer", "calf", "--side", "left"], ["timer"]])
def test_the_app_and_timer_refuse_without_a_terminal_and_write_nothing(args: list[str], tmp_path: Path) -> None:
    """They spun at a full core forever on end-of-file, and left an unfinished cramp behind."""
    result = _run(args, tmp_path)  # stdin /dev/null, stdout a pipe
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "needs a terminal" in lines[0], result.stderr
    assert not (tmp_path / "d.db").exists()


HUGE = "99999999999999999999999"


@pytest.mark.parametrize(
    "args",
    [["show", HUGE], ["compare", HUGE], ["change", "stop", HUGE], ["change", "edit", HUGE, "--note", "x"],
     ["change", "delete", HUGE, "--yes"], ["delete", HUGE, "--yes"]],
)
def test_an_id_too_large_to_exist_is_a_range_error_not_a_traceback(args: list[str], tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "d.db"), *args])
    assert result.exit_code == 2 and "not in the range" in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize(
    ("args", "words"),
    [(["show", "7"], "there is no episode 7"), (["edit", "7", "--note", "x"], "there is no episode 7"),
     (["delete", "7", "--yes"], "there is no episode 7"), (["compare", "7"], "there is no change 7"),
     (["change", "stop", "7"], "there is no change 7"), (["change", "edit", "7", "--note", "x"], "there is no change 7"),
     (["change", "delete", "7", "--yes"], "there is no change 7"),
     (["medicine", "stop", "7"], "there is no medicine 7"), (["medicine", "edit", "7", "--note", "x"], "there is no medicine 7"),
     (["medicine", "delete", "7", "--yes"], "there is no medicine 7")],
)
def test_not_found_is_exit_1_for_every_command(args: list[str], words: str, tmp_path: Path) -> None:
    runner = CliRunner()
    runner.invoke(cli, ["--db", str(tmp_path / "d.db"), "log", "--muscle", "calf", "--side", "left"])
    result = runner.invoke(cli, ["--db", str(tmp_path / "d.db"), *args])
    assert result.exit_code == 1 and words in result.output, result.output


def test_timer_help_shows_the_muscle_as_optional() -> None:
    result = CliRunner().invoke(cli, ["timer", "-h"])
    assert "Usage: cli timer [OPTIONS] [MUSCLE]" in result.output or "timer [OPTIONS] [MUSCLE]" in result.output
