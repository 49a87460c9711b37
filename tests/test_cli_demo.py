"""`cramp-diary demo`: a realistic, repeatable sample diary that never mixes into a real one."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from click.testing import CliRunner

from cramp_diary.cli import cli
from cramp_diary.demo import build_demo
from cramp_diary.store import Diary


def test_demo_writes_half_a_year_mostly_night_calf_cramps(tmp_path: Path, clock) -> None:
    path = tmp_path / "demo.db"
    result = CliRunner().invoke(cli, ["demo", "--db", str(path)], obj={"now": clock})
    assert result.exit_code == 0, result.output
    with Diary.open(path, clock) as diary:
        episodes = diary.episodes.newest_first()
        assert 50 <= len(episodes) <= 150
        first, last = episodes[-1].started_at, episodes[0].started_at
        assert timedelta(days=150) < last - first < timedelta(days=185) and last < clock()
        night = [e for e in episodes if e.context == "asleep"]
        assert len(night) > len(episodes) / 2
        assert sum(e.muscle == "calf" for e in episodes) > len(episodes) / 2
        assert any(e.triggers for e in episodes) and any(e.reliefs for e in episodes)
        assert diary.checkins.days_between(first.date(), last.date())


def test_demo_is_deterministic(clock) -> None:
    assert build_demo(clock()) == build_demo(clock())


def test_demo_refuses_a_diary_that_already_has_episodes(tmp_path: Path, clock) -> None:
    path = tmp_path / "mine.db"
    runner = CliRunner()
    runner.invoke(cli, ["--db", str(path), "log", "--muscle", "calf", "--side", "left"], obj={"now": clock})
    result = runner.invoke(cli, ["demo", "--db", str(path)], obj={"now": clock})
    assert result.exit_code == 1 and "already has 1 episode and 0 check-ins" in result.output
    with Diary.open(path, clock) as diary:
        assert diary.episodes.count() == 1


def test_demo_never_fills_the_default_diary(clock) -> None:
    result = CliRunner().invoke(cli, ["demo"], obj={"now": clock})
    assert result.exit_code == 2 and "--db" in result.output


def test_demo_refuses_a_diary_with_only_check_ins(tmp_path: Path, clock) -> None:
    path = tmp_path / "mine.db"
    runner = CliRunner()
    runner.invoke(cli, ["--db", str(path), "checkin", "--none"], obj={"now": clock})
    result = runner.invoke(cli, ["demo", "--db", str(path)], obj={"now": clock})
    assert result.exit_code == 1
    with Diary.open(path, clock) as diary:
        assert diary.episodes.count() == 0
