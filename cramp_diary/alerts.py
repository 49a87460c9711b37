"""Warning signs: when the diary should say "contact your healthcare provider".

Each rule is data (level, words, threshold, the reference it comes from) plus
one SQL query that returns the episodes behind it. The diary never diagnoses:
every piece of advice ends at a healthcare provider. The thresholds are
documented in the README under "Warning signs".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from cramp_diary.stats import LONG_CRAMP_S
from cramp_diary.store import Diary

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
    #: The episodes behind the sign in a window of days (``first``/``last``), or none.
    find: Callable[[Diary, dict[str, Any]], tuple[int, ...]]


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


_IN_WINDOW = "e.status = 'done' AND e.local_day BETWEEN :first AND :last"


def _ids(diary: Diary, where: str, params: dict[str, Any]) -> tuple[int, ...]:
    rows = diary.db.execute(
        f"SELECT e.id FROM episodes e WHERE {_IN_WINDOW} AND ({where}) ORDER BY e.started_utc DESC, e.id DESC",
        params,
    ).fetchall()
    return tuple(row[0] for row in rows)


def _has_sign(prefix: str, signs: tuple[str, ...], params: dict[str, Any]) -> str:
    """An EXISTS clause for "has one of these signs", its values added to ``params``."""
    names = {f"{prefix}{i}": sign for i, sign in enumerate(signs)}
    params.update(names)
    listed = ", ".join(f":{name}" for name in names)
    return f"EXISTS (SELECT 1 FROM episode_signs s WHERE s.episode_id = e.id AND s.sign IN ({listed}))"


def _one_sided_swelling(diary: Diary, params: dict[str, Any]) -> tuple[int, ...]:
    return _ids(diary, f"e.side IN ('left', 'right') AND {_has_sign('clot', CLOT_SIGNS, params)}", params)


def _other_signs(diary: Diary, params: dict[str, Any]) -> tuple[int, ...]:
    other = _has_sign("other", OTHER_SIGNS, params)
    both = f"e.side = 'both' AND {_has_sign('clot', CLOT_SIGNS, params)}"
    return _ids(diary, f"{other} OR ({both})", params)


def _long_cramp(diary: Diary, params: dict[str, Any]) -> tuple[int, ...]:
    return _ids(diary, f"e.duration_s > {LONG_CRAMP_S}", params)


def _frequent(diary: Diary, params: dict[str, Any]) -> tuple[int, ...]:
    """Both 7-day stretches must reach the threshold, so one bad week alone stays quiet."""
    last = date.fromisoformat(params["last"])
    split = (last - timedelta(days=WEEK - 1)).isoformat()
    earlier, later = diary.db.execute(
        f"SELECT coalesce(sum(day < :split), 0), coalesce(sum(day >= :split), 0) FROM"
        f" (SELECT DISTINCT e.local_day AS day FROM episodes e WHERE {_IN_WINDOW})",
        {**params, "split": split},
    ).fetchone()
    if earlier < FREQUENT_DAYS or later < FREQUENT_DAYS:
        return ()
    return _ids(diary, "1", params)


def _waking(diary: Diary, params: dict[str, Any]) -> tuple[int, ...]:
    nights = diary.db.execute(
        f"SELECT count(DISTINCT e.local_day) FROM episodes e WHERE {_IN_WINDOW} AND e.context = 'asleep'",
        params,
    ).fetchone()[0]
    return _ids(diary, "e.context = 'asleep'", params) if nights >= WAKING_NIGHTS else ()


def _medication(diary: Diary, params: dict[str, Any]) -> tuple[int, ...]:
    return _ids(
        diary,
        "EXISTS (SELECT 1 FROM episode_triggers t WHERE t.episode_id = e.id AND t.trigger = 'medication')",
        params,
    )


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
        ids = rule.find(diary, {"first": first.isoformat(), "last": today.isoformat()})
        if ids:
            alerts.append(
                Alert(rule.level, rule.key, rule.title, rule.advice, rule.threshold, ids, rule.references)
            )
    alerts.sort(key=lambda alert: LEVELS.index(alert.level))
    return alerts


def most_serious(alerts: list[Alert]) -> Alert | None:
    """The one the home banner shows."""
    return alerts[0] if alerts else None


def avoid_massage(alerts: list[Alert]) -> bool:
    """True when the timer must replace its massage step with a caution not to massage."""
    return any(alert.rule == "one-sided-swelling" for alert in alerts)
