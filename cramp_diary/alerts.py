"""Warning signs: when the diary should say "contact your healthcare provider".

Each rule is data (level, words, threshold, the reference it comes from) plus
a finder that returns the episodes behind it, built from the read-only
queries in :mod:`cramp_diary.store.queries`. The diary never diagnoses:
every piece of advice ends at a healthcare provider. The thresholds are
documented in the README under "Warning signs".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from cramp_diary.stats import LONG_CRAMP_S
from cramp_diary.store import Diary, queries
from cramp_diary.store.queries import Match

Level = Literal["urgent", "soon", "note"]
#: Most serious first; alerts are sorted in this order.
LEVELS: tuple[Level, ...] = ("urgent", "soon", "note")
#: How each level is named on screen and in the report.
LEVEL_NAMES: dict[Level, str] = {"urgent": "Urgent", "soon": "See a provider soon", "note": "Worth mentioning"}

#: Signs that, on one leg only, may point to a blood clot in a vein.
CLOT_SIGNS: tuple[str, ...] = ("swelling", "warmth", "skin-change")
#: Signs worth a prompt visit whatever the side.
OTHER_SIGNS: tuple[str, ...] = ("numbness", "weakness", "other-muscles")

CLOT_DAYS = 14
SIGN_DAYS = 30
#: "Frequent": cramps on at least this many days in each of the two 7-day stretches ending today.
FREQUENT_DAYS = 3
#: "Repeatedly woken": cramps woke the person on at least this many nights in the last 7 days.
WAKING_NIGHTS = 3
WEEK = 7


@dataclass(frozen=True)
class Rule:
    """One warning sign: how serious, what to say, when it fires and where that comes from."""

    key: str
    level: Level
    title: str
    advice: str
    threshold: str
    references: tuple[str, ...]
    days: int
    #: Sign-based rules look over a whole report period when asked; pattern rules stay "now".
    widens: bool
    #: The episodes behind the sign in a window of days (diary, first, last), or none.
    find: Callable[[Diary, date, date], tuple[int, ...]]


@dataclass(frozen=True)
class Alert:
    """A rule that fired, with the episodes behind it (newest first)."""

    level: Level
    rule: str
    title: str
    advice: str
    threshold: str
    episode_ids: tuple[int, ...]
    references: tuple[str, ...]


def _one_sided_swelling(diary: Diary, first: date, last: date) -> tuple[int, ...]:
    return queries.episode_ids(diary, first, last, Match(sides=("left", "right"), signs=CLOT_SIGNS))


def _other_signs(diary: Diary, first: date, last: date) -> tuple[int, ...]:
    return queries.episode_ids(diary, first, last, Match(signs=OTHER_SIGNS), Match(sides=("both",), signs=CLOT_SIGNS))


def _long_cramp(diary: Diary, first: date, last: date) -> tuple[int, ...]:
    return queries.episode_ids(diary, first, last, Match(longer_than=LONG_CRAMP_S))


def _frequent(diary: Diary, first: date, last: date) -> tuple[int, ...]:
    """Both 7-day stretches must reach the threshold, so one bad week alone stays quiet."""
    split = last - timedelta(days=WEEK - 1)
    days = queries.cramp_days(diary, first, last)
    later = sum(day >= split for day in days)
    if len(days) - later < FREQUENT_DAYS or later < FREQUENT_DAYS:
        return ()
    return queries.episode_ids(diary, first, last)


def _waking(diary: Diary, first: date, last: date) -> tuple[int, ...]:
    woke = Match(context="asleep")
    nights = len(queries.cramp_days(diary, first, last, woke))
    return queries.episode_ids(diary, first, last, woke) if nights >= WAKING_NIGHTS else ()


def _medication(diary: Diary, first: date, last: date) -> tuple[int, ...]:
    return queries.episode_ids(diary, first, last, Match(trigger="medication"))


RULES: tuple[Rule, ...] = (
    Rule(
        key="one-sided-swelling",
        find=_one_sided_swelling,
        level="urgent",
        title="Swelling, warmth or a skin change in one leg",
        advice=(
            "A leg that is swollen, warm or changes colour on one side only can be a sign of a "
            "blood clot. Contact a healthcare provider now, or get urgent care if you cannot reach "
            "one. Do not massage that leg."
        ),
        threshold=f"an episode in the last {CLOT_DAYS} days on the left or right leg with swelling, warmth or skin change",
        references=("004_112022d698b62141.txt", "000_5b6fbc2654b1a844.txt"),
        days=CLOT_DAYS,
        widens=True,
    ),
    Rule(
        key="other-signs",
        find=_other_signs,
        level="soon",
        title="Numbness, weakness or other signs with your cramps",
        advice=(
            "Cramps that come with numbness, weakness, cramps in other parts of the body, or "
            "swelling or a skin change in both legs deserve a closer look. Contact your healthcare "
            "provider soon and tell them what you noticed."
        ),
        threshold=(
            f"an episode in the last {SIGN_DAYS} days with numbness, weakness or cramps in other muscles, "
            "or with swelling, warmth or skin change in both legs"
        ),
        references=("000_5b6fbc2654b1a844.txt", "002_0e2c71d0834ed4fc.txt", "003_ce5a0dfaf4df6d79.txt"),
        days=SIGN_DAYS,
        widens=True,
    ),
    Rule(
        key="long-cramp",
        find=_long_cramp,
        level="soon",
        title="A cramp that lasted over 10 minutes",
        advice=(
            "Most cramps ease within seconds or a few minutes and seldom last more than about ten. "
            "Tell your healthcare provider about cramps that go on this long."
        ),
        threshold=f"an episode in the last {SIGN_DAYS} days lasting more than {LONG_CRAMP_S // 60} minutes",
        references=("003_ce5a0dfaf4df6d79.txt", "000_5b6fbc2654b1a844.txt"),
        days=SIGN_DAYS,
        widens=True,
    ),
    Rule(
        key="frequent",
        find=_frequent,
        level="soon",
        title="Frequent cramps",
        advice=(
            "Cramps that keep coming back week after week are worth raising with your healthcare "
            "provider, who can look for a cause and check what might help."
        ),
        threshold=f"cramps on {FREQUENT_DAYS} or more days in each of the two 7-day stretches ending today",
        references=("000_5b6fbc2654b1a844.txt", "003_ce5a0dfaf4df6d79.txt", "001_ff6c96df80329262.txt"),
        days=2 * WEEK,
        widens=False,
    ),
    Rule(
        key="waking",
        find=_waking,
        level="soon",
        title="Cramps keep waking you",
        advice=(
            "Being woken by cramps again and again costs sleep, and that alone is a reason to talk "
            "to your healthcare provider."
        ),
        threshold=f"cramps woke you on {WAKING_NIGHTS} or more nights in the last 7 days",
        references=("000_5b6fbc2654b1a844.txt", "003_ce5a0dfaf4df6d79.txt", "002_0e2c71d0834ed4fc.txt"),
        days=WEEK,
        widens=False,
    ),
    Rule(
        key="medication",
        find=_medication,
        level="note",
        title="A medicine noted as a possible trigger",
        advice=(
            "Some medicines can make cramps more likely. Ask your healthcare provider or pharmacist "
            "about it at your next visit, and do not stop or change a medicine on your own."
        ),
        threshold=f"an episode in the last {SIGN_DAYS} days with the trigger 'medication'",
        references=("004_112022d698b62141.txt", "003_ce5a0dfaf4df6d79.txt", "001_ff6c96df80329262.txt"),
        days=SIGN_DAYS,
        widens=True,
    ),
)

#: "Cramps rose after starting a medicine": the windows, the factor, the least cramps and recorded share.
RISE_DAYS = 28
RISE_FACTOR = 2
RISE_MIN_CRAMPS = 3
RISE_MIN_RECORDED = 0.5


def rise_after_medicine(diary: Diary, today: date) -> list[Alert]:
    """A note for each ``medicine`` change whose 28 days after starting had at least twice the cramps per week.

    The 28 days before are the baseline; both windows (the after one so far)
    must be half recorded, and the after one must hold at least 3 cramps.
    """
    found: list[Alert] = []
    for change in diary.changes():
        if change.kind != "medicine" or change.started > today:
            continue
        before_first, before_last = change.started - timedelta(days=RISE_DAYS), change.started - timedelta(days=1)
        after_last = min(change.started + timedelta(days=RISE_DAYS - 1), today)
        if change.stopped is not None:
            after_last = min(after_last, change.stopped)
        before = queries.window_figures(diary, before_first, before_last)
        after = queries.window_figures(diary, change.started, after_last)
        after_days = (after_last - change.started).days + 1
        if (
            after.cramps < RISE_MIN_CRAMPS
            or before.recorded_days < RISE_MIN_RECORDED * RISE_DAYS
            or after.recorded_days < RISE_MIN_RECORDED * after_days
        ):
            continue
        if after.cramps * before.recorded_days < RISE_FACTOR * before.cramps * after.recorded_days:
            continue
        name = " ".join(change.name.split())
        found.append(
            Alert(
                "note",
                "rise-after-medicine",
                f"Cramps rose after starting {name}: ask your healthcare provider; do not stop a medicine on your own.",
                (
                    f"Since {change.started.isoformat()} the diary holds {after.cramps} cramps in "
                    f"{after.recorded_days} recorded days, at least twice as many per week as in the 28 days "
                    "before. Some medicines can make cramps more likely; this is worth raising with your "
                    "healthcare provider or pharmacist. Do not stop a medicine on your own."
                ),
                (
                    f"cramps per week in the {RISE_DAYS} days after a medicine change started at least "
                    f"{RISE_FACTOR} times those of the {RISE_DAYS} days before, with at least {RISE_MIN_CRAMPS} "
                    f"cramps after and at least {round(RISE_MIN_RECORDED * 100)} % of both windows' days recorded"
                ),
                queries.episode_ids(diary, change.started, after_last),
                ("004_112022d698b62141.txt", "001_ff6c96df80329262.txt"),
            )
        )
    return found


def find_alerts(diary: Diary, today: date, since: date | None = None) -> list[Alert]:
    """Every rule that fires as of ``today``, most serious first.

    ``since`` lets a report look for sign-based warnings over its whole period;
    the frequency and sleep rules always describe the last one or two weeks.
    """
    alerts: list[Alert] = []
    for rule in RULES:
        first = today - timedelta(days=rule.days - 1)
        if since is not None and rule.widens:
            first = min(first, since)
        ids = rule.find(diary, first, today)
        if ids:
            alerts.append(
                Alert(rule.level, rule.key, rule.title, rule.advice, rule.threshold, ids, rule.references)
            )
    alerts.extend(rise_after_medicine(diary, today))
    alerts.sort(key=lambda alert: LEVELS.index(alert.level))
    return alerts


def most_serious(alerts: list[Alert]) -> Alert | None:
    """The one the home banner shows."""
    return alerts[0] if alerts else None


def avoid_massage(alerts: list[Alert]) -> bool:
    """True when the timer must replace its massage step with a caution not to massage."""
    return any(alert.rule == "one-sided-swelling" for alert in alerts)
