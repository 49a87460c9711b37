"""The issue's own acceptance path: log, list, export, import into another file."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from cramp_diary.cli import cli


def run(clock, *args: str):
    return CliRunner().invoke(cli, list(args), obj={"now": clock}, catch_exceptions=False)


def test_log_list_export_import_gives_back_the_same_episode(tmp_path: Path, clock) -> None:
    first, second = tmp_path / "x.db", tmp_path / "y.db"
    logged = run(
        clock, "--db", str(first), "log", "--muscle", "calf", "--side", "left", "--duration", "1m30s",
        "--severity", "6", "--trigger", "dehydration", "--at", "yesterday 03:10", "--context", "asleep",
    )
    assert logged.exit_code == 0, logged.output
    assert "Saved episode 1." in logged.output

    listed = run(clock, "--db", str(first), "list")
    assert "2026-11-21 03:10" in listed.output and "calf" in listed.output and "1m30s" in listed.output

    exported = run(clock, "--db", str(first), "export", "--format", "json")
    export_file = tmp_path / "export.json"
    export_file.write_text(exported.output)
    imported = run(clock, "--db", str(second), "import", str(export_file))
    assert "1 added" in imported.output

    again = json.loads(run(clock, "--db", str(second), "export", "--format", "json").output)
    assert again["episodes"] == json.loads(exported.output)["episodes"]
    episode = again["episodes"][0]
    assert episode["started_at"] == "2026-11-21T03:10:00+01:00"
    assert (episode["muscle"], episode["side"], episode["duration_s"], episode["severity"]) == ("calf", "left", 90, 6)
    assert (episode["triggers"], episode["context"]) == (["dehydration"], "asleep")
