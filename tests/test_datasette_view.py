"""A diary Datasette explains (issue 25): the `cramps` view, the shipped metadata, and Datasette reading both.

Datasette is in the test extra; its own test client runs the app in-process (no server, no network).
"""

from __future__ import annotations

import json
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from cramp_diary.cli import cli
from cramp_diary.model import Episode
from cramp_diary.store import Diary

from conftest import FakeClock

datasette_app = pytest.importorskip("datasette.app")

METADATA = Path(CliRunner().invoke(cli, ["datasette-metadata"]).output.strip())


def metadata() -> dict:
    return json.loads(METADATA.read_text(encoding="utf-8"))


@pytest.fixture
def diary_file(tmp_path: Path, clock: FakeClock) -> Path:
    """The demo diary, in a file named diary.db as the metadata expects, plus one cramp with every field."""
    path = tmp_path / "diary.db"
    assert CliRunner().invoke(cli, ["--db", str(path), "demo"], obj={"now": clock}).exit_code == 0
    with Diary.open(path, clock) as diary:
        diary.episodes.add(
            Episode(
                started_at=clock() - timedelta(hours=1), muscle="other", muscle_other="shin", side="both",
                duration=95, severity=7, context="sitting", triggers=("long-drive", "heat"), reliefs=("walk",),
                signs=("swelling", "warmth"), note="cramp after the long drive",
            )
        )
        diary.episodes.add(Episode(started_at=clock(), muscle="calf", side="left", status="open"))  # the timer's, unfinished
    return path


def test_the_view_reads_like_the_diary(diary_file: Path) -> None:
    conn = sqlite3.connect(f"{diary_file.as_uri()}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        rows = conn.execute("SELECT * FROM cramps ORDER BY local_time DESC").fetchall()
        done = conn.execute("SELECT count(*) FROM episodes WHERE status = 'done'").fetchone()[0]
    finally:
        conn.close()
    assert len(rows) == done  # finished cramps only
    newest = dict(rows[0])
    assert newest == {
        "id": newest["id"], "local_time": "2026-11-22 20:30", "day": "2026-11-22", "muscle": "shin", "side": "both",
        "seconds": 95, "minutes": 1.6, "severity": 7, "context": "sitting", "triggers": "long-drive, heat",
        "reliefs": "walk", "signs": "swelling, warmth", "sleep_disturbance": None, "note": "cramp after the long drive",
    }
    assert set(newest) == set(metadata()["databases"]["diary"]["tables"]["cramps"]["columns"])  # every column described


def test_cramps_per_week_agrees_with_the_apps_weekly_figures(diary_file: Path, clock: FakeClock) -> None:
    """The canned query counts as the app does: recorded days are cramp or check-in days, never missing ones."""
    from cramp_diary import iso_weeks, stats

    sql = metadata()["databases"]["diary"]["queries"]["cramps_per_week"]["sql"]
    conn = sqlite3.connect(f"{diary_file.as_uri()}?mode=ro", uri=True)
    try:
        rows = {row[0]: row[1:] for row in conn.execute(sql)}
    finally:
        conn.close()
    with Diary.open(diary_file, clock) as diary:
        first = stats.first_recorded_day(diary)
        assert first is not None
        weeks = iso_weeks.weekly(diary, first, clock().date())
    expected = {
        week.monday.isoformat(): (week.recorded_days, week.cramps, week.max_severity) for week in weeks if week.recorded_days
    }
    assert {monday: (days, cramps, worst) for monday, (days, cramps, _, worst) in rows.items()} == expected


def test_every_table_is_described_or_hidden() -> None:
    """A table added later must be explained to Datasette users or hidden from them."""
    tables = metadata()["databases"]["diary"]["tables"]
    conn = sqlite3.connect(":memory:")
    from cramp_diary.store import MIGRATIONS, apply_migration

    for step in MIGRATIONS:
        apply_migration(conn, step)
    names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    conn.close()
    names = {name for name in names if not name.startswith("sqlite_") and "_fts" not in name}
    assert names == set(tables)
    for name in names:
        assert tables[name].get("hidden") or tables[name].get("description"), name
    assert {name for name in names if tables[name].get("hidden")} == {"meta", "tombstones", "day_totals", "id_high_water", "month_figures"}


async def _get(datasette, path: str) -> object:
    response = await datasette.client.get(path)
    assert response.status_code == 200, (path, response.text[:500])
    return response.json()


async def test_datasette_shows_the_diary_explained(diary_file: Path) -> None:
    datasette = datasette_app.Datasette([str(diary_file)], metadata=metadata())
    await datasette.invoke_startup()
    database = await _get(datasette, "/diary.json")
    shown = {t["name"] for t in database["tables"] if not t["hidden"]}
    assert {"meta", "tombstones", "day_totals", "id_high_water"}.isdisjoint(shown) and "episodes" in shown
    assert [view["name"] for view in database["views"]] == ["cramps"]

    page = await _get(datasette, "/diary/cramps.json?_shape=objects&_size=3")
    times = [row["local_time"] for row in page["rows"]]
    assert times == sorted(times, reverse=True) and times[0] == "2026-11-22 20:30"  # newest first
    assert set(page["facet_results"]) == {"muscle", "side", "context", "severity"}

    labelled = await _get(datasette, "/diary/episode_triggers.json?_shape=objects&_size=1&_labels=on")
    assert labelled["rows"][0]["episode_id"]["label"][:4] == "2026"  # a link shows the date, not a bare id


async def test_each_canned_query_returns_rows(diary_file: Path) -> None:
    datasette = datasette_app.Datasette([str(diary_file)], metadata=metadata())
    await datasette.invoke_startup()
    queries = metadata()["databases"]["diary"]["queries"]
    assert set(queries) == {"cramps_per_week", "search"}
    weeks = await _get(datasette, "/diary/cramps_per_week.json?_shape=array")
    assert weeks and set(weeks[0]) == {"week_starting", "days_recorded", "cramps", "per_7_recorded_days", "worst_severity"}
    assert weeks[0]["week_starting"] == "2026-11-16" and weeks[0]["cramps"] >= 1
    assert all(0 < week["days_recorded"] <= 7 for week in weeks)
    found = await _get(datasette, "/diary/search.json?_shape=array&words=long+driv")
    assert found and all("long drive" in (row["note"] + (row["triggers"] or "")).lower().replace("-", " ") for row in found)
    assert "cramp after the long drive" in [row["note"] for row in found]
    assert await _get(datasette, "/diary/search.json?_shape=array&words=%22AND%28") == []  # not FTS syntax: no error


async def test_the_view_has_a_search_box_through_the_index(diary_file: Path) -> None:
    datasette = datasette_app.Datasette([str(diary_file)], metadata=metadata())
    await datasette.invoke_startup()
    found = await _get(datasette, "/diary/cramps.json?_search=shin+drive&_shape=array")
    assert [row["note"] for row in found] == ["cramp after the long drive"]
    page = await datasette.client.get("/diary/cramps")
    assert page.status_code == 200 and 'name="_search"' in page.text


def test_the_metadata_ships_in_the_package() -> None:
    assert METADATA.is_file() and METADATA.parent.name == "store"  # its queries are SQL: they live with the schema
    assert metadata()["description"].endswith("Every change goes through cramp-diary.")
