"""From an export file's text to raw records, within what a diary could hold; :mod:`.reading` checks each record.

A JSON document or CSV rows, refused (:class:`ImportRefused`) when the text is
not an export or holds more than a diary could: the limits keep the memory an
import or a sync folder's device file costs in proportion to a real diary.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import PurePath
from typing import TypeVar

from cramp_diary.exchange.json_stream import EPISODES, STREAMED, WINDOW, Irregular, scan
from cramp_diary.exchange.writing import FORMAT_VERSION, TEXT_COLUMNS, unguard_cell
from cramp_diary.records import COLUMNS, REQUIRED
from cramp_diary.safe_text import clip

#: The largest export or device file read: 150,000 cramps (forty years at ten a day) take about 64 MB.
MAX_EXPORT_BYTES = 64 * 1024 * 1024
MAX_EXPORT_WORDS = "64 MiB"
#: The most records of one kind a file may hold: more than a lifetime of cramps.
MAX_RECORDS = 200_000
#: A real export has one JSON value for about every 20 bytes; past one per this many, it is not one.
BYTES_PER_VALUE = 10

T = TypeVar("T")


class ImportRefused(ValueError):
    """The file cannot be imported; the message names the row and the field."""


def looks_like_csv_export(text: str) -> bool:
    """A CSV header line; text that starts like JSON is broken JSON, however many commas it has."""
    stripped = text.lstrip()
    if stripped[:1] in ("[", "{"):
        return False
    header = stripped.partition("\n")[0]
    return "," in header and "uuid" in header and "started_at" in header


def format_named(name: str | None) -> str | None:
    """'json' or 'csv' when the file's name says so (.json, .csv), else None: export writes what import reads."""
    suffix = PurePath(name).suffix.lower() if name else ""
    return suffix[1:] if suffix in (".json", ".csv") else None


def file_records(data: bytes, name: str | None) -> tuple[Iterable[dict[str, object]], dict[str, object]]:
    """The episode records and the rest of the document (JSON), once the file as a whole passed its checks."""
    chars, first = text_facts(data)
    if b"\x00" in data:
        raise ImportRefused("contains NUL bytes: not a cramp-diary export")
    if not first:
        raise ImportRefused("the file is empty")
    if (format_named(name) or ("json" if first in "[{" else "csv")) == "json":
        return records_json(data, chars)
    if first in "[{":
        raise ImportRefused("not valid CSV: it starts like JSON (name it .json to import it as JSON)")
    return records_csv(data.decode("utf-8-sig")), {}


def text_facts(data: bytes) -> tuple[int, str]:
    """How many characters the UTF-8 ``data`` holds and its first that is not blank ('' when none).

    Decoded a window at a time and dropped: the whole text is never held for this.
    """
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    chars, first = 0, ""
    for at in range(0, max(len(data), 1), WINDOW):
        try:
            piece = decoder.decode(data[at:at + WINDOW], final=at + WINDOW >= len(data))
        except UnicodeDecodeError:
            try:
                data.decode("utf-8-sig")  # the whole, for the offset of the bad byte as a whole decode names it
            except UnicodeDecodeError as error:
                raise ImportRefused(f"not UTF-8 text (bad byte at offset {error.start})") from None
            raise
        chars += len(piece)
        first = first or piece.lstrip()[:1]
    return chars, first


def records_json(data: bytes, chars: int) -> tuple[Iterable[dict[str, object]], dict[str, object]]:
    """The episode records and the rest of the document (``episodes`` left out for a bare list of them).

    The records are read again from the bytes, one at a time, each time they are
    iterated (:mod:`.json_stream`); a file of another shape, or not JSON, is read whole
    as it always was, so its refusal names the same line and column.
    """
    within_what_a_diary_holds(data, chars)
    try:
        return _streamed(data)
    except Irregular:
        return _whole(data.decode("utf-8-sig"))


def _streamed(data: bytes) -> tuple[Iterable[dict[str, object]], dict[str, object]]:
    document: dict[str, object] = {}
    counts: dict[str, int] = {}
    not_object: dict[str, int] = {}  # the first record of a list that is not an object
    for key, value, one in scan(data):
        if not one:
            document[key] = value
            continue
        counts[key] = counts.get(key, 0) + 1
        if not isinstance(value, dict):
            not_object.setdefault(key, counts[key])
    for key in STREAMED[1:]:
        if isinstance(document.get(key), list):  # read again record by record, as the episodes
            document[key] = JsonRecords(data, key, objects=key not in not_object)
    return _checked(JsonRecords(data, EPISODES), document, not_object.get(EPISODES, 0))


def _whole(text: str) -> tuple[Iterable[dict[str, object]], dict[str, object]]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        hint = " (it looks like a CSV export: name it .csv)" if looks_like_csv_export(text) else ""
        where = f"line {error.lineno}, column {error.colno}"
        what = error.msg.lower().removesuffix(" at")  # 'unterminated string starting at': "at" once, not twice
        raise ImportRefused(f"not valid JSON: {what} at {where}{hint}") from None
    except (ValueError, RecursionError):  # a 5000-digit number, arrays nested 100000 deep
        raise ImportRefused("not a cramp-diary export (numbers too long or lists nested too deep)") from None
    if isinstance(document, list):
        document = {EPISODES: document}
    records = document.get(EPISODES) if isinstance(document, dict) else None
    if not isinstance(records, list):
        raise ImportRefused("JSON must be a cramp-diary export: an object with an 'episodes' list")
    bad = next((number for number, record in enumerate(records, start=1) if not isinstance(record, dict)), 0)
    return _checked(records, document, bad)


def _checked(
    records: Iterable[dict[str, object]], document: dict[str, object], not_object: int
) -> tuple[Iterable[dict[str, object]], dict[str, object]]:
    """The document's own checks: an export of a format this version reads, each episode an object."""
    if not isinstance(document.get(EPISODES), list):
        raise ImportRefused("JSON must be a cramp-diary export: an object with an 'episodes' list")
    version = document.get("format", 1)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ImportRefused(f"format: must be a whole number such as {FORMAT_VERSION} (got {shown(version)})")
    if version > FORMAT_VERSION:
        raise ImportRefused(
            f"the file is in export format {version}, written by a newer cramp-diary; this one reads formats"
            f" 1 to {FORMAT_VERSION}: please upgrade cramp-diary"
        )
    if not_object:
        raise ImportRefused(f"episode {not_object} in the file: must be an object with the export's fields")
    return records, document


class JsonRecords:
    """The records of one list of a JSON export (``key``), decoded from its bytes one at a time whenever iterated."""

    def __init__(self, data: bytes, key: str, *, objects: bool = True) -> None:
        self.data = data
        self.key = key
        #: Whether every record is an object (a list with another value is refused before it is read again).
        self.objects = objects

    def __iter__(self) -> Iterator[dict[str, object]]:
        return (record for key, record, one in scan(self.data) if one and key == self.key)  # type: ignore[misc]


def within_what_a_diary_holds(data: bytes, chars: int) -> None:
    """Refuse, before parsing, JSON with far more values than records could hold (``[[],[],...]``).

    Every value costs Python tens of bytes however short its text: 200 MB of empty
    lists would take gigabytes. A real export has one value for every 20 bytes or
    so (a check-in is the densest record); counting commas and brackets (one byte
    each in UTF-8), which bounds the values from above, is one quick pass over the bytes.
    """
    values = data.count(b",") + data.count(b"[") + data.count(b"{")
    if values > chars // BYTES_PER_VALUE + 1000:
        raise ImportRefused(
            "not a cramp-diary export: it holds far more values than its records could (a diary's are longer)"
        )


def limited(items: Iterable[T], what: str) -> Iterator[T]:
    """The records of one kind, refusing the file past :data:`MAX_RECORDS` of them."""
    for count, item in enumerate(items, start=1):
        if count > MAX_RECORDS:
            raise ImportRefused(
                f"holds more than {MAX_RECORDS:,} {what}, more than a diary could hold (fifty years at ten a day)"
            )
        yield item


def one_line_ends(row: dict[str, object]) -> dict[str, object]:
    """A multi-line cell from a file with CRLF line ends keeps CRLF inside its quotes: make those LF."""
    return {k: v.replace("\r\n", "\n") if isinstance(v, str) else v for k, v in row.items()}


def records_csv(text: str) -> Iterator[dict[str, object]]:
    """The rows of a CSV export, one at a time: each is checked before the next is read, so memory stays small.

    The header is checked at once, before the first row is asked for.
    """
    # strict: a quote never closed is an error, not a note that swallows every row after it
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
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
    return _rows(reader)


def _rows(reader: csv.DictReader[str]) -> Iterator[dict[str, object]]:
    count = 0
    last_line = reader.line_num  # the line the previous record ended on
    try:
        for row in reader:
            last_line = reader.line_num
            row = one_line_ends(row)  # type: ignore[assignment]
            if None in row:
                raise ImportRefused(
                    f"episode {count + 1} in the file (line {reader.line_num}): "
                    "more values than the header has columns"
                )
            for name in TEXT_COLUMNS:
                if isinstance(row.get(name), str):  # a short row has None in its missing cells
                    row[name] = unguard_cell(row[name])
            count += 1
            yield dict(row)
    except csv.Error as error:
        if "unexpected end of data" in str(error):
            raise ImportRefused(
                f"episode {count + 1} in the file (line {last_line + 1}): a quoted value starts "
                'there and is never closed (a " is missing), so the rows after it cannot be read'
            ) from None
        raise ImportRefused(f"line {reader.line_num}: not valid CSV ({error})") from None


def shown(value: object) -> str:
    """A value from the file, quoted so it cannot drive the terminal, and short."""
    return clip(repr(value), 60)
