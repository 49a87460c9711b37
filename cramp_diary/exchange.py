"""Export and import in CSV and JSON: plain files a person can read, a diary can merge.

Parsing is strict and happens before anything touches the database, so a bad
row refuses the whole file with the row and field named.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from datetime import datetime, timezone

from cramp_diary.model import Episode, InvalidField, validate

FORMAT_VERSION = 1
COLUMNS: tuple[str, ...] = (
    "id",
    "uuid",
    "started_at",
    "muscle",
    "muscle_other",
    "side",
    "duration_s",
    "severity",
    "context",
    "triggers",
    "reliefs",
    "signs",
    "note",
    "created_at",
    "updated_at",
)
LIST_FIELDS = ("triggers", "reliefs", "signs")
REQUIRED = ("uuid", "started_at", "muscle", "side")
LIST_SEPARATOR = ";"
#: CSV columns holding words the person typed: the only ones a formula could hide in.
TEXT_COLUMNS = ("muscle_other", "triggers", "note")
#: How a spreadsheet recognises a formula (OWASP's list for CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"


class ImportRefused(ValueError):
    """The file cannot be imported; the message names the row and the field."""


def to_record(episode: Episode) -> dict[str, object]:
    return {
        "id": episode.id,
        "uuid": episode.uuid,
        "started_at": episode.started_at.isoformat(timespec="seconds"),
        "muscle": episode.muscle,
        "muscle_other": episode.muscle_other,
        "side": episode.side,
        "duration_s": episode.duration,
        "severity": episode.severity,
        "context": episode.context,
        "triggers": list(episode.triggers),
        "reliefs": list(episode.reliefs),
        "signs": list(episode.signs),
        "note": episode.note,
        "created_at": episode.created_at.isoformat(timespec="seconds") if episode.created_at else None,
        "updated_at": episode.updated_at.isoformat(timespec="seconds") if episode.updated_at else None,
    }


def export_json(episodes: Iterable[Episode]) -> str:
    document = {
        "application": "cramp-diary",
        "format": FORMAT_VERSION,
        "episodes": [to_record(e) for e in episodes],
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
        record = to_record(episode)
        for name in LIST_FIELDS:
            record[name] = LIST_SEPARATOR.join(record[name])  # type: ignore[arg-type]
        for name in TEXT_COLUMNS:
            record[name] = guard_cell(str(record[name]))
        writer.writerow({k: "" if v is None else v for k, v in record.items()})
    return buffer.getvalue()


def _time(field: str, value: object) -> datetime:
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        raise InvalidField(field, f"must be an ISO 8601 time with UTC offset (got {value!r})") from None
    if moment.tzinfo is None:
        raise InvalidField(field, f"must include a UTC offset (got {value!r})")
    try:  # e.g. 0001-01-01T00:00+05:00 is a valid ISO time that no diary can store in UTC
        moment.astimezone(timezone.utc)
    except OverflowError:
        raise InvalidField(field, f"must be a time between the years 1 and 9999 in UTC (got {value!r})") from None
    return moment


def _int(field: str, value: object) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise InvalidField(field, f"must be a whole number (got {value!r})")
    if isinstance(value, int):
        return value
    try:
        return int(str(value))
    except ValueError:
        raise InvalidField(field, f"must be a whole number (got {value!r})") from None


def _labels(field: str, value: object) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        return tuple(part for part in value.split(LIST_SEPARATOR) if part.strip())
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise InvalidField(field, f"must be a list of words (got {value!r})")


def _text(field: str, value: object) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidField(field, f"must be text (got {value!r})")
    return value


def from_record(record: dict[str, object]) -> Episode:
    """An Episode from one exported row; raises InvalidField naming the column."""
    for name in REQUIRED:
        if record.get(name) in (None, ""):
            raise InvalidField(name, "is required")
    return Episode(
        uuid=_text("uuid", record["uuid"]),
        started_at=_time("started_at", record["started_at"]),
        muscle=_text("muscle", record["muscle"]),
        muscle_other=_text("muscle_other", record.get("muscle_other")),
        side=_text("side", record["side"]),
        duration=_int("duration_s", record.get("duration_s")),
        severity=_int("severity", record.get("severity")),
        context=_text("context", record.get("context")) or None,
        triggers=_labels("triggers", record.get("triggers")),
        reliefs=_labels("reliefs", record.get("reliefs")),
        signs=_labels("signs", record.get("signs")),
        note=_text("note", record.get("note")),
        created_at=_time("created_at", record["created_at"]) if record.get("created_at") else None,
        updated_at=_time("updated_at", record["updated_at"]) if record.get("updated_at") else None,
    )


def _records_json(text: str) -> list[dict[str, object]]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportRefused(f"not valid JSON: {error.msg} at line {error.lineno}") from None
    except (ValueError, RecursionError) as error:  # a 5000-digit number, arrays nested 100000 deep
        raise ImportRefused(f"not a cramp-diary export ({type(error).__name__})") from None
    if isinstance(document, dict) and isinstance(document.get("episodes"), list):
        records = document["episodes"]
    elif isinstance(document, list):
        records = document
    else:
        raise ImportRefused("JSON must be a cramp-diary export: an object with an 'episodes' list")
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise ImportRefused(f"episode {number}: must be an object with the export's fields")
    return records


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
                    f"episode {len(records) + 1} (line {reader.line_num}): more values than the header has columns"
                )
            for name in TEXT_COLUMNS:
                if isinstance(row.get(name), str):  # a short row has None in its missing cells
                    row[name] = unguard_cell(row[name])
            records.append(dict(row))
    except csv.Error as error:
        raise ImportRefused(f"line {reader.line_num}: not valid CSV ({error})") from None
    return records


def parse_export(data: bytes, now: datetime) -> list[Episode]:
    """Every episode in a CSV or JSON export, checked, or ImportRefused naming what is wrong."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRefused(f"not UTF-8 text (bad byte at offset {error.start})") from None
    if "\x00" in text:
        raise ImportRefused("contains NUL bytes: not a cramp-diary export")
    stripped = text.lstrip()
    if not stripped:
        raise ImportRefused("the file is empty")
    is_json = stripped[0] in "[{"
    records = _records_json(text) if is_json else _records_csv(text)
    episodes: list[Episode] = []
    for number, record in enumerate(records, start=1):
        try:
            episodes.append(validate(from_record(record), now))
        except InvalidField as error:
            raise ImportRefused(f"episode {number}: {error.field}: {error.rule}") from None
    return episodes
