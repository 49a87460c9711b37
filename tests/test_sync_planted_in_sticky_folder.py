"""Another user's file under this device's name, in a sticky folder: sync says whose it is, not a temp file's name (issue 20)."""

from __future__ import annotations

import errno
import os
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from cramp_diary.cli import cli
from cramp_diary.model import Episode
from cramp_diary.store import Diary
from conftest import NOW, FakeClock

STRANGER = 4242


@pytest.mark.skipif(os.geteuid() != 0, reason="making a file another user's needs root")
def test_a_planted_file_the_sticky_bit_keeps_us_from_replacing_is_named_with_its_owner(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    os.chmod(folder, 0o1777)
    db = tmp_path / "diary.db"
    with Diary.open(db, FakeClock()) as diary:
        diary.stamps.rename_device("laptop")
        diary.episodes.add(Episode(NOW - timedelta(hours=1), "calf", "left"))
        planted = folder / f"laptop-{diary.stamps.identity()}.json"
    planted.write_text("{}")
    os.chmod(planted, 0o666)
    os.chown(planted, STRANGER, STRANGER)
    real_replace = os.replace

    def sticky_replace(src: str | Path, dst: str | Path) -> None:
        """What the kernel does for a user who is not root: no replacing another user's file in a sticky folder."""
        if Path(dst) == planted:
            raise PermissionError(errno.EPERM, "Operation not permitted", str(src), str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", sticky_replace)
    result = CliRunner().invoke(cli, ["--db", str(db), "sync", str(folder)], obj={"now": FakeClock()})
    assert result.exit_code != 0
    assert planted.name in result.output and f"another user (uid {STRANGER})" in result.output
    assert ".tmp" not in result.output and planted.read_text() == "{}"
    assert [p.name for p in folder.iterdir()] == [planted.name]  # no temporary file left behind
