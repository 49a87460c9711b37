"""A cramp saved on a day checked in as "no cramps" removes that check-in at once (issue 20)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from click.testing import CliRunner

from cramp_diary.cli import cli
from cramp_diary.model import Episode
from cramp_diary.store import Diary
from cramp_diary.tui.app import CrampApp
from cramp_diary.tui.screens.episode_form import EpisodeForm
from conftest import NOW, FakeClock

YESTERDAY = (NOW - timedelta(days=1)).date()


def run(db: Path, clock: FakeClock, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--db", str(db), *args], obj={"now": clock})
    assert result.exit_code == 0, result.output
    return result.output


def test_log_on_a_checked_in_day_withdraws_the_check_in_with_a_deletion_record(db_path: Path, clock: FakeClock) -> None:
    run(db_path, clock, "checkin", "--none", "--date", YESTERDAY.isoformat())
    run(db_path, clock, "log", "--muscle", "calf", "--side", "left", "--at", "yesterday 03:10")
    with Diary.open(db_path, clock) as diary:
        assert diary.checkins.all_days() == []
        assert [(t.kind, t.key) for t in diary.stamps.tombstones()] == [("checkin", YESTERDAY.isoformat())]


def test_edit_moving_a_cramp_onto_a_checked_in_day_withdraws_it(db_path: Path, clock: FakeClock) -> None:
    run(db_path, clock, "log", "--muscle", "calf", "--side", "left", "--at", "-1h")
    run(db_path, clock, "checkin", "--none", "--date", YESTERDAY.isoformat())
    run(db_path, clock, "edit", "1", "--at", "yesterday 03:10")
    with Diary.open(db_path, clock) as diary:
        assert diary.checkins.all_days() == []


def test_undo_of_a_deleted_cramp_withdraws_a_check_in_made_meanwhile(diary: Diary) -> None:
    saved = diary.episodes.add(Episode(NOW - timedelta(days=1, hours=2), "calf", "left"))
    gone = diary.episodes.delete(saved.id)  # type: ignore[arg-type]
    diary.checkins.add(YESTERDAY)
    diary.episodes.restore(gone)
    assert diary.checkins.all_days() == []


def test_an_unfinished_cramp_leaves_the_check_in_until_it_is_finished(diary: Diary) -> None:
    diary.checkins.add(YESTERDAY)
    left = diary.episodes.add(Episode(NOW - timedelta(days=1, hours=2), "calf", "left", status="open"))
    assert diary.checkins.all_days() == [YESTERDAY]
    diary.episodes.update(left.with_changes(status="done"))
    assert diary.checkins.all_days() == []


def test_import_withdraws_it_too(db_path: Path, clock: FakeClock, tmp_path: Path) -> None:
    run(db_path, clock, "checkin", "--none", "--date", YESTERDAY.isoformat())
    export = tmp_path / "x.json"
    record = {"uuid": "5a0c3c2e-8f5b-4a51-9b7e-2d1f0c7a9e11", "started_at": f"{YESTERDAY}T03:10:00+01:00",
              "muscle": "calf", "side": "left"}
    export.write_text(json.dumps({"episodes": [record]}))
    run(db_path, clock, "import", str(export))
    with Diary.open(db_path, clock) as diary:
        assert diary.checkins.all_days() == []


async def test_a_cramp_saved_in_the_app_withdraws_the_check_in_at_once(diary: Diary, clock: FakeClock) -> None:
    diary.checkins.add(YESTERDAY)
    async with CrampApp(diary, now=clock).run_test(size=(100, 50)) as pilot:
        from cramp_diary.tui.screens.recover import finish_episode

        finish_episode(pilot.app, Episode(NOW - timedelta(days=1, hours=2), "calf", "left"))
        await pilot.pause()
        assert isinstance(pilot.app.screen, EpisodeForm)
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert diary.episodes.count() == 1 and diary.checkins.all_days() == []
