"""The cramp episode and its rules: no I/O, no SQL, no UI.

Every check raises :class:`InvalidField`, which names the field and says what
is allowed, so the CLI, the form and the importer can all show the same
message next to the right input.
"""

from __future__ import annotations

import os
import re
import unicodedata
from datetime import date, datetime, timedelta, timezone
from operator import attrgetter
from typing import Any

from cramp_diary.safe_text import clip

MUSCLES: tuple[str, ...] = ("calf", "foot", "toes", "hamstring", "thigh", "other")
SIDES: tuple[str, ...] = ("left", "right", "both")
CONTEXTS: tuple[str, ...] = (
    "asleep",
    "resting",
    "sitting",
    "standing",
    "exercising",
    "after-exercise",
)
#: Possible triggers named in the reference material; people may add their own.
TRIGGERS: tuple[str, ...] = (
    "dehydration",
    "exercise",
    "sitting",
    "standing",
    "heat",
    "alcohol",
    "caffeine",
    "medication",
    "pregnancy",
    "position",
    "cold",
)
#: What often helps, offered first; people may add their own, as with triggers.
RELIEFS: tuple[str, ...] = (
    "stretch",
    "massage",
    "stand",
    "walk",
    "heat",
    "cold",
    "painkiller",
    "elevate",
)
#: Warning signs. The first five, on one leg only, are the blood-clot signs the references name
#: (one-sided swelling, warmth, redness, tenderness between cramps, a hard tender cord);
#: "sore-after" is the soreness most cramps leave behind: worth recording, never an alarm.
SIGNS: tuple[str, ...] = (
    "swelling",
    "warmth",
    "skin-change",
    "tender-between",
    "cord",
    "sore-after",
    "numbness",
    "weakness",
    "other-muscles",
    "wasting",
    "cold-foot",
    "walking-pain",
)
#: What each warning sign means, in the words the form and the reports use (short: the form's column is narrow).
SIGN_LABELS: dict[str, str] = {
    "swelling": "swollen leg",
    "warmth": "warm leg",
    "skin-change": "red or changed skin",
    "tender-between": "tender, no cramp",
    "cord": "hard tender cord",
    "sore-after": "sore after (normal)",
    "numbness": "numbness",
    "weakness": "weakness",
    "other-muscles": "other muscles cramp",
    "wasting": "muscle thinner",
    "cold-foot": "cold or pale foot",
    "walking-pain": "pain on walking",
}
#: Sign words older diaries and exports used, and what they meant: "tenderness" was the form's
#: "tender after", the soreness a cramp leaves (schema step 10 rewrote the stored ones).
SIGN_ALIASES: dict[str, str] = {"tenderness": "sore-after"}


def sign_word(value: str) -> str:
    """A sign as given, an older word turned into today's (so old exports and scripts keep working)."""
    cleaned = str(value).strip().lower()
    return SIGN_ALIASES.get(cleaned, cleaned)


#: The answer to the timer's question "is this leg swollen, warm, red or tender even between cramps?".
LEG_CHECKS: tuple[str, ...] = ("yes", "no")
STATUSES: tuple[str, ...] = ("done", "open")

#: How the form names each context, in the person's words.
CONTEXT_LABELS: dict[str, str] = {"asleep": "woke me", "after-exercise": "after exercise"}

MIN_DURATION = 1
MAX_DURATION = 3 * 60 * 60
MAX_NOTE = 5000
MAX_LABEL = 40
#: No record before this year: older dates are slips, and the year 1 broke 'stats --weeks all'.
FIRST_YEAR = 1900
#: How far ahead of the clock a time may be, so a watch a little fast can still log "now".
FUTURE_SLACK = timedelta(minutes=5)
#: How far ahead another machine's clock (or its time zone's date) may be for what it sends: one day.
OTHER_MACHINE_SLACK = timedelta(days=1)


class InvalidField(ValueError):
    """A value that breaks a rule; ``field`` names the input, ``rule`` what is allowed."""

    def __init__(self, field: str, rule: str) -> None:
        rule = clip(rule)  # rules quote the value given, which may be a 100 kB paste
        super().__init__(f"{field}: {rule}")
        self.field = field
        self.rule = rule


def _one_of(field_name: str, value: str, allowed: tuple[str, ...]) -> str:
    cleaned = str(value).strip().lower()
    if cleaned not in allowed:
        raise InvalidField(field_name, f"must be one of {', '.join(allowed)} (got {value!r})")
    return cleaned


def _check_text(field_name: str, text: str, limit: int, multiline: bool) -> str:
    """Refuse control characters so nothing a person typed can drive a terminal.

    Lone surrogates (e.g. a JSON ``"\\ud800"``) are refused too: SQLite and the
    export files cannot encode them as UTF-8.
    """
    if len(text) > limit:
        raise InvalidField(field_name, f"must be at most {limit} characters (got {len(text)})")
    allowed = "\n\t" if multiline else ""
    for char in text:
        category = unicodedata.category(char)
        if category == "Cs":
            raise InvalidField(
                field_name, f"must be valid Unicode text (found a lone surrogate U+{ord(char):04X})"
            )
        if char not in allowed and category == "Cc":
            raise InvalidField(
                field_name, f"must not contain control characters (found U+{ord(char):04X})"
            )
    return text


#: Other spellings people type for a known word (a plural, a singular): taken as slips, like a typo.
ALSO_WRITTEN: dict[str, str] = {
    "calves": "calf", "feet": "foot", "toe": "toes", "thighs": "thigh", "hamstrings": "hamstring",
}


def near_known_word(word: str, known: tuple[str, ...]) -> str | None:
    """The known word ``word`` is most likely a slip for ('calff', 'calves' -> 'calf'); None if it is known or not close.

    Saved silently, a slip becomes a word of its own that no chart or warning counts with the known one.
    """
    cleaned = " ".join(word.strip().lower().split())
    if not cleaned or cleaned in known:
        return None
    if ALSO_WRITTEN.get(cleaned) in known:
        return ALSO_WRITTEN[cleaned]
    import difflib  # only for a word the vocabulary does not know

    close = difflib.get_close_matches(cleaned, known, n=1, cutoff=0.8)
    return close[0] if close else None


def normalise_label(field_name: str, value: str) -> str:
    """Turn a person's own trigger or relief into a stable lowercase-hyphenated label.

    ';' becomes '-' like a space: it separates labels in a CSV export, so a label
    holding one would come back as two.
    """
    text = _check_text(field_name, str(value), 200, multiline=False)
    label = re.sub(r"[\s_;]+", "-", text.strip().lower()).strip("-")
    if not label:
        raise InvalidField(field_name, "must not be empty")
    if len(label) > MAX_LABEL:
        raise InvalidField(field_name, f"must be at most {MAX_LABEL} characters (got {len(label)})")
    return label


def check_duration(value: int | None) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidField("duration", f"must be a whole number of seconds (got {value!r})")
    if not MIN_DURATION <= value <= MAX_DURATION:
        raise InvalidField("duration", f"must be between 1 s and 3 h (got {value} s)")
    return value


def check_severity(value: int | None, field_name: str = "severity") -> int | None:
    """A 0-10 rating (severity, sleep disturbance), or None when not rated."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise InvalidField(field_name, f"must be a whole number from 0 to 10 (got {value!r})")
    return value


def check_sleep(value: int | None) -> int | None:
    """How much cramps disturbed the night's sleep, 0 (not at all) to 10 (no sleep), as in Sebo et al.'s diary."""
    return check_severity(value, "sleep_disturbance")


def check_started_at(value: datetime, now: datetime, slack: timedelta = FUTURE_SLACK) -> datetime:
    """An episode needs an aware time that is not in the future."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidField("time", "must include a UTC offset")
    # Compare with a UTC time: two datetimes in the same zone compare as wall clocks, wrong across DST.
    if value > now.astimezone(timezone.utc) + slack:
        raise InvalidField("time", "must not be in the future")
    if value.year < FIRST_YEAR:
        raise InvalidField("time", f"must be after the year {FIRST_YEAR}")
    return value


def check_day_in_range(field_name: str, day: date, today: date) -> date:
    """A whole day (a check-in) follows the episode rule: not still to come, not before FIRST_YEAR."""
    if day > today:
        raise InvalidField(field_name, "must not be in the future")
    if day.year < FIRST_YEAR:
        raise InvalidField(field_name, f"must be after the year {FIRST_YEAR}")
    return day


def _unique(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


#: A uuid already in its one spelling (what :func:`new_uuid` and every diary write): no need to parse it.
_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def normalise_uuid(text: object, field_name: str = "uuid") -> str:
    """The one spelling of a uuid: lower case with dashes, no braces or ``urn:uuid:``; InvalidField otherwise."""
    if isinstance(text, str) and _CANONICAL_UUID.fullmatch(text):
        return text  # as ``str(UUID(text))`` would give it back, without loading ``uuid`` on every ``log``
    if isinstance(text, str) and 32 <= len(text.strip()) <= 45:
        import uuid  # any other spelling; ``uuid`` also loads ``platform``

        try:
            return str(uuid.UUID(text.strip()))
        except ValueError:
            pass
    raise InvalidField(field_name, f"must be a UUID such as 5a0c3c2e-8f5b-4a51-9b7e-2d1f0c7a9e11 (got {text!r})")


def new_uuid() -> str:
    """A random (version 4) uuid as ``str(uuid.uuid4())`` spells it, without loading ``uuid`` and ``platform`` on every ``log``."""
    octets = bytearray(os.urandom(16))
    octets[6] = octets[6] & 0x0F | 0x40  # version 4
    octets[8] = octets[8] & 0x3F | 0x80  # the RFC 4122 variant
    digits = octets.hex()
    return f"{digits[:8]}-{digits[8:12]}-{digits[12:16]}-{digits[16:20]}-{digits[20:]}"


#: ``uuid`` not given: the episode gets a new random one (None given stays None, as with a default factory).
_NEW_UUID: Any = object()
#: The episode's fields, in the order ``Episode(...)`` takes them positionally.
_FIELDS = (
    "started_at", "muscle", "side", "duration", "severity", "context", "triggers", "reliefs", "signs", "note",
    "muscle_other", "status", "id", "uuid", "created_at", "updated_at", "hlc", "leg_check", "sleep_disturbance",
)
#: Every field's value of an episode, as one tuple (its equality, hash, repr and copies are made of it).
_values = attrgetter(*_FIELDS)


class Episode:
    """One leg cramp as the person remembers it: an immutable value, equal to another with the same fields.

    Written out rather than a ``@dataclass(frozen=True, slots=True)``: ``dataclasses`` loads ``inspect``
    (with ``ast``, ``dis`` and ``tokenize``), about 8 ms of every ``log``'s start (issue 26). It behaves as
    that dataclass did: keyword or positional construction with the same defaults, ``==`` and ``hash`` over
    every field, the same ``repr``, no attribute set or deleted after construction, and ``with_changes``
    refusing an unknown field with a TypeError, as ``dataclasses.replace`` did.
    """

    __slots__ = _FIELDS

    started_at: datetime
    muscle: str
    side: str
    duration: int | None
    severity: int | None
    context: str | None
    triggers: tuple[str, ...]
    reliefs: tuple[str, ...]
    signs: tuple[str, ...]
    note: str
    muscle_other: str
    status: str
    id: int | None
    uuid: str
    created_at: datetime | None
    updated_at: datetime | None
    #: The clock stamp of the last change (see :mod:`cramp_diary.hlc`); empty until the diary saves it.
    hlc: str
    #: The timer's safety question, when it was asked: "yes" or "no"; None when it was not asked.
    leg_check: str | None
    #: How much cramps disturbed that night's sleep, 0-10; None when not asked or skipped.
    sleep_disturbance: int | None

    def __init__(
        self,
        started_at: datetime,
        muscle: str,
        side: str,
        duration: int | None = None,
        severity: int | None = None,
        context: str | None = None,
        triggers: tuple[str, ...] = (),
        reliefs: tuple[str, ...] = (),
        signs: tuple[str, ...] = (),
        note: str = "",
        muscle_other: str = "",
        status: str = "done",
        id: int | None = None,
        uuid: str = _NEW_UUID,
        created_at: datetime | None = None,
        updated_at: datetime | None = None,
        hlc: str = "",
        leg_check: str | None = None,
        sleep_disturbance: int | None = None,
    ) -> None:
        init = object.__setattr__  # the one way in: ``__setattr__`` below refuses every later change
        init(self, "started_at", started_at)
        init(self, "muscle", muscle)
        init(self, "side", side)
        init(self, "duration", duration)
        init(self, "severity", severity)
        init(self, "context", context)
        init(self, "triggers", triggers)
        init(self, "reliefs", reliefs)
        init(self, "signs", signs)
        init(self, "note", note)
        init(self, "muscle_other", muscle_other)
        init(self, "status", status)
        init(self, "id", id)
        init(self, "uuid", new_uuid() if uuid is _NEW_UUID else uuid)
        init(self, "created_at", created_at)
        init(self, "updated_at", updated_at)
        init(self, "hlc", hlc)
        init(self, "leg_check", leg_check)
        init(self, "sleep_disturbance", sleep_disturbance)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}: an Episode never changes (use with_changes)")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}: an Episode never changes")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return _values(self) == _values(other)

    def __hash__(self) -> int:
        return hash(_values(self))

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={value!r}" for name, value in zip(_FIELDS, _values(self)))
        return f"{self.__class__.__qualname__}({fields})"

    def __reduce__(self) -> tuple[type[Episode], tuple[object, ...]]:
        """Copied and pickled through ``__init__``, which ``__setattr__`` does not block."""
        return self.__class__, _values(self)

    def with_changes(self, **changes: Any) -> Episode:
        """A copy with ``changes`` made; a name that is not a field raises TypeError."""
        return self.__class__(**{**dict(zip(_FIELDS, _values(self))), **changes})

    @property
    def muscle_label(self) -> str:
        """What to show for the muscle: the person's own words when it is 'other'."""
        if self.muscle == "other" and self.muscle_other:
            return self.muscle_other
        return self.muscle

    @property
    def is_open(self) -> bool:
        """An episode the cramp timer started and nobody has finished yet."""
        return self.status == "open"


def validate(episode: Episode, now: datetime) -> Episode:
    """Return the episode cleaned and checked, or raise :class:`InvalidField`."""
    check_started_at(episode.started_at, now)
    muscle = _one_of("muscle", episode.muscle, MUSCLES)
    muscle_other = _check_text("muscle", episode.muscle_other.strip(), MAX_LABEL, multiline=False)
    if muscle != "other":
        muscle_other = ""
    side = _one_of("side", episode.side, SIDES)
    context = None if episode.context in (None, "") else _one_of("context", episode.context, CONTEXTS)
    triggers = _unique([normalise_label("trigger", t) for t in episode.triggers])
    reliefs = _unique([normalise_label("relief", r) for r in episode.reliefs])
    signs = _unique([_one_of("sign", sign_word(s), SIGNS) for s in episode.signs])
    note = _check_text("note", episode.note, MAX_NOTE, multiline=True)
    status = _one_of("status", episode.status, STATUSES)
    leg_check = None if episode.leg_check in (None, "") else _one_of("leg_check", episode.leg_check, LEG_CHECKS)
    return episode.with_changes(
        uuid=normalise_uuid(episode.uuid),
        muscle=muscle,
        muscle_other=muscle_other,
        side=side,
        duration=check_duration(episode.duration),
        severity=check_severity(episode.severity),
        context=context,
        triggers=triggers,
        reliefs=reliefs,
        signs=signs,
        note=note,
        status=status,
        leg_check=leg_check,
        sleep_disturbance=check_sleep(episode.sleep_disturbance),
    )
