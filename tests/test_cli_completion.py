"""TAB completion (issue 25): each option offers the diary's words, the person's own earlier ones, and ids.

Driven as a shell drives it: click's completion variables, through CliRunner, and once
through the real console entry point (which tries the click-free fast ``log`` first).
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from cramp_diary.changes import KINDS, Change
from cramp_diary.cli import cli
from cramp_diary.model import CONTEXTS, MUSCLES, RELIEFS, SIDES, SIGNS, TRIGGERS, Episode
from cramp_diary.store import Diary, words

from conftest import FakeClock


@pytest.fixture
def filled(db_path: Path, clock: FakeClock) -> Path:
    """A diary with the person's own words: a muscle, a trigger and a relief of their own."""
    with Diary.open(db_path, clock) as diary:
        diary.episodes.add(Episode(started_at=clock() - timedelta(days=2), muscle="calf", side="left", triggers=("heat",)))
        diary.episodes.add(
            Episode(
                started_at=clock() - timedelta(days=1), muscle="other", muscle_other="shin", side="right",
                triggers=("long-drive",), reliefs=("hot-bath",), note="after the drive",
            )
        )
        diary.changes.add(Change(name="Magnesium", kind="supplement", started=clock().date() - timedelta(days=30)))
    return db_path


def complete(line: str, shell: str = "bash", db: Path | None = None) -> list[tuple[str, str | None]]:
    """(value, help) offered for the last word of ``line`` (after ``cramp-diary``), as a shell would ask."""
    words_ = shlex.split(line)
    incomplete = "" if line.endswith(" ") else words_.pop()
    typed = shlex.join(["cramp-diary", *words_]) + " " + (shlex.quote(incomplete) if incomplete else "")
    env = {"_CRAMP_DIARY_COMPLETE": f"{shell}_complete", "COMP_WORDS": typed}
    env["COMP_CWORD"] = incomplete if shell == "fish" else str(len(words_) + 1)  # fish sends the word, the others its place
    if db is not None:
        env["CRAMP_DIARY_DB"] = str(db)
    result = CliRunner().invoke(cli, [], env=env, prog_name="cramp-diary")
    assert result.exit_code == 0, result.output
    if shell == "zsh":  # type, value, help: three lines each
        lines = result.output.splitlines()
        return [(lines[i + 1], None if lines[i + 2] == "_" else lines[i + 2]) for i in range(0, len(lines), 3)]
    offered = []
    for row in filter(None, result.output.splitlines()):
        kind, _, rest = row.partition(",")
        value, _, hint = rest.partition("\t")
        assert kind == "plain"
        offered.append((value, hint or None))
    return offered


def values(line: str, **kwargs: object) -> list[str]:
    return [value for value, _ in complete(line, **kwargs)]  # type: ignore[arg-type]


def test_muscle_offers_the_muscles_then_the_persons_own(filled: Path) -> None:
    assert values("log --muscle ", db=filled) == [*MUSCLES, "shin"]
    assert values("log --muscle s", db=filled) == ["shin"]
    assert values("log --muscle T", db=filled) == ["toes", "thigh"]  # any case


def test_side_and_context_offer_their_words(filled: Path) -> None:
    assert values("log --side ", db=filled) == list(SIDES)
    assert values("log --context ", db=filled) == list(CONTEXTS)
    assert values("edit 2 --context ", db=filled) == [*CONTEXTS, "none"]  # only edit can clear


def test_trigger_offers_the_named_ones_then_the_persons_own_and_not_those_already_given(filled: Path) -> None:
    assert values("log --trigger ", db=filled) == [*TRIGGERS, "long-drive"]
    assert values("log --trigger l", db=filled) == ["long-drive"]
    assert "heat" not in values("log --trigger heat --trigger ", db=filled)


def test_relief_offers_what_helps_then_what_helped_this_person(filled: Path) -> None:
    assert values("log --relief ", db=filled) == [*RELIEFS, "hot-bath"]
    assert values("edit 1 --relief h", db=filled) == ["heat", "hot-bath"]


def test_sign_offers_every_warning_sign_with_its_meaning(filled: Path) -> None:
    offered = complete("log --sign ", shell="zsh", db=filled)
    assert [value for value, _ in offered] == list(SIGNS)
    assert ("other-muscles", "other muscles cramp") in offered


def test_change_kinds_and_rule_keys(filled: Path) -> None:
    assert values("change add x --kind ", db=filled) == list(KINDS)
    assert values("change edit 1 --kind S", db=filled) == ["supplement"]
    offered = complete("warnings --discussed one", shell="fish", db=filled)
    assert offered and offered[0][0] == "one-sided-swelling" and offered[0][1]
    from cramp_diary.alerts import RULE_KEYS

    assert values("warnings --discussed ", db=filled) == list(RULE_KEYS)


def test_trial_kinds_and_days(filled: Path) -> None:
    """A trial's kinds complete like a change's (a medicine is not offered: it is refused), and its days too."""
    from cramp_diary.trial import KINDS as TRIAL_KINDS

    assert values('trial start "stretch" --kind ', db=filled) == list(TRIAL_KINDS)
    assert values('trial start "stretch" --kind s', db=filled) == ["supplement"]
    assert "yesterday" in values("trial start x --start ", db=filled)
    assert "yesterday" in values("trial followed yes --date ", db=filled)


def test_day_options_offer_the_day_words(filled: Path) -> None:
    for line in ("export --from ", "export --to ", "report --from ", "list --since "):
        offered = values(line, db=filled)
        assert offered[:3] == ["today", "yesterday", "'a week ago'"], line  # bash gets the spaced one quoted
        assert "'last monday'" in offered
    assert values("report --to 'last s'", shell="zsh", db=filled) == ["last saturday", "last sunday"]


def test_episode_ids_come_newest_first_with_when_and_which_muscle(filled: Path) -> None:
    offered = complete("show ", shell="zsh", db=filled)
    assert [value for value, _ in offered] == ["2", "1"]
    assert offered[0][1] == "2026-11-21 21:30 shin right"
    for command in ("edit", "delete"):
        assert values(f"{command} ", db=filled) == ["2", "1"]
    assert values("show 1", db=filled) == ["1"]
    assert values("show x", db=filled) == []


def test_change_ids_with_their_names(filled: Path) -> None:
    for line in ("compare ", "change stop ", "change edit ", "change delete "):
        assert values(line, db=filled) == ["1"], line
    assert complete("compare ", shell="fish", db=filled) == [("1", "supplement Magnesium from 2026-10-23")]


def test_the_diary_is_the_one_the_command_line_names(filled: Path, tmp_path: Path) -> None:
    """--db before the command, after it, or $CRAMP_DIARY_DB: the words come from that diary."""
    assert values(f"--db {filled} log --muscle s") == ["shin"]
    assert values(f"log --db {filled} --muscle s") == ["shin"]
    assert values("log --muscle s", db=filled) == ["shin"]
    assert values("log --muscle s", db=tmp_path / "none.db") == []
    assert not (tmp_path / "none.db").exists()  # completing never creates a diary


def test_a_file_that_is_not_a_diary_offers_only_the_fixed_words(tmp_path: Path) -> None:
    other = tmp_path / "notes.db"
    other.write_bytes(b"not sqlite at all")
    assert values("log --trigger ", db=other) == list(TRIGGERS)
    assert values("show ", db=other) == []
    assert other.read_bytes() == b"not sqlite at all"


def test_completing_changes_no_file(filled: Path) -> None:
    """No upgrade, no -wal or -shm left behind: a TAB only reads."""
    before = {path.name: path.read_bytes() for path in filled.parent.iterdir() if path.name.startswith(filled.name)}
    values("log --trigger ", db=filled)
    values("show ", db=filled)
    after = {path.name: path.read_bytes() for path in filled.parent.iterdir() if path.name.startswith(filled.name)}
    assert after == before


def test_words_with_control_characters_are_never_offered(db_path: Path, clock: FakeClock) -> None:
    with Diary.open(db_path, clock) as diary:
        diary.episodes.add(Episode(started_at=clock(), muscle="calf", side="left", triggers=("heat",)))
    import sqlite3

    with sqlite3.connect(db_path) as conn:  # a diary edited by hand
        conn.execute("INSERT INTO episode_triggers VALUES (1, 'evil\nplain,injected')")
    conn.close()
    assert "evil\nplain,injected" in words.own_words(db_path, "trigger")
    assert values("log --trigger ", db=db_path) == list(TRIGGERS)


def test_bash_quotes_a_word_with_a_space(db_path: Path, clock: FakeClock) -> None:
    with Diary.open(db_path, clock) as diary:
        diary.episodes.add(Episode(started_at=clock(), muscle="other", muscle_other="left shin", side="left"))
    assert values("log --muscle le", db=db_path) == ["'left shin'"]
    assert values("log --muscle le", shell="zsh", db=db_path) == ["left shin"]


def test_own_words_come_from_the_newest_episodes_only(db_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    """A TAB costs the same on a lifetime diary: only the newest RECENT episodes are read."""
    monkeypatch.setattr(words, "RECENT", 2)
    with Diary.open(db_path, clock) as diary:
        for n, trigger in enumerate(("old-word", "new-word", "newer-word")):
            diary.episodes.add(Episode(started_at=clock() - timedelta(days=3 - n), muscle="calf", side="left", triggers=(trigger,)))
    assert words.own_words(db_path, "trigger") == ["new-word", "newer-word"]


def test_a_real_shell_request_goes_through_click_not_the_fast_log(filled: Path) -> None:
    """The console entry point hands a plain ``log`` to a click-free path: completion must still reach click."""
    env = {
        **os.environ,
        "_CRAMP_DIARY_COMPLETE": "bash_complete",
        "COMP_WORDS": f"cramp-diary --db {filled} log --muscle calf --side left --trigger l",
        "COMP_CWORD": "9",
    }
    done = subprocess.run(
        [sys.executable, "-c", "from cramp_diary.cli import main; main()"], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["plain,long-drive"]
    with Diary.open(filled, FakeClock()) as diary:
        assert diary.episodes.count() == 2  # nothing logged
