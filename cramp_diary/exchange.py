"""Export and import in CSV and JSON: plain files a person can read, a diary can merge.

Parsing is strict and happens before anything touches the database, so a bad
row refuses the whole file with the row and field named.

A JSON export also holds the days the person checked in as cramp-free
(``"checkins": ["2026-11-20", ...]``) and the dated changes (``"changes": [...]``),
so merging two machines keeps them; CSV holds episodes only.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import PurePath

from cramp_diary.changes import Change, change_from_record, change_to_record, validate_change
from cramp_diary.model import Episode, InvalidField, check_day_in_range, validate
from cramp_diary.records import (
    COLUMNS,
    LIST_FIELDS,
    LIST_SEPARATOR,
    REQUIRED,
    episode_from_record,
    episode_to_record,
    parse_int,
    parse_time,
)
from cramp_diary.safe_text import clip

FORMAT_VERSION = 1
#: CSV columns holding words the person typed: the only ones a formula could hide in.
TEXT_COLUMNS = ("muscle_other", "triggers", "note")
#: How a spreadsheet recognises a formula (OWASP's list for CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"
#: A check-in day as exported: ISO 8601, ASCII digits only (fromisoformat alone also takes 20261120).
CHECKIN_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
#: A warning rule's key as exported (lowercase words joined by hyphens).
RULE_NAME = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
#: An id the diary can hold; a larger number in the file is not worth quoting as one.
MAX_ID = 2**63 - 1


class ImportRefused(ValueError):
    """The file cannot be imported; the message names the row and the field."""


@dataclass(frozen=True)
class ExportData:
    """What an export file holds: its episodes and (JSON only) the days checked in as cramp-free."""

    episodes: list[Episode]
    checkins: list[date] = field(default_factory=list)
    #: Dated changes (JSON only; an older export without them imports with none).
    changes: list[Change] = field(default_factory=list)
    #: Warnings marked as discussed with a provider: (rule, day), JSON only.
    reviews: list[tuple[str, date]] = field(default_factory=list)


def export_json(
    episodes: Iterable[Episode],
    checkins: Iterable[date] = (),
    changes: Iterable[Change] = (),
    *,
    reviews: Iterable[tuple[str, date]] = (),
) -> str:
    """The whole diary as JSON: every episode, the days checked in as cramp-free, the dated changes, the warnings discussed."""
    document = {
        "application": "cramp-diary",
        "format": FORMAT_VERSION,
        "episodes": [episode_to_record(e) for e in episodes],
        "checkins": sorted({day.isoformat() for day in checkins}),
        "changes": [change_to_record(c) for c in changes],
        "warning_reviews": [
            {"rule": rule, "discussed_on": day.isoformat()} for rule, day in sorted(set(reviews), key=lambda r: (r[1], r[0]))
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


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


def export_csv(episodes: Iterable[Episode]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for episode in episodes:
        record = episode_to_record(episode)
        for name in LIST_FIELDS:
            record[name] = LIST_SEPARATOR.join(record[name])  # type: ignore[arg-type]
        for name in TEXT_COLUMNS:
            record[name] = guard_cell(str(record[name]))
        writer.writerow({k: "" if v is None else v for k, v in record.items()})
    return buffer.getvalue()


def _looks_like_csv_export(text: str) -> bool:
    header = text.lstrip().partition("\n")[0]
    return "," in header and "uuid" in header and "started_at" in header


def _records_json(text: str) -> tuple[list[dict[str, object]], object, object]:
    """The episode records and the raw ``checkins`` and ``warning_reviews`` entries (None when the file has none)."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        hint = " (it looks like a CSV export: name it .csv)" if _looks_like_csv_export(text) else ""
        raise ImportRefused(f"not valid JSON: {error.msg} at line {error.lineno}{hint}") from None
    except (ValueError, RecursionError):  # a 5000-digit number, arrays nested 100000 deep
        raise ImportRefused("not a cramp-diary export (numbers too long or lists nested too deep)") from None
    checkins: object = None
    reviews: object = None
    if isinstance(document, dict) and isinstance(document.get("episodes"), list):
        records = document["episodes"]
        checkins = document.get("checkins")
        reviews = document.get("warning_reviews")
    elif isinstance(document, list):
        records = document
    else:
        raise ImportRefused("JSON must be a cramp-diary export: an object with an 'episodes' list")
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise ImportRefused(f"episode {number} in the file: must be an object with the export's fields")
    return records, checkins, reviews


def _records_csv(text: str) -> list[dict[str, object]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:  # reading the header can fail too, e.g. on 10 MB without a newline
        header = reader.fieldnames or []
    except csv.Error as error:
        raise ImportRefused(f"line 1: not valid CSV ({error})") from None
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise ImportRefused(
            f"CSV header must have the columns {', '.join(COLUMNS)}; missing {', '.join(missing)}"
        )
    unknown = [name for name in header if name not in COLUMNS]
    if unknown:
        # repr(), not str(): the names come from the file and must not drive the terminal
        raise ImportRefused(f"CSV has unknown columns: {', '.join(map(repr, unknown))}")
    records: list[dict[str, object]] = []
    try:
        for row in reader:
            if None in row:
                raise ImportRefused(
                    f"episode {len(records) + 1} in the file (line {reader.line_num}): "
                    "more values than the header has columns"
                )
            for name in TEXT_COLUMNS:
                if isinstance(row.get(name), str):  # a short row has None in its missing cells
                    row[name] = unguard_cell(row[name])
            records.append(dict(row))
    except csv.Error as error:
        raise ImportRefused(f"line {reader.line_num}: not valid CSV ({error})") from None
    return records


def _shown(value: object) -> str:
    """A value from the file, quoted so it cannot drive the terminal, and short."""
    return clip(repr(value), 60)


def _checkin_days(raw: object, now: datetime) -> list[date]:
    """The check-in days of a JSON export, checked: real days, none still to come."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise ImportRefused(f"checkins: must be a list of days such as \"2026-11-20\" (got {_shown(raw)})")
    days: set[date] = set()
    for number, value in enumerate(raw, start=1):
        where = f"check-in {number} in the file"
        if not isinstance(value, str) or not CHECKIN_DAY.fullmatch(value):
            raise ImportRefused(f"{where}: must be a day written like 2026-11-20 (got {_shown(value)})")
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise ImportRefused(f"{where}: {value} is not a day of the calendar") from None
        try:
            check_day_in_range("checkin", day, now.date())
        except InvalidField as error:
            raise ImportRefused(f"{where} ({value}): {error.rule}") from None
        days.add(day)
    return sorted(days)


def _reviews(raw: object, now: datetime) -> list[tuple[str, date]]:
    """The warnings marked as discussed in a JSON export, checked: a rule name and a past day each."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise ImportRefused(f"warning_reviews: must be a list of {{\"rule\", \"discussed_on\"}} objects (got {_shown(raw)})")
    found: set[tuple[str, date]] = set()
    for number, value in enumerate(raw, start=1):
        where = f"warning review {number} in the file"
        if not isinstance(value, dict):
            raise ImportRefused(f"{where}: must be an object with rule and discussed_on (got {_shown(value)})")
        rule, day_text = value.get("rule"), value.get("discussed_on")
        if not isinstance(rule, str) or not RULE_NAME.fullmatch(rule):
            raise ImportRefused(f"{where}: rule: must be a warning's name such as one-sided-swelling (got {_shown(rule)})")
        if not isinstance(day_text, str) or not CHECKIN_DAY.fullmatch(day_text):
            raise ImportRefused(f"{where}: discussed_on: must be a day written like 2026-11-20 (got {_shown(day_text)})")
        try:
            day = check_day_in_range("discussed_on", date.fromisoformat(day_text), now.date())
        except ValueError as error:  # InvalidField is a ValueError too
            rule_text = error.rule if isinstance(error, InvalidField) else "is not a day of the calendar"
            raise ImportRefused(f"{where}: discussed_on ({day_text}): {rule_text}") from None
        found.add((rule, day))
    return sorted(found, key=lambda review: (review[1], review[0]))


def _which_episode(number: int, record: dict[str, object]) -> str:
    """A bad episode as a person finds it in the file: its place, then its id and time when those are valid."""
    found: list[str] = []
    try:
        episode_id = parse_int("id", record.get("id"))
    except InvalidField:
        episode_id = None
    if episode_id is not None and 1 <= episode_id <= MAX_ID:
        found.append(f"id {episode_id}")
    if record.get("started_at") not in (None, ""):
        try:
            found.append(parse_time("started_at", record["started_at"]).strftime("%Y-%m-%d %H:%M"))
        except InvalidField:
            pass
    return f"episode {number} in the file" + (f" ({', '.join(found)})" if found else "")


def _format(name: str | None, text: str) -> str:
    """'json' or 'csv': what the file name says, else what the text starts like."""
    suffix = PurePath(name).suffix.lower() if name else ""
    if suffix in (".json", ".csv"):
        return suffix[1:]
    return "json" if text.lstrip()[0] in "[{" else "csv"


def read_export(data: bytes, now: datetime, name: str | None = None) -> ExportData:
    """Every episode and check-in in a CSV or JSON export, checked, or ImportRefused naming what is wrong.

    ``name`` is the file's name: one ending in .json or .csv is read as that format
    (so a broken JSON file is reported as broken JSON); any other is judged by its text.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRefused(f"not UTF-8 text (bad byte at offset {error.start})") from None
    if "\x00" in text:
        raise ImportRefused("contains NUL bytes: not a cramp-diary export")
    stripped = text.lstrip()
    if not stripped:
        raise ImportRefused("the file is empty")
    raw_checkins: object = None
    raw_reviews: object = None
    if _format(name, text) == "json":
        records, raw_checkins, raw_reviews = _records_json(text)
    elif stripped[0] in "[{":
        raise ImportRefused("not valid CSV: it starts like JSON (name it .json to import it as JSON)")
    else:
        records = _records_csv(text)
    episodes: list[Episode] = []
    for number, record in enumerate(records, start=1):
        try:
            episodes.append(validate(episode_from_record(record), now))
        except InvalidField as error:
            raise ImportRefused(f"{_which_episode(number, record)}: {error.field}: {error.rule}") from None
    changes = _changes(_raw_changes(text) if _format(name, text) == "json" else None, now)
    return ExportData(episodes, _checkin_days(raw_checkins, now), changes, _reviews(raw_reviews, now))


def _raw_changes(text: str) -> object:
    """The ``changes`` entry of a JSON export already known to parse (None when it has none)."""
    document = json.loads(text)
    return document.get("changes") if isinstance(document, dict) else None


def _changes(raw: object, now: datetime) -> list[Change]:
    """The dated changes of a JSON export, each checked, or ImportRefused naming the change and field."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise ImportRefused(f"changes: must be a list of changes (got {_shown(raw)})")
    found: list[Change] = []
    for number, record in enumerate(raw, start=1):
        where = f"change {number} in the file"
        if not isinstance(record, dict):
            raise ImportRefused(f"{where}: must be an object with the export's fields")
        try:
            found.append(validate_change(change_from_record(record), now.date()))
        except InvalidField as error:
            raise ImportRefused(f"{where}: {error.field}: {error.rule}") from None
    return found
