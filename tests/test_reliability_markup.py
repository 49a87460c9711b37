"""What a person typed is shown, never obeyed: no markup runs, no escape sequence reaches the terminal.

Markup (``[@click=app.quit]``) is valid text and comes in through the normal
paths. Control characters are refused at input, so the escape sequences come in
as a diary edited by hand with ``sqlite3``. The TUI checks look at the very
bytes Textual would write to the terminal for each screen.
"""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FakeClock
from textual.app import App
from textual.widgets import Input, TextArea

from cramp_diary.cli import cli
from cramp_diary.model import Episode
from cramp_diary.safe_text import BIDI_CONTROLS, printable
from cramp_diary.store import Diary
from cramp_diary.tui.app import CrampApp
from cramp_diary.tui.screens.alerts import AlertsScreen
from cramp_diary.tui.screens.confirm import ConfirmScreen
from cramp_diary.tui.screens.episode_form import EpisodeForm
from cramp_diary.tui.screens.home import HomeScreen
from cramp_diary.tui.screens.recover import RecoverScreen
from cramp_diary.tui.screens.timer import TimerScreen
from cramp_diary.tui.widgets.episode_table import EpisodeTable

#: Clear the screen, set the window title, turn text red, reverse the rest of the line.
HOSTILE = "\x1b[2J\x1b]0;pwned\x07\x1b[31m\u202e"
MARKUP = "[@click=app.quit]q[/]"
BROKEN_MARKUP = "[/x]"  # a closing tag with no opening one: a MarkupError if parsed


def terminal_output(app: App[object]) -> str:
    """The characters Textual would send to the terminal to draw the current screen in full."""
    return app.screen._compositor.render_update(full=True).render_segments(app.console)


def assert_nothing_obeyed(output: str, bidi: bool = True) -> None:
    """No escape sequence from the diary; no bidi override either, except in a field being edited."""
    assert "\x1b[2J" not in output and "\x1b]0;" not in output and "\x1b[31m" not in output
    if bidi:
        assert not BIDI_CONTROLS & {ord(ch) for ch in output}


def toasts(app: App[object]) -> list[str]:
    """The text of each notification on screen, as drawn (a MarkupError would have stopped the app)."""
    return [toast.render().plain for toast in app.screen.query("Toast")]  # type: ignore[attr-defined]


def hand_edit(db_path: Path, episode_id: int) -> None:
    """What the CLI and form refuse, written straight into the file as another tool might."""
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE episodes SET muscle_other = ?, note = ? WHERE id = ?", [HOSTILE, HOSTILE, episode_id])
    conn.execute("UPDATE episode_triggers SET trigger = ? WHERE episode_id = ?", [HOSTILE, episode_id])
    conn.commit()
    conn.close()


# -- the TUI ---------------------------------------------------------------------


async def test_escape_sequences_in_a_hand_edited_diary_never_reach_the_terminal(
    db_path: Path, diary: Diary, clock: FakeClock
) -> None:
    swollen = diary.episodes.add(Episode(started_at=clock() - timedelta(hours=2), muscle="other", muscle_other="shin",
                                side="left", triggers=("heat",), signs=("swelling",)))
    unfinished = diary.episodes.add(Episode(started_at=clock() - timedelta(hours=1), muscle="other", muscle_other="shin",
                                   side="left", triggers=("heat",), status="open"))
    hand_edit(db_path, swollen.id)
    hand_edit(db_path, unfinished.id)
    async with CrampApp(diary, now=clock).run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(pilot.app.screen, RecoverScreen)  # the unfinished one is offered first
        assert_nothing_obeyed(terminal_output(pilot.app))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HomeScreen)
        assert_nothing_obeyed(terminal_output(pilot.app))
        cells = pilot.app.screen.query_one(EpisodeTable).rows[0].cells
        assert cells[1] == printable(HOSTILE) and cells[6] == printable(HOSTILE)
        assert cells[1].startswith("\\x1b[2J")
        await pilot.press("enter")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, EpisodeForm)
        # the editable fields keep a bidi override: it is valid text, and escaping it would change what is saved
        assert_nothing_obeyed(terminal_output(pilot.app), bidi=False)
        assert form.query_one("#note", TextArea).text == printable(HOSTILE, bidi=False)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmScreen)
        assert_nothing_obeyed(terminal_output(pilot.app))
        await pilot.press("n")
        pilot.app.push_screen(AlertsScreen())
        await pilot.pause()
        assert_nothing_obeyed(terminal_output(pilot.app))
        assert "\\x1b[2J" in terminal_output(pilot.app)


async def test_markup_a_person_typed_is_shown_literally_and_clicking_it_runs_nothing(
    diary: Diary, clock: FakeClock
) -> None:
    diary.episodes.add(Episode(started_at=clock() - timedelta(hours=1), muscle="other", muscle_other=MARKUP, side="left",
                      triggers=("[bold]x[/bold]",), note=f"{MARKUP} {BROKEN_MARKUP} [red]not red"))
    async with CrampApp(diary, now=clock).run_test(size=(120, 40)) as pilot:
        table = pilot.app.screen.query_one(EpisodeTable)
        cells = table.rows[0].cells
        assert (cells[1], cells[6]) == (MARKUP, "[bold]x[/bold]")
        drawn = table.render_line(1)  # the row as drawn: the words as they are, no style or action from them
        assert MARKUP in drawn.text and "[bold]x[/bold]" in drawn.text
        assert all(not segment.style or not segment.style.meta for segment in drawn)
        muscle_x = table.column_widths[0] + 2
        for _ in range(2):  # on the muscle cell: a click highlights the row, a click on it opens it
            if isinstance(pilot.app.screen, HomeScreen):
                await pilot.click(EpisodeTable, offset=(muscle_x, 1))
                await pilot.pause()
            assert pilot.app.is_running
        form = pilot.app.screen
        assert isinstance(form, EpisodeForm)
        assert form.query_one("#muscle-other", Input).value == MARKUP
        assert form.query_one("#note", TextArea).text == f"{MARKUP} {BROKEN_MARKUP} [red]not red"
        await pilot.press("escape", "d")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmScreen)
        assert MARKUP in str(pilot.app.screen.query_one("#question").render())
        await pilot.click("#question")
        assert pilot.app.is_running


@pytest.mark.parametrize("value", [BROKEN_MARKUP, MARKUP])
async def test_a_routines_file_quoting_markup_shows_the_warning_literally(
    diary: Diary, clock: FakeClock, tmp_path: Path, value: str
) -> None:
    """A typo in routines.toml must never crash the timer a person opened mid-cramp."""
    (tmp_path / "routines.toml").write_text(f'[routines.calf]\nhold_seconds = "{value}"\n', encoding="utf-8")
    app = CrampApp(diary, now=clock, config_dir=tmp_path, start_screen=TimerScreen("calf", "left"))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert pilot.app.is_running and isinstance(pilot.app.screen, TimerScreen)
        [warning] = toasts(pilot.app)
        assert f"(got '{value}')" in warning


async def test_a_report_saved_under_a_folder_named_like_markup_is_announced_literally(
    diary: Diary, clock: FakeClock, tmp_path: Path
) -> None:
    folder = tmp_path / "[" / "x]"  # the path reads ".../[/x]/report.html"
    folder.mkdir(parents=True)
    target = folder / "report.html"
    async with CrampApp(diary, now=clock, report_path=lambda _today: target).run_test(
        size=(200, 40), notifications=True
    ) as pilot:
        await pilot.press("r")
        await pilot.pause()
        await pilot.pause()
        assert pilot.app.is_running and target.exists()
        [saved] = toasts(pilot.app)
        assert "[/x]/report.html" in saved


async def test_a_failed_save_quotes_its_cause_literally(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A disk error inside the save reaches the form as one line, even from a folder named like markup."""
    folder = tmp_path / "[" / "x]"
    folder.mkdir(parents=True)
    with Diary.open(folder / "diary.db", clock) as diary:

        def disk_error(*_: object) -> None:
            raise sqlite3.OperationalError("disk I/O error")

        monkeypatch.setattr("cramp_diary.store.episodes._write_labels", disk_error)
        async with CrampApp(diary, now=clock).run_test(size=(200, 40), notifications=True) as pilot:
            await pilot.press("n", "1", "l", "ctrl+s")
            await pilot.pause()
            await pilot.pause()
            assert pilot.app.is_running and isinstance(pilot.app.screen, EpisodeForm)
            [failed] = toasts(pilot.app)
            assert failed.startswith("Not saved: could not save to") and "[/x]/diary.db: disk I/O error" in failed
        assert diary.episodes.count() == 0


# -- the command line -------------------------------------------------------------


@pytest.mark.parametrize("code", sorted(BIDI_CONTROLS))
def test_printable_writes_out_each_bidi_override(code: int) -> None:
    assert printable(f"a{chr(code)}b") == f"a\\u{code:04x}b"


def test_printable_leaves_right_to_left_text_and_its_marks_alone() -> None:
    text = "שלום\u200f عالم 🦵 [b]x[/b]"  # Hebrew, a right-to-left mark, Arabic, emoji, markup
    assert printable(text) == text


def test_a_bidi_override_typed_in_a_note_is_printed_written_out(db_path: Path, clock: FakeClock) -> None:
    """The model accepts it (it is not a control character), so the CLI must not print it raw."""
    def run(*args: str) -> str:
        result = CliRunner().invoke(cli, ["--db", str(db_path), *args], obj={"now": clock}, color=True)
        assert result.exit_code == 0, result.output
        return result.output

    run("log", "--muscle", "calf\u202e", "--side", "left", "--trigger", "\u2066gnp", "--note", "cost \u202e01$", "--new-word")
    for output in (run("show", "1"), run("list")):
        assert "\u202e" not in output and "\u2066" not in output
        assert "\\u202e" in output and "\\u2066gnp" in output


def test_the_report_printed_to_the_terminal_writes_escape_sequences_out(
    db_path: Path, diary: Diary, clock: FakeClock
) -> None:
    saved = diary.episodes.add(Episode(started_at=clock() - timedelta(hours=1), muscle="other", muscle_other="shin",
                              side="left", triggers=("heat",), signs=("swelling",)))
    hand_edit(db_path, saved.id)
    result = CliRunner().invoke(cli, ["--db", str(db_path), "report"], obj={"now": clock}, color=True)
    assert result.exit_code == 0, result.output
    assert_nothing_obeyed(result.output)
    assert "\\x1b" in result.output
