"""Bedtime stretches done without the timer are noted (CLI and home key) and count like timed ones."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner

from cramp_diary import stats
from cramp_diary.cli import cli
from cramp_diary.store import Diary
from cramp_diary.timer_session import note_stretches
from cramp_diary.tui.app import CrampApp
from conftest import NOW, ZONE, FakeClock


def run(clock: FakeClock, db: Path, *args: str):
    return CliRunner().invoke(cli, ["--db", str(db), *args], obj={"now": clock})


def test_stretched_tonight_and_yesterday_count_as_evenings(clock: FakeClock, db_path: Path) -> None:
    assert run(clock, db_path, "stretched").output == "Noted: bedtime stretches done on the evening of Sun 22 Nov.\n"
    assert run(clock, db_path, "stretched", "--date", "yesterday").exit_code == 0
    again = run(clock, db_path, "stretched")
    assert again.output.startswith("Already noted")
    with Diary.open(db_path, clock) as diary:
        assert stats.bedtime_evenings(diary, date(2026, 11, 1), date(2026, 11, 22)) == [date(2026, 11, 21), date(2026, 11, 22)]
        assert stats.summary(diary, date(2026, 11, 16), date(2026, 11, 22)).bedtime_evenings == 2


def test_after_midnight_the_stretches_belong_to_last_evening(diary: Diary) -> None:
    late = datetime(2026, 11, 23, 0, 40, tzinfo=ZONE)
    assert note_stretches(diary, late).evening == date(2026, 11, 22)


def test_a_bad_or_future_evening_is_refused_and_nothing_written(clock: FakeClock, db_path: Path) -> None:
    bad = run(clock, db_path, "stretched", "--date", "someday")
    assert bad.exit_code == 2 and "--date" in bad.output
    future = run(clock, db_path, "stretched", "--date", (NOW.date() + timedelta(days=1)).isoformat())
    assert future.exit_code == 2 and "future" in future.output
    with Diary.open(db_path, clock) as diary:
        assert stats.bedtime_evenings(diary, date(2026, 1, 1), date(2026, 12, 31)) == []


async def test_the_home_key_notes_tonights_stretches(diary: Diary, clock: FakeClock) -> None:
    async with CrampApp(diary, now=clock).run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert stats.bedtime_evenings(diary, NOW.date(), NOW.date()) == [NOW.date()]
        await pilot.press("s")
        await pilot.pause()
        messages = [n.message for n in pilot.app._notifications]
        assert messages[-1].startswith("Already noted: bedtime stretches")
