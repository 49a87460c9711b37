"""``month_figures``: the time-of-day, muscle, trigger, relief and sign counts of each month (durations of each year), kept by triggers.

The charts over all records used to group every finished episode (and join every
trigger and relief row): 1.3-2.2 s at a million cramps. Counted per month they
are a few dozen rows a month (about 40 000 for fifty years), read in
milliseconds; a period's partial first and last months are counted from the
episodes themselves (:func:`figure_rows`), a few thousand rows at most.

Per month, not per day: a per-day table at a million cramps holds about a
million rows, and grouping them all cost nearly what grouping the episodes did.

Every write path (add, edit, delete, undo, an import's ``executemany``, a sync's
deletions) updates the table in its own transaction through the triggers, as
``day_totals`` does. Each count moves by one per row changed, so keeping it
never reads a month: a new finished episode adds its hour and muscle, a label
row adds its label; a delete subtracts (a ``BEFORE DELETE`` on ``episodes``
subtracts the labels while they still exist, and the labels' own delete triggers
then find no episode and do nothing); an edit subtracts the old and adds the new.
A count that reaches zero is removed, so the table holds exactly what a fresh
GROUP BY gives (``tests/test_store_month_figures.py`` checks it against one).
"""

from __future__ import annotations

import sqlite3

from cramp_diary.store.schema import DONE

#: The per-row figures: (figure, its bucket's length of ``local_day``, the label's SQL over an episode's
#: columns prefixed by ``{e}``; NULL: not counted). A muscle is counted under its side ('muscle-left', ...),
#: its label the person's own word for 'other'. A duration is counted per *year* ('YYYY' in ``month``), its
#: label the seconds zero-padded to sort as numbers: a month at 1M holds ~600 distinct durations, so a
#: lifetime of months was 350 000 rows, no fewer to read than the index already in duration order.
_EPISODE_FIGURES: tuple[tuple[str, int, str], ...] = (
    ("'hour'", 7, "substr({e}started_at, 12, 2)"),
    (
        "'muscle-' || {e}side",
        7,
        "CASE WHEN {e}muscle = 'other' AND {e}muscle_other != '' THEN lower({e}muscle_other) ELSE {e}muscle END",
    ),
    ("'duration'", 4, "substr('0000' || {e}duration_s, -5)"),
)
#: The figures kept per year rather than per month.
YEARLY = ("duration",)
#: The label tables: (figure, table, column).
LABEL_FIGURES: tuple[tuple[str, str, str], ...] = (
    ("trigger", "episode_triggers", "trigger"),
    ("relief", "episode_reliefs", "relief"),
    ("sign", "episode_signs", "sign"),
)
_FINISHED = DONE.removeprefix("e.")  # a trigger's WHERE has no alias

TABLE = """
CREATE TABLE month_figures (
    figure TEXT NOT NULL,  -- 'hour', 'muscle-left' / 'muscle-right' / 'muscle-both', 'trigger', 'relief', 'sign', 'duration'
    month TEXT NOT NULL,   -- YYYY-MM of the episodes' local day (a duration: YYYY)
    label TEXT NOT NULL,   -- the hour ('00'-'23'), the muscle, the trigger, relief or sign, the seconds ('00045')
    n INTEGER NOT NULL,    -- how many finished episodes of that month had it
    PRIMARY KEY (figure, month, label)
) WITHOUT ROWID
"""


def figure_rows(figure: str, where: str) -> str:
    """SQL giving (label) once per finished episode (or label row) of ``figure`` whose episode ``e`` matches ``where``.

    ``figure`` is 'hour', 'muscle' (then the rows are (side, label)) or one of
    :data:`LABEL_FIGURES`' names. Used for the first fill and a period's partial months.
    """
    if figure == "hour":
        return f"SELECT {_EPISODE_FIGURES[0][2].format(e='e.')} FROM episodes e WHERE e.{_FINISHED} AND {where}"
    if figure == "muscle":
        return f"SELECT e.side, {_EPISODE_FIGURES[1][2].format(e='e.')} FROM episodes e WHERE e.{_FINISHED} AND {where}"
    if figure == "duration":
        return (
            f"SELECT {_EPISODE_FIGURES[2][2].format(e='e.')} FROM episodes e"
            f" WHERE e.{_FINISHED} AND e.duration_s IS NOT NULL AND {where}"
        )
    table, column = next((table, column) for name, table, column in LABEL_FIGURES if name == figure)
    return f"SELECT t.{column} FROM {table} t JOIN episodes e ON e.id = t.episode_id WHERE e.{_FINISHED} AND {where}"


def _month(row: str, length: int = 7) -> str:
    return f"substr({row}.local_day, 1, {length})"


def _add(figure: str, month: str, label: str, where: str, source: str = "") -> str:
    """Add one to (figure, month, label) for each row ``source`` gives where ``where`` holds."""
    return f"""
        INSERT INTO month_figures (figure, month, label, n) SELECT {figure}, {month}, {label}, 1 {source} WHERE {where}
        ON CONFLICT (figure, month, label) DO UPDATE SET n = n + 1;"""


def _subtract(figure: str, month: str, label: str) -> str:
    """Take one from (figure, month, label), removing the row at zero; ``month`` NULL (no finished episode) does nothing."""
    key = f"figure = {figure} AND month = {month} AND label = {label}"
    return f"""
        UPDATE month_figures SET n = n - 1 WHERE {key};
        DELETE FROM month_figures WHERE {key} AND n = 0;"""


def _subtract_labels(row: str, month: str) -> str:
    """Take one from each label the episode ``row`` has (its label rows still exist)."""
    statements = []
    for figure, table, column in LABEL_FIGURES:
        labels = f"(SELECT {column} FROM {table} WHERE episode_id = {row}.id)"
        key = f"figure = '{figure}' AND month = {month}"
        statements.append(
            f"""
        UPDATE month_figures SET n = n - 1 WHERE {key} AND label IN {labels};
        DELETE FROM month_figures WHERE {key} AND n = 0 AND label IN {labels};"""
        )
    return "".join(statements)


def _add_labels(row: str, month: str) -> str:
    """Add one to each label the episode ``row`` has."""
    return "".join(
        _add(f"'{figure}'", month, column, f"episode_id = {row}.id", f"FROM {table}")
        for figure, table, column in LABEL_FIGURES
    )


def _episode_parts(row: str, change: str) -> str:
    """Add (``change`` '+') or subtract ('-') the episode ``row``'s hour, muscle and duration (a NULL label: nothing)."""
    statements = []
    for figure, length, label in _EPISODE_FIGURES:
        figure, label, bucket = figure.format(e=f"{row}."), label.format(e=f"{row}."), _month(row, length)
        statements.append(
            _add(figure, bucket, label, f"{label} IS NOT NULL") if change == "+" else _subtract(figure, bucket, label)
        )
    return "".join(statements)


def _triggers() -> list[str]:
    moved = (
        f"(substr(OLD.local_day, 1, 7) IS NOT substr(NEW.local_day, 1, 7) OR (OLD.{_FINISHED}) IS NOT (NEW.{_FINISHED}))"
    )
    triggers = [
        f"""CREATE TRIGGER month_figures_insert AFTER INSERT ON episodes WHEN NEW.{_FINISHED} BEGIN
            {_episode_parts("NEW", "+")}
        END""",
        f"""CREATE TRIGGER month_figures_delete BEFORE DELETE ON episodes WHEN OLD.{_FINISHED} BEGIN
            {_episode_parts("OLD", "-")}
            {_subtract_labels("OLD", _month("OLD"))}
        END""",
        f"""CREATE TRIGGER month_figures_update_old AFTER UPDATE OF local_day, started_at, status, muscle, muscle_other, side,
        duration_s ON episodes WHEN OLD.{_FINISHED} BEGIN
            {_episode_parts("OLD", "-")}
        END""",
        f"""CREATE TRIGGER month_figures_update_new AFTER UPDATE OF local_day, started_at, status, muscle, muscle_other, side,
        duration_s ON episodes WHEN NEW.{_FINISHED} BEGIN
            {_episode_parts("NEW", "+")}
        END""",
        f"""CREATE TRIGGER month_figures_move_old AFTER UPDATE OF local_day, status ON episodes
        WHEN OLD.{_FINISHED} AND {moved} BEGIN
            {_subtract_labels("OLD", _month("OLD"))}
        END""",
        f"""CREATE TRIGGER month_figures_move_new AFTER UPDATE OF local_day, status ON episodes
        WHEN NEW.{_FINISHED} AND {moved} BEGIN
            {_add_labels("NEW", _month("NEW"))}
        END""",
    ]
    for figure, table, column in LABEL_FIGURES:
        month = f"(SELECT substr(local_day, 1, 7) FROM episodes WHERE id = {{row}}.episode_id AND {_FINISHED})"
        add = _add(f"'{figure}'", "substr(e.local_day, 1, 7)", f"NEW.{column}",
                   f"e.id = NEW.episode_id AND e.{_FINISHED}", "FROM episodes e")
        subtract = _subtract(f"'{figure}'", month.format(row="OLD"), f"OLD.{column}")
        triggers += [
            f"CREATE TRIGGER month_figures_{table}_insert AFTER INSERT ON {table} BEGIN {add} END",
            f"CREATE TRIGGER month_figures_{table}_delete AFTER DELETE ON {table} BEGIN {subtract} END",
            f"CREATE TRIGGER month_figures_{table}_update AFTER UPDATE ON {table} BEGIN {subtract} {add} END",
        ]
    return triggers


def _fill() -> str:
    """Every existing finished episode's figures, counted per month."""
    month = "substr(e.local_day, 1, 7)"
    hour, muscle, duration = (label.format(e="e.") for _, _, label in _EPISODE_FIGURES)
    parts = [
        f"SELECT 'hour' AS figure, {month} AS month, {hour} AS label FROM episodes e WHERE e.{_FINISHED}",
        f"SELECT 'muscle-' || e.side, {month}, {muscle} FROM episodes e WHERE e.{_FINISHED}",
        f"SELECT 'duration', substr(e.local_day, 1, 4), {duration} FROM episodes e"
        f" WHERE e.{_FINISHED} AND e.duration_s IS NOT NULL",
        *(
            f"SELECT '{figure}', {month}, t.{column} FROM {table} t JOIN episodes e ON e.id = t.episode_id WHERE e.{_FINISHED}"
            for figure, table, column in LABEL_FIGURES
        ),
    ]
    return (
        "INSERT INTO month_figures (figure, month, label, n) SELECT figure, month, label, count(*)"
        f" FROM ({' UNION ALL '.join(parts)}) GROUP BY figure, month, label"
    )


def create(conn: sqlite3.Connection) -> None:
    """The schema step: the table, filled from the diary's finished episodes, and the triggers that keep it.

    The durations per year replace the index ``episodes_done_durations`` (walking it in duration
    order read every cramp of a lifetime: 0.23 s at 1M), so the step drops it.
    """
    conn.execute(TABLE)
    conn.execute(_fill())
    for trigger in _triggers():
        conn.execute(trigger)
    conn.execute("DROP INDEX episodes_done_durations")
