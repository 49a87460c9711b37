"""Importing an export file (``cramp-diary import``): every kind of record merged in one transaction.

The file as a whole and every record but the episodes are checked first (``exchange.stream_export``,
before any diary is opened or made); :func:`import_export` merges what it holds, each episode checked
as it goes in (a bad one raises ImportRefused and the transaction leaves the diary as it was), and
words what happened.
"""

from __future__ import annotations

from dataclasses import dataclass

from cramp_diary.exchange import ExportData
from cramp_diary.safe_text import printable
from cramp_diary.store import Diary, MergeResult
from cramp_diary.wording import plural


@dataclass(frozen=True, slots=True)
class Imported:
    """What the import did, and where from (a file name, or "-" for standard input)."""

    source: str
    result: MergeResult
    had_changes: bool
    """Whether the file held dated changes (then a line says what became of them)."""
    had_trials: bool = False
    """Whether it held trials or answers about following one (then a line says so too)."""
    had_medicines: bool = False
    """Whether it held medicines (then a line says what became of them)."""

    @property
    def message(self) -> str:
        lines = [summary_line(self.source, self.result)]
        if self.had_changes:
            r = self.result
            lines.append(
                f"Changes: {r.changes_added} added, {r.changes_updated} updated from a newer edit,"
                f" {r.changes_unchanged} already here."
            )
        if self.had_trials:
            r = self.result
            lines.append(
                f"Trials: {r.trials_added} added, {r.trials_updated} updated from a newer copy; "
                f"{plural(r.trial_days_added, 'answer')} about following the plan added or updated"
                + (f", {r.trial_days_skipped} left out (for a trial not in this diary or a day outside its plan)."
                   if r.trial_days_skipped else ".")
            )
        if self.had_medicines:
            r = self.result
            lines.append(
                f"Medicines: {r.medicines_added} added, {r.medicines_updated} updated from a newer edit,"
                f" {r.medicines_unchanged} already here."
            )
        return "\n".join(lines)


def import_export(diary: Diary, found: ExportData, source: str) -> Imported:
    """Merge every record of an export, all or nothing: never duplicated, deletions kept; ImportRefused for a bad episode."""
    result = diary.merge(
        found.episodes, found.checkins, found.routines, found.tombstones, found.reviews, found.changes,
        found.trials, found.trial_days, medicines=found.medicines, validated=True,
    )
    return Imported(
        source, result, bool(found.changes), bool(found.trials or found.trial_days), bool(found.medicines)
    )


def summary_line(source: str, result: MergeResult) -> str:
    """What an import did, in one line; check-ins are named only when the file had some."""
    line = (
        f"Imported {printable(source)}: {result.added} added, {result.updated} updated from a newer edit, "
        f"{result.unchanged} already here"
    )
    if result.deleted or result.revived:
        line += f"; {result.deleted} deleted (deleted there after their last edit)"
        if result.revived:
            line += f", {plural(result.revived, 'deleted episode')} brought back (edited there after the deletion)"
    if result.checkins_added or result.checkins_present or result.checkins_skipped:
        line += f"; {plural(result.checkins_added, 'check-in')} added, {result.checkins_present} already here"
        if result.checkins_skipped:
            line += f", {result.checkins_skipped} left out because the diary has a cramp that day"
    if result.reviews_added:
        line += f"; {plural(result.reviews_added, 'warning')} marked as discussed"
    if result.changes_removed:
        line += f"; {plural(result.changes_removed, 'dated change')} deleted (deleted there after their last edit)"
    return line + "."
