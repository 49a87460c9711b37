"""The rules added for issue 12, each at, just under and just over its threshold, and the discussed state."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from cramp_diary import alerts
from cramp_diary.model import Episode
from cramp_diary.store import Diary

BERLIN = ZoneInfo("Europe/Berlin")
TODAY = date(2026, 11, 22)


def days_ago(days: int, hour: int = 3) -> datetime:
    day = TODAY - timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, 10, tzinfo=BERLIN)


def fired(diary: Diary) -> dict[str, tuple[int, ...]]:
    return {alert.rule: alert.episode_ids for alert in alerts.find_alerts(diary, TODAY)}


# -- severe pain: severity >= 8 on >= 2 episodes in the last 14 days ---------------


def test_two_cramps_rated_8_within_14_days_fire_severe_pain(diary: Diary) -> None:
    first = diary.episodes.add(Episode(days_ago(13), "calf", "left", severity=8))
    second = diary.episodes.add(Episode(days_ago(0), "calf", "left", severity=10))
    assert fired(diary)["severe-pain"] == (second.id, first.id)
    assert next(a for a in alerts.find_alerts(diary, TODAY) if a.rule == "severe-pain").level == "soon"


@pytest.mark.parametrize(
    ("severities", "oldest"),
    [((8, 7), 1), ((8,), 1), ((8, 8), 14)],
    ids=["one-rated-7", "only-one-episode", "one-outside-the-window"],
)
def test_severe_pain_stays_quiet_just_under(diary: Diary, severities: tuple[int, ...], oldest: int) -> None:
    diary.episodes.add(Episode(days_ago(0), "calf", "left", severity=severities[0]))
    if len(severities) > 1:
        diary.episodes.add(Episode(days_ago(oldest), "calf", "left", severity=severities[1]))
    assert "severe-pain" not in fired(diary)


def test_three_severe_cramps_list_every_one(diary: Diary) -> None:
    ids = {diary.episodes.add(Episode(days_ago(n), "calf", "left", severity=9)).id for n in (1, 2, 3)}
    assert set(fired(diary)["severe-pain"]) == ids


# -- worsening: recent 28 days at least double the 28 before -------------------------


def fill(diary: Diary, window_start: int, cramps: int, recorded: int) -> None:
    """``cramps`` cramp days and check-ins up to ``recorded`` days, counting back from ``window_start`` days ago."""
    for n in range(recorded):
        day_back = window_start + n
        if n < cramps:
            diary.episodes.add(Episode(days_ago(day_back), "calf", "left"))
        else:
            diary.checkins.add(TODAY - timedelta(days=day_back))


@pytest.mark.parametrize(
    ("earlier", "recent", "earlier_days", "recent_days", "fires"),
    [
        (2, 4, 23, 23, True),  # exactly double, minimum cramps, just over 80 % recorded (the one data rule)
        (2, 5, 23, 23, True),  # just over double
        (3, 5, 23, 23, False),  # 5 per 23 days is under double of 3 per 23 days
        (1, 3, 23, 23, False),  # triple, but only 3 recent cramps
        (2, 4, 22, 23, False),  # the earlier stretch is under 80 % recorded
        (2, 4, 23, 22, False),  # the recent stretch is under 80 % recorded
        (4, 8, 28, 28, True),
    ],
)
def test_worsening_threshold(
    diary: Diary, earlier: int, recent: int, earlier_days: int, recent_days: int, fires: bool
) -> None:
    fill(diary, 0, recent, recent_days)
    fill(diary, 28, earlier, earlier_days)
    assert ("worsening" in fired(diary)) is fires


def test_worsening_compares_shares_of_recorded_days_not_raw_counts(diary: Diary) -> None:
    """5 cramps in 23 recorded days against 3 in 28: the rate doubled although the count did not."""
    fill(diary, 0, 5, 23)
    fill(diary, 28, 3, 28)
    assert "worsening" in fired(diary)


# -- walking pain (and a cold or pale foot) in the last 30 days -----------------------


@pytest.mark.parametrize("sign", ["walking-pain", "cold-foot"])
def test_walking_pain_fires_within_30_days(diary: Diary, sign: str) -> None:
    saved = diary.episodes.add(Episode(days_ago(29), "calf", "right", signs=(sign,)))
    assert fired(diary)["walking-pain"] == (saved.id,)


def test_walking_pain_from_30_days_ago_is_quiet(diary: Diary) -> None:
    diary.episodes.add(Episode(days_ago(30), "calf", "right", signs=("walking-pain",)))
    assert "walking-pain" not in fired(diary)


# -- urgent wording ---------------------------------------------------------------------


def test_urgent_advice_names_the_emergency() -> None:
    urgent = [rule for rule in alerts.RULES if rule.level == "urgent"]
    assert urgent and all("call emergency services now" in rule.advice for rule in urgent)
    assert "Chest pain or sudden breathlessness" in alerts.urgent_advice()


# -- discussed with a provider -------------------------------------------------------------


def test_a_discussed_warning_is_listed_but_quiet_until_a_new_episode(diary: Diary) -> None:
    diary.episodes.add(Episode(days_ago(5), "calf", "left", signs=("swelling",)))
    diary.discussed.mark("one-sided-swelling", TODAY - timedelta(days=5))
    [alert] = alerts.find_alerts(diary, TODAY)
    assert (alert.quiet, alert.discussed_on) == (True, TODAY - timedelta(days=5))
    assert alerts.most_serious([alert]) is None
    diary.episodes.add(Episode(days_ago(4), "calf", "left", signs=("warmth",)))
    [alert] = alerts.find_alerts(diary, TODAY)
    assert not alert.quiet and alerts.most_serious([alert]) == alert


def test_discussing_one_warning_leaves_the_others_loud(diary: Diary) -> None:
    diary.episodes.add(Episode(days_ago(1), "calf", "left", signs=("swelling", "numbness")))
    diary.discussed.mark("one-sided-swelling", TODAY)
    found = alerts.find_alerts(diary, TODAY)
    top = alerts.most_serious(found)
    assert top is not None and top.rule == "other-signs"


def test_the_same_visit_twice_is_noted_once(diary: Diary) -> None:
    assert diary.discussed.mark("waking", TODAY)
    assert not diary.discussed.mark("waking", TODAY)
    assert diary.discussed.records() == [("waking", TODAY)]


def test_check_rule_names_the_rules() -> None:
    assert alerts.check_rule(" Waking ") == "waking"
    with pytest.raises(ValueError, match="one-sided-swelling"):
        alerts.check_rule("clot")
