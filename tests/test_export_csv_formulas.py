"""CSV exports open safely in a spreadsheet, and still import back exactly.

A note such as ``=HYPERLINK("http://…")`` would run as a formula when the
export is opened in a spreadsheet (CSV injection). Export puts one apostrophe
in front of such a cell; import takes exactly that one off again, so export
then import gives every field back as it was, which the round trip through two
real diaries at the end checks on generated diaries.
"""

from __future__ import annotations

import json

import csv
import io
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from conftest import new_diary
from test_exchange import NOW, episodes

from cramp_diary.exchange import (
    FORMULA_STARTS,
    export_csv,
    export_json,
    guard_cell,
    read_export,
    unguard_cell,
)
from cramp_diary.model import Episode, validate
from cramp_diary.records import episode_to_record

FORMULAS = ['=HYPERLINK("http://evil.example","click")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "=cmd|' /C calc'!A0"]


def exported_row(episode: Episode) -> dict[str, str]:
    [row] = csv.DictReader(io.StringIO(export_csv([episode])))
    return row


@pytest.mark.parametrize("formula", FORMULAS)
def test_a_cell_a_spreadsheet_would_run_gets_a_leading_apostrophe(formula: str) -> None:
    episode = validate(
        Episode(started_at=NOW - timedelta(days=1), muscle="other", muscle_other=formula.strip()[:40], side="left",
                triggers=("heat", formula.strip().replace(" ", "")[:40]), note=formula),
        NOW,
    )
    row = exported_row(episode)
    assert row["note"] == "'" + formula and row["muscle_other"].startswith("'")
    assert not any(cell.startswith(FORMULA_STARTS) for cell in row.values())  # no cell runs as a formula
    [back] = read_export(export_csv([episode]).encode(), NOW).episodes
    assert (back.muscle_other, back.triggers, back.note) == (episode.muscle_other, episode.triggers, episode.note)


@pytest.mark.parametrize(
    ("typed", "cell"),
    [
        ("plain words", "plain words"),
        ("'quoted' at the start", "'quoted' at the start"),  # no formula behind it: left alone
        ("=1+1", "'=1+1"),
        ("'=1+1", "''=1+1"),  # already guarded by the person: guarded once more, and comes back as typed
        ("''-x", "'''-x"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_guarding_is_undone_exactly(typed: str, cell: str) -> None:
    assert guard_cell(typed) == cell
    assert unguard_cell(cell) == typed


def test_json_is_left_as_typed(clock) -> None:
    """JSON is not opened by spreadsheets as formulas; its text stays exactly as typed."""
    episode = validate(Episode(started_at=NOW - timedelta(days=1), muscle="calf", side="left", note="=1+1"), NOW)
    assert '"note": "=1+1"' in export_json([episode])


def test_an_older_export_without_guards_still_imports_as_written() -> None:
    old = (
        "uuid,started_at,muscle,side,note\n"
        "5a0c3c2e-8f5b-4a51-9b7e-2d1f0c7a9e11,2026-11-20T03:10:00+01:00,calf,left,=1+1\n"
    )
    [episode] = read_export(old.encode(), NOW).episodes
    assert episode.note == "=1+1"


# -- export, then import into an empty diary: identical, field for field -----------------------

FORMULA_TEXT = st.sampled_from(["=1+1", "+x", "-y", "@z", "'=q", "''", "'", "\t=tab"])
GUARDED_EPISODES = st.builds(
    lambda episode, lead: episode.with_changes(note=lead + episode.note),
    episodes(),
    FORMULA_TEXT,
)


def fields(found: list[Episode]) -> list[dict[str, object]]:
    return [{k: v for k, v in episode_to_record(e).items() if k != "id"} for e in found]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(episodes(), GUARDED_EPISODES), min_size=1, max_size=5, unique_by=lambda e: e.uuid),
       st.sampled_from(["csv", "json"]))
def test_a_generated_diary_exports_and_imports_into_an_empty_one_identically(
    tmp_path_factory: pytest.TempPathFactory, found: list[Episode], fmt: str
) -> None:
    folder = tmp_path_factory.mktemp("roundtrip")
    now = lambda: datetime(2026, 11, 22, 21, 30, tzinfo=NOW.tzinfo)  # noqa: E731
    with new_diary(folder / "first.db", now) as first, new_diary(folder / "second.db", now) as second:
        first.merge(found)
        export = export_csv(first.episodes.iter_all()) if fmt == "csv" else export_json(first.episodes.iter_all())
        result = second.merge(read_export(export.encode(), NOW).episodes)
        assert result.added == len(found)
        assert fields(list(second.episodes.iter_all())) == fields(list(first.episodes.iter_all()))
        assert second.merge(read_export(export.encode(), NOW).episodes).added == 0  # twice: nothing duplicated


def test_the_cli_export_file_round_trips_a_formula_note(tmp_path: Path, clock) -> None:
    from click.testing import CliRunner

    from cramp_diary.cli import cli

    def run(db: Path, *args: str) -> str:
        result = CliRunner().invoke(cli, ["--db", str(db), *args], obj={"now": clock})
        assert result.exit_code == 0, result.output
        return result.output

    run(tmp_path / "a.db", "log", "--muscle", "calf", "--side", "left", "--note", '=HYPERLINK("x")',
        "--trigger", "@home")
    run(tmp_path / "a.db", "export", "--format", "csv", "-o", str(tmp_path / "out.csv"))
    assert "'=HYPERLINK" in (tmp_path / "out.csv").read_text()
    run(tmp_path / "b.db", "import", str(tmp_path / "out.csv"))

    def episodes(db: Path) -> list[dict[str, object]]:  # CSV carries no clock stamps
        return [{k: v for k, v in e.items() if k != "hlc"} for e in json.loads(run(db, "export"))["episodes"]]

    assert episodes(tmp_path / "b.db") == episodes(tmp_path / "a.db")
