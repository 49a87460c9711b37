"""The sentences more than one edge says: one catalogue, so the CLI, the app and the report agree.

A sentence only one screen or command says stays beside it; one said by two belongs here
(``tests/test_layers_sentences.py`` finds a literal sentence written in both ``cli/`` and ``tui/``).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from cramp_diary.wording import plural

if TYPE_CHECKING:
    from cramp_diary.alerts import Alert


def day_label(day: date) -> str:
    """A day as every check-in sentence names it: 'Sun 2026-11-22' (the weekday, and a date no one misreads)."""
    return f"{day:%a} {day.isoformat()}"


# -- episodes -------------------------------------------------------------------------


def saved_episode(episode_id: int | None) -> str:
    return f"Saved episode {episode_id}."


def updated_episode(episode_id: int | None) -> str:
    return f"Updated episode {episode_id}."


def deleted_episode(episode_id: int | None) -> str:
    return f"Deleted episode {episode_id}."


def restored_episode(episode_id: int | None) -> str:
    return f"Episode {episode_id} is back."


# -- check-ins ----------------------------------------------------------------------


def _slept(sleep_disturbance: int | None) -> str:
    return f", sleep disturbed {sleep_disturbance} of 10" if sleep_disturbance is not None else ""


def checked_in(day: date, sleep_disturbance: int | None = None) -> str:
    return f"Recorded {day_label(day)} as cramp-free{_slept(sleep_disturbance)}."


def already_checked_in(day: date, sleep_disturbance: int | None = None) -> str:
    return f"{day_label(day)} was already recorded as cramp-free{_slept(sleep_disturbance)}."


def sleep_noted_on_checkin(day: date, sleep_disturbance: int | None) -> str:
    return f"{day_label(day)} was already recorded as cramp-free; noted sleep disturbed {sleep_disturbance} of 10."


def checkin_refused(day: date, cramps: int, *, with_sleep: bool = False) -> str:
    hint = "; give the sleep figure with the cramp (edit ID --sleep N)" if with_sleep else ""
    return f"{day_label(day)} already has {plural(cramps, 'cramp')} in the diary; a check-in says a day had none{hint}."


def checkin_taken_back(day: date) -> str:
    return f"Took back the check-in for {day_label(day)}."


def no_checkin_to_take_back(day: date) -> str:
    return f"There was no check-in for {day_label(day)}."


def backfilled(first: date, last: date, added: int, already: int, skipped: int) -> str:
    """What a back-fill did, every figure named: marked, already marked, and skipped for a cramp."""
    line = f"Recorded {plural(added, 'day')} from {first.isoformat()} to {last.isoformat()} as cramp-free"
    if already:
        line += f"; {already} already were"
    return line + f"; skipped {plural(skipped, 'day')} that {'has' if skipped == 1 else 'have'} a cramp."


# -- warnings ---------------------------------------------------------------------------

#: When no warning sign fired: said plainly, and never as "all is well".
NO_WARNINGS = "No warning signs right now."
IF_WORRIED = "If something worries you, contact your healthcare provider whatever the diary says."



def discussed_line(alert: Alert) -> str | None:
    """'Discussed with a provider on 2026-11-20 (no new episode since).', when it was; None otherwise."""
    if alert.discussed_on is None:
        return None
    since = "no new episode since" if alert.quiet else "new episodes since"
    return f"Discussed with a provider on {alert.discussed_on.isoformat()} ({since})."


def marked_discussed(day: date, title: str, already: bool) -> str:
    return f"Marked as discussed on {day.isoformat()}{' (already noted)' if already else ''}: {title}."
