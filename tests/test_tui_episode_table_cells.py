"""The episode list draws a plain cell itself (for the first frame's speed): it must look as DataTable draws it."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.segment import Segment
from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import DataTable

from cramp_diary.store import Diary
from cramp_diary.tui.widgets.episode_table import EpisodeTable

#: Plain letters, spaces at either end, and what Rich must draw: wide, zero-width, combining, tab, newline.
CHARACTERS = st.sampled_from(list("ab Z09-,.'") + ["\u00e9", "\u203a", "\u6f22", "\U0001f9b5", "\u0301", "\u200b", "\t", "\n"])
CELL = st.builds(
    lambda text, justify, styled: Text(text, justify=justify, style="bold" if styled else ""),
    st.text(CHARACTERS, max_size=14),
    st.sampled_from([None, "left", "right", "center"]),
    st.booleans(),
)


class TableApp(App[None]):
    def __init__(self, diary: Diary) -> None:
        super().__init__()
        self.diary = diary

    def compose(self) -> ComposeResult:
        yield EpisodeTable(self.diary, id="episodes")


def drawn(lines: list[list[Segment]]) -> list[list[tuple[str, object]]]:
    """Each line as (character, style) pairs: how it looks, whatever the segments' boundaries."""
    return [[(character, segment.style) for segment in line for character in segment.text] for line in lines]


def both_ways(table: EpisodeTable, row: int, column: int, cursor: bool, hover: bool) -> tuple[object, object]:
    width = table.ordered_columns[column].get_render_width(table)
    style = table.rich_style
    ours = table._render_cell(row, column, style, width, cursor, hover)
    table._cell_render_cache.clear()
    theirs = DataTable._render_cell(table, row, column, style, width, cursor, hover)
    return drawn(ours), drawn(theirs)


async def assert_drawn_alike(diary: Diary, rows: list[tuple[Text, ...]], cursor: bool, hover: bool) -> None:
    app = TableApp(diary)
    async with app.run_test(size=(80, 12)) as pilot:
        table = app.query_one(EpisodeTable)
        for key, cells in enumerate(rows):
            table.add_row(*cells, key=f"r{key}")
        table._measure_now()
        await pilot.pause()
        for row in range(-1, len(rows)):
            for column in range(len(EpisodeTable.COLUMNS)):
                ours, theirs = both_ways(table, row, column, cursor, hover)
                assert ours == theirs, (row, column, rows[row][column] if row >= 0 else "header")


async def test_cells_rich_treats_apart_look_the_same(diary: Diary) -> None:
    """Spaces at either end (Rich strips a right-justified cell's trailing ones), empty, wide, styled."""
    words = ["7 ", " 7", "", "  ", "ab  c", "\u6f22", "x\ty"]
    rows = [tuple(Text(word, justify=justify) for _ in EpisodeTable.COLUMNS) for word in words for justify in (None, "right")]
    rows.append(tuple(Text("12 ", justify="right", style="bold") for _ in EpisodeTable.COLUMNS))
    await assert_drawn_alike(diary, rows, cursor=False, hover=False)
    await assert_drawn_alike(diary, rows[:3], cursor=True, hover=True)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(*[CELL] * len(EpisodeTable.COLUMNS)), min_size=1, max_size=4), flags=st.tuples(st.booleans(), st.booleans()))
async def test_every_cell_looks_as_datatable_draws_it(diary: Diary, rows: list[tuple[Text, ...]], flags: tuple[bool, bool]) -> None:
    await assert_drawn_alike(diary, rows, *flags)


async def test_a_plain_row_is_drawn_without_rich(diary: Diary) -> None:
    """The fast way is taken for the usual cell (else this module would be for nothing), Rich's for the rest."""
    app = TableApp(diary)
    async with app.run_test(size=(80, 12)) as pilot:
        table = app.query_one(EpisodeTable)
        table.add_row(*(Text(word) for word in ("2026-12-06 03:10", "calf", "left", "1m", "7", "asleep", "")), key="plain")
        table.add_row(*(Text(word) for word in ("2026-12-06 03:10", "\u6f22", "left", "1m", "7", "asleep", "")), key="wide")
        table._measure_now()
        await pilot.pause()
        assert table._plain_body(0, 1, 10) == "calf      "
        assert table._plain_body(-1, 0, 18) == "When              "
        assert table._plain_body(1, 1, 10) is None  # a wide character: Rich measures it
        assert table._plain_body(0, 1, 3) is None  # longer than its room: Rich crops it
