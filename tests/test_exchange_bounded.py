"""Device files and imports are read within bounded memory, with a clear message past the limit (issue 20)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from cramp_diary.cli import cli
from cramp_diary.exchange import MAX_EXPORT_BYTES, ImportRefused, read_export
from cramp_diary.exchange.raw import MAX_RECORDS
from cramp_diary.store import Diary
from cramp_diary.sync import sync
from conftest import NOW, FakeClock

RECORD = {"uuid": "5a0c3c2e-8f5b-4a51-9b7e-2d1f0c7a9e11", "started_at": "2026-11-20T03:10:00+01:00",
          "muscle": "calf", "side": "left"}


def test_json_of_tiny_values_is_refused_before_it_is_parsed() -> None:
    hostile = b'{"episodes": [], "padding": [' + b"[]," * 2_000_000 + b"[]]}"
    with pytest.raises(ImportRefused, match="far more values than its records could"):
        read_export(hostile, NOW)


def test_a_real_export_is_well_within_the_value_guard(tmp_path: Path) -> None:
    with Diary.open(tmp_path / "demo.db", FakeClock()) as diary:
        from cramp_diary.demo import write_demo

        write_demo(diary, NOW)
        diary.checkins.add(NOW.date())
        result = CliRunner().invoke(cli, ["--db", str(diary.path), "export"], obj={"now": FakeClock()})
    found = read_export(result.stdout.encode(), NOW)
    assert len(found.episodes) > 50


def test_more_episodes_than_a_diary_could_hold_are_refused_by_count(monkeypatch: pytest.MonkeyPatch) -> None:
    from cramp_diary.exchange import raw

    monkeypatch.setattr(raw, "MAX_RECORDS", 3)
    rows = [dict(RECORD, uuid=f"5a0c3c2e-8f5b-4a51-9b7e-{n:012d}") for n in range(4)]
    with pytest.raises(ImportRefused, match="more than 3 episodes, more than a diary could hold"):
        read_export(json.dumps({"episodes": rows}).encode(), NOW)
    header = "uuid,started_at,muscle,side\n"
    csv = header + "".join(f"{r['uuid']},{r['started_at']},calf,left\n" for r in rows)
    with pytest.raises(ImportRefused, match="more than 3 episodes"):
        read_export(csv.encode(), NOW, name="x.csv")
    assert MAX_RECORDS == 200_000


def test_a_csv_of_empty_rows_stops_at_the_first_bad_one_without_holding_them_all() -> None:
    """Each CSV row is checked as it is read: 20 MB of ',' lines once became gigabytes of dicts."""
    script = textwrap.dedent(
        """
        import resource, sys
        from datetime import datetime, timezone
        from cramp_diary.exchange import ImportRefused, read_export
        data = b"uuid,started_at,muscle,side\\n" + b",\\n" * 10_000_000
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        try:
            read_export(data, datetime(2026, 11, 22, tzinfo=timezone.utc), name="x.csv")
        except ImportRefused as error:
            print(error)
        print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024)
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    message, grown_mb = done.stdout.splitlines()
    assert "episode 1 in the file" in message
    assert int(grown_mb) < 200, done.stdout  # the text itself (20 MB, decoded) and one row, not 10 million


def test_a_device_file_past_the_limit_is_skipped_with_the_reason(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o700)
    with open(folder / "huge.json", "wb") as handle:
        handle.truncate(MAX_EXPORT_BYTES + 1)  # sparse: no disk, no memory
    with Diary.open(tmp_path / "a.db", FakeClock()) as diary:
        report = sync(diary, folder)
    assert report.warnings == [
        "skipped huge.json: it is larger than 64 MB, more than a diary could hold; it will be read again at the next sync"
    ]
