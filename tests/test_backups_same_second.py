"""Several backups in one second: each new one is named after the ones before it, so rotation never prunes it (issue 20)."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from cramp_diary.cli import cli
from cramp_diary.store import Diary
from conftest import FakeClock


def test_the_backup_just_written_is_never_the_one_keep_removes(tmp_path: Path) -> None:
    clock = FakeClock()  # it never moves: every backup falls in the same second
    db = tmp_path / "diary.db"
    Diary.open(db, clock).close()
    written = []
    for _ in range(4):
        result = CliRunner().invoke(cli, ["--db", str(db), "backup", "--keep", "2"], obj={"now": clock})
        assert result.exit_code == 0, result.output
        written.append(Path(re.search(r"Backed up the diary to (\S+)", result.output)[1]).name)  # type: ignore[index]
    assert len(set(written)) == 4  # never the same name twice
    assert sorted(p.name for p in (tmp_path / "backups").iterdir()) == sorted(written[-2:])  # the newest two


def test_a_backup_made_meanwhile_under_the_same_name_is_never_replaced(tmp_path: Path, monkeypatch) -> None:
    """Two runs in one second picked the same name, and the later rename replaced the other copy (issue 20)."""
    from cramp_diary import backups

    clock = FakeClock()
    db = tmp_path / "diary.db"
    Diary.open(db, clock).close()
    chosen = backups.next_backup
    planted: list[Path] = []

    def raced(*args, **kwargs):  # another `backup` takes the name between the choice and the rename
        target = chosen(*args, **kwargs)
        if not planted:
            target.write_bytes(b"the other run's backup")
            planted.append(target)
        return target

    monkeypatch.setattr(backups, "next_backup", raced)
    result = CliRunner().invoke(cli, ["--db", str(db), "backup"], obj={"now": clock})
    assert result.exit_code == 0, result.output
    assert planted[0].read_bytes() == b"the other run's backup"
    ours = Path(re.search(r"Backed up the diary to (\S+)", result.output)[1])  # type: ignore[index]
    assert ours != planted[0] and ours.read_bytes().startswith(b"SQLite format 3")
