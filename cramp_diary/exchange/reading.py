"""Reading export files: strict parsing before anything touches the database (a bad row refuses the whole file)."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import PurePath

from cramp_diary import hlc
from cramp_diary.changes import Change, change_from_record, validate_change
from cramp_diary.trial import Answer, TrialPlan, validate_plan
from cramp_diary.trial_records import answer_from_record, checked_answer_key, plan_from_record
from cramp_diary.model import Episode, InvalidField, check_day_in_range, check_sleep, normalise_uuid, validate
from cramp_diary.records import (
    COLUMNS,
    TOMBSTONE_KINDS,
    CheckinRecord,
    RoutineRecord,
    Tombstone,
    REQUIRED,
    episode_from_record,
    parse_int,
    parse_time,
)
from cramp_diary.safe_text import clip

from cramp_diary.exchange.writing import FORMAT_VERSION, TEXT_COLUMNS, unguard_cell

#: A day of slack for check-ins from a machine further east (its today is our tomorrow).
CHECKIN_SLACK = timedelta(days=1)
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
    """What an export file holds: its episodes and (JSON only) check-ins, routine sessions and deletion records."""

    episodes: list[Episode]
    checkins: list[CheckinRecord] = field(default_factory=list)
    routines: list[RoutineRecord] = field(default_factory=list)
    tombstones: list[Tombstone] = field(default_factory=list)
    #: Dated changes (an export without them imports with none).
    changes: list[Change] = field(default_factory=list)
    #: With/without trials and their nightly answers (an export without them imports with none).
    trials: list[TrialPlan] = field(default_factory=list)
    trial_days: list[Answer] = field(default_factory=list)
    #: The device that wrote the file (format 2), or None.
    device: str | None = None
    #: Warnings marked as discussed with a provider: (rule, day).
    reviews: list[tuple[str, date]] = field(default_factory=list)


def _looks_like_csv_export(text: str) -> bool:
    """A CSV header line; text that starts like JSON is broken JSON, however many commas it has."""
    stripped = text.lstrip()
    if stripped[:1] in ("[", "{"):
        return False
    header = stripped.partition("\n")[0]
    return "," in header and "uuid" in header and "started_at" in header


def _records_json(text: str) -> tuple[list[dict[str, object]], dict[str, object]]:
    """The episode records and the whole document (empty for a bare list of episodes)."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        hint = " (it looks like a CSV export: name it .csv)" if _looks_like_csv_export(text) else ""
        where = f"line {error.lineno}, column {error.colno}"
        what = error.msg.lower().removesuffix(" at")  # 'unterminated string starting at': "at" once, not twice
        raise ImportRefused(f"not valid JSON: {what} at {where}{hint}") from None
    except (ValueError, RecursionError):  # a 5000-digit number, arrays nested 100000 deep
        raise ImportRefused("not a cramp-diary export (numbers too long or lists nested too deep)") from None
    if isinstance(document, dict) and isinstance(document.get("episodes"), list):
        version = document.get("format", 1)
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            raise ImportRefused(f"format: must be a whole number such as {FORMAT_VERSION} (got {_shown(version)})")
        if version > FORMAT_VERSION:
            raise ImportRefused(
                f"the file is in export format {version}, written by a newer cramp-diary; this one reads formats"
                f" 1 to {FORMAT_VERSION}: please upgrade cramp-diary"
            )
        records = document["episodes"]
    elif isinstance(document, list):
        records, document = document, {}
    else:
        raise ImportRefused("JSON must be a cramp-diary export: an object with an 'episodes' list")
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise ImportRefused(f"episode {number} in the file: must be an object with the export's fields")
    return records, document


def _stamp(raw: object, where: str | Callable[[], str], now: datetime, fallback: str) -> str:
    """A record's clock stamp, checked: a real stamp, not more than a day ahead of this machine's clock.

    ``where`` may be a function: naming a record costs more than checking it, so it runs only for a refusal.
    """
    if raw in (None, ""):
        raw = fallback
    try:
        hlc.parse(raw)  # type: ignore[arg-type]
        hlc.receive(hlc.to_ms(now), None, raw, "")  # type: ignore[arg-type]
    except ValueError:
        place = where() if callable(where) else where
        try:
            hlc.receive(hlc.to_ms(now), None, raw, place)  # type: ignore[arg-type]
        except hlc.StampAhead as error:
            raise ImportRefused(str(error)) from None
        except ValueError as error:
            raise ImportRefused(f"{place}: hlc: {error}") from None
    return str(raw)


def _list(document: dict[str, object], name: str, what: str) -> list[dict[str, object]]:
    raw = document.get(name)
    if raw is None:
        return []
    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        raise ImportRefused(f"{name}: must be a list of {what} objects")
    return raw


def _routines(document: dict[str, object], now: datetime) -> list[RoutineRecord]:
    found: list[RoutineRecord] = []
    for number, item in enumerate(_list(document, "routine_sessions", "routine session"), start=1):
        where = f"routine session {number} in the file"
        try:
            uuid = normalise_uuid(item.get("uuid"))
            routine = item.get("routine")
            if not isinstance(routine, str) or not routine.strip() or len(routine) > 100:
                raise InvalidField("routine", f"must be a routine name (got {_shown(routine)})")
            started = parse_time("started_at", item.get("started_at"))
            completed = item.get("completed", True)
            if not isinstance(completed, bool):
                raise InvalidField("completed", f"must be true or false (got {_shown(completed)})")
        except InvalidField as error:
            raise ImportRefused(f"{where}: {error.field}: {error.rule}") from None
        stamp = _stamp(item.get("hlc"), f"{where} ({uuid})", now, hlc.from_legacy(started))
        found.append(RoutineRecord(uuid, routine, started, completed, stamp))
    return found


def _tombstones(document: dict[str, object], now: datetime) -> list[Tombstone]:
    found: list[Tombstone] = []
    for number, item in enumerate(_list(document, "tombstones", "deletion record"), start=1):
        where = f"deletion record {number} in the file"
        kind, key = item.get("kind"), item.get("key")
        if kind not in TOMBSTONE_KINDS:
            raise ImportRefused(f"{where}: kind: must be one of {', '.join(TOMBSTONE_KINDS)} (got {_shown(kind)})")
        try:
            if kind == "checkin":
                if not isinstance(key, str) or not CHECKIN_DAY.fullmatch(key):
                    raise InvalidField("key", f"must be a day written like 2026-11-20 (got {_shown(key)})")
                date.fromisoformat(key)
            elif kind == "trial_day":
                key = checked_answer_key(key)
            else:
                key = normalise_uuid(key, "key")
            deleted_at = parse_time("deleted_at", item.get("deleted_at"))
        except ValueError as error:
            rule = error.rule if isinstance(error, InvalidField) else f"{key} is not a day of the calendar"
            raise ImportRefused(f"{where}: {rule}") from None
        stamp = _stamp(item.get("hlc"), f"{where} ({kind} {key})", now, hlc.ZERO)
        device = item.get("device")
        if not isinstance(device, str) or len(device) > 100:
            raise ImportRefused(f"{where}: device: must be a device name (got {_shown(device)})")
        found.append(Tombstone(str(kind), str(key), stamp, device, deleted_at))
    return found


def _one_line_ends(row: dict[str, object]) -> dict[str, object]:
    """A multi-line cell from a file with CRLF line ends keeps CRLF inside its quotes: make those LF."""
    return {k: v.replace("\r\n", "\n") if isinstance(v, str) else v for k, v in row.items()}


def _records_csv(text: str) -> list[dict[str, object]]:
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
    records: list[dict[str, object]] = []
    last_line = reader.line_num  # the line the previous record ended on
    try:
        for row in reader:
            last_line = reader.line_num
            row = _one_line_ends(row)  # type: ignore[assignment]
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
        if "unexpected end of data" in str(error):
            raise ImportRefused(
                f"episode {len(records) + 1} in the file (line {last_line + 1}): a quoted value starts "
                'there and is never closed (a " is missing), so the rows after it cannot be read'
            ) from None
        raise ImportRefused(f"line {reader.line_num}: not valid CSV ({error})") from None
    return records


def _shown(value: object) -> str:
    """A value from the file, quoted so it cannot drive the terminal, and short."""
    return clip(repr(value), 60)


def _checkin_days(raw: object, now: datetime) -> list[CheckinRecord]:
    """The check-ins of a JSON export, checked: real days, none still to come (a day of slack for other zones).

    Format 1 has bare days ("2026-11-20"), format 2 objects with the day and its stamp.
    """
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise ImportRefused(f"checkins: must be a list of days such as \"2026-11-20\" (got {_shown(raw)})")
    days: dict[date, CheckinRecord] = {}
    for number, item in enumerate(raw, start=1):
        where = f"check-in {number} in the file"
        value = item.get("day") if isinstance(item, dict) else item
        if not isinstance(value, str) or not CHECKIN_DAY.fullmatch(value):
            raise ImportRefused(f"{where}: must be a day written like 2026-11-20 (got {_shown(value)})")
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise ImportRefused(f"{where}: {value} is not a day of the calendar") from None
        try:
            check_day_in_range("checkin", day, (now + CHECKIN_SLACK).date())
        except InvalidField as error:
            raise ImportRefused(f"{where} ({value}): {error.rule}") from None
        stamp = _stamp(item.get("hlc"), f"{where} ({value})", now, hlc.ZERO) if isinstance(item, dict) else ""
        sleep = item.get("sleep_disturbance") if isinstance(item, dict) else None
        try:
            sleep = check_sleep(parse_int("sleep_disturbance", sleep))
        except InvalidField as error:
            raise ImportRefused(f"{where} ({value}): sleep_disturbance {error.rule}") from None
        if day not in days or stamp > days[day].hlc:
            days[day] = CheckinRecord(day, stamp, sleep)
    return [days[day] for day in sorted(days)]


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


def read_export(data: bytes, now: datetime, name: str | None = None, *, slack: timedelta = timedelta(0)) -> ExportData:
    """Every record in a CSV or JSON export, checked, or ImportRefused naming what is wrong.

    ``name`` is the file's name: one ending in .json or .csv is read as that format
    (so a broken JSON file is reported as broken JSON); any other is judged by its text.
    ``slack`` lets episodes start that far after ``now`` (another machine's clock may run ahead).
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
    document: dict[str, object] = {}
    if _format(name, text) == "json":
        records, document = _records_json(text)
    elif stripped[0] in "[{":
        raise ImportRefused("not valid CSV: it starts like JSON (name it .json to import it as JSON)")
    else:
        records = _records_csv(text)
    episodes: list[Episode] = []
    for number, record in enumerate(records, start=1):
        try:
            episode = episode_from_record(record)
            status = record.get("status") or "done"
            if status != episode.status:  # a copy only when it differs: a lifetime import makes 100k of them
                episode = episode.with_changes(status=status)
            episode = validate(episode, now + slack)
        except InvalidField as error:
            raise ImportRefused(f"{_which_episode(number, record)}: {error.field}: {error.rule}") from None
        raw = episode.hlc or hlc.from_legacy(episode.updated_at)
        stamp = _stamp(raw, lambda n=number, r=record, e=episode: f"{_which_episode(n, r)} ({e.uuid})", now, raw)
        episodes.append(episode if stamp == episode.hlc else episode.with_changes(hlc=stamp))
    device = document.get("device")
    return ExportData(
        episodes,
        _checkin_days(document.get("checkins"), now),
        _routines(document, now),
        _tombstones(document, now),
        device=device if isinstance(device, str) else None,
        changes=_changes(document.get("changes"), now),
        trials=_trials(document, now),
        trial_days=_trial_days(document, now),
        reviews=_reviews(document.get("warning_reviews"), now),
    )


def _trials(document: dict[str, object], now: datetime) -> list[TrialPlan]:
    """The trials of a JSON export, each checked, or ImportRefused naming the trial and field."""
    found: list[TrialPlan] = []
    for number, record in enumerate(_list(document, "trials", "trial"), start=1):
        where = f"trial {number} in the file"
        try:
            plan = validate_plan(plan_from_record(record), now.date())
        except InvalidField as error:
            raise ImportRefused(f"{where}: {error.field}: {error.rule}") from None
        stamp = _stamp(plan.hlc, f"{where} ({plan.uuid})", now, hlc.from_legacy(plan.updated_at))
        found.append(plan.with_changes(hlc=stamp))
    return found


def _trial_days(document: dict[str, object], now: datetime) -> list[Answer]:
    """The nightly answers of a JSON export's trials, each checked."""
    found: list[Answer] = []
    for number, record in enumerate(_list(document, "trial_days", "trial answer"), start=1):
        where = f"trial answer {number} in the file"
        try:
            answer = answer_from_record(record)
        except InvalidField as error:
            raise ImportRefused(f"{where}: {error.field}: {error.rule}") from None
        stamp = _stamp(answer.hlc, where, now, hlc.ZERO)
        found.append(Answer(answer.trial_uuid, answer.day, answer.followed, stamp))
    return found


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
            change = validate_change(change_from_record(record), now.date())
        except InvalidField as error:
            raise ImportRefused(f"{where}: {error.field}: {error.rule}") from None
        stamp = _stamp(change.hlc, f"{where} ({change.uuid})", now, hlc.from_legacy(change.updated_at))
        found.append(change.with_changes(hlc=stamp))
    return found
