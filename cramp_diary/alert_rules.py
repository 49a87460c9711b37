"""The warning-sign rules as data: each rule's level, words, threshold, sources and finder.

Kept apart from :mod:`cramp_diary.alerts` (which evaluates them, adds the
medicine note and knows about discussed warnings) so that adding a rule means
appending one :class:`Rule` here and a row in the README table. The thresholds
are documented in the README under "Warning signs"; the sources are named in
:mod:`cramp_diary.sources`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from cramp_diary.rates import DATA_RULE, Rate, RateChange
from cramp_diary.stats import LONG_CRAMP_S
from cramp_diary.store import Diary, queries
from cramp_diary.store.queries import Match

Level = Literal["urgent", "soon", "note"]
#: Most serious first; alerts are sorted in this order.
LEVELS: tuple[Level, ...] = ("urgent", "soon", "note")
#: How each level is named on screen and in the report.
LEVEL_NAMES: dict[Level, str] = {"urgent": "Urgent", "soon": "See a provider soon", "note": "Worth mentioning"}

#: Signs that, on one leg only, may point to a blood clot in a vein.
CLOT_SIGNS: tuple[str, ...] = ("swelling", "warmth", "skin-change", "tenderness")
#: Signs worth a prompt visit whatever the side.
OTHER_SIGNS: tuple[str, ...] = ("numbness", "weakness", "other-muscles", "wasting")
#: Signs of poor blood flow in the leg arteries.
CIRCULATION_SIGNS: tuple[str, ...] = ("walking-pain", "cold-foot")

#: Added to every urgent warning: the one case that cannot wait for a provider.
EMERGENCY = (
    "Chest pain or sudden breathlessness together with a swollen leg is an emergency: "
    "call emergency services now."
)

CLOT_DAYS = 14
SIGN_DAYS = 30
#: "Frequent": cramps on at least this many days in each of the two 7-day stretches ending today.
FREQUENT_DAYS = 3
#: "Repeatedly woken": cramps woke the person on at least this many nights in the last 7 days.
WAKING_NIGHTS = 3
WEEK = 7
#: "Severe pain": at least SEVERE_EPISODES episodes rated SEVERE_PAIN or more in the last SEVERE_DAYS days.
SEVERE_PAIN = 8
SEVERE_EPISODES = 2
SEVERE_DAYS = 14
#: "Worsening": cramps per recorded week in the last WORSE_DAYS days at least WORSE_FACTOR times the WORSE_DAYS before.
WORSE_DAYS = 28
WORSE_FACTOR = 2
WORSE_MIN_CRAMPS = 4


@dataclass(frozen=True)
class Rule:
    """One warning sign: how serious, what to say, when it fires and where that comes from."""

    key: str
    level: Level
    title: str
    advice: str
    threshold: str
    #: Keys of :data:`cramp_diary.sources.SOURCES`.
    references: tuple[str, ...]
    days: int
    #: Sign-based rules look over a whole report period when asked; pattern rules stay "now".
    widens: bool
    #: The episodes behind the sign in a window of days (diary, first, last), or none.
    find: Callable[[Diary, date, date], tuple[int, ...]]


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


def _severe_pain(diary: Diary, first: date, last: date) -> tuple[int, ...]:
    ids = queries.episode_ids(diary, first, last, Match(severity_at_least=SEVERE_PAIN))
    return ids if len(ids) >= SEVERE_EPISODES else ()


def _worsening(diary: Diary, first: date, last: date) -> tuple[int, ...]:
    """Recent weeks against the four before, each as cramps per recorded day so gaps do not count as calm."""
    split = last - timedelta(days=WORSE_DAYS - 1)
    before_last = split - timedelta(days=1)
    recent, recent_days = queries.cramps_and_recorded_days(diary, split, last)
    earlier, earlier_days = queries.cramps_and_recorded_days(diary, first, before_last)
    change = RateChange(Rate(recent, WORSE_DAYS, recent_days), Rate(earlier, (before_last - first).days + 1, earlier_days))
    if recent < WORSE_MIN_CRAMPS or not change.at_least(WORSE_FACTOR):  # the one data rule and comparison
        return ()
    return queries.episode_ids(diary, split, last)


def _circulation(diary: Diary, first: date, last: date) -> tuple[int, ...]:
    return queries.episode_ids(diary, first, last, Match(signs=CIRCULATION_SIGNS))


def _medication(diary: Diary, first: date, last: date) -> tuple[int, ...]:
    return queries.episode_ids(diary, first, last, Match(trigger="medication"))


RULES: tuple[Rule, ...] = (
    Rule(
        key="one-sided-swelling",
        find=_one_sided_swelling,
        level="urgent",
        title="Swelling, warmth, tenderness or a skin change in one leg",
        advice=(
            "A leg that is swollen, warm, tender or changes colour on one side only can be a sign of a "
            "blood clot. Contact a healthcare provider now, or get urgent care if you cannot reach "
            f"one. Do not massage that leg. {EMERGENCY}"
        ),
        threshold=(
            f"an episode in the last {CLOT_DAYS} days on the left or right leg with swelling, warmth, "
            "tenderness that stays after the cramp, or skin change"
        ),
        references=("release", "self-care"),
        days=CLOT_DAYS,
        widens=True,
    ),
    Rule(
        key="other-signs",
        find=_other_signs,
        level="soon",
        title="Numbness, weakness or other signs with your cramps",
        advice=(
            "Cramps that come with numbness, weakness, a muscle getting thinner, cramps in other parts "
            "of the body, or swelling or a skin change in both legs deserve a closer look. Contact your healthcare "
            "provider soon and tell them what you noticed."
        ),
        threshold=(
            f"an episode in the last {SIGN_DAYS} days with numbness, weakness, a muscle getting thinner or "
            "cramps in other muscles, or with swelling, warmth, tenderness or skin change in both legs"
        ),
        references=("self-care", "night", "clinic-guide"),
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
        references=("clinic-guide", "self-care"),
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
        references=("self-care", "clinic-guide", "treatment"),
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
        references=("self-care", "clinic-guide", "night"),
        days=WEEK,
        widens=False,
    ),
    Rule(
        key="severe-pain",
        find=_severe_pain,
        level="soon",
        title="Very painful cramps",
        advice=(
            "Cramps painful enough to rate 8 or more out of 10, more than once, are worth raising with "
            "your healthcare provider soon."
        ),
        threshold=f"severity {SEVERE_PAIN} or more on at least {SEVERE_EPISODES} episodes in the last {SEVERE_DAYS} days",
        references=("self-care", "night"),
        days=SEVERE_DAYS,
        widens=False,
    ),
    Rule(
        key="worsening",
        find=_worsening,
        level="soon",
        title="Cramps are getting more frequent",
        advice=(
            "Your cramps have become much more frequent over the last four weeks. Cramps that keep "
            "getting worse are a reason to see your healthcare provider soon."
        ),
        threshold=(
            f"cramps per week over the last {WORSE_DAYS} days at least {WORSE_FACTOR} times those of the "
            f"{WORSE_DAYS} days before, with at least {WORSE_MIN_CRAMPS} cramps in the last {WORSE_DAYS} days "
            f"and each stretch with {DATA_RULE}"
        ),
        references=("treatment", "clinic-guide"),
        days=2 * WORSE_DAYS,
        widens=False,
    ),
    Rule(
        key="walking-pain",
        find=_circulation,
        level="soon",
        title="Calf pain when walking, or a cold or pale foot",
        advice=(
            "Calf pain that comes on when you walk and eases when you rest, or a foot that is cold or pale, "
            "can be a sign of poor blood flow in the leg. Contact your healthcare provider soon."
        ),
        threshold=f"an episode in the last {SIGN_DAYS} days with pain on walking or a cold or pale foot",
        references=("treatment", "release"),
        days=SIGN_DAYS,
        widens=True,
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
        references=("release", "clinic-guide", "treatment"),
        days=SIGN_DAYS,
        widens=True,
    ),
)

#: "Cramps rose after starting a medicine": the windows, the factor and the least cramps (the data rule is rates').
RISE_DAYS = 28
RISE_FACTOR = 2
RISE_MIN_CRAMPS = 3
