"""A thin layer over :mod:`sqlite3` with the few table helpers the store uses.

The store used sqlite-utils' ``Database`` for these; importing it (with click,
dateutil and pluggy) was a third of ``cramp-diary log``'s time, and each
``insert`` cost several SQLite calls (table look-ups, savepoints). These
helpers run inside the caller's own transaction (``Diary._write``) and add none.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from operator import itemgetter
from typing import Any


def _value(value: object) -> object:
    """Lists and mappings are stored as JSON text, as sqlite-utils did."""
    if isinstance(value, (list, tuple, dict)):
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
    """The diary's connection, with ``query`` (rows as dicts) and ``table(name)`` helpers."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, params: Any = (), *, many: bool = False) -> sqlite3.Cursor:
        """Run one statement (``many``: once per parameter set); outside a transaction it commits at once."""
        conn = self.conn
        was_in_transaction = conn.in_transaction
        try:
            cursor = conn.executemany(sql, params) if many else conn.execute(sql, params)
        except BaseException:
            if not was_in_transaction and conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        if not was_in_transaction and conn.in_transaction:
            conn.execute("COMMIT")
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
