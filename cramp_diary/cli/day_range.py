"""``--from DAY --to DAY``: the days a command covers, in the day words every command takes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import click

from cramp_diary.cli import completion
from cramp_diary.model import check_day_in_range
from cramp_diary.parsing import DAY_HELP, parse_day

#: A range as two local days, both included.
Days = tuple[date, date]


def day_range_options(what: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--from`` and ``--to`` on a command; ``what`` says what the range picks ("episodes", "the report's days")."""

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        for flag, name, which in (("--to", "to_day", "last"), ("--from", "from_day", "first")):
            func = click.option(
                flag, name, metavar="DAY", shell_complete=completion.day, help=f"The {which} day of {what} ({DAY_HELP})."
            )(func)
        return func

    return decorate


def _day(text: str, now: datetime, field: str) -> date:
    """The one reading of a day (``parsing.parse_day``); a range never reaches past today."""
    return check_day_in_range(field, parse_day(text, now.date(), field), now.date())


def day_range(from_day: str | None, to_day: str | None, now: datetime, earliest: Callable[[], date]) -> Days | None:
    """The days asked for (None when neither option is given); --from left out is ``earliest()``, --to today."""
    if from_day is None and to_day is None:
        return None
    last = now.date() if to_day is None else _day(to_day, now, "to")
    first = earliest() if from_day is None else _day(from_day, now, "from")
    if from_day is not None and first > last:
        raise click.BadParameter(f"must be on or before --to, {last.isoformat()} (got {from_day!r})", param_hint="'--from'")
    return min(first, last), last
