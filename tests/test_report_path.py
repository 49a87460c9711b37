"""Where `r` saves the report: Documents if there is one, else home, and never over an earlier report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import FakeClock

from cramp_diary.demo import write_demo
from cramp_diary.report import default_report_path
from cramp_diary.store import Diary
from cramp_diary.tui.app import CrampApp
from cramp_diary.tui.screens.charts import ChartsScreen

TODAY = date(2026, 11, 22)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder of its own, with no user-dirs.dirs naming another Documents folder."""
    folder = tmp_path / "person"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder / ".config"))
    return folder


def test_the_report_goes_into_documents_when_there_is_one(home: Path) -> None:
    (home / "Documents").mkdir()
    assert default_report_path(TODAY) == home / "Documents" / "cramp-diary-report-2026-11-22.html"


def test_without_a_documents_folder_the_report_goes_home(home: Path) -> None:
    assert default_report_path(TODAY) == home / "cramp-diary-report-2026-11-22.html"
    assert not (home / "Documents").exists()


def test_a_second_report_the_same_day_gets_the_next_number(home: Path) -> None:
    first = home / "cramp-diary-report-2026-11-22.html"
    first.write_text("the morning's report")
    assert default_report_path(TODAY) == home / "cramp-diary-report-2026-11-22-2.html"
    (home / "cramp-diary-report-2026-11-22-2.html").write_text("the second")
    assert default_report_path(TODAY) == home / "cramp-diary-report-2026-11-22-3.html"
    assert first.read_text() == "the morning's report"


def test_the_first_free_number_is_taken(home: Path) -> None:
    for name in ("cramp-diary-report-2026-11-22.html", "cramp-diary-report-2026-11-22-3.html"):
        (home / name).write_text("kept")
    assert default_report_path(TODAY) == home / "cramp-diary-report-2026-11-22-2.html"


async def test_r_twice_in_the_charts_keeps_both_reports(home: Path, diary: Diary, clock: FakeClock) -> None:
    (home / "Documents").mkdir()
    write_demo(diary, clock())
    async with CrampApp(diary, now=clock).run_test(size=(80, 24)) as pilot:
        pilot.app.push_screen(ChartsScreen())
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("w", "r")
        await pilot.pause()
        messages = [notice.message for notice in pilot.app._notifications]
    first = home / "Documents" / "cramp-diary-report-2026-11-22.html"
    second = home / "Documents" / "cramp-diary-report-2026-11-22-2.html"
    assert "(12 weeks, 84 days)" in first.read_text()
    assert "(26 weeks, 182 days)" in second.read_text()
    assert any(str(second) in message for message in messages)
