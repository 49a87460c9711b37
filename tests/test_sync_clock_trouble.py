"""Clock trouble repairs itself: a record stamped far ahead is left out on its own, time zones get a day (issue 20)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from cramp_diary import hlc
from cramp_diary.changes import Change
from cramp_diary.cli import cli
from cramp_diary.exchange import ImportRefused, read_export
from cramp_diary.model import Episode
from cramp_diary.store import Diary
from cramp_diary.sync import sync
from conftest import NOW, FakeClock

KIRITIMATI = ZoneInfo("Pacific/Kiritimati")  # UTC+14
PAGO_PAGO = ZoneInfo("Pacific/Pago_Pago")  # UTC-11
UUID = "5a0c3c2e-8f5b-4a51-9b7e-2d1f0c7a9e11"


def folder_of(tmp_path: Path) -> Path:
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def test_one_record_stamped_a_year_ahead_is_left_out_and_the_rest_of_the_file_merges(tmp_path: Path) -> None:
    clock = FakeClock()
    ahead = FakeClock(NOW + timedelta(days=365))
    folder = folder_of(tmp_path)
    with Diary.open(tmp_path / "b.db", clock) as b:
        b.stamps.rename_device("desk")
        b.episodes.add(Episode(NOW - timedelta(hours=2), "calf", "left", note="fine"))
        desk = sync(b, folder).own_file
    document = json.loads(desk.read_text())
    bad = dict(document["episodes"][0], uuid=UUID, hlc=hlc.make(hlc.to_ms(ahead()), 0, "desk"), note="ahead")
    document["episodes"].append(bad)
    desk.write_text(json.dumps(document))
    with Diary.open(tmp_path / "a.db", clock) as a:
        report = sync(a, folder)
        assert [e.note for e in a.episodes.newest_first()] == ["fine"]
        assert len(report.warnings) == 1 and UUID in report.warnings[0] and "more than a day ahead" in report.warnings[0]
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "a.db"), "sync", str(folder)], obj={"now": clock})
    assert result.exit_code == 1 and "more than a day ahead" in result.output


def test_a_record_far_ahead_is_skipped_alone_in_sync_and_refuses_a_whole_import() -> None:
    record = {"uuid": UUID, "started_at": "2026-11-20T03:10:00+01:00", "muscle": "calf", "side": "left",
              "hlc": hlc.make(hlc.to_ms(NOW + timedelta(days=30)), 0, "desk")}
    skipped: list[str] = []
    assert read_export(json.dumps({"episodes": [record]}).encode(), NOW, skipped=skipped).episodes == []
    assert len(skipped) == 1
    with pytest.raises(ImportRefused, match="more than a day ahead"):
        read_export(json.dumps({"episodes": [record]}).encode(), NOW)


def test_a_dated_change_and_a_discussed_mark_from_kiritimati_reach_pago_pago(tmp_path: Path) -> None:
    moment = datetime(2026, 11, 20, 9, 0, tzinfo=KIRITIMATI)  # 2026-11-19 08:00 in Pago Pago
    east, west = FakeClock(moment), FakeClock(moment.astimezone(PAGO_PAGO))
    folder = folder_of(tmp_path)
    with Diary.open(tmp_path / "east.db", east) as kiritimati:
        kiritimati.stamps.rename_device("east")
        kiritimati.episodes.add(Episode(moment - timedelta(hours=1), "calf", "left"))
        kiritimati.changes.add(Change(name="magnesium", kind="supplement", started=moment.date()))
        kiritimati.discussed.mark("one-sided-swelling", moment.date())
        sync(kiritimati, folder)
    with Diary.open(tmp_path / "west.db", west) as pago_pago:
        report = sync(pago_pago, folder)
        assert report.warnings == []
        assert pago_pago.episodes.count() == 1 and [c.name for c in pago_pago.changes.all()] == ["magnesium"]


def test_every_spelling_of_a_change_uuid_is_one_change_and_its_deletion_finds_it(tmp_path: Path) -> None:
    clock = FakeClock()
    record = {"uuid": "{" + UUID.upper() + "}", "kind": "supplement", "name": "magnesium", "started": "2026-11-01",
              "hlc": hlc.make(hlc.to_ms(NOW - timedelta(days=1)), 0, "desk")}
    plain = dict(record, uuid=UUID)
    found = read_export(json.dumps({"episodes": [], "changes": [record, plain]}).encode(), NOW)
    assert {c.uuid for c in found.changes} == {UUID}
    with Diary.open(tmp_path / "a.db", clock) as diary:
        diary.merge([], changes=found.changes)
        assert len(diary.changes.all()) == 1
        deletion = {"kind": "change", "key": "urn:uuid:" + UUID, "hlc": hlc.make(hlc.to_ms(NOW), 0, "desk"),
                    "device": "desk", "deleted_at": NOW.isoformat()}
        gone = read_export(json.dumps({"episodes": [], "tombstones": [deletion]}).encode(), NOW)
        diary.merge([], tombstones=gone.tombstones)
        assert diary.changes.all() == []


def test_a_device_that_ran_a_year_ahead_repairs_itself_at_its_next_sync(tmp_path: Path) -> None:
    """The issue's stall: one run a year ahead kept that device's stamps in the future, and every other
    device skipped its whole file with exit 0, until that date came."""
    folder = folder_of(tmp_path)
    clock = FakeClock()
    b_clock = FakeClock(NOW + timedelta(days=365))
    with Diary.open(tmp_path / "a.db", clock) as a, Diary.open(tmp_path / "b.db", b_clock) as b:
        a.stamps.rename_device("desk")
        b.stamps.rename_device("laptop")
        b.episodes.add(Episode(NOW - timedelta(hours=3), "calf", "left", note="logged a year ahead"))
        sync(b, folder)
        report = sync(a, folder)
        assert len(report.warnings) == 1 and "more than a day ahead" in report.warnings[0]
        b_clock.current = NOW  # the clock is fixed
        b.episodes.add(Episode(NOW - timedelta(hours=1), "calf", "left", note="logged after the fix"))
        assert b.episodes.newest_first()[0].hlc < hlc.make(hlc.to_ms(NOW) + 60_000, 0, "")  # not a year ahead
        repaired = sync(b, folder)
        assert repaired.notes and "stamped again" in repaired.notes[0]
        report = sync(a, folder)
        assert report.warnings == []
        assert sorted(e.note for e in a.episodes.newest_first()) == ["logged a year ahead", "logged after the fix"]
        assert sync(b, folder).notes == []
