"""Writing export files: the complete JSON export, streamed one record a line, and CSV for spreadsheets.

The JSON writer never holds the whole diary in memory: records are written as
the diary yields them. CSV cells a spreadsheet would run as a formula are
guarded with a leading quote, and reading takes the guard off again.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import IO, TYPE_CHECKING

from cramp_diary.changes import Change, change_to_record
from cramp_diary.trial import Answer, TrialPlan
from cramp_diary.trial_records import answer_to_record, plan_to_record
from cramp_diary.model import Episode
from cramp_diary.records import (
    COLUMNS,
    LIST_FIELDS,
    LIST_SEPARATOR,
    CheckinRecord,
    RoutineRecord,
    Tombstone,
    episode_json,
    episode_to_record,
)

if TYPE_CHECKING:  # the store imports nothing from here; only the type is needed
    from cramp_diary.store import Diary

#: 1: episodes (finished only) and check-in days; 2: everything, with clock stamps and deletion records.
FORMAT_VERSION = 2
#: CSV columns holding words the person typed: the only ones a formula could hide in.
TEXT_COLUMNS = ("muscle_other", "triggers", "note")
#: How a spreadsheet recognises a formula (OWASP's list for CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"


@dataclass
class ExportCounts:
    """How many records of each kind an export wrote, for the closing message."""

    episodes: int = 0
    unfinished: int = 0
    checkins: int = 0
    routines: int = 0
    tombstones: int = 0
    changes: int = 0
    reviews: int = 0
    trials: int = 0


def write_json(
    out: IO[str],
    episodes: Iterable[Episode],
    checkins: Iterable[date | CheckinRecord] = (),
    routines: Iterable[RoutineRecord] = (),
    tombstones: Iterable[Tombstone] = (),
    *,
    device: str | None = None,
    changes: Iterable[Change] = (),
    reviews: Iterable[tuple[str, date]] = (),
    trials: Iterable[TrialPlan] = (),
    trial_days: Iterable[Answer] = (),
    device_id: str | None = None,
) -> ExportCounts:
    """Write the whole diary as JSON, one record a line, as the records come (no whole-diary string in memory)."""
    counts = ExportCounts()
    out.write('{\n  "application": "cramp-diary",\n  "format": %d,\n' % FORMAT_VERSION)
    if device is not None:
        out.write(f'  "device": {json.dumps(device)},\n')
    if device_id is not None:
        out.write(f'  "device_id": {json.dumps(device_id)},\n')

    def section(name: str, records: Iterable[dict[str, object]], last: bool = False) -> int:
        out.write(f'  "{name}": [')
        number = 0
        for number, record in enumerate(records, start=1):
            out.write(("\n    " if number == 1 else ",\n    ") + json.dumps(record, ensure_ascii=False))
        out.write(("\n  ]" if number else "]") + ("\n" if last else ",\n"))
        return number

    def episode_records() -> Iterable[dict[str, object]]:
        for episode in episodes:
            counts.unfinished += episode.is_open
            yield episode_json(episode)

    counts.episodes = section("episodes", episode_records())
    days = {r.day if isinstance(r, CheckinRecord) else r: r for r in checkins}
    counts.checkins = section(
        "checkins",
        (
            {"day": day.isoformat(), "hlc": r.hlc, "sleep_disturbance": r.sleep_disturbance}
            if isinstance(r, CheckinRecord)
            else {"day": day.isoformat(), "hlc": ""}
            for day, r in sorted(days.items())
        ),
    )
    counts.routines = section(
        "routine_sessions",
        (
            {"uuid": r.uuid, "routine": r.routine, "started_at": r.started_at.isoformat(timespec="seconds"),
             "completed": r.completed, "hlc": r.hlc}
            for r in routines
        ),
    )
    counts.changes = section("changes", (change_to_record(c) for c in changes))
    counts.trials = section("trials", (plan_to_record(plan) for plan in trials))
    section("trial_days", (answer_to_record(answer) for answer in trial_days))
    counts.reviews = section(
        "warning_reviews",
        ({"rule": rule, "discussed_on": day.isoformat()} for rule, day in sorted(set(reviews), key=lambda r: (r[1], r[0]))),
    )
    counts.tombstones = section(
        "tombstones",
        (
            {"kind": t.kind, "key": t.key, "hlc": t.hlc, "device": t.device,
             "deleted_at": t.deleted_at.isoformat(timespec="seconds"), **({"seen": t.seen, "seen_rank": t.seen_rank} if t.seen else {})}
            for t in tombstones
        ),
        last=True,
    )
    out.write("}\n")
    return counts


def in_days(day: date, days: tuple[date, date] | None) -> bool:
    """Whether a local day falls in ``days`` (both ends included); None is every day."""
    return days is None or days[0] <= day <= days[1]


def write_diary_json(
    out: IO[str], diary: Diary, days: tuple[date, date] | None = None, *, device_id: str | None = None
) -> ExportCounts:
    """Everything the diary knows, as one complete JSON export (for ``export`` and the sync folder alike).

    With ``days`` (``export --from --to``): the episodes, check-ins and routine sessions of those
    local days, every dated change and discussed warning, and no deletion records, so importing
    it adds and updates but never deletes. ``device_id`` (a device file) lets the device that
    wrote it know its own file under any name.
    """
    return write_json(
        out,
        (e for e in diary.episodes.iter_all(include_open=True) if in_days(e.started_at.date(), days)),
        (c for c in diary.checkins.records() if in_days(c.day, days)),
        (r for r in diary.routines.records() if in_days(r.started_at.date(), days)),
        diary.stamps.tombstones() if days is None else (),
        device=diary.stamps.device_name(),
        device_id=device_id,
        changes=diary.changes.all(),
        reviews=diary.discussed.records(),
        trials=diary.trials.all(),
        trial_days=diary.trials.answer_records(),
    )


def export_json(
    episodes: Iterable[Episode],
    checkins: Iterable[date | CheckinRecord] = (),
    routines: Iterable[RoutineRecord] = (),
    tombstones: Iterable[Tombstone] = (),
    *,
    device: str | None = None,
    changes: Iterable[Change] = (),
    reviews: Iterable[tuple[str, date]] = (),
) -> str:
    """The whole diary as JSON text (see :func:`write_json`)."""
    buffer = io.StringIO()
    write_json(buffer, episodes, checkins, routines, tombstones, device=device, changes=changes, reviews=reviews)
    return buffer.getvalue()


def _looks_like_formula(text: str) -> bool:
    return text.lstrip(GUARD).startswith(FORMULA_STARTS)


def guard_cell(text: str) -> str:
    """One more leading apostrophe on a cell a spreadsheet would run as a formula ("=HYPERLINK(...)").

    Apostrophes already there are looked past, so :func:`unguard_cell` can always
    take exactly the one added back off: export then import gives the same text.
    """
    return GUARD + text if _looks_like_formula(text) else text


def unguard_cell(text: str) -> str:
    """The cell as the person typed it: the inverse of :func:`guard_cell`."""
    return text[1:] if text.startswith(GUARD) and _looks_like_formula(text) else text


#: What a spreadsheet needs to read UTF-8 (accents, non-Latin text) without being told: a byte-order mark first.
BOM = "\ufeff"


def export_csv(episodes: Iterable[Episode], *, excel: bool = False) -> str:
    """Finished episodes as CSV; ``excel`` adds the byte-order mark and CRLF line ends Excel opens cleanly."""
    buffer = io.StringIO()
    if excel:
        buffer.write(BOM)
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n" if excel else "\n")
    writer.writeheader()
    for episode in episodes:
        record = episode_to_record(episode)
        for name in LIST_FIELDS:
            record[name] = LIST_SEPARATOR.join(record[name])  # type: ignore[arg-type]
        for name in TEXT_COLUMNS:
            record[name] = guard_cell(str(record[name]))
        writer.writerow({k: "" if v is None else v for k, v in record.items()})
    return buffer.getvalue()


