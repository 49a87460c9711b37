"""The episode list: newest first, loaded a page at a time so a lifetime diary opens fast."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import DataTable
from textual.widgets.data_table import RowKey

from cramp_diary.model import Episode
from cramp_diary.store import Diary, EpisodeFilter
from cramp_diary.wording import episode_fields

PAGE = 200
#: The first page, drawn before the first frame: a tall terminal's rows and the prefetch margin, not
#: a full page (building 200 rows was a tenth of the time to the first frame at 100k episodes).
FIRST_PAGE = 60
#: Load the next page when the cursor comes this close to the last loaded row.
PREFETCH = 30
#: The key of the NO_COLOR cursor-mark column.
MARK = "mark"
#: How far down a reload looks for the episode that had the cursor before giving up.
KEEP_SEARCH = 2000


def _cells(episode: Episode) -> tuple[Text, ...]:
    """Every cell a Text object (markup stays literal), escape sequences written out, never sent."""
    fields = episode_fields(episode)
    return (
        Text(fields.when),
        Text(fields.muscle),
        Text(fields.side),
        Text(fields.duration if episode.duration else "", justify="right"),
        Text(fields.severity, justify="right"),
        Text(fields.context),
        Text(fields.triggers),
    )


class EpisodeTable(DataTable[Text]):
    """Shows the rows of a :class:`EpisodeFilter`, fetching more as the cursor nears the end."""

    COLUMNS = ("When", "Muscle", "Side", "Dur", "Sev", "Context", "Triggers")
    #: Home and End go to the newest and oldest row (DataTable's own move to the first and last column).
    BINDINGS = [
        Binding("home", "scroll_top", "Newest row", show=False),
        Binding("end", "scroll_bottom", "Last row", show=False),
    ]

    def __init__(self, diary: Diary, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.diary = diary
        self.query_filter = EpisodeFilter()
        self.exhausted = False
        """True once the last page has been loaded: there is nothing more to fetch."""
        self._last: Episode | None = None
        self._marked: str | None = None
        """The row showing the NO_COLOR cursor mark, if any."""
        self._when_drawn: list[Callable[[], object]] = []

    def when_drawn(self, callback: Callable[[], object]) -> None:
        """Run ``callback`` after the next frame that draws the list has been written.

        For what can follow the list onto the screen at start. Textual's
        ``call_after_refresh`` can run before anything is painted, so the work
        it holds would hold the first frame back too.
        """
        self._when_drawn.append(callback)

    def render_lines(self, crop: Region) -> list[Strip]:
        """Draw, then hand what waited for this frame to the message queue: it runs once the frame is written."""
        lines = super().render_lines(crop)
        if self._when_drawn:
            waiting, self._when_drawn = self._when_drawn, []
            for callback in waiting:
                self.call_later(callback)
        return lines

    def _render_cell(
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool = False,
        hover: bool = False,
    ) -> list[list[Segment]]:
        """A one-line cell of plain text drawn as one segment; anything else as DataTable draws it.

        DataTable draws every cell through Rich's console (padding, wrapping,
        cropping): at start that was a third of the time to the first row.
        ``tests/test_tui_episode_table_cells.py`` checks both ways draw the same.
        """
        body = self._plain_body(row_index, column_index, width - 2 * self.cell_padding)
        if body is None:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        component_style, post_style = self._get_styles_to_render_cell(
            row_index == -1,
            column_index == -1,
            row_index != -1 and column_index != -1 and (row_index < self.fixed_rows or column_index < self.fixed_columns),
            hover,
            cursor,
            self.show_cursor,
            self._show_hover_cursor,
            self.cursor_foreground_priority == "css",
            self.cursor_background_priority == "css",
        )
        style = base_style + Style.from_meta({"row": row_index, "column": column_index}) + component_style
        if post_style:
            style += post_style
        pad = " " * self.cell_padding
        return [[Segment(pad + body + pad, style)]]

    def _plain_body(self, row_index: int, column_index: int, inner: int) -> str | None:
        """The cell's text fitted to ``inner`` cells, or None when Rich must draw it.

        Only a Text with no style, on one line of one-cell characters that fits,
        justified left or right, in a row one line high: there Rich's drawing is
        the text padded with spaces.
        """
        column = self.columns.get(self._column_locations.get_key(column_index))  # type: ignore[arg-type]
        if column is None:  # the row labels' column (this table has none)
            return None
        if row_index == -1:
            if self.header_height != 1:
                return None
            cell: object = column.label
        else:
            row_key = self._row_locations.get_key(row_index)
            row = self.rows.get(row_key) if row_key is not None else None
            if row is None or row.height != 1 or row.label is not None:
                return None
            cell = self._data.get(row_key, {}).get(column.key)
        if not isinstance(cell, Text) or cell.spans or cell.style or cell.justify not in (None, "default", "left", "right"):
            return None
        plain = cell.plain
        if "\n" in plain or "\t" in plain or cell_len(plain) != len(plain) or len(plain) > inner:
            return None
        if cell.justify == "right":
            return plain.rstrip().rjust(inner)
        return plain.ljust(inner)

    @property
    def marks_cursor(self) -> bool:
        """Under NO_COLOR the selected row is told by a "›" in a first column, not by a shade alone."""
        return self.app.no_color

    def on_mount(self) -> None:
        if self.marks_cursor:
            self.add_column(Text(""), key=MARK, width=1)
        for column in self.COLUMNS:  # as Text: a plain str label is parsed as markup (and loads Rich's emoji table)
            self.add_column(Text(column), key=column.lower())

    def reload(self, query: EpisodeFilter | None = None, keep: int | None = None) -> None:
        """Show the first page again (after a change or a new filter), keeping the newest row or the chosen one.

        On the newest row (where the list opens), the cursor follows what is newest, so an
        episode logged elsewhere is selected and in view; a person who moved keeps their episode.
        """
        if query is not None:
            self.query_filter = query
        if keep is None and self.cursor_row > 0:
            keep = self.selected_id
        self.clear()
        self._marked = None
        self._last = None
        self.exhausted = False
        self._load_page(FIRST_PAGE)  # no count(*) first: on a lifetime diary it costs more than the page
        if keep is None:
            self.move_cursor(row=0, animate=False)
            self.scroll_home(animate=False, immediate=True)
        else:
            key = str(keep)
            while key not in self.rows and not self.exhausted and self.row_count < KEEP_SEARCH:
                self._load_page()
            if key in self.rows:
                self.move_cursor(row=self.get_row_index(key), animate=False)
        self._mark_cursor()

    def _mark_cursor(self) -> None:
        """Move the NO_COLOR mark to the cursor's row."""
        if not self.marks_cursor or not self.row_count:
            return
        row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        if row_key.value == self._marked:
            return
        if self._marked is not None and self._marked in self.rows:
            self.update_cell(self._marked, MARK, Text(""))
        self.update_cell(row_key, MARK, Text("›"))
        self._marked = row_key.value

    def _load_page(self, size: int = PAGE) -> int:
        """The page after the last row shown: `cramp-diary log` in another terminal must not shift it."""
        episodes = self.diary.episodes.newest_first(self.query_filter, limit=size, older_than=self._last)
        for episode in episodes:
            key = str(episode.id)
            if key not in self.rows:  # one moved back in time by an edit elsewhere comes round again
                cells = _cells(episode)
                self.add_row(*((Text(""), *cells) if self.marks_cursor else cells), key=key)
        if episodes:
            self._last = episodes[-1]
        self.exhausted = len(episodes) < size
        self._measure_now()
        return len(episodes)

    def _measure_now(self) -> None:
        """Size the columns for the new rows now, as DataTable would on its next idle.

        Left to idle, the first frame is drawn with the columns at their headers'
        widths and then drawn again, every visible cell, once they are measured.
        (Textual 8's own idle step, minus the cell updates this table never makes.)
        """
        if self._require_update_dimensions:
            self._require_update_dimensions = False
            new_rows = self._new_rows.copy()
            self._new_rows.clear()
            self._update_dimensions(new_rows)

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        """DataTable's own column sizing, with this table's cells measured directly.

        Textual measures every new cell through the console, most of the cost of
        loading a page. A cell here is one Text, whose width is that of its longest
        line: the same figure, found without the console. Anything else (a row label,
        an auto-height row, a cell that is not Text) is left to DataTable.
        """
        left: list[RowKey] = []
        columns = self.ordered_columns
        for key in new_rows:
            row, cells = self.rows.get(key), self._data.get(key)
            if row is None or cells is None:  # removed before it was measured
                continue
            values = [cells.get(column.key) for column in columns]
            if row.label is not None or row.auto_height or not all(isinstance(v, Text) for v in values):
                left.append(key)
                continue
            for column, cell in zip(columns, values):
                lines = cell.plain.splitlines()  # type: ignore[union-attr]
                column.content_width = max(column.content_width, max(map(cell_len, lines), default=0))
        super()._update_dimensions(left)  # the rest, and the scrollable size

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._mark_cursor()
        if event.cursor_row >= self.row_count - PREFETCH and not self.exhausted:
            self._load_page()

    @property
    def selected_id(self) -> int | None:
        """The episode under the cursor, if any."""
        if not self.row_count:
            return None
        row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return int(row_key.value) if row_key.value is not None else None
