"""Export and import in CSV and JSON: plain files a person can read, a diary can merge.

Parsing is strict and happens before anything touches the database, so a bad
row refuses the whole file with the row and field named.

A JSON export is complete (format 2): every episode, unfinished ones marked
``"status": "open"``, the check-ins, the routine sessions, the dated changes and the deletion
records, each with its clock stamp (``hlc``), so merging two machines (by
``import`` or ``sync``) loses nothing and brings nothing deleted back. The
document is a dict of lists, one per kind of record. Format-1 files (episodes
and check-in days without stamps) still import. CSV holds episodes only.
"""

from __future__ import annotations

from cramp_diary.exchange.raw import MAX_EXPORT_BYTES, MAX_EXPORT_WORDS, ImportRefused, format_named
from cramp_diary.exchange.reading import CHECKIN_SLACK, ExportData, read_export, stream_export
from cramp_diary.exchange.writing import (
    FORMAT_VERSION,
    FORMULA_STARTS,
    ExportCounts,
    export_csv,
    export_json,
    guard_cell,
    in_days,
    unguard_cell,
    write_diary_json,
    write_json,
)
from cramp_diary.records import COLUMNS

__all__ = [
    "format_named",
    "MAX_EXPORT_BYTES",
    "MAX_EXPORT_WORDS",
    "CHECKIN_SLACK",
    "COLUMNS",
    "FORMAT_VERSION",
    "FORMULA_STARTS",
    "ExportCounts",
    "ExportData",
    "ImportRefused",
    "export_csv",
    "export_json",
    "guard_cell",
    "in_days",
    "read_export",
    "stream_export",
    "unguard_cell",
    "write_diary_json",
    "write_json",
]
