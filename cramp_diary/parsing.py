"""Reading durations and times the way people type them, for the CLI and the form alike.

The current time is always passed in, so "yesterday 03:10" means the same thing
in a test as it does at 3 a.m.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone

from cramp_diary.model import (
    FIRST_YEAR,
    FUTURE_SLACK,
    MAX_DURATION,
    MIN_DURATION,
    InvalidField,
    check_day_in_range,
    check_severity,
)

#: Each unit as people write it, in the order they may follow one another: '1 hour 5 mins', '1m30s'.
_UNITS: tuple[tuple[int, str], ...] = (
    (3600, r"h|hr|hrs|hours?"),
    (60, r"m|mins?|minutes?"),
    (1, r"s|secs?|seconds?"),
)
_NUMBER = r"[0-9]+(?:\.[0-9]+)?"  # ASCII digits only: '²' is a digit that float() refuses
#: The patterns below are compiled on first use (``re`` keeps them), not at every ``log``'s start.
_UNITS_RE = "^" + r"\s*".join(rf"(?:({_NUMBER})\s*(?:{words}))?" for _, words in _UNITS) + "$"
_CLOCK_RE = r"^([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?$"
#: '3am', '3:10 pm', '11.30pm' is not one: a dot reads as a decimal elsewhere.
_MERIDIEM_RE = r"^([0-9]{1,2})(?::([0-9]{2}))?\s*([ap])\.?m\.?$"
_AGO_RE = r"^(?:-\s*(.+)|(.+?)\s+ago)$"
#: 'a minute', 'an hour': one of them.
_ONE_RE = r"^an?\s+(?=[a-z])"
#: How far back "-20m" / "20m ago" may reach; beyond it the arithmetic would overflow.
MAX_AGO = timedelta(days=366 * 100)

DURATION_HELP = "a duration such as 90, 90s, 90 sec, 2m, 2 minutes, 1.5m, 1m30s or 1:30, between 1 s and 3 h"
TIME_HELP = (
    "now, 03:10, 3am, 3:10am, yesterday 03:10, last night 03:10, 2026-11-20 03:10, "
    "20 minutes ago, 2 hours ago or -20m"
)
DAY_HELP = "today, yesterday, 3 days ago, 6 weeks ago, last monday or a date such as 2026-11-20"
#: '3 days ago', 'a week ago', '6 weeks ago'.
_DAYS_AGO_RE = r"^(an?|one|[0-9]+)\s+(days?|weeks?)\s+ago$"
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _seconds(text: str) -> int | None:
    """Seconds in ``text``, or None when it is not a duration at all."""
    text = text.strip().lower()
    if text.isdecimal():  # not isdigit(): '²' is a digit that int() refuses
        return int(text)
    match = re.match(_CLOCK_RE, text)
    if match:
        a, b, c = match.groups()
        if c is None:  # m:ss
            return int(a) * 60 + int(b) if int(b) < 60 else None
        return int(a) * 3600 + int(b) * 60 + int(c) if int(b) < 60 and int(c) < 60 else None
    match = re.match(_UNITS_RE, re.sub(_ONE_RE, "1 ", text))
    if match and any(match.groups()):
        # 1.5m is 90 s; a fraction of a second left over is rounded, as a stopwatch would
        from decimal import ROUND_HALF_UP, Decimal  # only for a spelled-out duration: `log` starts faster

        total = sum(Decimal(g) * size for g, (size, _) in zip(match.groups(), _UNITS) if g)
        return int(total.to_integral_value(ROUND_HALF_UP))  # Decimal: a 400-digit paste is no overflow
    return None


def parse_duration(text: str, field: str = "duration") -> int | None:
    """Seconds from '90', '90s', '90 sec', '2m', '2 mins', '1.5m', '1m30s', '1:30'; empty text means unknown."""
    if text is None or not str(text).strip():
        return None
    seconds = _seconds(str(text))
    if seconds is None:
        raise InvalidField(field, f"must be {DURATION_HELP} (got {text!r})")
    if not MIN_DURATION <= seconds <= MAX_DURATION:
        raise InvalidField(field, f"must be between 1 s and 3 h (got {text!r})")
    return seconds


def format_duration(seconds: int | None) -> str:
    """The short form people read back: '1m30s', '45s', '1h05m'."""
    if seconds is None:
        return "?"
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h{minutes:02d}m" if not secs else f"{hours}h{minutes:02d}m{secs:02d}s"
    if minutes:
        return f"{minutes}m{secs:02d}s" if secs else f"{minutes}m"
    return f"{secs}s"


def parse_severity(text: str | int | None, field_name: str = "severity") -> int | None:
    """0-10 from text; empty means not rated."""
    if text is None or not str(text).strip():
        return None
    try:
        value = int(str(text).strip())
    except ValueError:
        raise InvalidField(field_name, f"must be a whole number from 0 to 10 (got {text!r})") from None
    return check_severity(value, field_name)


def parse_sleep(text: str | int | None) -> int | None:
    """Sleep disturbance 0-10 from text; empty means skipped."""
    return parse_severity(text, "sleep_disturbance")


def _is_zoneinfo(zone: object) -> bool:
    """A named zone (with DST rules), recognised by its class: importing zoneinfo just to ask costs every start."""
    return any(kind.__module__ == "zoneinfo" and kind.__name__ == "ZoneInfo" for kind in type(zone).__mro__)


def localize(naive: datetime, now: datetime) -> datetime:
    """Attach the zone of ``now`` to a wall-clock time, following its DST rules."""
    zone = now.tzinfo
    if _is_zoneinfo(zone):
        return naive.replace(tzinfo=zone)
    if zone is not None and now.utcoffset() == timedelta(0) and now.tzname() == "UTC":
        return naive.replace(tzinfo=zone)
    return naive.astimezone()  # system local time and its rules


def _wall_time(naive: datetime, now: datetime) -> datetime:
    """A time the person typed; one the clocks skipped (spring forward) is refused, not moved."""
    moment = localize(naive, now)
    zone = moment.tzinfo if _is_zoneinfo(moment.tzinfo) else None
    if moment.astimezone(timezone.utc).astimezone(zone).replace(tzinfo=None) != naive:
        raise InvalidField(
            "time", f"{naive:%Y-%m-%d %H:%M} did not happen there: the clocks went forward an hour that night"
        )
    return moment


def _clock(text: str) -> time | None:
    """A time of day: 03:10, 3:10:30, or 12-hour 3am / 3:10 pm (12am is midnight, 12pm noon)."""
    meridiem = re.match(_MERIDIEM_RE, text)
    if meridiem:
        hour, minutes, half = meridiem.groups()
        if not 1 <= int(hour) <= 12 or int(minutes or 0) > 59:
            return None
        return time(int(hour) % 12 + (12 if half == "p" else 0), int(minutes or 0))
    match = re.match(_CLOCK_RE, text)
    if not match:
        return None
    h, m, s = (int(g) if g else 0 for g in match.groups())
    if h > 23 or m > 59 or s > 59:
        return None
    return time(h, m, s)


CLOCK_HELP = "a time of day such as 22:00, 7:30, 10pm or 7:30am"


def parse_clock(text: str, field: str) -> time:
    """A time of day alone (hours and minutes), as for a daily reminder: '22:00', '10pm'."""
    found = _clock(" ".join(str(text).strip().lower().split()))
    if found is None or found.second:
        raise InvalidField(field, f"must be {CLOCK_HELP} (got {text!r})")
    return found


def _night_day(clock: time, now: datetime) -> date:
    """The day a time 'last night' fell on: the night that ended most recently, evening on its first day."""
    from cramp_diary.stats import last_night  # the one rule for which night is "last night"

    ends = last_night(now)
    return ends - timedelta(days=1) if clock >= time(12) else ends


def _days_back(cleaned: str, today: date) -> int | None:
    """How many days before ``today`` the words point, or None when they are not relative words."""
    if cleaned in ("today", "yesterday"):
        return 1 if cleaned == "yesterday" else 0
    ago = re.match(_DAYS_AGO_RE, cleaned)
    if ago:
        count = int(ago.group(1)) if ago.group(1).isdecimal() else 1
        return count * (7 if ago.group(2).startswith("week") else 1)
    if cleaned.startswith("last ") and cleaned[5:] in WEEKDAYS:  # the latest one before today
        return (today.weekday() - WEEKDAYS.index(cleaned[5:])) % 7 or 7
    return None


def parse_day(text: str, today: date, field: str = "day") -> date:
    """The one reading of a whole day, for every day field of the CLI and the app.

    'today', 'yesterday', '3 days ago', 'a week ago', '6 weeks ago', 'last monday' or
    2026-11-20; ``today`` is passed in (the injected clock's), so the words mean the same in a test.
    Whether the day may be in the future is the caller's rule, not the reading's.
    """
    cleaned = " ".join(str(text).strip().lower().split())
    back = _days_back(cleaned, today)
    if back is not None:
        if back > (today - date(FIRST_YEAR, 1, 1)).days:  # also keeps a 400-digit paste from overflowing
            raise InvalidField(field, f"must be after the year {FIRST_YEAR} (got {text!r})")
        return today - timedelta(days=back)
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", cleaned):
        try:
            return date.fromisoformat(cleaned)
        except ValueError:
            pass
    raise InvalidField(field, f"must be {DAY_HELP} (got {text!r})")


def plain_day(text: str, now: datetime) -> date | None:
    """A whole day without a time, as :func:`parse_day` reads it; None when the text is not one."""
    try:
        return parse_day(text, now.date())
    except InvalidField:
        return None


def parse_since(text: str, now: datetime, field: str = "since") -> datetime:
    """Where a listing starts: any time ``parse_when`` reads, or a plain day from its first minute."""
    if not str(text).strip():  # a script's empty variable: never silently every episode, nor "since now"
        raise InvalidField(field, "must not be empty; leave it out to list every episode")
    day = plain_day(text, now)
    if day is None:
        try:
            return parse_when(text, now, field=field)
        except InvalidField as error:
            if "future" in error.rule:
                raise
            raise InvalidField(field, f"must be {DAY_HELP}, or {TIME_HELP} (got {text!r})") from None
    check_day_in_range(field, day, now.date())
    # the day's first moment that happened: where clocks skip midnight, the instant after the gap
    return localize(datetime.combine(day, time()), now).astimezone(timezone.utc).astimezone(now.tzinfo)


def _absolute(text: str, now: datetime) -> datetime | None:
    if text == "now":
        return now
    words = text.split()
    if text.startswith("last night "):
        clock = _clock(text.removeprefix("last night "))
        return _wall_time(datetime.combine(_night_day(clock, now), clock), now) if clock else None
    if len(words) > 1 and words[0] in ("today", "yesterday"):
        day = now.date() - timedelta(days=1 if words[0] == "yesterday" else 0)
        clock = _clock(" ".join(words[1:]))
        return _wall_time(datetime.combine(day, clock), now) if clock else None
    if len(words) > 1 and (day := plain_day(words[0], now)) is not None:  # 2026-11-20 3am
        clock = _clock(" ".join(words[1:]))
        if clock:
            return _wall_time(datetime.combine(day, clock), now)
    clock = _clock(text)
    if clock:
        moment = _wall_time(datetime.combine(now.date(), clock), now)
        if _is_future(moment, now):
            moment = _wall_time(datetime.combine(now.date() - timedelta(days=1), clock), now)
        return moment
    if ":" not in text:  # a bare date, even a compact one like 20261120, has no time
        return None
    try:
        parsed = datetime.fromisoformat(text.replace(" ", "T", 1) if " " in text else text)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return _wall_time(parsed, now)
    return parsed


def _is_future(moment: datetime, now: datetime) -> bool:
    """Compare instants, not wall clocks: datetimes sharing a zone compare naively, even across DST."""
    return moment > now.astimezone(timezone.utc) + FUTURE_SLACK


def _before(now: datetime, seconds: int) -> datetime | None:
    """``now`` minus ``seconds`` as a real span of time (in UTC), shown in now's zone.

    Aware arithmetic in a ZoneInfo zone is wall-clock arithmetic, so "-20m" just
    after a DST change would otherwise be off by an hour.
    """
    if seconds > MAX_AGO.total_seconds():
        return None
    moment = now.astimezone(timezone.utc) - timedelta(seconds=seconds)
    zone = now.tzinfo
    if _is_zoneinfo(zone) or (zone is not None and now.tzname() == "UTC"):
        return moment.astimezone(zone)
    return moment.astimezone()  # system local time, as localize() does


def parse_when(text: str, now: datetime, field: str = "time") -> datetime:
    """An aware datetime from the words people use; never more than a few minutes ahead."""
    cleaned = " ".join(str(text).strip().lower().split())
    if not cleaned:
        return now
    moment: datetime | None
    ago = re.match(_AGO_RE, cleaned)
    if ago:
        seconds = _seconds(ago.group(1) or ago.group(2))
        moment = _before(now, seconds) if seconds is not None else None
    else:
        try:
            moment = _absolute(cleaned, now)
        except InvalidField:
            raise
        except (ValueError, OverflowError):  # year 1 or 9999 pushed past the calendar by a UTC offset
            raise InvalidField(field, f"must be a time between the year {FIRST_YEAR} and now (got {text!r})") from None
    if moment is None:
        raise InvalidField(field, f"must be {TIME_HELP} (got {text!r})")
    if _is_future(moment, now):
        raise InvalidField(field, f"must not be in the future (got {text!r})")
    return moment


def format_when(moment: datetime) -> str:
    """'2026-11-21 03:10' in the episode's own offset, as it was on the wall clock."""
    return moment.strftime("%Y-%m-%d %H:%M")
