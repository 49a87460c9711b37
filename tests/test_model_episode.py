"""``Episode`` is written out by hand (``dataclasses`` costs every ``log`` its start), yet behaves as the
``@dataclass(frozen=True, slots=True)`` it was: the same construction, equality, hash, repr and copies."""

from __future__ import annotations

import copy
import dataclasses
import inspect
import pickle
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cramp_diary.model import Episode, new_uuid

WHEN = datetime(2026, 11, 22, 3, 10, tzinfo=timezone(timedelta(hours=1)))
UUID = "5a0c3c2e-8f5b-4a51-9b7e-2d1f0c7a9e11"

#: The dataclass Episode was, rebuilt from its signature: names, order and defaults, a new uuid by default.
SIGNATURE = inspect.signature(Episode)
AS_DATACLASS = dataclasses.make_dataclass(
    "Episode",
    [
        (name, object) if parameter.default is inspect.Parameter.empty
        else (name, object, dataclasses.field(default_factory=new_uuid)) if name == "uuid"
        else (name, object, parameter.default)
        for name, parameter in SIGNATURE.parameters.items()
    ],
    frozen=True,
    slots=True,
)
AS_DATACLASS.__qualname__ = "Episode"
#: Its fields in the order they were declared (the uuid's place too).
FIELDS = tuple(SIGNATURE.parameters)


def test_its_fields_and_defaults_are_the_dataclass_s() -> None:
    assert FIELDS == (
        "started_at", "muscle", "side", "duration", "severity", "context", "triggers", "reliefs", "signs", "note",
        "muscle_other", "status", "id", "uuid", "created_at", "updated_at", "hlc", "leg_check", "sleep_disturbance",
    )
    episode = Episode(WHEN, "calf", "left")
    assert (episode.duration, episode.severity, episode.context, episode.id, episode.leg_check) == (None,) * 5
    assert (episode.triggers, episode.reliefs, episode.signs) == ((), (), ())
    assert (episode.note, episode.muscle_other, episode.hlc, episode.status) == ("", "", "", "done")
    assert (episode.created_at, episode.updated_at, episode.sleep_disturbance) == (None, None, None)


def test_each_episode_gets_its_own_new_uuid_unless_one_is_given() -> None:
    made = {Episode(WHEN, "calf", "left").uuid for _ in range(50)}
    assert len(made) == 50 and all(len(u) == 36 for u in made)
    assert Episode(WHEN, "calf", "left", uuid=UUID).uuid == UUID
    assert Episode(WHEN, "calf", "left", uuid=None).uuid is None  # type: ignore[arg-type]  # as the dataclass kept it


values = st.fixed_dictionaries(
    {
        "started_at": st.just(WHEN),
        "muscle": st.sampled_from(["calf", "foot"]),
        "side": st.sampled_from(["left", "right"]),
        "uuid": st.just(UUID),
    },
    optional={
        "duration": st.none() | st.integers(1, 600),
        "severity": st.none() | st.integers(0, 10),
        "triggers": st.lists(st.sampled_from(["heat", "cold"]), max_size=2).map(tuple),
        "note": st.text(max_size=5),
        "status": st.sampled_from(["done", "open"]),
        "id": st.none() | st.integers(1, 3),
        "hlc": st.sampled_from(["", "0001"]),
        "leg_check": st.sampled_from([None, "yes"]),
    },
)


@given(values, values)
def test_equality_hash_and_repr_are_the_dataclass_s(first: dict[str, object], second: dict[str, object]) -> None:
    a, b = Episode(**first), Episode(**second)  # type: ignore[arg-type]
    a_was, b_was = AS_DATACLASS(**first), AS_DATACLASS(**second)
    assert repr(a) == repr(a_was)
    assert (a == b) == (a_was == b_was)
    assert (a != b) == (a_was != b_was)
    assert hash(a) == hash(a_was)
    if a == b:
        assert hash(a) == hash(b)
    assert a == Episode(**first)  # type: ignore[arg-type]
    assert len({a, Episode(**first)}) == 1  # type: ignore[arg-type]


def test_an_episode_is_never_equal_to_anything_else() -> None:
    episode = Episode(WHEN, "calf", "left", uuid=UUID)
    assert episode != AS_DATACLASS(WHEN, "calf", "left", uuid=UUID)
    assert episode != tuple(getattr(episode, name) for name in FIELDS)
    assert episode != None  # noqa: E711


def test_no_field_can_be_set_added_or_deleted() -> None:
    episode = Episode(WHEN, "calf", "left", uuid=UUID)
    with pytest.raises(AttributeError):
        episode.muscle = "foot"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del episode.note
    with pytest.raises(AttributeError):
        episode.colour = "red"  # type: ignore[attr-defined]
    assert not hasattr(episode, "__dict__")
    assert (episode.muscle, episode.note) == ("calf", "")


def test_with_changes_copies_with_the_fields_given_and_leaves_the_episode_as_it_was() -> None:
    episode = Episode(WHEN, "calf", "left", severity=4, triggers=("heat",), uuid=UUID)
    changed = episode.with_changes(severity=7, side="both", hlc="0002")
    assert changed == Episode(WHEN, "calf", "both", severity=7, triggers=("heat",), uuid=UUID, hlc="0002")
    assert episode == Episode(WHEN, "calf", "left", severity=4, triggers=("heat",), uuid=UUID)
    assert episode.with_changes() == episode and episode.with_changes() is not episode
    assert episode.with_changes(uuid=None).uuid is None  # no new uuid made for a field changed on purpose


def test_with_changes_refuses_a_name_that_is_not_a_field() -> None:
    episode = Episode(WHEN, "calf", "left")
    with pytest.raises(TypeError, match="colour"):
        episode.with_changes(colour="red")
    with pytest.raises(TypeError):
        Episode(WHEN, "calf", "left", colour="red")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Episode(WHEN, "calf")  # type: ignore[call-arg]


def test_copies_and_pickles_are_equal_episodes() -> None:
    episode = Episode(WHEN, "other", "left", muscle_other="shin", signs=("cord",), id=3, uuid=UUID, hlc="0003")
    for copied in (copy.copy(episode), copy.deepcopy(episode), pickle.loads(pickle.dumps(episode))):
        assert copied == episode and copied.uuid == UUID and copied.muscle_label == "shin"
