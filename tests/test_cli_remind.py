"""`cramp-diary remind --ics` (issue 25): a calendar file the person's own calendar reminds them from.

Each file is parsed back with the icalendar library, as a calendar program would read it.
"""

from __future__ import annotations

import os
import stat
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from icalendar import Calendar

from cramp_diary.cli import cli
from cramp_diary.reminders import BEDTIME_UID, MORNING_UID

from conftest import FakeClock


def run(clock: FakeClock, tmp_path: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(tmp_path / "diary.db"), "remind", *args], obj={"now": clock})


def events(path: Path) -> dict[str, object]:
    calendar = Calendar.from_ical(path.read_bytes())
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


def test_two_daily_events_each_with_an_alarm(tmp_path: Path, clock: FakeClock) -> None:
    target = tmp_path / "reminders.ics"
    result = run(clock, tmp_path, "--ics", "-o", str(target), "--bedtime", "22:30", "--morning", "7:15am")
    assert result.exit_code == 0, result.output
    assert "bedtime stretches at 22:30, morning check-in at 07:15" in result.output
    found = events(target)
    assert set(found) == {BEDTIME_UID, MORNING_UID}
    for uid, at in ((BEDTIME_UID, time(22, 30)), (MORNING_UID, time(7, 15))):
        event = found[uid]
        start = event.decoded("dtstart")
        assert (start.date(), start.time(), start.tzinfo) == (date(2026, 11, 22), at, None)  # floating local time
        assert event.decoded("duration") == timedelta(minutes=5)
        assert event["rrule"]["FREQ"] == ["DAILY"] and "UNTIL" not in event["rrule"] and "COUNT" not in event["rrule"]
        alarms = event.walk("VALARM")
        assert len(alarms) == 1
        assert str(alarms[0]["action"]) == "DISPLAY" and alarms[0].decoded("trigger") == timedelta(0)
        assert str(alarms[0]["description"]) == str(event["summary"])
    assert "cramp-diary timer bedtime" in str(found[BEDTIME_UID]["description"])
    assert "checkin --none" in str(found[MORNING_UID]["description"])
    raw = target.read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.count(b"\n") == raw.count(b"\r\n")  # RFC 5545 line ends
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert not (tmp_path / "diary.db").exists()  # the diary is neither read nor made


def test_defaults_and_a_newer_file_updating_the_same_events(tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(clock, tmp_path, "--ics").exit_code == 0
    first = events(tmp_path / "cramp-diary-reminders.ics")
    assert first[BEDTIME_UID].decoded("dtstart").time() == time(22, 0)
    assert first[MORNING_UID].decoded("dtstart").time() == time(8, 0)
    clock.advance(days=1)
    assert run(clock, tmp_path, "--ics", "--bedtime", "23:00").exit_code == 0  # replaces the file: same ids
    second = events(tmp_path / "cramp-diary-reminders.ics")
    assert second[BEDTIME_UID].decoded("dtstart").time() == time(23, 0)
    assert int(second[BEDTIME_UID]["sequence"]) > int(first[BEDTIME_UID]["sequence"])  # the newer one wins


def test_standard_output(tmp_path: Path, clock: FakeClock) -> None:
    result = run(clock, tmp_path, "--ics", "-o", "-")
    assert result.exit_code == 0
    calendar = Calendar.from_ical(result.stdout_bytes)
    assert len(calendar.walk("VEVENT")) == 2


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--bedtime", "25:00"], ["'--bedtime'", "a time of day such as 22:00", "'25:00'"]),
        (["--morning", "soon"], ["'--morning'", "'soon'"]),
        (["--morning", "8:00:30"], ["'--morning'"]),
        (["--bedtime", "8am", "--morning", "08:00"], ["'--morning'", "must differ from --bedtime"]),
    ],
)
def test_bad_times_are_refused_by_name_and_nothing_is_written(
    tmp_path: Path, clock: FakeClock, args: list[str], words: list[str]
) -> None:
    target = tmp_path / "r.ics"
    result = run(clock, tmp_path, "--ics", "-o", str(target), *args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    for word in words:
        assert word in result.output
    assert not target.exists()


def test_without_ics_it_says_what_to_add(tmp_path: Path, clock: FakeClock) -> None:
    result = run(clock, tmp_path)
    assert result.exit_code == 2 and "say --ics" in result.output


def test_a_link_is_never_written_through(tmp_path: Path, clock: FakeClock) -> None:
    real = tmp_path / "real.txt"
    real.write_text("keep")
    link = tmp_path / "r.ics"
    link.symlink_to(real)
    result = run(clock, tmp_path, "--ics", "-o", str(link))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert real.read_text() == "keep" and link.is_symlink()
