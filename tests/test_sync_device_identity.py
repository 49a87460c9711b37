"""A device identity that cannot collide: copies, one name on two machines, Laptop and laptop (issue 20)."""

from __future__ import annotations

import json
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from cramp_diary.cli import cli
from cramp_diary.model import Episode
from cramp_diary.store import Diary
from cramp_diary.sync import sync
from conftest import NOW, FakeClock


def shared(tmp_path: Path) -> Path:
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def notes(diary: Diary) -> list[str]:
    return sorted(e.note for e in diary.episodes.iter_all())


def test_a_diary_copied_to_a_second_home_syncs_both_ways(tmp_path: Path) -> None:
    clock = FakeClock()
    folder = shared(tmp_path)
    (tmp_path / "home1").mkdir()
    (tmp_path / "home2").mkdir()
    first = tmp_path / "home1" / "diary.db"
    with Diary.open(first, clock) as a:
        a.episodes.add(Episode(NOW - timedelta(hours=9), "calf", "left", note="before the copy"))
        sync(a, folder)
    shutil.copy(first, tmp_path / "home2" / "diary.db")  # as the README suggests for a second machine
    with Diary.open(first, clock) as a, Diary.open(tmp_path / "home2" / "diary.db", clock) as b:
        assert a.stamps.device_name() == b.stamps.device_name()
        a.episodes.add(Episode(NOW - timedelta(hours=2), "calf", "left", note="on the first"))
        b.episodes.add(Episode(NOW - timedelta(hours=1), "foot", "right", note="on the copy"))
        report = sync(b, folder)
        assert report.notes and "copied here from another machine or folder" in report.notes[0]
        sync(a, folder)
        sync(b, folder)
        expected = ["before the copy", "on the copy", "on the first"]
        assert notes(a) == expected and notes(b) == expected
        assert a.stamps.identity() != b.stamps.identity()
        assert len(list(folder.glob("*.json"))) == 2
        assert sync(a, folder).notes == []  # the original keeps its identity


def test_one_name_on_two_machines_and_laptop_and_laptop(tmp_path: Path) -> None:
    clock = FakeClock()
    folder = shared(tmp_path)
    runner = CliRunner()
    dbs = {"Laptop": tmp_path / "one.db", "laptop": tmp_path / "two.db"}
    for name, db in dbs.items():
        with Diary.open(db, clock) as diary:
            diary.episodes.add(Episode(NOW - timedelta(hours=len(name)), "calf", "left", note=f"from {name}"))
    for _ in range(2):
        for name, db in dbs.items():
            result = runner.invoke(cli, ["--db", str(db), "sync", str(folder), "--name", name], obj={"now": clock})
            assert result.exit_code == 0, result.output
    files = [p.name.lower() for p in folder.glob("*.json")]
    assert len(files) == len(set(files)) == 2  # distinct even on a disk that ignores case
    for db in dbs.values():
        with Diary.open(db, clock) as diary:
            assert notes(diary) == ["from Laptop", "from laptop"]
    for db in dbs.values():  # the same name twice (sync --name laptop on both machines) works just as well
        assert runner.invoke(cli, ["--db", str(db), "sync", str(folder), "--name", "laptop"], obj={"now": clock}).exit_code == 0


def test_a_renamed_device_leaves_no_stale_file_and_never_reads_its_own(tmp_path: Path) -> None:
    clock = FakeClock()
    folder = shared(tmp_path)
    with Diary.open(tmp_path / "a.db", clock) as a:
        a.episodes.add(Episode(NOW - timedelta(hours=2), "calf", "left", note="mine"))
        old = sync(a, folder).own_file
        a.stamps.rename_device("study")
        report = sync(a, folder)
        assert not old.exists() and report.own_file.name.startswith("study-")
        (folder / "copied-by-hand.json").write_bytes(report.own_file.read_bytes())
        assert json.loads(report.own_file.read_text())["device_id"] == a.stamps.identity()
        assert sync(a, folder).lines() == ["Nothing new from other devices."]


def test_a_backup_restored_in_place_takes_back_what_it_had_synced_since(tmp_path: Path) -> None:
    """Same machine, same path: the same device. Its own file holds what it did after the backup."""
    clock = FakeClock()
    folder = shared(tmp_path)
    path = tmp_path / "diary.db"
    with Diary.open(path, clock) as diary:
        kept = diary.episodes.add(Episode(NOW - timedelta(hours=5), "calf", "left", note="in the backup"))
        sync(diary, folder)
        diary.backup_to(tmp_path / "backup.db")
        diary.episodes.delete(kept.id)  # type: ignore[arg-type]
        diary.episodes.add(Episode(NOW - timedelta(hours=1), "calf", "left", note="after the backup"))
        sync(diary, folder)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    shutil.copy(tmp_path / "backup.db", path)
    with Diary.open(path, clock) as diary:
        report = sync(diary, folder)
        assert report.notes == []  # the same device, not a copy
        assert notes(diary) == ["after the backup"]
        assert sync(diary, folder).lines() == ["Nothing new from other devices."]


def test_the_place_a_diary_was_made_for_is_fingerprinted_as_before(tmp_path: Path) -> None:
    """The host name now comes from os.uname, not ``platform``: an existing diary must not take itself for a copy."""
    import hashlib
    import platform

    from cramp_diary import device

    path = tmp_path / "d.db"
    machine = platform.node()
    for candidate in device.MACHINE_ID_FILES:
        try:
            machine = candidate.read_text(encoding="ascii").strip() + "\0" + platform.node()
            break
        except (OSError, UnicodeDecodeError):
            continue
    where = f"{machine}\0{path.resolve()}"
    assert device.home(path) == hashlib.sha256(where.encode("utf-8", "surrogateescape")).hexdigest()[:16]


@settings(max_examples=200)
@given(st.binary(max_size=300))
def test_the_fingerprint_s_sha256_is_hashlib_s(data: bytes) -> None:
    """``log`` spells the fingerprint without loading ``hashlib`` (and OpenSSL): the same digest."""
    import hashlib

    from cramp_diary import device

    assert device._sha256(data) == hashlib.sha256(data).hexdigest()


def test_without_cpython_s_own_sha256_the_fingerprint_comes_from_hashlib(monkeypatch: pytest.MonkeyPatch) -> None:
    import hashlib
    import sys

    from cramp_diary import device

    monkeypatch.setitem(sys.modules, "_sha2", None)  # None in sys.modules: that import fails
    monkeypatch.setitem(sys.modules, "_sha256", None)
    calls: list[bytes] = []
    real = hashlib.sha256
    monkeypatch.setattr(hashlib, "sha256", lambda data: calls.append(data) or real(data))
    assert device._sha256(b"laptop\0/home/me/diary.db") == real(b"laptop\0/home/me/diary.db").hexdigest()
    assert calls == [b"laptop\0/home/me/diary.db"]
