"""Episode <-> record: the one mapping between an episode and its named fields.

The export files (CSV and JSON) and the diary's rows use these field names, so
a column means the same everywhere. Reading a record is strict: a bad value
raises :class:`~cramp_diary.model.InvalidField` naming the field.
"""

# Annotations are evaluated, not kept as text: this module's NamedTuples load with every `log` (ARCHITECTURE.md).
import re
from datetime import date, datetime, timezone
from typing import NamedTuple

from cramp_diary.model import Episode, InvalidField

#: Every field of an exported episode, in the order of the CSV columns.
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
    "leg_check",
    "sleep_disturbance",
)
#: Columns an older export may lack; a file without them still imports.
OPTIONAL_COLUMNS: tuple[str, ...] = ("leg_check", "sleep_disturbance")
LIST_FIELDS = ("triggers", "reliefs", "signs")
REQUIRED = ("uuid", "started_at", "muscle", "side")
#: How a CSV cell holds a list of labels.
LIST_SEPARATOR = ";"
#: A whole number as a file writes one: int() alone also takes "5_0", " ５" and "+5".
WHOLE_NUMBER = r"-?[0-9]+"


def _stamp(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None


def episode_to_record(episode: Episode) -> dict[str, object]:
    """The episode's fields under the export's names; times as ISO 8601 with their offset, labels as lists."""
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
        "created_at": _stamp(episode.created_at),
        "updated_at": _stamp(episode.updated_at),
        "leg_check": episode.leg_check,
        "sleep_disturbance": episode.sleep_disturbance,
    }


def episode_json(episode: Episode) -> dict[str, object]:
    """An episode as JSON export, sync files and ``--format json`` show it: the record, its status and clock stamp."""
    return {**episode_to_record(episode), "status": episode.status, "hlc": episode.hlc}

def parse_time(field: str, value: object) -> datetime:
    """An aware ISO 8601 time that UTC can hold, or InvalidField."""
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


def parse_int(field: str, value: object) -> int | None:
    """A whole number, or None for an empty value; True and False are not numbers here."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise InvalidField(field, f"must be a whole number (got {value!r})")
    if isinstance(value, int):
        return value
    text = str(value).strip()
    if not re.fullmatch(WHOLE_NUMBER, text):
        raise InvalidField(field, f"must be a whole number (got {value!r})")
    try:
        return int(text)
    except ValueError:  # more digits than Python converts
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


def episode_from_record(record: dict[str, object], *, id: int | None = None, status: str = "done") -> Episode:
    """An Episode from one record; raises InvalidField naming the field.

    Id and status are not part of a record: a diary row passes its own (made in one go,
    not copied afterwards: a page of the list builds 200 of them before the first frame).
    """
    for name in REQUIRED:
        if record.get(name) in (None, ""):
            raise InvalidField(name, "is required")
    return Episode(
        uuid=_text("uuid", record["uuid"]),
        started_at=parse_time("started_at", record["started_at"]),
        muscle=_text("muscle", record["muscle"]),
        muscle_other=_text("muscle_other", record.get("muscle_other")),
        side=_text("side", record["side"]),
        duration=parse_int("duration_s", record.get("duration_s")),
        severity=parse_int("severity", record.get("severity")),
        context=_text("context", record.get("context")) or None,
        triggers=_labels("triggers", record.get("triggers")),
        reliefs=_labels("reliefs", record.get("reliefs")),
        signs=_labels("signs", record.get("signs")),
        note=_text("note", record.get("note")),
        created_at=parse_time("created_at", record["created_at"]) if record.get("created_at") else None,
        updated_at=parse_time("updated_at", record["updated_at"]) if record.get("updated_at") else None,
        hlc=_text("hlc", record.get("hlc")),
        leg_check=_text("leg_check", record.get("leg_check")) or None,
        sleep_disturbance=parse_int("sleep_disturbance", record.get("sleep_disturbance")),
        id=id,
        status=status,
    )


class CheckinRecord(NamedTuple):
    """A day checked in as cramp-free, with the clock stamp of the check-in and, if given, how much cramps
    disturbed that night's sleep (0-10).

    This and the two records below are NamedTuples: every ``log`` loads this module, and a frozen
    dataclass takes five times as long to define; they are values, never ``replace``d.
    """

    day: date
    hlc: str = ""
    sleep_disturbance: int | None = None


class RoutineRecord(NamedTuple):
    """One bedtime-routine session as exported and merged."""

    uuid: str
    routine: str
    started_at: datetime
    completed: bool = True
    hlc: str = ""


class Tombstone(NamedTuple):
    """A deletion record: what was deleted (``kind`` and its uuid or day as ``key``), when, and on which device.

    ``seen`` is the stamp of the version the deletion removed, ``seen_rank`` that
    version's rank (an episode: 1 finished, 0 unfinished; other kinds 0). A copy
    above ``(seen_rank, seen)`` was edited where the deletion had not arrived (or
    finished there), so it comes back, whatever the clocks. An older record has no
    ``seen``: its own stamp stands in.
    """

    kind: str
    key: str
    hlc: str
    device: str
    deleted_at: datetime
    seen: str = ""
    seen_rank: int = 0

    @property
    def removes(self) -> tuple[int, str]:
        """The newest version this deletion removes, as (rank, stamp): every copy at or below it goes."""
        return self.seen_rank, self.seen or self.hlc


#: The kinds of record a deletion record can name (a new kind of synced record adds its name here).
TOMBSTONE_KINDS = ("episode", "checkin", "routine", "change", "trial", "trial_day", "medicine")
