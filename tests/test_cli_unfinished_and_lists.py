"""`edit` says that list options replace the saved list; `show` and `list` tell of the timer's unfinished cramps."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from click.testing import CliRunner, Result

from cramp_diary.cli import cli
from cramp_diary.model import Episode
from cramp_diary.store import Diary
from conftest import FakeClock


def run(clock: FakeClock, db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *args], obj={"now": clock})


def test_edit_help_says_lists_are_replaced_and_how_to_give_several(clock: FakeClock, db_path: Path) -> None:
    out = " ".join(run(clock, db_path, "edit", "--help").output.split())
    for option in ("--trigger TEXT", "--relief TEXT", "--sign ["):
        after = out.split(option, 1)[1]
        assert "replaces the saved list; repeat the option for several" in after.split(" --", 1)[0][:200], option
    assert "give every one you want to keep" in out


def test_log_help_does_not_speak_of_replacing(clock: FakeClock, db_path: Path) -> None:
    out = run(clock, db_path, "log", "--help").output
    assert "replaces" not in out and "repeat for several" in out


def test_edit_replaces_the_saved_list_as_documented(clock: FakeClock, db_path: Path) -> None:
    run(clock, db_path, "log", "--muscle", "calf", "--side", "left", "--relief", "stretch")
    result = run(clock, db_path, "edit", "1", "--relief", "massage")
    assert result.exit_code == 0
    assert "reliefs    massage" in result.output


def unfinished(diary: Diary, clock: FakeClock, minutes: int) -> Episode:
    return diary.episodes.add(Episode(started_at=clock() - timedelta(minutes=minutes), muscle="calf", side="left",
                             status="open"))


def test_show_marks_an_unfinished_timer_episode(clock: FakeClock, db_path: Path, diary: Diary) -> None:
    episode = unfinished(diary, clock, 5)
    result = run(clock, db_path, "show", str(episode.id))
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == f"Episode {episode.id} (unfinished)"
    assert lines[1] == (
        "  unfinished: started by the cramp timer and never finished; open the app to finish or discard it"
    )


def test_show_of_a_finished_episode_has_no_mark(clock: FakeClock, db_path: Path, diary: Diary) -> None:
    episode = diary.episodes.add(Episode(started_at=clock(), muscle="calf", side="left"))
    assert "unfinished" not in run(clock, db_path, "show", str(episode.id)).output


def test_list_says_when_unfinished_cramps_wait(clock: FakeClock, db_path: Path, diary: Diary) -> None:
    diary.episodes.add(Episode(started_at=clock() - timedelta(hours=2), muscle="foot", side="right"))
    first = unfinished(diary, clock, 30)
    out = run(clock, db_path, "list").output.splitlines()
    assert out[-1] == f"1 unfinished cramp from the timer is waiting (ID {first.id}); open the app to finish it"
    assert sum("foot" in line for line in out) == 1 and sum("calf" in line for line in out) == 0
    second = unfinished(diary, clock, 10)
    out = run(clock, db_path, "list").output.splitlines()
    assert out[-1] == (
        f"2 unfinished cramps from the timer are waiting (IDs {first.id}, {second.id}); open the app to finish them"
    )


def test_list_with_only_unfinished_cramps_still_tells_of_them(clock: FakeClock, db_path: Path, diary: Diary) -> None:
    unfinished(diary, clock, 3)
    out = run(clock, db_path, "list").output
    assert out.startswith("No episodes yet.") and "1 unfinished cramp from the timer is waiting" in out


def test_list_without_unfinished_cramps_says_nothing_of_them(clock: FakeClock, db_path: Path, diary: Diary) -> None:
    diary.episodes.add(Episode(started_at=clock(), muscle="calf", side="left"))
    assert "unfinished" not in run(clock, db_path, "list").output
