"""The same nasty values at every entry point: each is taken or refused by name, never a traceback.

The entry points are the CLI options and arguments, the episode form's fields,
the rows of an import file and the person's routines.toml. The values are the
issue's list: negative, zero, huge, non-numeric, a future date, an unknown
muscle, 100 kB, a NUL byte, emoji and right-to-left text. Other test files pin
the exact rule for each field; here the promise is only that nothing slips
through unnamed, nothing crashes and nothing half-saves.
"""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result
from conftest import FakeClock

from cramp_diary.cli import cli
from cramp_diary.exchange import COLUMNS
from cramp_diary.routines import builtin_routines, load_routines
from cramp_diary.safe_text import MESSAGE_LIMIT
from cramp_diary.store import Diary
from cramp_diary.tui.app import CrampApp
from cramp_diary.tui.screens.episode_form import EpisodeForm
from cramp_diary.tui.screens.home import HomeScreen
from cramp_diary.tui.widgets.choice_bar import ChoiceBar

BAD: dict[str, str] = {
    "negative": "-5",
    "zero": "0",
    "huge": "9" * 30,
    "non-numeric": "soon",
    "future": "2099-01-01 00:00",
    "unknown-muscle": "elbow",
    "100kB": "x" * 100_000,
    "nul": "a\x00b",
    "emoji": "🦵😖",
    "rtl": "שלום עולם",
}

#: Every option and argument that takes a value: (command before the value, option, command after it).
CLI_ENTRY_POINTS: list[tuple[list[str], str | None, list[str]]] = [
    *((["log", "--muscle", "calf", "--side", "left"], option, []) for option in (
        "--at", "--muscle", "--side", "--duration", "--severity", "--context", "--trigger", "--relief", "--sign",
        "--note",
    )),
    *((["edit", "1"], option, []) for option in ("--at", "--muscle", "--side", "--duration", "--severity", "--note")),
    (["list"], "--since", []),
    (["list"], "--limit", []),
    (["show"], None, []),
    (["edit"], None, ["--severity", "3"]),
    (["delete"], None, ["--yes"]),
    (["stats"], "--weeks", []),
    (["report"], "--weeks", []),
    (["checkin", "--none"], "--date", []),
    (["export"], "--format", []),
    (["timer"], None, []),
    (["timer", "calf"], "--side", []),
]


def entry_id(entry: tuple[list[str], str | None, list[str]]) -> str:
    before, option, _ = entry
    return f"{before[0]} {option or 'ARG'}"


@pytest.fixture
def one_episode(db_path: Path, clock: FakeClock) -> Path:
    result = CliRunner().invoke(cli, ["--db", str(db_path), "log", "--muscle", "calf", "--side", "left"],
                                obj={"now": clock})
    assert result.exit_code == 0, result.output
    return db_path


def snapshot(db_path: Path, clock: FakeClock) -> list[object]:
    with Diary.open(db_path, clock) as diary:
        return [*diary.episodes.newest_first(), diary.checkins.days_between(*_all_days())]


def _all_days() -> tuple[object, object]:
    from datetime import date

    return date(1900, 1, 1), date(2100, 1, 1)


def argument_name(command: list[str]) -> str:
    """How click names a command's argument in its messages: its metavar, e.g. 'ID' or 'MUSCLE'."""
    found = cli.get_command(click.Context(cli), command[0])
    assert found is not None
    [argument] = [p for p in found.params if isinstance(p, click.Argument)]
    return f"'{argument.human_readable_name}'"


def assert_taken_or_named(result: Result, named: str) -> None:
    """Exit 0, or exit 2 with a short message naming the option; never a traceback."""
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert result.exit_code in (0, 2), result.output[:300]
    if result.exit_code == 2:
        message = result.output.strip().splitlines()[-1]
        # the limit, plus click's "Invalid value for '--option': "
        assert message.startswith("Error: ") and len(message) <= MESSAGE_LIMIT + 100, message[:200]
        assert named in message or "No such option '-5'" in message, message  # '-5' reads as an option


@pytest.mark.parametrize("entry", CLI_ENTRY_POINTS, ids=entry_id)
def test_every_cli_value_is_taken_or_refused_by_name(
    one_episode: Path, clock: FakeClock, entry: tuple[list[str], str | None, list[str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from cramp_diary.tui import app as tui_app

    monkeypatch.setattr(tui_app, "run_app", lambda *a, **k: None)  # `timer` must never open a real screen
    before, option, after = entry
    for name, value in BAD.items():
        expected = snapshot(one_episode, clock)
        args = [*before, *([option] if option else []), value, *after]
        result = CliRunner().invoke(cli, ["--db", str(one_episode), *args], obj={"now": clock})
        assert_taken_or_named(result, f"'{option}'" if option else argument_name(before))
        if result.exit_code != 0:
            assert snapshot(one_episode, clock) == expected, f"{name}: refused, yet the diary changed"


# -- the episode form ------------------------------------------------------------------------

#: Form field -> (widget id, where its error shows, a value it must save).
FORM_FIELDS = {
    "muscle-other": ("#muscle-other", "error-muscle", "שלום 🦵"),
    "time": ("#time", "error-time", "-20m"),
    "duration": ("#duration", "error-duration", "1:30"),
    "severity": ("#severity", "error-severity", "0"),
    "own-triggers": ("#own-triggers", "error-triggers", "שלום, 🦵"),
    "note": ("#note", "error-note", "שלום עולם 🦵"),
}


def fill(form: EpisodeForm, widget_id: str, value: str) -> None:
    widget = form.query_one(widget_id)
    if widget_id == "#note":
        widget.text = value  # type: ignore[attr-defined]
    else:
        widget.value = value  # type: ignore[attr-defined]


async def test_every_form_value_is_saved_or_marked_on_its_field(diary: Diary, clock: FakeClock) -> None:
    """One form per field: every value is read as ctrl+s would; 100 kB is tried for real, then a good value saved."""
    async with CrampApp(diary, now=clock).run_test() as pilot:
        for saved, (field, (widget_id, error_id, good)) in enumerate(FORM_FIELDS.items()):
            await pilot.press("n", "6" if field == "muscle-other" else "1")
            form = pilot.app.screen
            assert isinstance(form, EpisodeForm)
            form.query_one("#side", ChoiceBar).value = "left"
            for name, value in BAD.items():
                fill(form, widget_id, value)
                episode, errors = form._read()  # what ctrl+s does before it saves
                if episode is None:
                    rule = errors.get(error_id.removeprefix("error-"))
                    assert rule, f"{field} {name}: refused without naming the field: {errors}"
                    assert len(rule) <= MESSAGE_LIMIT, f"{field} {name}: a {len(rule)}-character message"
            fill(form, widget_id, BAD["100kB"])
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert pilot.app.is_running and pilot.app.screen is form, f"{field}: 100 kB closed the form"
            shown = {w.id: str(w.render()) for w in form.query(".error.shown")}
            assert shown.get(error_id), f"{field}: 100 kB refused without saying so on the field: {shown}"
            assert diary.episodes.count() == saved
            fill(form, widget_id, good)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(pilot.app.screen, HomeScreen), f"{field}: {good!r} was not saved"
        assert diary.episodes.count() == len(FORM_FIELDS)


# -- import rows -----------------------------------------------------------------------------

GOOD_ROW = {
    "uuid": "5a0c3c2e-8f5b-4a51-9b7e-2d1f0c7a9e11",
    "started_at": "2026-11-20T03:10:00+01:00",
    "muscle": "calf",
    "side": "left",
}
IMPORT_FIELDS = ("started_at", "muscle", "muscle_other", "side", "duration_s", "severity", "context", "triggers",
                 "reliefs", "signs", "note", "uuid", "created_at")


@pytest.mark.parametrize("column", IMPORT_FIELDS)
@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_every_import_value_is_taken_or_refused_naming_row_and_field(
    one_episode: Path, clock: FakeClock, tmp_path: Path, column: str, fmt: str
) -> None:
    for name, value in BAD.items():
        expected = snapshot(one_episode, clock)
        row = {**GOOD_ROW, column: value}
        if fmt == "json":
            data = json.dumps({"episodes": [row]}, ensure_ascii=False)
        else:
            header = [c for c in COLUMNS if c in row]
            data = ",".join(header) + "\n" + ",".join('"' + row[c].replace('"', '""') + '"' for c in header) + "\n"
        file = tmp_path / f"import.{fmt}"
        file.write_text(data, encoding="utf-8")
        result = CliRunner().invoke(cli, ["--db", str(one_episode), "import", str(file)], obj={"now": clock})
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
        assert result.exit_code in (0, 2), result.output[:300]
        if result.exit_code == 2:
            message = result.output.strip().splitlines()[-1]
            assert len(message) <= MESSAGE_LIMIT + 60, message[:200]
            assert "episode 1 in the file" in message or "NUL" in message, message
            assert snapshot(one_episode, clock) == expected, f"{name}: refused, yet something was imported"
        with Diary.open(one_episode, clock) as diary:  # undo an accepted row, for the next value
            found = next((e for e in diary.episodes.newest_first() if e.uuid == GOOD_ROW["uuid"]), None)
            if found is not None:
                diary.episodes.delete(found.id)  # type: ignore[arg-type]


# -- routines.toml ---------------------------------------------------------------------------

#: Field of a routines.toml -> how to write it with a value (TOML text).
ROUTINE_FIELDS = {
    "seconds": '[[routines.calf.steps]]\nname = "Stretch"\ninstruction = "Pull the toes up."\nseconds = {value}\n',
    "name": '[[routines.calf.steps]]\nname = {value}\ninstruction = "Pull the toes up."\nseconds = 30\n',
    "instruction": '[[routines.calf.steps]]\nname = "Stretch"\ninstruction = {value}\nseconds = 30\n',
    "relief": '[[routines.calf.steps]]\nname = "S"\ninstruction = "Pull."\nseconds = 30\nrelief = {value}\n',
    "hold_seconds": "[routines.foot]\nhold_seconds = {value}\n",
    "title": "[routines.foot]\ntitle = {value}\n",
}


def toml_values(value: str) -> list[str]:
    """The value as a TOML string, and as a bare number where it is one."""
    quoted = json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string
    return [quoted, value] if value.lstrip("-").isdecimal() else [quoted]


@pytest.mark.parametrize("field", sorted(ROUTINE_FIELDS))
def test_every_routines_value_is_taken_or_reported_with_field_and_line(tmp_path: Path, field: str) -> None:
    for name, raw in BAD.items():
        for value in toml_values(raw):
            text = ROUTINE_FIELDS[field].format(value=value)
            (tmp_path / "routines.toml").write_text(text, encoding="utf-8")
            routines, warnings = load_routines(tmp_path)
            if not warnings:
                assert routines != builtin_routines(), f"{name}: taken, yet nothing changed"
                continue
            [warning] = warnings
            assert routines is builtin_routines()  # a bad file is ignored whole
            assert "routines.toml" in warning and "line " in warning, warning[:200]
            assert field in warning or "not valid TOML" in warning, warning[:200]
            assert len(warning) <= MESSAGE_LIMIT + len(str(tmp_path)) + 200, f"{name}: {len(warning)} characters"
