"""Words the app understands, and slips it refuses instead of saving silently (issue 21)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import FakeClock

from cramp_diary.cli import cli
from cramp_diary.model import MUSCLES, RELIEFS, TRIGGERS, near_known_word


def run(db: Path, clock: FakeClock, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *args], obj={"now": clock})


@pytest.mark.parametrize(
    ("args", "option", "meant"),
    [
        (["--muscle", "calff"], "'--muscle'", "calf"),
        (["--muscle", "calves"], "'--muscle'", "calf"),
        (["--muscle", "Feet"], "'--muscle'", "foot"),
        (["--muscle", "calf", "--trigger", "dehidration"], "'--trigger'", "dehydration"),
        (["--muscle", "calf", "--relief", "strech"], "'--relief'", "stretch"),
    ],
)
def test_a_slip_for_a_known_word_is_refused_with_the_word_meant_and_nothing_is_saved(
    args: list[str], option: str, meant: str, tmp_path: Path, clock: FakeClock
) -> None:
    db = tmp_path / "d.db"
    result = run(db, clock, "log", "--side", "left", *args)
    assert result.exit_code == 2, result.output
    assert option in result.output and f"did you mean {meant}?" in result.output and "--new-word" in result.output
    assert not db.exists() or run(db, clock, "list").output.count("\n") <= 1


def test_new_word_keeps_the_persons_own_word(tmp_path: Path, clock: FakeClock) -> None:
    db = tmp_path / "d.db"
    kept = run(db, clock, "log", "--side", "left", "--muscle", "calves", "--trigger", "dehidration", "--new-word")
    assert kept.exit_code == 0, kept.output
    assert "calves" in kept.output and "dehidration" in kept.output


def test_words_far_from_any_known_one_are_kept_as_own_words(tmp_path: Path, clock: FakeClock) -> None:
    result = run(tmp_path / "d.db", clock, "log", "--side", "left", "--muscle", "shin", "--trigger", "long drive")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("known", [*MUSCLES, *TRIGGERS, *RELIEFS])
def test_a_known_word_is_never_taken_for_a_slip(known: str) -> None:
    assert near_known_word(known, (*MUSCLES, *TRIGGERS, *RELIEFS)) is None


def test_a_mistyped_command_suggests_the_command_meant() -> None:
    result = CliRunner().invoke(cli, ["lsit"])
    assert result.exit_code == 2 and "Did you mean 'list'?" in result.output


def test_an_empty_at_is_refused_not_taken_as_now(tmp_path: Path, clock: FakeClock) -> None:
    result = run(tmp_path / "d.db", clock, "log", "--muscle", "calf", "--side", "left", "--at", "  ")
    assert result.exit_code == 2 and "'--at'" in result.output and "must not be empty" in result.output


def test_sync_name_blames_the_option(tmp_path: Path, clock: FakeClock) -> None:
    db = tmp_path / "d.db"
    run(db, clock, "log", "--muscle", "calf", "--side", "left")
    result = run(db, clock, "sync", "--name", "../x", str(tmp_path / "shared"))
    assert result.exit_code == 2 and "'--name'" in result.output and "'NAME'" not in result.output


def test_a_json_error_says_at_once(tmp_path: Path, clock: FakeClock) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"episodes": [{"note": "abc', encoding="utf-8")
    result = run(tmp_path / "d.db", clock, "import", str(broken))
    assert "unterminated string starting at line 1" in result.output and "at at" not in result.output


@pytest.mark.parametrize(("option", "kept"), [("--severity", "5/10"), ("--duration", "2m"), ("--sleep", "disturbed 4/10")])
def test_an_empty_value_on_edit_is_refused_and_never_clears_what_was_saved(
    option: str, kept: str, tmp_path: Path, clock: FakeClock
) -> None:
    # a script's empty variable is a slip, as with --at "": it must not wipe a figure silently
    db = tmp_path / "d.db"
    logged = run(db, clock, "log", "--muscle", "calf", "--side", "left", "--severity", "5", "--duration", "2m", "--sleep", "4")
    assert logged.exit_code == 0, logged.output
    result = run(db, clock, "edit", "1", option, "")
    assert result.exit_code == 2 and f"'{option}'" in result.output and "must not be empty" in result.output
    assert kept in run(db, clock, "show", "1").output


@pytest.mark.parametrize("option", ["--severity", "--duration", "--sleep"])
def test_an_empty_value_on_log_is_refused_like_an_empty_at(option: str, tmp_path: Path, clock: FakeClock) -> None:
    result = run(tmp_path / "d.db", clock, "log", "--muscle", "calf", "--side", "left", option, " ")
    assert result.exit_code == 2 and f"'{option}'" in result.output and "must not be empty" in result.output


def test_an_empty_since_is_refused_not_taken_as_every_episode(tmp_path: Path, clock: FakeClock) -> None:
    db = tmp_path / "d.db"
    assert run(db, clock, "log", "--muscle", "calf", "--side", "left", "--at", "2 hours ago").exit_code == 0
    result = run(db, clock, "list", "--since", "")
    assert result.exit_code == 2 and "'--since'" in result.output and "must not be empty" in result.output
