"""Issue 14, the TUI start: no work the first frame does not need, and no work done twice.

Counted, never timed: footer builds, CSS re-parses, how often the list is drawn.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from rich.text import Text
from textual.app import App, ComposeResult
from textual.color import Color
from textual.css.stylesheet import Stylesheet
from textual.widgets import DataTable
from textual.widgets._footer import FooterKey  # Textual's one-widget-per-key footer, never mounted here

from cramp_diary.model import Episode
from cramp_diary.settings import Settings, save_settings
from cramp_diary.store import Diary
from cramp_diary.tui.app import CrampApp
from cramp_diary.tui.themes import LIGHT
from cramp_diary.tui.widgets.episode_table import FIRST_PAGE, PAGE, PREFETCH, EpisodeTable
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
    """DataTable measures new rows on idle; drawn before that, every visible cell was drawn twice."""
    _fill(diary, clock, PAGE + 10)
    drawn: list[tuple[int, ...]] = []
    render_lines = EpisodeTable.render_lines

    def recorded(self: EpisodeTable, crop):  # type: ignore[no-untyped-def]
        drawn.append(tuple(column.get_render_width(self) for column in self.columns.values()))
        return render_lines(self, crop)

    monkeypatch.setattr(EpisodeTable, "render_lines", recorded)
    async with CrampApp(diary, now=clock).run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        table = pilot.app.screen.query_one(EpisodeTable)
        final = tuple(column.get_render_width(table) for column in table.columns.values())
        assert table.row_count == FIRST_PAGE and final[0] > len("When") + 2  # measured: the dates, not the header
        assert drawn and set(drawn) == {final}
        await pilot.press("end")  # past the prefetch mark in one key, not a redrawn step a row
        await pilot.pause()
        assert table.cursor_row >= FIRST_PAGE - PREFETCH  # the next page is measured as it arrives, too
        assert table.row_count == PAGE + 10 and table.exhausted
        assert table.virtual_size.height == table.row_count + 1  # every row and the header


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
          "two\nlines here", "tab\there", "[b]not markup[/b]", "x" * 40]


async def test_the_lists_column_widths_are_the_ones_datatable_measures(diary: Diary) -> None:
    """Measured without the console, the widths (and the scrollable size) must be DataTable's own."""

    class Both(App[None]):
        def compose(self) -> ComposeResult:
            yield DataTable(id="plain")
            yield EpisodeTable(diary, id="ours")

    async with Both().run_test(size=(200, 40)) as pilot:
        plain, ours = pilot.app.query_one("#plain", DataTable), pilot.app.query_one("#ours", EpisodeTable)
        for word in TRICKY:  # one at a time, so no other cell hides a wrong width
            for table in (plain, ours):
                table.clear(columns=True)
                for column in EpisodeTable.COLUMNS:
                    table.add_column(column, key=column.lower())
                table.add_row(*(Text(word, justify="right" if n % 2 else "left") for n in range(7)), key="1")
            await pilot.pause()
            widths = [column.content_width for column in ours.columns.values()]
            assert widths == [column.content_width for column in plain.columns.values()], word
            assert ours.virtual_size == plain.virtual_size
        assert widths[0] == 40


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
