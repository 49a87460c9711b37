"""Command-line conventions: -h, --format json, own reliefs, 'none' to clear, no diary made by reading,
delete asking on stderr, NO_COLOR and --color, a closed pipe, shell completion."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cramp_diary.cli import cli
from cramp_diary.records import COLUMNS
from cramp_diary.store import Diary
from conftest import FakeClock

MODULE = [sys.executable, "-m", "cramp_diary"]


def run(clock: FakeClock, db: Path, *args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *args], obj={"now": clock}, input=input)


def log(clock: FakeClock, db: Path, *args: str) -> Result:
    result = run(clock, db, "log", "--muscle", "calf", "--side", "left", *args)
    assert result.exit_code == 0, result.output
    return result


def only(db: Path, clock: FakeClock):  # noqa: ANN201
    with Diary.open(db, clock) as diary:
        (episode,) = diary.episodes.newest_first()
    return episode


# -- -h ---------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [[], ["log"], ["list"], ["stats"], ["report"], ["timer"], ["export"], ["checkin"]])
def test_dash_h_is_help_on_every_command(clock: FakeClock, db_path: Path, command: list[str]) -> None:
    short = run(clock, db_path, *command, "-h")
    assert short.exit_code == 0, short.output
    assert short.output.startswith(f"Usage: cli {' '.join(command)}".rstrip())
    assert short.output == run(clock, db_path, *command, "--help").output
    assert "-h, --help" in short.output


@pytest.mark.parametrize("command", ["stats", "demo", "import"])
def test_dash_h_works_on_a_lazily_loaded_command_in_a_fresh_process(command: str, tmp_path: Path) -> None:
    result = subprocess.run([*MODULE, command, "-h"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Usage: cramp-diary {command}")
    assert result.stderr == ""


# -- --format json ----------------------------------------------------------------------


def test_log_show_and_list_print_json_with_the_export_field_names(clock: FakeClock, db_path: Path) -> None:
    logged = json.loads(log(clock, db_path, "--relief", "Hot Shower", "--trigger", "heat", "--format", "json").output)
    assert tuple(logged) == (*COLUMNS, "status", "hlc")
    assert (logged["id"], logged["muscle"], logged["reliefs"], logged["triggers"]) == (1, "calf", ["hot-shower"], ["heat"])
    shown = json.loads(run(clock, db_path, "show", "1", "--format", "json").output)
    listed = json.loads(run(clock, db_path, "list", "--format", "json").output)
    exported = json.loads(run(clock, db_path, "export", "--format", "json").output)
    assert shown == logged == listed[0] == exported["episodes"][0]
    assert len(listed) == 1


def test_list_json_of_an_empty_diary_is_an_empty_list(clock: FakeClock, db_path: Path, diary: Diary) -> None:
    result = run(clock, db_path, "list", "--format", "json")
    assert result.exit_code == 0 and json.loads(result.output) == []


# -- --since, show abc, own reliefs ---------------------------------------------------------


def test_list_since_takes_plain_days(clock: FakeClock, db_path: Path) -> None:
    log(clock, db_path, "--at", "2026-11-01 03:10")
    log(clock, db_path, "--at", "yesterday 3am")
    log(clock, db_path, "--at", "20 minutes ago")

    def ids(since: str) -> list[int]:
        result = run(clock, db_path, "list", "--since", since, "--format", "json")
        assert result.exit_code == 0, result.output
        return [record["id"] for record in json.loads(result.output)]

    assert ids("today") == [3]
    assert ids("yesterday") == [3, 2]
    assert ids("2026-11-01") == [3, 2, 1]
    assert ids("2026-11-02") == [3, 2]
    assert ids("2 hours ago") == [3]


def test_list_since_nonsense_names_the_option_and_the_forms(clock: FakeClock, db_path: Path, diary: Diary) -> None:
    result = run(clock, db_path, "list", "--since", "last week")
    assert result.exit_code == 2
    assert "'--since'" in result.output and "yesterday" in result.output and "2026-11-20" in result.output


@pytest.mark.parametrize("bad", ["abc", "1.5", "²", " "])
def test_show_of_a_word_says_the_id_must_be_a_number(clock: FakeClock, db_path: Path, bad: str) -> None:
    log(clock, db_path)
    result = run(clock, db_path, "show", bad)
    assert result.exit_code == 2
    assert "must be an episode number" in result.output and "Traceback" not in result.output


def test_own_reliefs_are_normalised_like_triggers(clock: FakeClock, db_path: Path) -> None:
    log(clock, db_path, "--relief", "Stretch", "--relief", "hot  shower", "--relief", "pickle_juice")
    assert only(db_path, clock).reliefs == ("stretch", "hot-shower", "pickle-juice")


def test_spoken_durations_and_times_on_the_command_line(clock: FakeClock, db_path: Path) -> None:
    log(clock, db_path, "--duration", "2 minutes", "--at", "last night 3:10am")
    episode = only(db_path, clock)
    assert episode.duration == 120
    assert episode.started_at.isoformat() == "2026-11-22T03:10:00+01:00"


# -- clearing with 'none' ---------------------------------------------------------------------


def test_edit_none_empties_each_list_and_clears_the_context(clock: FakeClock, db_path: Path) -> None:
    log(clock, db_path, "--sign", "swelling", "--trigger", "heat", "--relief", "stretch", "--context", "asleep",
        "--severity", "4")
    result = run(clock, db_path, "edit", "1", "--sign", "none", "--trigger", "None", "--relief", "none",
                 "--context", "none")
    assert result.exit_code == 0, result.output
    episode = only(db_path, clock)
    assert (episode.signs, episode.triggers, episode.reliefs, episode.context) == ((), (), (), None)
    assert episode.severity == 4  # what was not named stays


def test_none_mixed_with_labels_is_refused_and_nothing_changes(clock: FakeClock, db_path: Path) -> None:
    log(clock, db_path, "--sign", "swelling")
    result = run(clock, db_path, "edit", "1", "--sign", "none", "--sign", "warmth")
    assert result.exit_code == 2 and "'--sign'" in result.output and "alone" in result.output
    assert only(db_path, clock).signs == ("swelling",)


def test_none_on_log_is_refused_not_saved_as_a_label(clock: FakeClock, db_path: Path) -> None:
    result = run(clock, db_path, "log", "--muscle", "calf", "--side", "left", "--trigger", "none")
    assert result.exit_code == 2 and "edit only" in result.output
    assert not db_path.exists() or not Diary.open(db_path, clock).episodes()


# -- reading never creates -----------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [["list"], ["show", "1"], ["stats"], ["report"], ["export"], ["edit", "1", "--severity", "3"], ["delete", "1", "--yes"]],
)
def test_reading_a_missing_diary_says_so_and_creates_nothing(
    clock: FakeClock, tmp_path: Path, command: list[str]
) -> None:
    missing = tmp_path / "new" / "diary.db"
    missing.parent.mkdir()
    result = run(clock, missing, *command)
    assert result.exit_code == 1
    assert result.output == f"Error: no diary at {missing}; `cramp-diary log` creates one\n"
    assert list(missing.parent.iterdir()) == []


def test_reading_the_missing_default_diary_creates_no_folder(clock: FakeClock, tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = CliRunner().invoke(cli, ["list"], obj={"now": clock}, env={"XDG_DATA_HOME": str(data), "CRAMP_DIARY_DB": ""})
    assert result.exit_code == 1 and "no diary at" in result.output
    assert not data.exists()


# -- delete asks on stderr ---------------------------------------------------------------------


def test_delete_asks_on_stderr_and_keeps_stdout_for_the_result(clock: FakeClock, db_path: Path) -> None:
    log(clock, db_path)
    result = run(clock, db_path, "delete", "1", input="y\n")
    assert result.exit_code == 0
    assert result.stdout == "Deleted episode 1.\n"
    assert "Delete episode 1?" in result.stderr and "calf" in result.stderr


def test_delete_refused_at_the_prompt_keeps_the_episode(clock: FakeClock, db_path: Path) -> None:
    log(clock, db_path)
    result = run(clock, db_path, "delete", "1", input="n\n")
    assert result.exit_code == 1 and result.stdout == ""
    assert only(db_path, clock).id == 1


# -- stats colour and pipes ---------------------------------------------------------------------

ESC = b"\x1b["


def stats_on_a_terminal(db: Path, *args: str, env: dict[str, str] | None = None) -> bytes:
    """Run ``stats`` with a pseudo-terminal as stdout, as a person at a shell would."""
    leader, follower = pty.openpty()
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM")}
    environment.update({"TERM": "xterm-256color", "COLUMNS": "80", **(env or {})})
    process = subprocess.Popen(
        [*MODULE, "--db", str(db), "stats", *args], stdout=follower, stderr=subprocess.PIPE, env=environment
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.wait(timeout=60) == 0, process.stderr.read() if process.stderr else ""
    return b"".join(chunks)


@pytest.fixture
def filled(clock: FakeClock, db_path: Path) -> Path:
    log(clock, db_path, "--at", "yesterday 3am", "--severity", "5")
    return db_path


def test_stats_colours_a_terminal_by_default(filled: Path) -> None:
    assert ESC in stats_on_a_terminal(filled)


def test_stats_honours_no_color_on_a_terminal(filled: Path) -> None:
    output = stats_on_a_terminal(filled, env={"NO_COLOR": "1"})
    assert ESC not in output and b"Cramp statistics" in output


def test_stats_color_never_and_always(filled: Path, clock: FakeClock) -> None:
    assert ESC not in stats_on_a_terminal(filled, "--color", "never")
    assert ESC in stats_on_a_terminal(filled, "--color", "always", env={"NO_COLOR": "1"})
    piped = subprocess.run([*MODULE, "--db", str(filled), "stats", "--color", "always"], capture_output=True, timeout=60)
    assert ESC in piped.stdout
    assert ESC not in run(clock, filled, "stats").stdout.encode()


def test_stats_into_head_exits_zero_quietly(filled: Path) -> None:
    result = subprocess.run(
        f"{' '.join(MODULE)} --db {filled} stats --weeks 52 | head -1; echo \"rc=${{PIPESTATUS[0]}}\"",
        shell=True, executable="/bin/bash", capture_output=True, text=True, timeout=60,
    )
    assert result.stdout.splitlines() == [result.stdout.splitlines()[0], "rc=0"]
    assert result.stdout.startswith("Cramp statistics")
    assert result.stderr == ""


# -- shell completion --------------------------------------------------------------------------


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_the_completion_variable_prints_a_script(shell: str) -> None:
    env = {**os.environ, "_CRAMP_DIARY_COMPLETE": f"{shell}_source"}
    result = subprocess.run(MODULE, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "_CRAMP_DIARY_COMPLETE" in result.stdout and "cramp-diary" in result.stdout


def test_completion_offers_the_lazily_loaded_commands() -> None:
    env = {**os.environ, "_CRAMP_DIARY_COMPLETE": "bash_complete", "COMP_WORDS": "cramp-diary st", "COMP_CWORD": "1"}
    result = subprocess.run(MODULE, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "plain,stats" in result.stdout.splitlines()
