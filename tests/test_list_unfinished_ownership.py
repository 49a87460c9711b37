"""`list` and `show` tell only of the unfinished cramps the app would offer: never a running timer's or another machine's (issue 20)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from cramp_diary.cli import cli
from cramp_diary.store import Diary
from conftest import FakeClock
from test_timer_ownership import kill, new_diary, running_timer

WAITING = "from the timer is waiting"
FINISH = "open the app to finish"


def run(db: Path, clock: FakeClock, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--db", str(db), *args], obj={"now": clock})
    assert result.exit_code == 0, result.output
    return result.output


def shown(db: Path, clock: FakeClock) -> str:
    with Diary.open(db, clock) as diary:
        [episode] = diary.episodes.unfinished()
    return run(db, clock, "show", str(episode.id))


def test_list_says_nothing_waits_while_the_timer_runs_here_or_on_another_machine(tmp_path: Path) -> None:
    clock = FakeClock()
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o700)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    b = new_diary(tmp_path / "b" / "diary.db", clock, "desk")
    a = new_diary(tmp_path / "a" / "diary.db", clock, "laptop")
    child = running_timer(b, clock)
    try:
        run(b, clock, "sync", str(folder))
        assert WAITING not in run(b, clock, "list")  # its timer is still running in another terminal
        assert FINISH not in shown(b, clock) and "being timed" in shown(b, clock)
        clock.advance(hours=1)
        run(a, clock, "sync", str(folder))
        assert WAITING not in run(a, clock, "list")  # desk's to finish: the app here never offers it
        assert FINISH not in shown(a, clock) and "being timed" in shown(a, clock)
    finally:
        kill(child)
    assert WAITING in run(b, clock, "list")  # desk's own, once its timer is gone: the app offers it now
    assert FINISH in shown(b, clock)
