"""The storage package: the only code that speaks SQL.

* :mod:`~cramp_diary.store.schema`: the tables, the append-only migrations, the connection pragmas;
* :mod:`~cramp_diary.store.diary_file`: the file's checks before opening, its probe, the backup before an upgrade;
* :mod:`~cramp_diary.store.db`: the one connection, its transactions and the figures kept between writes;
* :mod:`~cramp_diary.store.diary`: :class:`Diary`, composed of a repository per kind of record:
  ``episodes``, ``checkins``, ``routine_sessions``, ``dated_changes``, ``discussed``, ``trials``,
  ``medicine_list`` (one module each, loaded when the diary first uses that repository);
* :mod:`~cramp_diary.store.stamps`, :mod:`~cramp_diary.store.synced`: clock stamps and deletion records;
  each synced kind described once, and delete, restore, export and merge written once for all;
* :mod:`~cramp_diary.store.merging`: merging a whole export (``import``, ``sync``) in one transaction;
* :mod:`~cramp_diary.store.queries`: read-only figures over a period for stats and warning signs.

Importing it stays light (plain sqlite3, no sqlite-utils, no UI library; ``queries`` loads on first
use), so ``cramp-diary log`` starts fast.
"""

from __future__ import annotations

import importlib
from typing import Any

from cramp_diary.store import schema
from cramp_diary.clock import Now
from cramp_diary.store.checkins import CheckinResult
from cramp_diary.store.diary import Diary
from cramp_diary.store.episodes import EditConflict, EpisodeFilter, EpisodeGone
from cramp_diary.store.diary_file import SQLITE_HEADER, DiskFull, backup_path, check_diary_file
from cramp_diary.store.schema import (
    APPLICATION,
    LABEL_TABLES,
    MIGRATIONS,
    SCHEMA_VERSION,
    DiaryError,
    Migration,
    apply_migration,
    utc_stamp,
)

__all__ = [
    "APPLICATION",
    "LABEL_TABLES",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "SQLITE_HEADER",
    "CheckinResult",
    "Diary",
    "DiaryError",
    "DiskFull",
    "EditConflict",
    "EpisodeGone",
    "EpisodeFilter",
    "MergeResult",
    "Migration",
    "Now",
    "apply_migration",
    "backup_path",
    "check_diary_file",
    "queries",
    "schema",
    "utc_stamp",
]


def __getattr__(name: str) -> Any:
    """``store.queries`` and ``MergeResult`` are loaded on first use: ``cramp-diary log`` never needs them."""
    if name == "queries":
        return importlib.import_module(f"{__name__}.queries")
    if name == "MergeResult":
        return importlib.import_module(f"{__name__}.merging").MergeResult
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
