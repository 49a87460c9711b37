"""Each warning rule fires on the data it describes and stays quiet just outside it."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from cramp_diary import alerts
from cramp_diary.model import Episode
from cramp_diary.sources import SOURCES
from cramp_diary.store import Diary

BERLIN = ZoneInfo("Europe/Berlin")
TODAY = date(2026, 11, 22)


def days_ago(days: int, hour: int = 3) -> datetime:
    day = TODAY - timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, 10, tzinfo=BERLIN)


def fired(diary: Diary, since: date | None = None) -> dict[str, tuple[int, ...]]:
    return {alert.rule: alert.episode_ids for alert in alerts.find_alerts(diary, TODAY, since)}


def test_an_ordinary_diary_raises_nothing(diary: Diary) -> None:
    diary.episodes.add(Episode(days_ago(1), "calf", "left", duration=90, severity=6, context="asleep"))
    diary.episodes.add(Episode(days_ago(9), "calf", "right", duration=600, triggers=("dehydration",)))
    assert alerts.find_alerts(diary, TODAY) == []
    assert not alerts.avoid_massage([])


# -- one-sided swelling, warmth or skin change --------------------------------


@pytest.mark.parametrize("sign", ["swelling", "warmth", "skin-change", "tenderness"])
def test_one_sided_swelling_is_urgent_and_stops_massage(diary: Diary, sign: str) -> None:
    saved = diary.episodes.add(Episode(days_ago(2), "calf", "left", signs=(sign,)))
    found = alerts.find_alerts(diary, TODAY)
    assert found[0].level == "urgent"
    assert found[0].rule == "one-sided-swelling"
    assert found[0].episode_ids == (saved.id,)
    assert "healthcare provider now" in found[0].advice
    assert alerts.avoid_massage(found)
    assert alerts.most_serious(found) == found[0]


def test_swelling_in_both_legs_is_not_urgent_but_still_a_sign(diary: Diary) -> None:
    saved = diary.episodes.add(Episode(days_ago(2), "calf", "both", signs=("swelling",)))
    found = fired(diary)
    assert "one-sided-swelling" not in found
    assert found["other-signs"] == (saved.id,)
    assert not alerts.avoid_massage(alerts.find_alerts(diary, TODAY))


def test_one_sided_swelling_older_than_two_weeks_is_quiet_unless_a_report_asks(diary: Diary) -> None:
    saved = diary.episodes.add(Episode(days_ago(14), "calf", "right", signs=("warmth",)))
    assert "one-sided-swelling" not in fired(diary)
    assert fired(diary, since=TODAY - timedelta(weeks=4))["one-sided-swelling"] == (saved.id,)


def test_an_unfinished_timer_episode_raises_nothing(diary: Diary) -> None:
    diary.episodes.add(Episode(days_ago(0), "calf", "right", signs=("swelling",), duration=900, status="open"))
    assert fired(diary) == {}


def test_swelling_on_the_edge_of_the_window_still_counts(diary: Diary) -> None:
    saved = diary.episodes.add(Episode(days_ago(13), "calf", "right", signs=("swelling",)))
    assert fired(diary)["one-sided-swelling"] == (saved.id,)


# -- numbness, weakness, cramps elsewhere --------------------------------------


@pytest.mark.parametrize("sign", ["numbness", "weakness", "other-muscles", "wasting"])
def test_nerve_and_other_muscle_signs_fire_soon(diary: Diary, sign: str) -> None:
    saved = diary.episodes.add(Episode(days_ago(29), "thigh", "both", signs=(sign,)))
    (alert,) = alerts.find_alerts(diary, TODAY)
    assert (alert.rule, alert.level, alert.episode_ids) == ("other-signs", "soon", (saved.id,))
    assert "clinic-guide" in alert.references


def test_nerve_signs_from_over_a_month_ago_are_quiet(diary: Diary) -> None:
    diary.episodes.add(Episode(days_ago(30), "thigh", "left", signs=("numbness",)))
    assert fired(diary) == {}


# -- long cramps -----------------------------------------------------------------


def test_a_cramp_over_ten_minutes_fires(diary: Diary) -> None:
    saved = diary.episodes.add(Episode(days_ago(5), "calf", "left", duration=601))
    assert fired(diary) == {"long-cramp": (saved.id,)}


def test_a_cramp_of_exactly_ten_minutes_or_unknown_length_is_quiet(diary: Diary) -> None:
    diary.episodes.add(Episode(days_ago(5), "calf", "left", duration=600))
    diary.episodes.add(Episode(days_ago(4), "calf", "left"))
    diary.episodes.add(Episode(days_ago(40), "calf", "left", duration=3600))
    assert fired(diary) == {}


# -- frequent cramps --------------------------------------------------------------


def cramp_on(diary: Diary, *days: int, context: str | None = None) -> list[int]:
    return [diary.episodes.add(Episode(days_ago(d), "calf", "left", context=context)).id or 0 for d in days]


def test_three_cramp_days_in_each_of_two_weeks_is_frequent(diary: Diary) -> None:
    ids = cramp_on(diary, 0, 3, 6, 7, 10, 13)
    assert set(fired(diary)["frequent"]) == set(ids)


def test_one_busy_week_alone_is_not_frequent(diary: Diary) -> None:
    cramp_on(diary, 0, 1, 2, 3, 4, 7, 10)  # five days this week, two the week before
    assert "frequent" not in fired(diary)


def test_several_cramps_on_one_day_count_as_one_cramp_day(diary: Diary) -> None:
    cramp_on(diary, 0, 0, 0, 3, 6, 7, 10, 13)
    assert "frequent" in fired(diary)
    diary.episodes.delete(cramp_on(diary, 1)[0])
    assert "frequent" in fired(diary)


def test_frequent_needs_both_weeks_to_be_recent(diary: Diary) -> None:
    cramp_on(diary, 0, 3, 6, 14, 17, 20)  # the earlier three are in the third week back
    assert "frequent" not in fired(diary)


# -- repeatedly woken ----------------------------------------------------------------


def test_woken_on_three_nights_in_a_week_fires(diary: Diary) -> None:
    ids = cramp_on(diary, 0, 2, 6, context="asleep")
    assert set(fired(diary)["waking"]) == set(ids)


def test_woken_twice_in_one_night_or_awake_cramps_are_quiet(diary: Diary) -> None:
    cramp_on(diary, 0, 0, 2, context="asleep")
    cramp_on(diary, 4, context="resting")
    cramp_on(diary, 7, context="asleep")  # outside the 7 days
    assert "waking" not in fired(diary)


# -- a medicine as a possible trigger ---------------------------------------------------


def test_medication_trigger_gives_a_note(diary: Diary) -> None:
    saved = diary.episodes.add(Episode(days_ago(3), "calf", "left", triggers=("medication",)))
    (alert,) = alerts.find_alerts(diary, TODAY)
    assert (alert.rule, alert.level, alert.episode_ids) == ("medication", "note", (saved.id,))
    assert "do not stop or change a medicine" in alert.advice


def test_other_triggers_are_quiet(diary: Diary) -> None:
    diary.episodes.add(Episode(days_ago(3), "calf", "left", triggers=("alcohol", "medication-change")))
    assert fired(diary) == {}


# -- order and wording ------------------------------------------------------------------


def test_alerts_come_most_serious_first(diary: Diary) -> None:
    diary.episodes.add(Episode(days_ago(1), "calf", "left", triggers=("medication",)))
    diary.episodes.add(Episode(days_ago(2), "calf", "left", duration=700))
    diary.episodes.add(Episode(days_ago(3), "calf", "right", signs=("swelling",)))
    levels = [alert.level for alert in alerts.find_alerts(diary, TODAY)]
    assert levels == ["urgent", "soon", "note"]


def test_every_rule_sends_the_person_to_a_provider_and_names_a_reference() -> None:
    for rule in alerts.RULES:
        assert "healthcare provider" in rule.advice
        assert rule.references and all(name in SOURCES for name in rule.references)
        assert rule.threshold
