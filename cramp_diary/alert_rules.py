"""The warning-sign rules as data: each rule's level, words, threshold, sources and finder.

Kept apart from :mod:`cramp_diary.alerts` (which evaluates them and knows about
discussed warnings) so that every warning, the medicine one included, is one
:class:`Rule` in :data:`RULES`; the README table is made from this list
(``scripts/rules_table.py``, checked by ``tests/test_readme_rules.py``). The
sources are named in :mod:`cramp_diary.sources`.

The levels follow the first reference: its "talk to a provider right away"
list (cramps elsewhere, significant pain, swelling or numbness, skin changes,
being woken again and again) is one level, above "see a provider soon"
(unbearable, frequent or long cramps) and below the clot signs on one leg.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from cramp_diary.rates import DATA_RULE, Rate, RateChange, how_sure
from cramp_diary.stats import LONG_CRAMP_S
from cramp_diary.store import Diary, queries
from cramp_diary.store.queries import Match

Level = Literal["urgent", "prompt", "soon", "note"]
#: Most serious first; alerts are sorted in this order.
LEVELS: tuple[Level, ...] = ("urgent", "prompt", "soon", "note")
#: How each level is named on screen and in the report.
LEVEL_NAMES: dict[Level, str] = {
    "urgent": "Urgent",
    "prompt": "Contact a provider without delay",
    "soon": "See a provider soon",
    "note": "Worth mentioning",
}

#: Signs that, on one leg only, may point to a blood clot in a vein (soreness after a cramp is not one).
CLOT_SIGNS: tuple[str, ...] = ("swelling", "warmth", "skin-change", "tender-between", "cord")
#: Signs the first reference puts on its "right away" list, whatever the side.
PROMPT_SIGNS: tuple[str, ...] = ("numbness", "other-muscles")
#: Signs of a nerve or muscle problem worth a visit.
NERVE_SIGNS: tuple[str, ...] = ("weakness", "wasting")
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
#: "Severe pain": one episode rated UNBEARABLE (or a note saying "unbearable"), or at least
#: SEVERE_EPISODES rated SEVERE_PAIN or more, in the last SEVERE_DAYS days.
SEVERE_PAIN = 8
UNBEARABLE = 10
SEVERE_EPISODES = 2
SEVERE_DAYS = 14
#: "Worsening": cramps per recorded week in the last WORSE_DAYS days at least WORSE_FACTOR times the WORSE_DAYS before.
WORSE_DAYS = 28
WORSE_FACTOR = 2
WORSE_MIN_CRAMPS = 4
#: "Cramps rose after starting a medicine": the windows, the factor and the least cramps (the data rule is rates').
RISE_DAYS = 28
RISE_FACTOR = 2
RISE_MIN_CRAMPS = 3


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
    #: A sentence naming what is behind it (which medicine), for rules whose title cannot.
    detail: Callable[[Diary, date], str] | None = None
    #: The signs the rule looks for, so a report names only those a cramp really had.
    signs: tuple[str, ...] = ()


def _one_sided_swelling(diary: Diary, first: date, last: date) -> tuple[int, ...]:
    return queries.episode_ids(diary, first, last, Match(sides=("left", "right"), signs=CLOT_SIGNS))


def _prompt_signs(diary: Diary, first: date, last: date) -> tuple[int, ...]:
    return queries.episode_ids(diary, first, last, Match(signs=PROMPT_SIGNS), Match(sides=("both",), signs=CLOT_SIGNS))


def _nerve_signs(diary: Diary, first: date, last: date) -> tuple[int, ...]:
    return queries.episode_ids(diary, first, last, Match(signs=NERVE_SIGNS))


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
    """One unbearable cramp is enough; 8 or 9 out of 10 needs a second."""
    unbearable = queries.episode_ids(
        diary, first, last, Match(severity_at_least=UNBEARABLE), Match(note_has="unbearable")
    )
    ids = queries.episode_ids(diary, first, last, Match(severity_at_least=SEVERE_PAIN))
    if len(ids) >= SEVERE_EPISODES:
        return tuple(sorted(set(ids) | set(unbearable), reverse=True))
    return unbearable


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


def rises_after_medicine(diary: Diary, today: date) -> list[tuple[str, date, RateChange, tuple[int, ...]]]:
    """(name, started, the rate change, episodes) of each medicine whose first 28 days had twice the cramps a week.

    A medicine is a ``medicine`` dated change or one on the medicines list with a
    start day. The 28 days before are the baseline; both windows (the after one so
    far) must meet the one data rule (:data:`cramp_diary.rates.DATA_RULE`), and the
    after one must hold at least 3 cramps.
    """
    started: dict[tuple[str, date], date | None] = {}  # a medicine in both lists counts once
    for change in diary.changes.all():
        if change.kind == "medicine":
            started.setdefault((" ".join(change.name.split()), change.started), change.stopped)
    for medicine in diary.medicines.all():
        if medicine.started is not None:  # one taken since before the diary has no "before" to compare with
            started.setdefault((medicine.name, medicine.started), medicine.stopped)
    found = []
    for (name, start), stopped in started.items():
        if start > today:
            continue
        before_first, before_last = start - timedelta(days=RISE_DAYS), start - timedelta(days=1)
        after_last = min(start + timedelta(days=RISE_DAYS - 1), today)
        if stopped is not None:
            after_last = min(after_last, stopped)
        before = queries.window_figures(diary, before_first, before_last)
        after = queries.window_figures(diary, start, after_last)
        after_days = (after_last - start).days + 1
        rates = RateChange(Rate(after.cramps, after_days, after.recorded_days), Rate(before.cramps, RISE_DAYS, before.recorded_days))
        if after.cramps < RISE_MIN_CRAMPS or not rates.at_least(RISE_FACTOR):  # the one data rule and comparison
            continue
        found.append((name, start, rates, queries.episode_ids(diary, start, after_last)))
    return found


def _rise_after_medicine(diary: Diary, first: date, last: date) -> tuple[int, ...]:
    return tuple(sorted({i for *_, ids in rises_after_medicine(diary, last) for i in ids}, reverse=True))


def _which_medicines(diary: Diary, today: date) -> str:
    """Names the medicines behind the rise and how sure the rise is, so the person knows which one to ask about."""
    rises = rises_after_medicine(diary, today)
    return "; ".join(
        f"after starting {name} on {started.isoformat()} ({how_sure(rates.ratio)}, 95 % interval)"
        for name, started, rates, _ in rises
    )


RULES: tuple[Rule, ...] = (
    Rule(
        key="one-sided-swelling",
        find=_one_sided_swelling,
        signs=CLOT_SIGNS,
        level="urgent",
        title="Swelling, warmth, redness, tenderness or a cord in one leg",
        advice=(
            "A leg that is swollen, warm, red or tender on one side only, even between cramps, or has a hard, "
            "tender cord under the skin, can be a sign of a blood clot. Contact a healthcare provider now, or "
            f"get urgent care if you cannot reach one. Do not massage that leg. {EMERGENCY}"
        ),
        threshold=(
            f"an episode in the last {CLOT_DAYS} days on the left or right leg with swelling, warmth, redness or a "
            "skin change, tenderness between cramps, or a hard tender cord (soreness after a cramp does not count)"
        ),
        references=("release", "self-care"),
        days=CLOT_DAYS,
        widens=True,
    ),
    Rule(
        key="other-signs",
        find=_prompt_signs,
        signs=PROMPT_SIGNS + CLOT_SIGNS,
        level="prompt",
        title="Numbness, cramps in other muscles, or swelling or skin change in both legs",
        advice=(
            "Cramps that come with numbness, cramps in other parts of the body, or swelling or a skin change in "
            "both legs should not wait for a routine visit. Contact your healthcare provider without delay and "
            "tell them what you noticed."
        ),
        threshold=(
            f"an episode in the last {SIGN_DAYS} days with numbness or cramps in other muscles, or with swelling, "
            "warmth, redness, tenderness between cramps or a cord in both legs"
        ),
        references=("self-care",),
        days=SIGN_DAYS,
        widens=True,
    ),
    Rule(
        key="severe-pain",
        find=_severe_pain,
        level="prompt",
        title="Very painful cramps",
        advice=(
            "A cramp you rated 10 out of 10 or called unbearable, or more than one rated 8 or more, is the "
            "kind of pain to raise with your healthcare provider without delay."
        ),
        threshold=(
            f"in the last {SEVERE_DAYS} days, one episode rated {UNBEARABLE} or with 'unbearable' in its note, "
            f"or at least {SEVERE_EPISODES} rated {SEVERE_PAIN} or more"
        ),
        references=("self-care", "night"),
        days=SEVERE_DAYS,
        widens=False,
    ),
    Rule(
        key="waking",
        find=_waking,
        level="prompt",
        title="Cramps keep waking you",
        advice=(
            "Being woken by cramps again and again costs sleep, and that alone is a reason to contact your "
            "healthcare provider without delay."
        ),
        threshold=f"cramps woke you on {WAKING_NIGHTS} or more nights in the last 7 days",
        references=("self-care", "clinic-guide", "night"),
        days=WEEK,
        widens=False,
    ),
    Rule(
        key="weakness",
        find=_nerve_signs,
        signs=NERVE_SIGNS,
        level="soon",
        title="Weakness or a muscle getting thinner",
        advice=(
            "Cramps that come with weakness or a muscle getting thinner deserve a closer look. See your "
            "healthcare provider soon and tell them what you noticed."
        ),
        threshold=f"an episode in the last {SIGN_DAYS} days with weakness or a muscle getting thinner",
        references=("night", "clinic-guide"),
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
        signs=CIRCULATION_SIGNS,
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
    Rule(
        key="rise-after-medicine",
        find=_rise_after_medicine,
        detail=_which_medicines,
        level="note",
        title="Cramps rose after starting a medicine",
        advice=(
            "Cramps became at least twice as frequent after a medicine was started. Some medicines can make "
            "cramps more likely; raise it with your healthcare provider or pharmacist, and do not stop or "
            "change a medicine on your own."
        ),
        threshold=(
            f"cramps per week in the {RISE_DAYS} days after a medicine started at least "
            f"{RISE_FACTOR} times those of the {RISE_DAYS} days before, with at least {RISE_MIN_CRAMPS} "
            f"cramps after and each window with {DATA_RULE}"
        ),
        references=("release", "treatment"),
        days=2 * RISE_DAYS,
        widens=False,
    ),
)
