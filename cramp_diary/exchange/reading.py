"""Reading export files: strict parsing before anything touches the database (a bad row refuses the whole file)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from cramp_diary import hlc
from cramp_diary.changes import Change, change_from_record, validate_change
from cramp_diary.medicines import Medicine, medicine_from_record, validate_medicine
from cramp_diary.device import ID as DEVICE_ID
from cramp_diary.model import Episode, InvalidField, check_day_in_range, check_sleep, normalise_uuid, validate
from cramp_diary.trial import Answer, TrialPlan, validate_plan
from cramp_diary.trial_records import answer_from_record, checked_answer_key, plan_from_record
from cramp_diary.records import (
    TOMBSTONE_KINDS,
    CheckinRecord,
    RoutineRecord,
    Tombstone,
    episode_from_record,
    parse_int,
    parse_time,
)
from cramp_diary.exchange.raw import ImportRefused, JsonRecords, file_records, limited, shown

#: A day of slack for check-ins from a machine further east (its today is our tomorrow).
CHECKIN_SLACK = timedelta(days=1)
#: A check-in day as exported: ISO 8601, ASCII digits only (fromisoformat alone also takes 20261120).
CHECKIN_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
#: A warning rule's key as exported (lowercase words joined by hyphens).
RULE_NAME = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
#: An id the diary can hold; a larger number in the file is not worth quoting as one.
MAX_ID = 2**63 - 1


@dataclass(frozen=True)
class ExportData:
    """What an export file holds: its episodes and (JSON only) check-ins, routine sessions and deletion records."""

    #: A list from :func:`read_export`; from :func:`stream_export`, read (and checked) once, as it is merged.
    episodes: Iterable[Episode]
    checkins: list[CheckinRecord] = field(default_factory=list)
    routines: list[RoutineRecord] = field(default_factory=list)
    #: Like the episodes: a list from :func:`read_export`, read as merged from :func:`stream_export`.
    tombstones: Iterable[Tombstone] = field(default_factory=list)
    #: Dated changes (an export without them imports with none).
    changes: list[Change] = field(default_factory=list)
    #: With/without trials and their nightly answers (an export without them imports with none).
    trials: list[TrialPlan] = field(default_factory=list)
    trial_days: list[Answer] = field(default_factory=list)
    #: The device that wrote the file (format 2), or None.
    device: str | None = None
    #: The random id of the device that wrote a device file (see cramp_diary.device), or None.
    device_id: str | None = None
    #: Warnings marked as discussed with a provider: (rule, day).
    reviews: list[tuple[str, date]] = field(default_factory=list)
    #: The medicines list (an export without one imports with none).
    medicines: list[Medicine] = field(default_factory=list)


class _Ahead(Exception):
    """One record stamped too far ahead, left out on its own (sync): the reason is in ``skipped``."""


def _stamp(
    raw: object, where: str | Callable[[], str], now: datetime, fallback: str, skipped: list[str] | None = None
) -> str:
    """A record's clock stamp, checked: a real stamp, not more than a day ahead of this machine's clock.

    ``where`` may be a function: naming a record costs more than checking it, so it runs only for a refusal.
    A stamp too far ahead refuses the whole file, or, with ``skipped`` (sync), only
    its record: the reason is added there and :class:`_Ahead` tells the caller to leave it out.
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
            if skipped is None:
                raise ImportRefused(str(error)) from None
            skipped.append(str(error))
            raise _Ahead from None
        except ValueError as error:
            raise ImportRefused(f"{place}: hlc: {error}") from None
    return str(raw)


def _list(document: dict[str, object], name: str, what: str) -> Iterable[dict[str, object]]:
    raw = document.get(name)
    if raw is None:
        return []
    if isinstance(raw, JsonRecords) and raw.objects:
        return raw
    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        raise ImportRefused(f"{name}: must be a list of {what} objects")
    return raw


def _routines(document: dict[str, object], now: datetime, skipped: list[str] | None) -> list[RoutineRecord]:
    found: list[RoutineRecord] = []
    for number, item in enumerate(limited(_list(document, "routine_sessions", "routine session"), "routine sessions"), start=1):
        where = f"routine session {number} in the file"
        try:
            uuid = normalise_uuid(item.get("uuid"))
            routine = item.get("routine")
            if not isinstance(routine, str) or not routine.strip() or len(routine) > 100:
                raise InvalidField("routine", f"must be a routine name (got {shown(routine)})")
            started = parse_time("started_at", item.get("started_at"))
            completed = item.get("completed", True)
            if not isinstance(completed, bool):
                raise InvalidField("completed", f"must be true or false (got {shown(completed)})")
        except InvalidField as error:
            raise ImportRefused(f"{where}: {error.field}: {error.rule}") from None
        try:
            stamp = _stamp(item.get("hlc"), f"{where} ({uuid})", now, hlc.from_legacy(started), skipped)
        except _Ahead:
            continue
        found.append(RoutineRecord(uuid, routine, started, completed, stamp))
    return found


def _tombstones(records: Iterable[dict[str, object]], now: datetime, skipped: list[str] | None) -> Iterator[Tombstone]:
    """Each deletion record checked, in the file's order (streamed like the episodes: a diary may have thousands)."""
    for number, item in enumerate(limited(records, "deletion records"), start=1):
        where = f"deletion record {number} in the file"
        kind, key = item.get("kind"), item.get("key")
        if kind not in TOMBSTONE_KINDS:
            raise ImportRefused(f"{where}: kind: must be one of {', '.join(TOMBSTONE_KINDS)} (got {shown(kind)})")
        try:
            if kind == "checkin":
                if not isinstance(key, str) or not CHECKIN_DAY.fullmatch(key):
                    raise InvalidField("key", f"must be a day written like 2026-11-20 (got {shown(key)})")
                date.fromisoformat(key)
            elif kind == "trial_day":
                key = checked_answer_key(key)
            else:
                key = normalise_uuid(key, "key")
            deleted_at = parse_time("deleted_at", item.get("deleted_at"))
        except ValueError as error:
            rule = error.rule if isinstance(error, InvalidField) else f"{key} is not a day of the calendar"
            raise ImportRefused(f"{where}: {rule}") from None
        try:
            stamp = _stamp(item.get("hlc"), f"{where} ({kind} {key})", now, hlc.ZERO, skipped)
        except _Ahead:
            continue
        device = item.get("device")
        if not isinstance(device, str) or len(device) > 100:
            raise ImportRefused(f"{where}: device: must be a device name (got {shown(device)})")
        seen = item.get("seen") or ""
        try:
            if seen:
                hlc.parse(seen)  # type: ignore[arg-type]
        except ValueError as error:
            raise ImportRefused(f"{where}: seen: {error}") from None
        rank = item.get("seen_rank", 1 if kind == "episode" else 0)  # an older file's: a finished cramp's deletion
        if rank not in (0, 1) or isinstance(rank, bool):
            raise ImportRefused(f"{where}: seen_rank: must be 0 or 1 (got {shown(rank)})")
        yield Tombstone(str(kind), str(key), stamp, device, deleted_at, min(str(seen), stamp) if seen else "", int(rank))


def _checkin_days(raw: object, now: datetime, skipped: list[str] | None) -> list[CheckinRecord]:
    """The check-ins of a JSON export, checked: real days, none still to come (a day of slack for other zones).

    Format 1 has bare days ("2026-11-20"), format 2 objects with the day and its stamp.
    """
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise ImportRefused(f"checkins: must be a list of days such as \"2026-11-20\" (got {shown(raw)})")
    days: dict[date, CheckinRecord] = {}
    for number, item in enumerate(limited(raw, "check-ins"), start=1):
        where = f"check-in {number} in the file"
        value = item.get("day") if isinstance(item, dict) else item
        if not isinstance(value, str) or not CHECKIN_DAY.fullmatch(value):
            raise ImportRefused(f"{where}: must be a day written like 2026-11-20 (got {shown(value)})")
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise ImportRefused(f"{where}: {value} is not a day of the calendar") from None
        try:
            check_day_in_range("checkin", day, (now + CHECKIN_SLACK).date())
        except InvalidField as error:
            raise ImportRefused(f"{where} ({value}): {error.rule}") from None
        try:
            stamp = _stamp(item.get("hlc"), f"{where} ({value})", now, hlc.ZERO, skipped) if isinstance(item, dict) else ""
        except _Ahead:
            continue
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
        raise ImportRefused(f"warning_reviews: must be a list of {{\"rule\", \"discussed_on\"}} objects (got {shown(raw)})")
    found: set[tuple[str, date]] = set()
    for number, value in enumerate(limited(raw, "discussed warnings"), start=1):
        where = f"warning review {number} in the file"
        if not isinstance(value, dict):
            raise ImportRefused(f"{where}: must be an object with rule and discussed_on (got {shown(value)})")
        rule, day_text = value.get("rule"), value.get("discussed_on")
        if not isinstance(rule, str) or not RULE_NAME.fullmatch(rule):
            raise ImportRefused(f"{where}: rule: must be a warning's name such as one-sided-swelling (got {shown(rule)})")
        if not isinstance(day_text, str) or not CHECKIN_DAY.fullmatch(day_text):
            raise ImportRefused(f"{where}: discussed_on: must be a day written like 2026-11-20 (got {shown(day_text)})")
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


def read_export(
    data: bytes,
    now: datetime,
    name: str | None = None,
    *,
    slack: timedelta = timedelta(0),
    skipped: list[str] | None = None,
) -> ExportData:
    """Every record in a CSV or JSON export, checked, or ImportRefused naming what is wrong.

    ``name`` is the file's name: one ending in .json or .csv is read as that format
    (so a broken JSON file is reported as broken JSON); any other is judged by its text.
    ``slack`` lets episodes start, and dated changes and discussed marks fall, that far
    after ``now`` (another machine's clock, or its time zone, may run ahead).
    ``skipped`` (sync): a record stamped too far ahead is left out on its own, its
    reason added there, instead of refusing the whole file.
    """
    records, document = file_records(data, name)
    episodes = list(_episodes(records, now, slack, skipped))
    return _export_data(episodes, document, now, slack, skipped, list)


def stream_export(
    data: bytes, now: datetime, name: str | None = None, *, slack: timedelta = timedelta(0), skipped: list[str] | None = None
) -> ExportData:
    """:func:`read_export`, but each episode and deletion record is read and checked only as the merge takes it.

    A lifetime's episodes as objects took hundreds of MB; streamed, a batch at a time is held.
    The file as a whole (text, JSON, format, limits) and every other kind of record are checked
    here, before anything is merged; a bad episode or deletion record raises ImportRefused from
    inside the merge, whose one transaction then leaves the diary as it was (so when a file has
    one of those bad and another record too, the other one is named).
    """
    records, document = file_records(data, name)
    return _export_data(_episodes(records, now, slack, skipped), document, now, slack, skipped, iter)


def _episodes(
    records: Iterable[dict[str, object]], now: datetime, slack: timedelta, skipped: list[str] | None
) -> Iterator[Episode]:
    """Each episode record checked, in the file's order; ImportRefused naming the first bad one."""
    for number, record in enumerate(limited(records, "episodes"), start=1):
        try:
            episode = episode_from_record(record)
            status = record.get("status") or "done"
            if status != episode.status:  # a copy only when it differs: a lifetime import makes 100k of them
                episode = episode.with_changes(status=status)
            episode = validate(episode, now + slack)
        except InvalidField as error:
            raise ImportRefused(f"{_which_episode(number, record)}: {error.field}: {error.rule}") from None
        raw = episode.hlc or hlc.from_legacy(episode.updated_at)
        try:
            stamp = _stamp(
                raw, lambda n=number, r=record, e=episode: f"{_which_episode(n, r)} ({e.uuid})", now, raw, skipped
            )
        except _Ahead:
            continue
        yield episode if stamp == episode.hlc else episode.with_changes(hlc=stamp)


def _export_data(
    episodes: Iterable[Episode], document: dict[str, object], now: datetime, slack: timedelta, skipped: list[str] | None,
    deletions: Callable[[Iterator[Tombstone]], Iterable[Tombstone]],
) -> ExportData:
    """The export's records: every kind checked here but the episodes given and the deletion records, which
    ``deletions`` reads at once (``list``) or as they are merged (``iter``)."""
    device = document.get("device")
    checkins = _checkin_days(document.get("checkins"), now, skipped)
    routines = _routines(document, now, skipped)
    tombstones = deletions(_tombstones(_list(document, "tombstones", "deletion record"), now, skipped))
    return ExportData(
        episodes,
        checkins,
        routines,
        tombstones,
        device=device if isinstance(device, str) else None,
        device_id=_device_id(document.get("device_id")),
        changes=_changes(document.get("changes"), now, slack, skipped),
        trials=_trials(document, now, slack, skipped),
        trial_days=_trial_days(document, now, skipped),
        reviews=_reviews(document.get("warning_reviews"), now + slack),
        medicines=_medicines(document.get("medicines"), now, slack, skipped),
    )


def _device_id(raw: object) -> str | None:
    return raw if isinstance(raw, str) and re.fullmatch(DEVICE_ID, raw) else None


def _trials(document: dict[str, object], now: datetime, slack: timedelta, skipped: list[str] | None) -> list[TrialPlan]:
    """The trials of a JSON export, each checked, or ImportRefused naming the trial and field."""
    return _listed(
        _list(document, "trials", "trial"), now, slack, skipped, "trial", "trials",
        lambda record, today: validate_plan(plan_from_record(record), today),
    )


def _trial_days(document: dict[str, object], now: datetime, skipped: list[str] | None) -> list[Answer]:
    """The nightly answers of a JSON export's trials, each checked."""
    found: list[Answer] = []
    for number, record in enumerate(limited(_list(document, "trial_days", "trial answer"), "trial answers"), start=1):
        where = f"trial answer {number} in the file"
        try:
            answer = answer_from_record(record)
        except InvalidField as error:
            raise ImportRefused(f"{where}: {error.field}: {error.rule}") from None
        try:
            stamp = _stamp(answer.hlc, where, now, hlc.ZERO, skipped)
        except _Ahead:
            continue
        found.append(Answer(answer.trial_uuid, answer.day, answer.followed, stamp))
    return found


R = TypeVar("R", Change, Medicine, TrialPlan)


def _listed(
    raw: object, now: datetime, slack: timedelta, skipped: list[str] | None, noun: str, plural_noun: str,
    read: Callable[[dict[str, Any], date], R],
) -> list[R]:
    """A JSON export's list of one kind (dated changes, medicines, trials), each checked, or ImportRefused naming it and its field."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise ImportRefused(f"{noun}s: must be a list of {noun}s (got {shown(raw)})")
    found: list[R] = []
    for number, record in enumerate(limited(raw, plural_noun), start=1):
        where = f"{noun} {number} in the file"
        if not isinstance(record, dict):
            raise ImportRefused(f"{where}: must be an object with the export's fields")
        try:
            item = read(record, (now + slack).date())
        except InvalidField as error:
            raise ImportRefused(f"{where}: {error.field}: {error.rule}") from None
        try:
            stamp = _stamp(item.hlc, f"{where} ({item.uuid})", now, hlc.from_legacy(item.updated_at), skipped)
        except _Ahead:
            continue
        found.append(replace(item, hlc=stamp))
    return found


def _changes(raw: object, now: datetime, slack: timedelta, skipped: list[str] | None) -> list[Change]:
    return _listed(
        raw, now, slack, skipped, "change", "dated changes",
        lambda record, today: validate_change(change_from_record(record), today),
    )


def _medicines(raw: object, now: datetime, slack: timedelta, skipped: list[str] | None) -> list[Medicine]:
    return _listed(
        raw, now, slack, skipped, "medicine", "medicines",
        lambda record, today: validate_medicine(medicine_from_record(record), today),
    )
