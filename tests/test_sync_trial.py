"""The trial's cases: what export/import between two machines used to get wrong, and sync between real processes."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from cramp_diary import hlc
from cramp_diary.cli import cli
from cramp_diary.exchange import ImportRefused, export_json, read_export
from cramp_diary.model import Episode
from cramp_diary.store import Diary
from cramp_diary.sync import SyncRefused, sync
from conftest import NOW, FakeClock

UUID = "5a0c3c2e-8f5b-4a51-9b7e-2d1f0c7a9e11"


def pair(tmp_path: Path) -> tuple[Diary, Diary, FakeClock]:
    clock = FakeClock()
    a, b = Diary.open(tmp_path / "a.db", clock), Diary.open(tmp_path / "b.db", clock)
    a.stamps.rename_device("laptop")
    b.stamps.rename_device("desk")
    return a, b, clock


def full_export(diary: Diary) -> bytes:
    return export_json(
        diary.episodes.iter_all(include_open=True), diary.checkins.records(), diary.routines.records(), diary.stamps.tombstones()
    ).encode()


def merge(into: Diary, source: Diary):
    found = read_export(full_export(source), into.now())
    return into.merge(found.episodes, found.checkins, found.routines, found.tombstones)


def test_an_episode_deleted_on_b_does_not_come_back_from_a(tmp_path: Path) -> None:
    a, b, clock = pair(tmp_path)
    saved = a.episodes.add(Episode(NOW - timedelta(hours=2), "calf", "left"))
    merge(b, a)
    clock.advance(minutes=1)
    b.episodes.delete(b.episodes.newest_first()[0].id)  # type: ignore[arg-type]
    assert merge(b, a).added == 0 and b.episodes.count() == 0
    result = merge(a, b)
    assert result.deleted == 1 and a.episodes.count() == 0
    # an edit made after the deletion brings it back, and the merge says so
    clock.advance(minutes=1)
    a.episodes.restore(saved)
    result = merge(b, a)
    assert result.revived == 1 and b.episodes.count() == 1


def test_a_withdrawn_check_in_does_not_come_back(tmp_path: Path) -> None:
    a, b, clock = pair(tmp_path)
    day = NOW.date() - timedelta(days=1)
    a.checkins.add(day)
    merge(b, a)
    b.checkins.remove(day)
    merge(b, a)
    assert b.checkins.all_days() == []
    assert merge(a, b).checkins_removed == 1 and a.checkins.all_days() == []


def test_routine_sessions_travel_and_their_deletion_too(tmp_path: Path) -> None:
    a, b, clock = pair(tmp_path)
    for days in range(1, 4):
        a.routines.record("bedtime", NOW - timedelta(days=days))
    assert merge(b, a).routines_added == 3
    assert [r.uuid for r in b.routines.records()] == [r.uuid for r in a.routines.records()]
    b.routines.delete(b.routines.records()[0].uuid)
    assert merge(a, b).routines_removed == 1 and len(a.routines.records()) == 2


def test_an_updated_at_in_year_9999_is_refused_naming_the_episode(tmp_path: Path) -> None:
    record = {"uuid": UUID, "started_at": "2026-11-20T03:10:00+01:00", "muscle": "calf", "side": "left",
              "updated_at": "9999-12-31T23:59:59+00:00"}
    with pytest.raises(ImportRefused, match=f"episode 1 in the file.*{UUID}.*more than a day ahead"):
        read_export(json.dumps({"episodes": [record]}).encode(), NOW)


def test_a_stamp_a_few_hours_ahead_is_accepted_and_a_later_local_edit_still_wins(tmp_path: Path) -> None:
    a, b, clock = pair(tmp_path)
    ahead = FakeClock(NOW + timedelta(hours=5))
    c = Diary.open(tmp_path / "c.db", ahead)
    saved = c.episodes.add(Episode(NOW - timedelta(hours=1), "calf", "left", severity=3))
    merge(a, c)
    mine = a.episodes.newest_first()[0]
    a.episodes.update(mine.with_changes(severity=9))  # a's clock is 5 hours behind, yet this edit is later
    assert a.episodes.newest_first()[0].hlc > saved.hlc
    merge(c, a)
    assert c.episodes.newest_first()[0].severity == 9


def test_edits_in_the_same_second_converge(tmp_path: Path) -> None:
    a, b, clock = pair(tmp_path)
    a.episodes.add(Episode(NOW - timedelta(hours=1), "calf", "left"))
    merge(b, a)
    a.episodes.update(a.episodes.newest_first()[0].with_changes(severity=2))
    b.episodes.update(b.episodes.newest_first()[0].with_changes(severity=7))  # the same second: the device name breaks the tie
    merge(a, b)
    merge(b, a)
    assert a.episodes.newest_first()[0].severity == b.episodes.newest_first()[0].severity


@pytest.mark.parametrize(
    "spelling", [UUID.upper(), "{" + UUID + "}", "urn:uuid:" + UUID, UUID.replace("-", ""), UUID]
)
def test_every_spelling_of_a_uuid_is_one_episode(diary: Diary, spelling: str) -> None:
    record = {"uuid": spelling, "started_at": "2026-11-20T03:10:00+01:00", "muscle": "calf", "side": "left"}
    found = read_export(json.dumps({"episodes": [record, dict(record, uuid=UUID)]}).encode(), NOW)
    assert {e.uuid for e in found.episodes} == {UUID}
    diary.merge(found.episodes)
    assert diary.episodes.count() == 1


def test_text_that_is_not_a_uuid_is_refused_naming_the_record() -> None:
    record = {"uuid": "5a0c3c2e-nope", "started_at": "2026-11-20T03:10:00+01:00", "muscle": "calf", "side": "left"}
    with pytest.raises(ImportRefused, match="episode 1 in the file.*uuid: must be a UUID"):
        read_export(json.dumps([record]).encode(), NOW)


def test_a_newer_format_is_refused_and_format_1_still_imports() -> None:
    with pytest.raises(ImportRefused, match="format 3, written by a newer cramp-diary"):
        read_export(b'{"format": 3, "episodes": []}', NOW)
    old = {"application": "cramp-diary", "format": 1, "checkins": ["2026-11-20"], "episodes": [
        {"uuid": UUID, "started_at": "2026-11-20T03:10:00+01:00", "muscle": "calf", "side": "left",
         "updated_at": "2026-11-20T03:15:00+01:00"}]}
    found = read_export(json.dumps(old).encode(), NOW)
    assert found.episodes[0].hlc == hlc.from_legacy(found.episodes[0].updated_at)
    assert [c.day for c in found.checkins] == [date(2026, 11, 20)]


def test_export_includes_the_unfinished_cramp_marked(diary: Diary, tmp_path: Path, clock: FakeClock) -> None:
    diary.episodes.add(Episode(NOW - timedelta(minutes=3), "calf", "left", signs=("swelling",), status="open"))
    result = CliRunner().invoke(cli, ["--db", str(diary.path), "export", "-o", str(tmp_path / "x.json")],
                                obj={"now": clock})
    assert result.exit_code == 0, result.output
    assert "1 episode (1 unfinished, marked \"status\": \"open\")" in result.output
    [episode] = json.loads((tmp_path / "x.json").read_text())["episodes"]
    assert (episode["status"], episode["signs"]) == ("open", ["swelling"])


def test_export_to_stdout_and_import_from_stdin(diary: Diary, tmp_path: Path, clock: FakeClock) -> None:
    diary.episodes.add(Episode(NOW - timedelta(hours=1), "calf", "left"))
    runner = CliRunner()
    out = runner.invoke(cli, ["--db", str(diary.path), "export", "-o", "-"], obj={"now": clock})
    assert out.exit_code == 0 and json.loads(out.stdout)["format"] == 2
    other = tmp_path / "other.db"
    result = runner.invoke(cli, ["--db", str(other), "import", "-"], input=out.stdout, obj={"now": clock})
    assert result.exit_code == 0, result.output
    assert "1 added" in result.output


def test_sync_refuses_the_folder_holding_the_diary(diary: Diary) -> None:
    with pytest.raises(SyncRefused, match="holds the diary itself"):
        sync(diary, diary.path.parent)


def test_a_truncated_device_file_is_skipped_and_blocks_nothing(tmp_path: Path) -> None:
    a, b, clock = pair(tmp_path)
    folder = tmp_path / "shared"
    folder.mkdir()
    a.episodes.add(Episode(NOW - timedelta(hours=1), "calf", "left"))
    laptop = sync(a, folder).own_file
    whole = laptop.read_bytes()
    (folder / "broken.json").write_bytes(whole[: len(whole) // 2])
    report = sync(b, folder)
    assert len(report.warnings) == 1 and "broken.json" in report.warnings[0]
    assert report.lines() == [f"1 new, 0 updated, 0 deleted from {laptop.stem}"]
    assert b.episodes.count() == 1
    mode = stat.S_IMODE(report.own_file.stat().st_mode)
    assert mode == 0o600


def test_two_processes_syncing_one_folder_at_once_lose_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    dbs = [tmp_path / "one.db", tmp_path / "two.db"]
    run = [sys.executable, "-m", "cramp_diary"]
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config")}
    for number, db in enumerate(dbs):
        for hour in range(1, 6):
            subprocess.run([*run, "--db", str(db), "log", "--muscle", "calf", "--side", "left",
                            "--at", f"-{hour + 10 * number}h", "--note", f"{db.stem} {hour}"],
                           check=True, capture_output=True, env=env)
        subprocess.run([*run, "--db", str(db), "sync", str(folder), "--name", db.stem], check=True,
                       capture_output=True, env=env)
    for _ in range(2):
        procs = [subprocess.Popen([*run, "--db", str(db), "sync", str(folder)], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, env=env) for db in dbs]
        for proc in procs:
            _, err = proc.communicate(timeout=60)
            assert proc.returncode == 0, err
    for db in dbs:
        listed = subprocess.run([*run, "--db", str(db), "export"], check=True, capture_output=True, env=env)
        notes = sorted(e["note"] for e in json.loads(listed.stdout)["episodes"])
        assert notes == sorted(f"{d.stem} {h}" for d in dbs for h in range(1, 6))


def test_backup_is_a_consistent_private_copy_and_keeps_the_last_n(diary: Diary, clock: FakeClock) -> None:
    diary.episodes.add(Episode(NOW - timedelta(hours=1), "calf", "left", note="kept"))
    runner = CliRunner()
    for _ in range(3):
        result = runner.invoke(cli, ["--db", str(diary.path), "backup", "--keep", "2"], obj={"now": clock})
        assert result.exit_code == 0, result.output
        clock.advance(seconds=1)
    folder = diary.path.parent / "backups"
    copies = sorted(folder.iterdir())
    assert len(copies) == 2 and stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in copies)
    with Diary.open(copies[-1], clock) as copy:
        assert copy.episodes.newest_first()[0].note == "kept"


@given(st.lists(st.tuples(st.integers(0, 10**12), st.sampled_from(["a", "b"]), st.booleans()), max_size=30))
def test_a_local_stamp_always_orders_after_everything_seen(steps: list[tuple[int, str, bool]]) -> None:
    last: str | None = None
    for now_ms, device, remote in steps:
        if remote:
            other = hlc.make(now_ms, 5, "z")
            last = hlc.receive(now_ms, last, other, "a record")
            assert last >= other
        else:
            stamp = hlc.tick(now_ms, last, device)
            assert last is None or stamp > last
            last = stamp


async def test_ctrl_y_syncs_in_the_app_and_says_what_came_in(tmp_path: Path) -> None:
    from cramp_diary.settings import Settings, save_settings
    from cramp_diary.tui.app import CrampApp

    a, b, clock = pair(tmp_path)
    folder = tmp_path / "shared"
    folder.mkdir()
    b.episodes.add(Episode(NOW - timedelta(hours=1), "calf", "left"))
    sync(b, folder)
    config = tmp_path / "config"
    save_settings(config, Settings(sync_folder=str(folder)))
    app = CrampApp(a, now=clock, config_dir=config)
    async with app.run_test() as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert a.episodes.count() == 1  # synced on start
        b.episodes.delete(b.episodes.newest_first()[0].id)  # type: ignore[arg-type]
        sync(b, folder)
        await pilot.press("ctrl+y")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert messages[-1] == f"0 new, 0 updated, 1 deleted from desk-{b.stamps.identity()}", messages
    assert a.episodes.count() == 0 and (folder / f"laptop-{a.stamps.identity()}.json").exists()
