"""The diary's one connection: its transactions, the figures kept between writes, and a few table helpers.

Every repository of :class:`~cramp_diary.store.Diary` shares one :class:`Db`. A write is
``with db.write():`` (one immediate transaction, all or nothing); the figures kept by
:meth:`Db.kept` are dropped at every commit *and* rollback, so a figure read inside a
write that is then undone never outlives it.

The store used sqlite-utils' ``Database`` for the helpers; importing it (with click,
dateutil and pluggy) was a third of ``cramp-diary log``'s time, and each
``insert`` cost several SQLite calls (table look-ups, savepoints). These
helpers run inside the caller's own transaction and add none.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from operator import itemgetter
from pathlib import Path
from typing import Any, TypeVar

from cramp_diary.store.schema import DiaryError

T = TypeVar("T")

#: A diary keeps at most this many figures; then the oldest is dropped.
KEEP_AT_MOST = 64


def _value(value: object) -> object:
    """Lists and mappings are stored as JSON text, as sqlite-utils did."""
    if isinstance(value, (list, tuple, dict)):
        import json  # no row ``log`` writes holds one

        return json.dumps(value)
    return value


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class Table:
    """One table: insert and update rows by rowid (every diary table has ``id INTEGER PRIMARY KEY`` or a rowid)."""

    def __init__(self, db: Db, name: str) -> None:
        self.db = db
        self.name = name
        self.last_pk: int | None = None

    def insert(self, row: Mapping[str, object]) -> Table:
        columns = list(row)
        sql = (
            f"INSERT INTO {_quote(self.name)} ({', '.join(map(_quote, columns))}) "
            f"VALUES ({', '.join('?' * len(columns))})"
        )
        self.last_pk = self.db.execute(sql, [_value(row[c]) for c in columns]).lastrowid
        return self

    def insert_all(self, rows: Iterable[Mapping[str, object]]) -> Table:
        """Insert many rows with one prepared statement per set of columns."""
        rows = list(rows)
        if not rows:
            return self
        columns = list(rows[0])
        sql = (
            f"INSERT INTO {_quote(self.name)} ({', '.join(map(_quote, columns))}) "
            f"VALUES ({', '.join('?' * len(columns))})"
        )
        cursor = self.db.execute(sql, [[_value(row[c]) for c in columns] for row in rows], many=True)
        self.last_pk = cursor.lastrowid
        return self

    def update(self, rowid: int, row: Mapping[str, object]) -> Table:
        columns = list(row)
        sql = f"UPDATE {_quote(self.name)} SET {', '.join(f'{_quote(c)} = ?' for c in columns)} WHERE rowid = ?"
        self.db.execute(sql, [*(_value(row[c]) for c in columns), rowid])
        self.last_pk = rowid
        return self


class Db:
    """The diary's connection: ``write()`` and ``snapshot()`` transactions, ``kept`` figures, ``query`` and ``table``."""

    def __init__(self, conn: sqlite3.Connection, path: Path, *, read_only_reason: str | None = None) -> None:
        self.conn = conn
        self.path = path
        #: Set when the diary was opened for reading only (a full disk): why nothing can be saved.
        self.read_only_reason = read_only_reason
        self._kept: dict[Hashable, Any] = {}
        self.commits = 0
        """Write transactions committed on this connection: whether a command saved anything."""
        self._kept_version: tuple[int, int] | None = None

    # -- transactions ------------------------------------------------------------

    def _end(self, verb: str) -> None:
        """COMMIT or ROLLBACK, and forget every kept figure: what they were read from may be gone."""
        self._kept.clear()
        self._kept_version = None
        self.conn.execute(verb)

    @contextmanager
    def write(self) -> Iterator[None]:
        """One immediate transaction: waits for another writer, then all or nothing."""
        conn = self.conn
        if self.read_only_reason is not None:
            raise DiaryError(self.read_only_reason)
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise DiaryError(f"the diary is busy (another program is writing to it): {error}") from None
        try:
            yield
        except BaseException as error:
            if conn.in_transaction:  # some errors (disk full, I/O) already rolled it back
                self._end("ROLLBACK")
            else:
                self._kept.clear()
            if isinstance(error, sqlite3.Error):  # the screens catch DiaryError, not sqlite3's own errors
                raise DiaryError(f"could not save to {self.path}: {error}") from None
            raise
        try:
            self._end("COMMIT")
        except sqlite3.Error as error:
            if conn.in_transaction:
                self._end("ROLLBACK")
            raise DiaryError(f"could not save to {self.path}: {error}") from None
        self.commits += 1

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """One read transaction, so an export sees the diary as of one moment while others write."""
        self.conn.execute("BEGIN")
        try:
            yield
        finally:
            if self.conn.in_transaction:
                self._end("COMMIT")

    def data_version(self) -> int:
        """Changes whenever another connection commits: cheap polling for live updates."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def kept(self, key: Hashable, read: Callable[[], T]) -> T:
        """``read()``, or what it gave last time if nothing has changed since (a figure derived from a query's rows).

        Dropped at every commit and rollback here; ``PRAGMA data_version`` notices
        other connections' commits, ``total_changes`` this connection's rows written
        inside a transaction still open. Results are tuples: no caller can change them.
        """
        version = (self.data_version(), self.conn.total_changes)
        if version != self._kept_version:
            self._kept.clear()
            self._kept_version = version
        if key not in self._kept:
            if len(self._kept) >= KEEP_AT_MOST:
                del self._kept[next(iter(self._kept))]
            self._kept[key] = read()
        return self._kept[key]

    # -- statements --------------------------------------------------------------

    def execute(self, sql: str, params: Any = (), *, many: bool = False) -> sqlite3.Cursor:
        """Run one statement (``many``: once per parameter set); outside a transaction it commits at once."""
        conn = self.conn
        was_in_transaction = conn.in_transaction
        try:
            cursor = conn.executemany(sql, params) if many else conn.execute(sql, params)
        except BaseException:
            if not was_in_transaction and conn.in_transaction:
                self._end("ROLLBACK")
            raise
        if not was_in_transaction and conn.in_transaction:
            self._end("COMMIT")
        return cursor

    def query(self, sql: str, params: Sequence[object] | Mapping[str, object] = ()) -> Iterator[dict[str, object]]:
        cursor = self.conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        for values in cursor:
            yield dict(zip(names, values))

    def table(self, name: str) -> Table:
        return Table(self, name)

    def table_names(self) -> list[str]:
        return [row[0] for row in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]

    def close(self) -> None:
        self.conn.close()


def insert_rows(db: Db, table: str, rows: list[dict[str, object]]) -> None:
    """Insert a merge's batch of new rows (same columns, plain values) with one ``executemany``.

    Not sqlite-utils' ``insert_all``: tried on this connection (its savepoints join our
    transaction), the merge of a 100k export took 10.98 s (10.66-11.13) with it against
    9.04 s (8.70-9.30) with this, three interleaved runs (benchmarks/README.md, issue 14).
    """
    columns = list(rows[0])
    values = itemgetter(*columns) if len(columns) > 1 else lambda row: (row[columns[0]],)
    sql = f"INSERT INTO {_quote(table)} ({', '.join(map(_quote, columns))}) VALUES ({', '.join('?' * len(columns))})"
    db.execute(sql, [values(row) for row in rows], many=True)
