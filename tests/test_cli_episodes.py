"""`cramp-diary log/list/show/edit/delete`: what they print and how they exit."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cramp_diary.cli import cli, printable
from cramp_diary.store import Diary


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "diary.db"


def run(clock, db: Path, *args: str, input: str | None = None, color: bool = False) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *args], obj={"now": clock}, input=input, color=color)


def log(clock, db: Path, *args: str) -> Result:
    result = run(clock, db, "log", "--muscle", "calf", "--side", "left", *args)
    assert result.exit_code == 0, result.output
    return result


def episodes(db: Path, clock) -> list:
    with Diary.open(db, clock) as diary:
        return diary.episodes.newest_first()


def assert_one_line_failure(result: Result, *words: str) -> None:
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)  # handled, not a crash
    assert "Traceback" not in result.output
    assert result.output.startswith("Error: ") and result.output.count("\n") == 1
    for word in words:
        assert word in result.output


# -- log -------------------------------------------------------------------------


def test_log_saves_every_option(db: Path, clock) -> None:
    result = log(
        clock, db, "--duration", "1m30s", "--severity", "6", "--at", "yesterday 03:10", "--context", "asleep",
        "--trigger", "dehydration", "--trigger", "Long Walk", "--relief", "stretch", "--sign", "numbness",
        "--note", "woke me",
    )
    assert "Saved episode 1." in result.output
    (episode,) = episodes(db, clock)
    assert episode.started_at.isoformat() == "2026-11-21T03:10:00+01:00"
    assert (episode.duration, episode.severity, episode.context) == (90, 6, "asleep")
    assert episode.triggers == ("dehydration", "long-walk")
    assert (episode.reliefs, episode.signs, episode.note) == (("stretch",), ("numbness",), "woke me")


def test_log_defaults_to_now(db: Path, clock) -> None:
    log(clock, db)
    assert episodes(db, clock)[0].started_at == clock()


def test_log_keeps_an_unknown_muscle_as_other_with_the_word(db: Path, clock) -> None:
    result = run(clock, db, "log", "--muscle", "Peroneus", "--side", "right")
    assert result.exit_code == 0
    (episode,) = episodes(db, clock)
    assert (episode.muscle, episode.muscle_other) == ("other", "Peroneus")
    assert "Peroneus (right)" in result.output


def test_log_needs_muscle_and_side(db: Path, clock) -> None:
    result = run(clock, db, "log", "--side", "left")
    assert result.exit_code == 2 and "--muscle" in result.output
    assert not db.exists()


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["--duration", "0"], "--duration"),
        (["--duration", "4h"], "--duration"),
        (["--duration", "soon"], "--duration"),
        (["--severity", "11"], "--severity"),
        (["--severity", "bad"], "--severity"),
        (["--at", "tomorrow"], "--at"),
        (["--at", "2026-11-23 03:10"], "--at"),
        (["--side", "up"], "--side"),
        (["--context", "dancing"], "--context"),
        (["--relief", "  "], "--relief"),
        (["--sign", "itching"], "--sign"),
        (["--trigger", "  "], "--trigger"),
        (["--note", "bell\x07"], "--note"),
        (["--note", "x" * 5001], "--note"),
        (["--muscle", "   "], "--muscle"),
        (["--muscle", "a" * 41], "--muscle"),
    ],
)
def test_bad_input_exits_2_naming_the_option_and_saves_nothing(db: Path, clock, args: list[str], option: str) -> None:
    base = ["log", "--muscle", "calf", "--side", "left"]
    result = run(clock, db, *base, *args)
    assert result.exit_code == 2, result.output
    assert f"'{option}'" in result.output or f'"{option}"' in result.output
    assert "Traceback" not in result.output
    assert not db.exists() or episodes(db, clock) == []


# -- list ------------------------------------------------------------------------


def test_list_shows_newest_first(db: Path, clock) -> None:
    log(clock, db, "--at", "-2h", "--note", "older", "--muscle", "foot")
    log(clock, db, "--at", "-1h", "--note", "newer", "--muscle", "thigh")
    lines = run(clock, db, "list").output.splitlines()
    assert lines[0].split()[:3] == ["ID", "WHEN", "MUSCLE"]
    assert "thigh" in lines[1] and "foot" in lines[2]


def test_list_limit_says_when_there_are_more(db: Path, clock) -> None:
    for hours in (3, 2, 1):
        log(clock, db, "--at", f"-{hours}h", "--duration", f"{hours}m")
    result = run(clock, db, "list", "--limit", "2")
    assert result.exit_code == 0
    assert "1m" in result.output and "2m" in result.output and "3m" not in result.output
    assert "(2 shown, the newest; there are more" in result.output
    assert "there are more" not in run(clock, db, "list", "--limit", "3").output


def test_list_since_leaves_out_older_episodes(db: Path, clock) -> None:
    log(clock, db, "--at", "2026-11-01 03:10", "--muscle", "foot")
    log(clock, db, "--at", "2026-11-20 03:10", "--muscle", "thigh")
    result = run(clock, db, "list", "--since", "2026-11-10 00:00")
    assert "thigh" in result.output and "foot" not in result.output


def test_list_refuses_a_bad_since_or_limit(db: Path, clock) -> None:
    assert "'--since'" in run(clock, db, "list", "--since", "whenever").output
    assert run(clock, db, "list", "--since", "whenever").exit_code == 2
    assert run(clock, db, "list", "--limit", "0").exit_code == 2


def test_list_of_an_empty_diary_says_how_to_start(db: Path, clock) -> None:
    Diary.open(db, clock).close()
    result = run(clock, db, "list")
    assert result.exit_code == 0 and "cramp-diary log" in result.output


# -- show, edit, delete -------------------------------------------------------------


def test_show_prints_one_episode_in_full(db: Path, clock) -> None:
    log(clock, db, "--duration", "2m", "--severity", "4", "--trigger", "heat", "--note", "line one\nline two")
    output = run(clock, db, "show", "1").output
    for text in ("Episode 1", "2026-11-22 21:30 (+0100)", "calf (left)", "2m", "4/10", "heat", "line one"):
        assert text in output


def test_edit_changes_only_what_is_given(db: Path, clock) -> None:
    log(clock, db, "--duration", "2m", "--severity", "4", "--trigger", "heat", "--note", "keep me")
    result = run(clock, db, "edit", "1", "--severity", "7", "--relief", "massage")
    assert result.exit_code == 0 and "Updated episode 1." in result.output
    (episode,) = episodes(db, clock)
    assert (episode.severity, episode.reliefs) == (7, ("massage",))
    assert (episode.duration, episode.triggers, episode.note) == (120, ("heat",), "keep me")


def test_edit_with_nothing_to_change_is_a_usage_error(db: Path, clock) -> None:
    log(clock, db)
    result = run(clock, db, "edit", "1")
    assert result.exit_code == 2 and "at least one option" in result.output


def test_edit_refuses_bad_input_naming_the_option(db: Path, clock) -> None:
    log(clock, db, "--severity", "4")
    result = run(clock, db, "edit", "1", "--severity", "11")
    assert result.exit_code == 2 and "'--severity'" in result.output
    assert episodes(db, clock)[0].severity == 4


def test_delete_with_yes_deletes(db: Path, clock) -> None:
    log(clock, db)
    result = run(clock, db, "delete", "1", "--yes")
    assert result.exit_code == 0 and "Deleted episode 1." in result.output
    assert episodes(db, clock) == []


def test_delete_without_yes_and_no_answer_deletes_nothing(db: Path, clock) -> None:
    log(clock, db)
    result = run(clock, db, "delete", "1")
    assert result.exit_code == 1 and "Aborted" in result.output
    assert len(episodes(db, clock)) == 1


def test_delete_asks_and_obeys_the_answer(db: Path, clock) -> None:
    log(clock, db)
    assert run(clock, db, "delete", "1", input="n\n").exit_code == 1
    assert len(episodes(db, clock)) == 1
    result = run(clock, db, "delete", "1", input="y\n")
    assert result.exit_code == 0 and "Delete episode 1?" in result.output
    assert episodes(db, clock) == []


# -- runtime failures: exit 1, one line --------------------------------------------


@pytest.mark.parametrize("command", [["show", "999"], ["edit", "999", "--severity", "3"], ["delete", "999", "--yes"]])
def test_a_missing_episode_is_a_one_line_failure(db: Path, clock, command: list[str]) -> None:
    log(clock, db)
    assert_one_line_failure(run(clock, db, *command), "999")


def test_a_text_file_as_diary_is_a_one_line_failure_and_stays_untouched(tmp_path: Path, clock) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("not a diary\n")
    assert_one_line_failure(run(clock, text, "list"), "not a cramp-diary database")
    assert text.read_text() == "not a diary\n"


def test_a_folder_as_diary_or_a_missing_folder_are_one_line_failures(tmp_path: Path, clock) -> None:
    assert_one_line_failure(run(clock, tmp_path, "list"), "folder")
    assert_one_line_failure(run(clock, tmp_path / "nowhere" / "diary.db", "list"), "no diary at")
    assert_one_line_failure(run(clock, tmp_path / "nowhere" / "diary.db", "log", "--muscle", "calf", "--side", "left"), "does not exist")


def test_a_busy_diary_is_a_one_line_failure(db: Path, clock, monkeypatch: pytest.MonkeyPatch) -> None:
    from cramp_diary import store

    log(clock, db)
    monkeypatch.setattr(store.schema, "BUSY_TIMEOUT_MS", 50)
    other = sqlite3.connect(db, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        assert_one_line_failure(run(clock, db, "log", "--muscle", "calf", "--side", "left"), "busy")
    finally:
        other.execute("ROLLBACK")
        other.close()


# -- what reaches the terminal --------------------------------------------------------


def test_rich_markup_emoji_and_rtl_text_print_literally(db: Path, clock) -> None:
    note = "[bold red]not bold[/] 🦵 שלום עולם"
    log(clock, db, "--note", note, "--trigger", "[link=x]")
    output = run(clock, db, "show", "1").output
    assert note in output
    assert "[link=x]" in output


def test_escape_sequences_already_in_a_diary_are_shown_not_obeyed(db: Path, clock) -> None:
    """A diary edited by hand (or by another tool) may hold what the CLI would refuse."""
    log(clock, db, "--muscle", "Peroneus")
    conn = sqlite3.connect(db)
    conn.execute("UPDATE episodes SET note = ?, muscle_other = ?", ["\x1b]0;pwned\x07\x1b[2J", "\x1b[31mred"])
    for table, column in (("episode_triggers", "trigger"), ("episode_reliefs", "relief"), ("episode_signs", "sign")):
        conn.execute(f"INSERT INTO {table} (episode_id, {column}) VALUES (1, ?)", ["\x1b[5m"])
    conn.commit()
    conn.close()
    for command in (["show", "1"], ["list"]):
        # color=True: as on a terminal, where click no longer strips ANSI codes for us
        output = run(clock, db, *command, color=True).output
        assert "\x1b" not in output and "\x07" not in output
        assert "\\x1b" in output


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\x1b[2J", "\\x1b[2J"),
        ("a\x00b", "a\\x00b"),
        ("\x9b31m", "\\x9b31m"),  # the 8-bit CSI
        ("del\x7f", "del\\x7f"),
        ("\r", "\\x0d"),
        ("line\nnext\ttab", "line\nnext\ttab"),
        ("🦵 שלום [b]x[/b]", "🦵 שלום [b]x[/b]"),
    ],
)
def test_printable_escapes_control_characters_only(text: str, shown: str) -> None:
    assert printable(text) == shown


def test_list_search_finds_words_and_says_so_when_given_no_word(clock, db: Path) -> None:
    """`list --search` (issue 25): word starts, FTS syntax as plain text, and punctuation alone refused,
    since it holds nothing to search for and listing every episode would read as 'all of them match'."""
    log(clock, db, "--note", "cramp after the long drive")
    log(clock, db, "--note", 'she said "NEAR(" twice')
    found = run(clock, db, "list", "--search", "driv")
    assert found.exit_code == 0 and found.output.count("\n") == 2, found.output  # the header and one episode
    for text in ("NEAR(", '"near', "NEAR twice", "SHE said"):
        result = run(clock, db, "list", "--search", text)
        assert result.exit_code == 0 and result.output.count("\n") == 2, (text, result.output)
    for text in ('"', "-", "*", " ( ) "):
        refused = run(clock, db, "list", "--search", text)
        assert refused.exit_code == 2, (text, refused.output)
        assert "'--search'" in refused.output and "letters or digits" in refused.output
    assert run(clock, db, "list", "--search", "").output.count("\n") == 3  # no search: every episode
