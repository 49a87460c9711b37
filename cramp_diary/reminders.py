"""Daily reminders as an iCalendar file: the person's own calendar does the reminding, no daemon of ours.

Two events repeat every day, each with an alarm at its start: the bedtime
stretches and a morning check-in. Their times are floating (no time zone), so
22:00 stays 22:00 wherever the phone is. Their ids never change, so importing a
newer file (other times) updates the same two events instead of adding two
more; the sequence number, minutes since 2020, makes the newer file win.

The file is built by the ``icalendar`` library (imported here, when the command
runs: ``log`` and the app never load it), which gets the line folding, escaping
and CRLF line ends of RFC 5545 right.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

#: Stable ids: a newer file replaces these two events in a calendar, never duplicates them.
BEDTIME_UID = "bedtime-stretches@cramp-diary"
MORNING_UID = "morning-check-in@cramp-diary"
#: When the sequence numbers count from: any fixed moment before the first file.
_EPOCH = datetime(2020, 1, 1, tzinfo=timezone.utc)
BEDTIME_DEFAULT, MORNING_DEFAULT = "22:00", "08:00"


@dataclass(frozen=True)
class Reminder:
    """One daily event: its id, title, what its note says, how long it lasts."""

    uid: str
    title: str
    description: str
    minutes: int


BEDTIME = Reminder(
    BEDTIME_UID,
    "Bedtime stretches (cramp-diary)",
    "A few minutes of calf and hamstring stretches before sleep. "
    "'cramp-diary timer bedtime' counts you through them, both legs.",
    5,
)
MORNING = Reminder(
    MORNING_UID,
    "How was the night? (cramp-diary)",
    "A cramp in the night? Record it with 'cramp-diary log' or in the app. "
    "A night without one: 'cramp-diary checkin --none', so the day counts as cramp-free, not unknown.",
    5,
)


def calendar_file(bedtime: time, morning: time, today: date, now: datetime) -> bytes:
    """The .ics bytes: both reminders every day from ``today``, stamped ``now``."""
    from icalendar import Alarm, Calendar, Event  # the command's own import: nothing else pays for it

    calendar = Calendar()
    calendar.add("prodid", "-//cramp-diary//daily reminders//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "cramp-diary")
    stamp = now.astimezone(timezone.utc).replace(microsecond=0)
    sequence = max(0, int((stamp - _EPOCH).total_seconds() // 60))
    for reminder, at in ((BEDTIME, bedtime), (MORNING, morning)):
        start = datetime.combine(today, at.replace(second=0, microsecond=0))  # floating: the phone's own local time
        event = Event()
        event.add("uid", reminder.uid)
        event.add("dtstamp", stamp)
        event.add("sequence", sequence)
        event.add("summary", reminder.title)
        event.add("description", reminder.description)
        event.add("dtstart", start)
        event.add("duration", timedelta(minutes=reminder.minutes))
        event.add("rrule", {"freq": "daily"})
        event.add("transp", "TRANSPARENT")  # a reminder, not a busy slot
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", reminder.title)
        alarm.add("trigger", timedelta(0))  # at the event's start
        event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical()
