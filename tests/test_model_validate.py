"""Every rule an episode must follow, and that each refusal names its field."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from cramp_diary.model import MAX_NOTE, Episode, InvalidField, normalise_label, validate

ZONE = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 22, 21, 30, tzinfo=ZONE)


def make(**changes: object) -> Episode:
    base = Episode(started_at=NOW - timedelta(hours=1), muscle="calf", side="left")
    return base.with_changes(**changes)


def refused(field: str, **changes: object) -> InvalidField:
    with pytest.raises(InvalidField) as caught:
        validate(make(**changes), NOW)
    assert caught.value.field == field
    assert str(caught.value).startswith(f"{field}: ")
    return caught.value


def test_a_plain_episode_is_accepted_and_cleaned() -> None:
    episode = validate(make(muscle=" Calf ", side="LEFT", context="Asleep"), NOW)
    assert (episode.muscle, episode.side, episode.context) == ("calf", "left", "asleep")


@pytest.mark.parametrize("muscle", ["calf", "foot", "toes", "hamstring", "thigh", "other"])
def test_each_known_muscle_is_accepted(muscle: str) -> None:
    assert validate(make(muscle=muscle), NOW).muscle == muscle


def test_an_unknown_muscle_is_refused() -> None:
    assert "calf" in refused("muscle", muscle="elbow").rule


def test_other_keeps_the_persons_own_word() -> None:
    episode = validate(make(muscle="other", muscle_other="  peroneus  "), NOW)
    assert (episode.muscle, episode.muscle_other, episode.muscle_label) == ("other", "peroneus", "peroneus")


def test_own_word_is_dropped_for_a_known_muscle() -> None:
    episode = validate(make(muscle="calf", muscle_other="peroneus"), NOW)
    assert episode.muscle_other == "" and episode.muscle_label == "calf"


def test_own_muscle_word_is_limited_and_free_of_control_characters() -> None:
    refused("muscle", muscle="other", muscle_other="x" * 41)
    refused("muscle", muscle="other", muscle_other="calf\x1b[2J")


@pytest.mark.parametrize("side", ["left", "right", "both"])
def test_each_side_is_accepted(side: str) -> None:
    assert validate(make(side=side), NOW).side == side


@pytest.mark.parametrize("side", ["up", "", "lft"])
def test_other_sides_are_refused(side: str) -> None:
    refused("side", side=side)


@pytest.mark.parametrize("seconds", [1, 90, 10800])
def test_duration_from_one_second_to_three_hours(seconds: int) -> None:
    assert validate(make(duration=seconds), NOW).duration == seconds


def test_duration_may_be_unknown() -> None:
    assert validate(make(duration=None), NOW).duration is None


@pytest.mark.parametrize("seconds", [0, -5, 10801, 1.5, True, "90"])
def test_durations_outside_the_range_or_not_whole_are_refused(seconds: object) -> None:
    refused("duration", duration=seconds)


@pytest.mark.parametrize("severity", [0, 5, 10, None])
def test_severity_from_zero_to_ten_or_unrated(severity: int | None) -> None:
    assert validate(make(severity=severity), NOW).severity == severity


@pytest.mark.parametrize("severity", [-1, 11, 2.5, False, "5"])
def test_other_severities_are_refused(severity: object) -> None:
    refused("severity", severity=severity)


@pytest.mark.parametrize("context", ["asleep", "resting", "sitting", "standing", "exercising", "after-exercise"])
def test_each_context_is_accepted(context: str) -> None:
    assert validate(make(context=context), NOW).context == context


def test_empty_context_means_none_and_unknown_context_is_refused() -> None:
    assert validate(make(context=""), NOW).context is None
    refused("context", context="dancing")


def test_own_triggers_are_normalised_into_labels() -> None:
    episode = validate(make(triggers=("  Long Walk ", "Dehydration", "late_night", "long walk")), NOW)
    assert episode.triggers == ("long-walk", "dehydration", "late-night")


def test_a_semicolon_in_an_own_trigger_becomes_a_hyphen() -> None:
    """';' separates labels in CSV exports; a label keeping one would be split on import."""
    assert normalise_label("trigger", "coffee; tea") == "coffee-tea"


@pytest.mark.parametrize("trigger", ["", "   ", "-", "x" * 41, "bad\x07bell", "tab\there"])
def test_empty_long_or_control_character_triggers_are_refused(trigger: str) -> None:
    refused("trigger", triggers=(trigger,))


def test_signs_come_from_their_list_and_reliefs_may_be_your_own() -> None:
    episode = validate(make(reliefs=("Stretch", "walk", "stretch", "Hot Shower"), signs=("swelling", "other-muscles")), NOW)
    assert episode.reliefs == ("stretch", "walk", "hot-shower")
    assert episode.signs == ("swelling", "other-muscles")
    refused("relief", reliefs=("  ",))
    refused("relief", reliefs=("x" * 41,))
    refused("sign", signs=("itching",))


def test_note_up_to_the_limit_is_kept_with_newlines_and_tabs() -> None:
    start = "line one\n\tline two "
    note = start + "x" * (MAX_NOTE - len(start))
    assert validate(make(note=note), NOW).note == note


def test_a_note_over_the_limit_is_refused() -> None:
    assert str(MAX_NOTE) in refused("note", note="x" * (MAX_NOTE + 1)).rule


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\r", "\x7f", "\x85", "\x9b"])
def test_control_characters_in_a_note_are_refused(char: str) -> None:
    assert "control" in refused("note", note=f"before{char}after").rule


def test_a_lone_surrogate_in_a_note_is_refused() -> None:
    """It could never be written to SQLite or to a UTF-8 export."""
    refused("note", note="half an emoji \ud83e")


def test_emoji_and_right_to_left_text_are_accepted() -> None:
    note = "Krampf 🦵😖 — התכווצות בשוק — تشنج عضلي"
    assert validate(make(note=note), NOW).note == note


def test_a_time_in_the_future_is_refused_but_a_few_minutes_of_slack_allowed() -> None:
    assert validate(make(started_at=NOW + timedelta(minutes=4)), NOW)
    assert "future" in refused("time", started_at=NOW + timedelta(minutes=6)).rule


def test_the_future_is_judged_by_the_instant_not_the_wall_clock() -> None:
    """At 02:10 after the clocks went back, 02:50 summer time is 20 minutes ago."""
    now = datetime(2026, 10, 25, 2, 10, fold=1, tzinfo=ZONE)
    earlier = datetime(2026, 10, 25, 2, 50, fold=0, tzinfo=ZONE)
    assert validate(make(started_at=earlier), now).started_at == earlier


def test_a_time_without_offset_or_before_1900_is_refused() -> None:
    refused("time", started_at=datetime(2026, 11, 22, 3, 10))
    refused("time", started_at=datetime(1899, 12, 31, tzinfo=timezone.utc))


def test_status_and_uuid_are_checked() -> None:
    refused("status", status="maybe")
    refused("uuid", uuid="not-a-uuid")
