"""The use cases: one function per thing a person does, each result carrying its sentence.

The CLI and the app call the same function, so they say the same words; the last tests
here drive both edges and compare what each said.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import ZONE, FakeClock

from cramp_diary import iso_weeks, stats
from cramp_diary.changes import Change
from cramp_diary.cli import cli
from cramp_diary.model import Episode, InvalidField, new_uuid
from cramp_diary.store import Diary
from cramp_diary.use_cases.check_in import backfill, check_in, take_back
from cramp_diary.use_cases.pattern_view import pattern_view
from cramp_diary.use_cases.mark_discussed import mark_discussed

SUNDAY = date(2026, 11, 22)


def run(clock: FakeClock, db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *args], obj={"now": clock})


def test_check_in_says_what_happened_to_the_day(diary: Diary) -> None:
    done = check_in(diary, SUNDAY)
    assert (done.status, done.refused, done.message) == ("added", False, "Recorded Sun 2026-11-22 as cramp-free.")
    assert check_in(diary, SUNDAY).message == "Sun 2026-11-22 was already recorded as cramp-free."
    diary.episodes.add(Episode(started_at=datetime(2026, 11, 21, 3, 0, tzinfo=ZONE), muscle="calf", side="left"))
    refused = check_in(diary, date(2026, 11, 21))
    assert refused.refused
    assert refused.message == "Sat 2026-11-21 already has 1 cramp in the diary; a check-in says a day had none."


def test_taking_back_says_whether_there_was_one(diary: Diary) -> None:
    check_in(diary, SUNDAY)
    assert take_back(diary, SUNDAY).message == "Took back the check-in for Sun 2026-11-22."
    assert take_back(diary, SUNDAY).message == "There was no check-in for Sun 2026-11-22."


def test_backfill_counts_every_day_and_skips_cramp_days(diary: Diary) -> None:
    check_in(diary, date(2026, 11, 10))
    diary.episodes.add(Episode(started_at=datetime(2026, 11, 12, 3, 0, tzinfo=ZONE), muscle="calf", side="left"))
    done = backfill(diary, date(2026, 11, 9), date(2026, 11, 13))
    assert (done.added, done.already, done.skipped) == (3, 1, 1)
    assert done.message == (
        "Recorded 3 days from 2026-11-09 to 2026-11-13 as cramp-free; 1 already were; skipped 1 day that has a cramp."
    )


def test_backfill_limits_name_the_field_not_a_command_line_flag(diary: Diary) -> None:
    with pytest.raises(InvalidField) as backwards:
        backfill(diary, SUNDAY, SUNDAY - timedelta(days=1))
    assert backwards.value.field == "from" and "--" not in backwards.value.rule
    with pytest.raises(InvalidField) as too_long:
        backfill(diary, SUNDAY - timedelta(days=92), SUNDAY)
    assert too_long.value.field == "to" and "at most 92 days" in too_long.value.rule and "--" not in too_long.value.rule
    assert diary.checkins.days_between(SUNDAY - timedelta(days=100), SUNDAY) == []


def test_the_cli_names_its_own_options_for_backfill_limits(clock: FakeClock, db_path: Path) -> None:
    result = run(clock, db_path, "checkin", "--none", "--from", "2026-08-01", "--to", "2026-11-20")
    assert result.exit_code == 2
    assert "'--to'" in result.output and "at most 92 days" in result.output
    result = run(clock, db_path, "checkin", "--none", "--from", "2026-11-20", "--to", "2026-11-10")
    assert result.exit_code == 2 and "'--from'" in result.output
    assert not db_path.exists()  # refused before a diary was made


def test_mark_discussed_names_the_warning_and_a_repeat(diary: Diary) -> None:
    first = mark_discussed(diary, "one-sided-swelling", SUNDAY)
    assert first.added and first.message.startswith("Marked as discussed on 2026-11-22: ")
    again = mark_discussed(diary, "one-sided-swelling", SUNDAY)
    assert not again.added and again.message.startswith("Marked as discussed on 2026-11-22 (already noted): ")
    with pytest.raises(ValueError):
        mark_discussed(diary, "no-such-rule", SUNDAY)


def test_the_pattern_view_is_the_period_summary_timeline_and_markers(diary: Diary) -> None:
    diary.episodes.add(Episode(started_at=datetime(2026, 11, 3, 3, 0, tzinfo=ZONE), muscle="calf", side="left"))
    diary.changes.add(Change(name="magnesium", kind="supplement", started=date(2026, 11, 10)))
    view = pattern_view(diary, SUNDAY, 4)
    assert (view.first, view.last) == stats.period(diary, SUNDAY, 4)
    assert view.summary == stats.summary(diary, view.first, view.last)
    assert view.timeline == iso_weeks.timeline(diary, view.first, view.last)
    assert [change.name for change in view.changes] == ["magnesium"]
    assert len(view.markers) == 1 and view.weeks_asked == 4


async def test_the_app_and_the_cli_say_the_same_check_in_sentence(clock: FakeClock, tmp_path: Path) -> None:
    from cramp_diary.tui.app import CrampApp

    morning = FakeClock(datetime(2026, 11, 22, 7, 30, tzinfo=ZONE))
    by_cli = run(morning, tmp_path / "cli.db", "checkin", "--none")
    assert by_cli.exit_code == 0
    with Diary.open(tmp_path / "app.db", morning) as diary:
        diary.checkins.add(date(2026, 11, 21))
        async with CrampApp(diary, now=morning).run_test() as pilot:
            await pilot.pause()  # the lines above the list follow its first frame
            await pilot.press("k")
            await pilot.pause()
            said = [notification.message for notification in pilot.app._notifications]
    assert by_cli.output.strip() in said


async def test_the_app_and_the_cli_say_the_same_backfill_sentence(tmp_path: Path) -> None:
    from cramp_diary.tui.app import CrampApp

    morning = FakeClock(datetime(2026, 11, 22, 7, 30, tzinfo=ZONE))
    with Diary.open(tmp_path / "app.db", morning) as diary:
        diary.checkins.add(date(2026, 11, 18))
        async with CrampApp(diary, now=morning).run_test() as pilot:
            await pilot.pause()  # the lines above the list follow its first frame
            await pilot.press("b", "y")
            await pilot.pause()
            said = [notification.message for notification in pilot.app._notifications]
    with Diary.open(tmp_path / "cli.db", morning) as other:
        other.checkins.add(date(2026, 11, 18))
    by_cli = run(morning, tmp_path / "cli.db", "checkin", "--none", "--from", "2026-11-19", "--to", "2026-11-22")
    assert by_cli.exit_code == 0
    assert by_cli.output.strip() in said


def test_log_edit_delete_and_undo_each_say_what_they_did(diary: Diary) -> None:
    from cramp_diary.use_cases.episode_actions import delete, edit, log, save_as_new, undo_delete

    logged = log(diary, Episode(started_at=datetime(2026, 11, 21, 3, 0, tzinfo=ZONE), muscle="calf", side="left"))
    assert logged.message == f"Saved episode {logged.episode.id}." and diary.episodes.get(logged.episode.id) is not None  # type: ignore[arg-type]
    edited = edit(diary, logged.episode, logged.episode.with_changes(severity=6))
    assert edited.message == f"Updated episode {edited.episode.id}." and edited.episode.severity == 6
    deleted = delete(diary, edited.episode.id)  # type: ignore[arg-type]
    assert deleted.message == f"Deleted episode {edited.episode.id}." and diary.episodes.get(edited.episode.id) is None  # type: ignore[arg-type]
    back = undo_delete(diary, deleted.episode)
    assert back.message == f"Episode {edited.episode.id} is back." and back.episode.severity == 6
    again = save_as_new(diary, back.episode.with_changes(severity=2, uuid=new_uuid()))
    assert again.message.startswith(f"Episode {back.episode.id} was deleted elsewhere meanwhile; saved this as episode ")


def test_import_merges_every_kind_and_words_it(diary: Diary, clock: FakeClock, tmp_path: Path) -> None:
    from cramp_diary.exchange import read_export, write_diary_json
    from cramp_diary.use_cases.importing import import_export

    with Diary.open(tmp_path / "other.db", clock) as other:
        other.episodes.add(Episode(started_at=datetime(2026, 11, 20, 3, 0, tzinfo=ZONE), muscle="calf", side="left"))
        other.checkins.add(date(2026, 11, 21))
        other.changes.add(Change(name="magnesium", kind="supplement", started=date(2026, 11, 10)))
        export = tmp_path / "other.json"
        with export.open("w", encoding="utf-8") as out:
            write_diary_json(out, other)
    found = read_export(export.read_bytes(), clock(), name="other.json")
    imported = import_export(diary, found, "other.json")
    assert imported.message.splitlines() == [
        "Imported other.json: 1 added, 0 updated from a newer edit, 0 already here; 1 check-in added, 0 already here.",
        "Changes: 1 added, 0 updated from a newer edit, 0 already here.",
    ]
    assert import_export(diary, found, "other.json").message.startswith("Imported other.json: 0 added, 0 updated")
