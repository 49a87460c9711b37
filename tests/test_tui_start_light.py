"""Issue 14, the TUI start: no work the first frame does not need, and no work done twice.

Counted, never timed: footer builds, CSS re-parses, how often the list is drawn.
"""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from textual.color import Color
from textual.css.stylesheet import Stylesheet
from textual.strip import Strip
from textual.widgets._footer import FooterKey  # Textual's one-widget-per-key footer, never mounted here

from cramp_diary.model import Episode
from cramp_diary.settings import Settings, save_settings
from cramp_diary.store import Diary
from cramp_diary.tui.app import CrampApp
from cramp_diary.tui.themes import LIGHT
from cramp_diary.tui.widgets.episode_table import FIRST_PAGE, PAGE, PREFETCH, EpisodeTable, fit
from cramp_diary.tui.widgets.key_footer import KeyFooter

from conftest import FakeClock


def _fill(diary: Diary, clock: FakeClock, count: int) -> None:
    diary.merge(
        Episode(started_at=clock() - timedelta(minutes=10 * n), muscle="calf", side="left") for n in range(1, count + 1)
    )


def _actions(footer: KeyFooter, *, described: bool = False) -> set[str]:
    return {key.action for key in footer.shown_keys if key.description or not described}


async def test_the_footer_is_one_widget_that_never_mounts_a_key(diary: Diary, clock: FakeClock) -> None:
    """Textual's footer mounted a widget per key and rebuilt them all whenever bindings might have changed."""
    async with CrampApp(diary, now=clock).run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        footer = pilot.app.screen.query_one(KeyFooter)
        assert {"help", "quit", "new", "command_palette"} <= _actions(footer)
        # everything that makes Textual ask a footer to rebuild
        pilot.app.screen.refresh_bindings()
        pilot.app.screen.query_one(EpisodeTable).focus()
        await pilot.press("ctrl+t")
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert not footer.children and not pilot.app.screen.query(FooterKey)
        assert {"help", "quit", "new", "command_palette"} <= _actions(footer)


async def test_footer_keys_follow_the_screens_bindings_and_room(diary: Diary, clock: FakeClock) -> None:
    diary.episodes.add(Episode(started_at=clock() - timedelta(days=3), muscle="calf", side="left"))  # last night unrecorded
    async with CrampApp(diary, now=clock).run_test(size=(160, 30)) as pilot:
        await pilot.pause()
        footer = pilot.app.screen.query_one(KeyFooter)
        assert "dismiss_morning" in _actions(footer)  # the morning question is asked
        await pilot.press("x")  # not now: the morning question's keys leave the footer
        await pilot.pause()
        wide = _actions(footer, described=True)
        assert "dismiss_morning" not in _actions(footer)
        await pilot.resize_terminal(80, 30)
        await pilot.pause()
        narrow = _actions(footer, described=True)  # the rest as the bare key
        assert narrow < wide and {"help", "quit"} <= narrow
        assert _actions(footer) - narrow  # ...still shown, without their words


async def test_a_click_on_a_footer_key_presses_it(diary: Diary, clock: FakeClock) -> None:
    from cramp_diary.tui.screens.help import HelpScreen

    async with CrampApp(diary, now=clock).run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        footer = pilot.app.screen.query_one(KeyFooter)
        line = footer.render().plain
        await pilot.hover(KeyFooter, offset=(line.index("? Help"), 0))
        assert footer.tooltip  # the key's words, said in full
        await pilot.click(KeyFooter, offset=(line.index("? Help"), 0))
        await pilot.pause()
        assert isinstance(pilot.app.screen, HelpScreen)


async def test_the_list_is_drawn_once_with_its_columns_already_measured(
    diary: Diary, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The columns are as wide as the page's widest cells from the first frame on, and grow as pages arrive."""
    _fill(diary, clock, PAGE + 10)
    drawn: list[tuple[int, ...]] = []
    render_lines = EpisodeTable.render_lines

    def recorded(self: EpisodeTable, crop):  # type: ignore[no-untyped-def]
        drawn.append(self.column_widths)
        return render_lines(self, crop)

    monkeypatch.setattr(EpisodeTable, "render_lines", recorded)
    async with CrampApp(diary, now=clock).run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        table = pilot.app.screen.query_one(EpisodeTable)
        final = table.column_widths
        assert table.row_count == FIRST_PAGE and final[0] == len("2026-11-22 20:30") + 2  # the dates, not the header
        assert drawn and set(drawn) == {final}
        await pilot.press("end")  # past the prefetch mark in one key, not a redrawn step a row
        await pilot.pause()
        assert table.cursor_row >= FIRST_PAGE - PREFETCH  # the next page is measured as it arrives, too
        assert table.row_count == PAGE + 10 and table.exhausted
        assert table.virtual_size.height == table.row_count + 1  # every row and the header


async def test_the_first_frame_reads_only_the_rows_the_terminal_shows(
    diary: Diary, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows past the screen's height wait for the first frame; then the first page is completed."""
    _fill(diary, clock, PAGE + 10)
    limits: list[int | None] = []
    newest_first = type(diary.episodes).newest_first

    def recorded(self, *args, limit=None, **kwargs):  # type: ignore[no-untyped-def]
        limits.append(limit)
        return newest_first(self, *args, limit=limit, **kwargs)

    monkeypatch.setattr(type(diary.episodes), "newest_first", recorded)
    async with CrampApp(diary, now=clock).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = pilot.app.screen.query_one(EpisodeTable)
        assert limits[0] == 24 and table.row_count == FIRST_PAGE and limits[1] == FIRST_PAGE - 24
        assert [row.id for row in table.rows] == [e.id for e in diary.episodes.newest_first(limit=FIRST_PAGE)]


async def test_a_terminal_made_taller_fills_with_rows(diary: Diary, clock: FakeClock) -> None:
    """Rows past the first page are fetched when the view grows to within PREFETCH rows of them, not only on keys."""
    _fill(diary, clock, PAGE + 10)
    async with CrampApp(diary, now=clock).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = pilot.app.screen.query_one(EpisodeTable)
        assert table.row_count == FIRST_PAGE
        await pilot.resize_terminal(80, 80)
        await pilot.pause()
        assert table.row_count == PAGE + 10 and table.exhausted
        assert table.cursor_row == 0  # nothing moved: only more rows to show


async def test_start_parses_the_css_once_in_the_saved_theme(
    diary: Diary, clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The theme is chosen before the CSS is parsed, and home's CSS is read with the app's."""
    save_settings(tmp_path, Settings(theme=LIGHT.name))
    reparses: list[int] = []
    reparse = Stylesheet.reparse
    monkeypatch.setattr(Stylesheet, "reparse", lambda self: (reparses.append(1), reparse(self))[1])
    async with CrampApp(diary, now=clock, config_dir=tmp_path).run_test() as pilot:
        await pilot.pause()
        app = pilot.app
        assert reparses == []
        assert app.theme == LIGHT.name and app.has_class("-light-mode", f"-theme-{LIGHT.name}")
        assert not app.has_class("-dark-mode")
        assert app.screen.styles.background == Color.parse(LIGHT.background)
        await pilot.press("ctrl+t")  # a change of theme afterwards re-parses, as it must
        await pilot.pause()
        assert reparses and app.theme == "cramp-night" and app.has_class("-dark-mode")


TRICKY = ["", "calf", "東京の足のけいれん", "🦵🦵🦵🦵 cramp", "e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301",
          "two\nlines here", "tab\there", "[b]not markup[/b]", "\u200bzero width", "x" * 40]


@given(text=st.text(st.sampled_from(list("ab ") + ["東", "🦵", "\u0301", "\u200b"]), max_size=12),
       width=st.integers(0, 14), right=st.booleans())
def test_a_cell_is_fitted_to_exactly_its_width(text: str, width: int, right: bool) -> None:
    fitted = fit(text, width, right)
    assert cell_len(fitted) == width
    shown = text.rstrip() if right else text
    if cell_len(shown) <= width:  # it fits: all of it, on its side, the rest spaces
        assert fitted.endswith(shown) if right else fitted.startswith(shown)
        assert not fitted.replace(shown, "", 1).strip()


async def test_tricky_words_keep_every_column_in_line(db_path: Path, diary: Diary, clock: FakeClock) -> None:
    """Wide, combining, zero-width, newline and tab in a hand-edited diary: each row one line, columns aligned."""
    ids = [diary.episodes.add(Episode(clock() - timedelta(minutes=n + 1), "other", "left", muscle_other="x")).id
           for n in range(len(TRICKY))]
    conn = sqlite3.connect(db_path)  # what the form refuses, written straight into the file as another tool might
    conn.executemany("UPDATE episodes SET muscle_other = ? WHERE id = ?", list(zip(TRICKY, ids)))
    conn.commit()
    conn.close()
    async with CrampApp(diary, now=clock).run_test(size=(200, 40)) as pilot:
        await pilot.pause()
        table = pilot.app.screen.query_one(EpisodeTable)
        widths = table.column_widths
        assert widths[1] == 40 + 2  # the widest muscle, with its padding
        width = table.scrollable_content_region.width
        for y in range(len(TRICKY) + 1):
            line = table.render_line(y)
            assert line.cell_length == width and "\n" not in line.text and "\t" not in line.text
            side = Strip(list(line)).crop(widths[0] + widths[1], widths[0] + widths[1] + widths[2]).text
            assert side.strip() == ("Side" if y == 0 else "left"), (y, line.text)


START_AND_REPORT = """
import gc, json, sys
from pathlib import Path
from cramp_diary.clock import system_now
from cramp_diary.store import Diary
from cramp_diary.tui.app import CrampApp

async def first_frame(pilot):
    await pilot.pause()
    frozen = gc.get_freeze_count()
    CrampApp(pilot.app.diary)  # a second app in the same process freezes nothing more
    report = {"frozen": frozen, "again": gc.get_freeze_count() - frozen,
              "loaded": [name for name in ("tomllib", "rich._emoji_codes", "sqlite_utils", "icalendar") if name in sys.modules]}
    print(json.dumps(report))
    pilot.app.exit()

with Diary.open(Path(sys.argv[1]), system_now) as diary:
    CrampApp(diary).run(headless=True, auto_pilot=first_frame)
"""


def _started_in_a_fresh_interpreter(script: str, tmp_path: Path) -> dict[str, object]:
    """Run ``script`` on a diary of three cramps in a new interpreter, as a person starts the app; its JSON report."""
    import json
    import subprocess
    import sys

    diary_path = tmp_path / "diary.db"
    with Diary.open(diary_path, FakeClock()) as diary:
        _fill(diary, FakeClock(), 3)
    done = subprocess.run([sys.executable, "-c", script, str(diary_path)], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_cold_start_loads_nothing_the_first_frame_does_not_use(tmp_path: Path) -> None:
    """In a fresh interpreter, as a person starts it: no TOML parser without a settings file, no
    emoji table for the list's headers, neither sqlite-utils nor icalendar (issue 25); and what the imports made is frozen once, out of later
    full collections."""
    report = _started_in_a_fresh_interpreter(START_AND_REPORT, tmp_path)
    assert report["loaded"] == []
    assert report["frozen"] > 10_000 and report["again"] == 0


async def test_the_filter_bar_is_built_when_first_asked_for(diary: Diary, clock: FakeClock) -> None:
    _fill(diary, clock, 3)
    async with CrampApp(diary, now=clock).run_test() as pilot:
        await pilot.pause()
        screen = pilot.app.screen
        assert not screen.query("#filter")  # hidden until asked for: not built for the first frame
        await pilot.press("escape", "slash", *"calf")
        assert screen.focused is screen.query_one("#filter") and screen.query_one("#filter-bar").display
        await pilot.press("escape", "slash")  # closed, then opened again: the same bar, empty
        assert len(screen.query("#filter-bar")) == 1 and screen.query_one("#filter").value == ""


FIRST_DRAW = """
import json, sys
from pathlib import Path
from cramp_diary.clock import system_now
from cramp_diary.store import Diary
from cramp_diary.tui.app import CrampApp
from cramp_diary.tui.widgets.episode_table import EpisodeTable

LATER = ("cramp_diary.stats", "cramp_diary.alerts", "cramp_diary.trial_actions", "cramp_diary.use_cases.check_in", "click")
seen = {}
draw = EpisodeTable.render_lines
def first(self, crop):
    seen.setdefault("at_first_draw", [name for name in LATER if name in sys.modules])
    return draw(self, crop)
EpisodeTable.render_lines = first

async def settled(pilot):
    await pilot.pause()
    await pilot.pause()
    seen["summary"] = str(pilot.app.screen.query_one("#summary").render())
    print(json.dumps(seen))
    pilot.app.exit()

with Diary.open(Path(sys.argv[1]), system_now) as diary:
    CrampApp(diary).run(headless=True, auto_pilot=settled)
"""


def test_the_list_is_drawn_before_the_lines_above_it_load_their_modules(tmp_path: Path) -> None:
    """Issue 26: the first frame shows the list; the week's figures, warnings and questions follow it."""
    report = _started_in_a_fresh_interpreter(FIRST_DRAW, tmp_path)
    assert report["at_first_draw"] == []
    assert report["summary"].startswith("This week")  # ...and the lines came right after
