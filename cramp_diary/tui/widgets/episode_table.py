"""The episode list: newest first, loaded a page at a time so a lifetime diary opens fast.

Drawn a line at a time (Textual's line API) rather than with DataTable: a row is
one episode's fields as plain text in fixed columns, so a line is a few padded
strings in one style. DataTable drew each cell through Rich's console and styled
a dozen parts of itself, the largest cost between launch and the first row
(issue 26). The keys are DataTable's: arrows, page up/down, home (the newest row)
and end; a click highlights a row and a click on the highlighted row opens it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size, Spacing
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from cramp_diary.model import Episode
from cramp_diary.store import Diary, EpisodeFilter
from cramp_diary.wording import episode_fields

PAGE = 200
#: The first page: a tall terminal's rows and the prefetch margin, not a full page. Only the rows the
#: terminal can show are read before the first frame (each costs about 1 % of it at 100k episodes);
#: the rest follow once they are drawn.
FIRST_PAGE = 60
#: Load the next page when the cursor (or the view) comes this close to the last loaded row.
PREFETCH = 30
#: How far down a reload looks for the episode that had the cursor before giving up.
KEEP_SEARCH = 2000
#: Under NO_COLOR the cursor's row carries this mark in a first column, not a shade alone.
MARK = "›"
#: Spaces either side of every cell.
PAD = " "


class Column(NamedTuple):
    title: str
    right: bool = False
    """Numbers line up on the right."""


COLUMNS = (
    Column("When"),
    Column("Muscle"),
    Column("Side"),
    Column("Dur", right=True),
    Column("Sev", right=True),
    Column("Context"),
    Column("Triggers"),
)


class Row(NamedTuple):
    """One episode as the list shows it: its id and each column's text (printable, never markup)."""

    id: int
    cells: tuple[str, ...]


def _one_line(text: str) -> str:
    """A cell is one line: the newlines and tabs a hand-edited diary may hold become spaces.

    Every other control character is already written out as an escape (:func:`printable`).
    """
    return text.replace("\n", " ").replace("\t", " ") if "\n" in text or "\t" in text else text


def episode_row(episode: Episode) -> Row:
    """The list's row for an episode, in the words every other screen uses."""
    fields = episode_fields(episode)
    cells = (fields.when, fields.muscle, fields.side, fields.duration if episode.duration else "", fields.severity,
             fields.context, fields.triggers)
    return Row(episode.id or 0, tuple(map(_one_line, cells)))


def fit(text: str, width: int, right: bool) -> str:
    """``text`` in exactly ``width`` cells: padded with spaces on the side away from its justification, or cut."""
    if right:
        text = text.rstrip()
    size = cell_len(text)
    if size > width:
        return set_cell_size(text, width)
    return " " * (width - size) + text if right else text + " " * (width - size)


class EpisodeTable(ScrollView, can_focus=True):
    """Shows the rows of a :class:`EpisodeFilter` under a fixed header, fetching more as the cursor nears the end."""

    COMPONENT_CLASSES = {"episode-table--header", "episode-table--cursor", "episode-table--even-row"}
    BINDINGS = [
        Binding("up", "cursor_up", "Up", show=False),
        Binding("down", "cursor_down", "Down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home", "first_row", "Newest row", show=False),
        Binding("end", "last_row", "Last row", show=False),
        Binding("enter", "open_row", "Open", show=False),
    ]

    class Selected(Message):
        """The highlighted row was clicked (or enter pressed on it): open that episode."""

        def __init__(self, table: EpisodeTable, episode_id: int) -> None:
            super().__init__()
            self.table = table
            self.episode_id = episode_id

        @property
        def control(self) -> EpisodeTable:
            """The list, for ``@on(EpisodeTable.Selected, "#episodes")``."""
            return self.table

    def __init__(self, diary: Diary, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.diary = diary
        self.query_filter = EpisodeFilter()
        self.exhausted = False
        """True once the last page has been loaded: there is nothing more to fetch."""
        self.cursor_row = 0
        """The highlighted row's index, 0 the newest; 0 too when the list is empty."""
        self._rows: list[Row] = []
        self._index: dict[int, int] = {}
        self._widths = [cell_len(column.title) for column in COLUMNS]
        self._last: Episode | None = None
        self._when_drawn: list[Callable[[], object]] = []
        self._first_page_filled = False
        """The rows past the screen's have been read (they wait for the first frame after a reload)."""

    # -- what home and the tests read ------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self._rows)

    @property
    def rows(self) -> list[Row]:
        """The loaded rows, newest first (a copy)."""
        return list(self._rows)

    @property
    def column_widths(self) -> tuple[int, ...]:
        """Each column's width in cells, its padding included, as drawn."""
        return tuple(width + 2 * len(PAD) for width in self._widths)

    @property
    def selected_id(self) -> int | None:
        """The episode under the cursor, if any."""
        return self._rows[self.cursor_row].id if self._rows else None

    @property
    def marks_cursor(self) -> bool:
        """Under NO_COLOR the selected row is told by a "›" in a first column, not by a shade alone."""
        return self.app.no_color

    def when_drawn(self, callback: Callable[[], object]) -> None:
        """Run ``callback`` after the next frame that draws the list has been written.

        For what can follow the list onto the screen at start. Textual's
        ``call_after_refresh`` can run before anything is painted, so the work
        it holds would hold the first frame back too.
        """
        self._when_drawn.append(callback)

    # -- loading ---------------------------------------------------------------------

    def reload(self, query: EpisodeFilter | None = None, keep: int | None = None) -> None:
        """Show the first page again (after a change or a new filter), keeping the newest row or the chosen one.

        On the newest row (where the list opens), the cursor follows what is newest, so an
        episode logged elsewhere is selected and in view; a person who moved keeps their episode.
        """
        if query is not None:
            self.query_filter = query
        if keep is None and self.cursor_row > 0:
            keep = self.selected_id
        self._rows, self._index = [], {}
        self._widths = [cell_len(column.title) for column in COLUMNS]
        self._last = None
        self.exhausted = False
        self._first_page_filled = False
        self._load_page(self._rows_on_screen())  # no count(*) first: on a lifetime diary it costs more than the page
        if keep is None:
            self.cursor_row = 0
            self.scroll_to(0, 0, animate=False, immediate=True)
        else:
            while keep not in self._index and not self.exhausted and len(self._rows) < KEEP_SEARCH:
                self._load_page()
            self.cursor_row = min(self._index.get(keep, self.cursor_row), max(len(self._rows) - 1, 0))
            self._scroll_to_cursor()
        if self._fill_first_page not in self._when_drawn:
            self.when_drawn(self._fill_first_page)
        self.refresh()

    def _rows_on_screen(self) -> int:
        """At most the terminal's height (the list is not laid out yet when it first loads)."""
        return max(1, min(FIRST_PAGE, self.app.size.height))

    def _fill_first_page(self) -> None:
        """The rest of the first page, then more if the cursor or the view is near its end."""
        if len(self._rows) < FIRST_PAGE and not self.exhausted:
            self._load_page(FIRST_PAGE - len(self._rows))
        self._first_page_filled = True
        self._load_if_near_end()

    def _load_page(self, size: int = PAGE) -> int:
        """The page after the last row shown: `cramp-diary log` in another terminal must not shift it."""
        episodes = self.diary.episodes.newest_first(self.query_filter, limit=size, older_than=self._last)
        for episode in episodes:
            row = episode_row(episode)
            if row.id in self._index:  # one moved back in time by an edit elsewhere comes round again
                continue
            self._index[row.id] = len(self._rows)
            self._rows.append(row)
            self._widths = [max(width, cell_len(cell)) for width, cell in zip(self._widths, row.cells)]
        if episodes:
            self._last = episodes[-1]
        self.exhausted = len(episodes) < size
        self.virtual_size = Size(sum(self.column_widths) + (1 + 2 * len(PAD) if self.marks_cursor else 0), len(self._rows) + 1)
        self.refresh()
        return len(episodes)

    def _load_if_near_end(self) -> None:
        """Fetch the next page while the cursor or the view is within PREFETCH rows of the last loaded one."""
        bottom = max(self.cursor_row, round(self.scroll_y) + self.size.height)
        if not self.exhausted and bottom >= len(self._rows) - PREFETCH:
            self._load_page()

    # -- drawing ---------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        """Draw, then hand what waited for this frame to the message queue: it runs once the frame is written."""
        lines = super().render_lines(crop)
        if self._when_drawn:
            waiting, self._when_drawn = self._when_drawn, []
            for callback in waiting:
                self.call_later(callback)
        return lines

    def render_line(self, y: int) -> Strip:
        """Line 0 is the header, fixed while the rows scroll under it."""
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        if y == 0:
            text, style = self._text(None), self.get_component_rich_style("episode-table--header")
        elif (index := y - 1 + scroll_y) < len(self._rows):
            text, style = self._text(index), self._row_style(index)
        else:
            return Strip.blank(width, self.rich_style)
        return Strip([Segment(text, style)]).crop_extend(scroll_x, scroll_x + width, style)

    def _text(self, index: int | None) -> str:
        """A row's (or, for None, the header's) cells, each padded to its column."""
        if index is None:
            cells = [column.title for column in COLUMNS]
        else:
            cells = list(self._rows[index].cells)
        parts = [PAD + fit(cell, width, column.right) + PAD for cell, width, column in zip(cells, self._widths, COLUMNS)]
        if self.marks_cursor:
            parts.insert(0, PAD + (MARK if index == self.cursor_row else " ") + PAD)
        return "".join(parts)

    def _row_style(self, index: int) -> Style:
        if index == self.cursor_row:
            return self.get_component_rich_style("episode-table--cursor")
        if index % 2 == 0:
            return self.get_component_rich_style("episode-table--even-row")
        return self.rich_style

    def notify_style_update(self) -> None:
        """Focus, theme and NO_COLOR change the component styles: draw with the new ones."""
        super().notify_style_update()
        self.refresh()

    # -- moving ----------------------------------------------------------------------

    def move_cursor(self, row: int) -> None:
        """Highlight ``row`` (kept within the list), bring it into view and fetch more when near the end."""
        self.cursor_row = max(0, min(row, len(self._rows) - 1))
        self._scroll_to_cursor()
        self._load_if_near_end()
        self.refresh()

    def _scroll_to_cursor(self) -> None:
        self.scroll_to_region(
            Region(0, self.cursor_row + 1, 1, 1), spacing=Spacing(top=1), animate=False, force=True, x_axis=False,
            immediate=True,
        )

    def on_resize(self) -> None:
        """A taller terminal shows more rows: fetch them if the loaded ones end within the view's margin.

        Not before the first frame: the first page is completed once it is drawn (``_fill_first_page``).
        """
        if self._first_page_filled:
            self._load_if_near_end()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self.is_mounted and self._rows:
            self._load_if_near_end()

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor_row - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor_row + 1)

    def action_page_up(self) -> None:
        self.move_cursor(self.cursor_row - self._page())

    def action_page_down(self) -> None:
        self.move_cursor(self.cursor_row + self._page())

    def action_first_row(self) -> None:
        self.move_cursor(0)

    def action_last_row(self) -> None:
        self.move_cursor(len(self._rows) - 1)

    def action_open_row(self) -> None:
        if self._rows:
            self.post_message(self.Selected(self, self._rows[self.cursor_row].id))

    def on_click(self, event: events.Click) -> None:
        """A click highlights the row under it; a click on the highlighted row opens it."""
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1:
            return
        index = offset.y - 1 + self.scroll_offset.y
        if index >= len(self._rows):
            return
        event.stop()
        if index == self.cursor_row:
            self.action_open_row()
        else:
            self.move_cursor(index)
