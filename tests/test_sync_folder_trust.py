"""A sync folder that can be trusted: refused with the reason when others could plant records in it (issue 20)."""

from __future__ import annotations

import os
import stat
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from cramp_diary.cli import cli
from cramp_diary.model import Episode
from cramp_diary.store import Diary
from cramp_diary.sync import SyncRefused, sync
from conftest import NOW, FakeClock

STRANGER = 4242
as_root = pytest.mark.skipif(os.geteuid() != 0, reason="making a file another user's needs root")


def diary_in(tmp_path: Path, name: str = "laptop") -> Diary:
    (tmp_path / "data").mkdir(exist_ok=True)
    diary = Diary.open(tmp_path / "data" / f"{name}.db", FakeClock())
    diary.stamps.rename_device(name)
    return diary


def shared(tmp_path: Path, mode: int = 0o700) -> Path:
    folder = tmp_path / "shared"
    folder.mkdir(exist_ok=True)
    os.chmod(folder, mode)
    return folder


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o757])
def test_a_folder_others_can_change_is_refused_with_the_reason(tmp_path: Path, mode: int) -> None:
    diary = diary_in(tmp_path)
    with pytest.raises(SyncRefused, match=f"other users can change .*mode {mode:o}.*chmod 700"):
        sync(diary, shared(tmp_path, mode))


def test_the_folder_above_the_diary_and_the_backups_folder_are_refused(tmp_path: Path) -> None:
    diary = diary_in(tmp_path)
    with pytest.raises(SyncRefused, match="holds the diary further down"):
        sync(diary, tmp_path)
    with pytest.raises(SyncRefused, match="holds the diary itself"):
        sync(diary, tmp_path / "data")
    backups = tmp_path / "data" / "backups"
    backups.mkdir(mode=0o700)
    with pytest.raises(SyncRefused, match="backups folder"):
        sync(diary, backups)


@pytest.mark.parametrize("folder", ["/", "/dev", "/dev/shm", "", "  "])
def test_system_folders_and_empty_text_are_refused(tmp_path: Path, folder: str) -> None:
    diary = diary_in(tmp_path)
    with pytest.raises(SyncRefused, match="folder of the system|empty text|holds the diary"):
        sync(diary, folder)
    assert not any(Path(folder or ".").glob("laptop*.json"))


def test_the_command_refuses_empty_text_instead_of_syncing_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    diary = diary_in(tmp_path)
    result = CliRunner().invoke(cli, ["--db", str(diary.path), "sync", ""])
    assert result.exit_code == 1 and "empty text" in result.output
    assert not list(tmp_path.glob("laptop*.json"))


@as_root
def test_another_users_file_in_a_sticky_folder_is_skipped_and_sync_exits_non_zero(tmp_path: Path) -> None:
    folder = shared(tmp_path, 0o1777)  # like /tmp: others may add files, not replace ours
    diary = diary_in(tmp_path)
    intruder = diary_in(tmp_path, "intruder")
    intruder.episodes.add(Episode(NOW - timedelta(hours=1), "calf", "left", signs=("swelling",)))
    planted = sync(intruder, folder).own_file
    os.chown(planted, STRANGER, STRANGER)
    report = sync(diary, folder)
    assert diary.episodes.count() == 0
    assert len(report.warnings) == 1 and f"{planted.name}: it belongs to another user (uid 4242)" in report.warnings[0]
    result = CliRunner().invoke(cli, ["--db", str(diary.path), "sync", str(folder)])
    assert result.exit_code == 1, result.output
    assert "see the 1 warning(s) above" in result.output and diary.episodes.count() == 0


@as_root
def test_a_planted_device_file_is_replaced_by_a_fresh_private_one(tmp_path: Path) -> None:
    folder = shared(tmp_path)
    diary = diary_in(tmp_path)
    diary.episodes.add(Episode(NOW - timedelta(hours=1), "calf", "left", note="private"))
    planted = folder / f"laptop-{diary.stamps.identity()}.json"
    planted.write_text("{}")
    os.chmod(planted, 0o666)
    os.chown(planted, STRANGER, STRANGER)
    before = os.stat(planted)
    sync(diary, folder)
    after = os.stat(planted)
    assert (after.st_dev, after.st_ino) != (before.st_dev, before.st_ino)  # a new file, not written through
    assert after.st_uid == os.geteuid() and stat.S_IMODE(after.st_mode) == 0o600
    assert "private" in planted.read_text()


def test_a_device_file_swapped_for_a_link_is_not_read(tmp_path: Path) -> None:
    folder = shared(tmp_path)
    diary = diary_in(tmp_path)
    secret = tmp_path / "secret.json"
    secret.write_text("{}")
    (folder / "other.json").symlink_to(secret)
    report = sync(diary, folder)
    assert report.warnings == [
        "skipped other.json: it is a symbolic link; it will be read again at the next sync"
    ]
