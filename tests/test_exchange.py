"""CSV and JSON exports: every field comes back, and a bad file is refused whole."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cramp_diary import exchange
from cramp_diary.exchange import ImportRefused, export_csv, export_json, read_export
from cramp_diary.model import CONTEXTS, MUSCLES, RELIEFS, SIDES, SIGNS, TRIGGERS, Episode, InvalidField, validate
from cramp_diary.records import episode_to_record
from cramp_diary.store import Diary, MergeResult

ZONE = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 22, 21, 30, tzinfo=ZONE)

# Text a person may type: no control characters (bar newline and tab in notes), no lone surrogates.
TYPED = st.characters(blacklist_categories=("Cc", "Cs"))
AWKWARD = st.sampled_from([",", '"', "'", ";", "\n", "\t", "🦵", "😖", "שלום", "تشنج", "=1+1", "\\", " "])
NOTE = st.lists(st.one_of(st.text(TYPED, max_size=4), AWKWARD), max_size=20).map("".join)
TRICKY_WORD = st.sampled_from(["tea; coffee", 'a "quoted", word', "late_night walk", "Ärger 🦵"])
OWN_WORD = st.text(st.one_of(TYPED, st.sampled_from([",", '"', "'", ";", " ", "🦵"])), min_size=1, max_size=20)
LABEL = st.one_of(st.sampled_from(TRIGGERS), OWN_WORD, TRICKY_WORD)


@st.composite
def episodes(draw: st.DrawFn) -> Episode:
    """A checked episode with every field filled in, in a zone of its own."""
    zones = [ZONE, timezone.utc, timezone(timedelta(hours=-5)), timezone(timedelta(hours=5, minutes=30))]
    offset = draw(st.sampled_from(zones))
    started = draw(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2026, 11, 21)))
    stamp = draw(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2026, 11, 22)))
    muscle = draw(st.sampled_from(MUSCLES))
    episode = Episode(
        started_at=started.replace(microsecond=0, tzinfo=offset),
        muscle=muscle,
        muscle_other=draw(OWN_WORD) if muscle == "other" else "",
        side=draw(st.sampled_from(SIDES)),
        duration=draw(st.integers(1, 10800)),
        severity=draw(st.integers(0, 10)),
        context=draw(st.sampled_from(CONTEXTS)),
        triggers=tuple(draw(st.lists(LABEL, min_size=1, max_size=4))),
        reliefs=tuple(draw(st.lists(st.sampled_from(RELIEFS), min_size=1, max_size=3, unique=True))),
        signs=tuple(draw(st.lists(st.sampled_from(SIGNS), min_size=1, max_size=3, unique=True))),
        note=draw(NOTE),
        created_at=stamp.replace(microsecond=0, tzinfo=timezone.utc),
        updated_at=(stamp + timedelta(hours=1)).replace(microsecond=0, tzinfo=timezone.utc),
    )
    try:
        return validate(episode, NOW)
    except InvalidField:
        assume(False)
        raise


def records(found: list[Episode]) -> list[dict[str, object]]:
    return [{k: v for k, v in episode_to_record(e).items() if k != "id"} for e in found]


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(episodes(), min_size=1, max_size=4))
def test_json_round_trip_keeps_every_field(found: list[Episode]) -> None:
    assert records(read_export(export_json(found).encode(), NOW).episodes) == records(found)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(episodes(), min_size=1, max_size=4))
def test_csv_round_trip_keeps_every_field(found: list[Episode]) -> None:
    assert records(read_export(export_csv(found).encode(), NOW).episodes) == records(found)


def test_an_episode_with_awkward_text_round_trips_through_both_formats() -> None:
    episode = validate(
        Episode(
            started_at=datetime(2026, 11, 21, 3, 10, tzinfo=ZONE), muscle="other", muscle_other='Wade "links", 🦵',
            side="left", duration=90, severity=6, context="asleep",
            triggers=("dehydration", 'Tea, "green"', "a;b"), reliefs=("stretch",), signs=("swelling",),
            note='line 1, "quoted"\nline 2;\tשלום 😖\n',
            created_at=datetime(2026, 11, 21, 2, 15, tzinfo=timezone.utc),
            updated_at=datetime(2026, 11, 21, 2, 16, tzinfo=timezone.utc),
        ),
        NOW,
    )
    assert episode.triggers == ("dehydration", 'tea,-"green"', "a-b")
    for text in (export_json([episode]), export_csv([episode])):
        assert records(read_export(text.encode(), NOW).episodes) == records([episode])


def test_json_export_is_readable_and_says_what_it_is() -> None:
    episode = validate(Episode(started_at=NOW - timedelta(days=1), muscle="calf", side="left", note="🦵"), NOW)
    document = json.loads(export_json([episode]))
    assert (document["application"], document["format"]) == ("cramp-diary", exchange.FORMAT_VERSION)
    assert document["episodes"][0]["started_at"] == "2026-11-21T21:30:00+01:00"
    assert "🦵" in export_json([episode])  # not \\ud83e\\uddb5


def test_csv_export_has_the_documented_columns() -> None:
    episode = validate(
        Episode(started_at=NOW - timedelta(days=1), muscle="calf", side="left", triggers=("heat", "cold")),
        NOW,
    )
    rows = list(csv.DictReader(io.StringIO(export_csv([episode]))))
    assert tuple(rows[0]) == exchange.COLUMNS
    assert (rows[0]["triggers"], rows[0]["duration_s"], rows[0]["context"]) == ("heat;cold", "", "")


GOOD = {
    "uuid": "5a0c3c2e-8f5b-4a51-9b7e-2d1f0c7a9e11",
    "started_at": "2026-11-20T03:10:00+01:00",
    "muscle": "calf",
    "side": "left",
}


def test_a_plain_list_of_records_is_accepted() -> None:
    (episode,) = read_export(json.dumps([GOOD]).encode(), NOW).episodes
    assert episode.uuid == GOOD["uuid"] and episode.duration is None


def json_with(**changes: object) -> bytes:
    good = [dict(GOOD, uuid=f"5a0c3c2e-8f5b-4a51-9b7e-2d1f0c7a9e1{n}") for n in range(3)]
    good[2].update(changes)
    return json.dumps({"episodes": good}).encode()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"severity": 11}, "severity"),
        ({"duration_s": 0}, "duration"),
        ({"duration_s": "1m"}, "duration_s"),
        ({"duration_s": 1.5}, "duration_s"),
        ({"side": "up"}, "side"),
        ({"muscle": ""}, "muscle"),
        ({"started_at": "yesterday"}, "started_at"),
        ({"started_at": "2026-11-20T03:10:00"}, "started_at"),
        ({"started_at": "2099-01-01T00:00:00+00:00"}, "time"),
        ({"created_at": "0001-01-01T00:00:00+05:00"}, "created_at"),
        ({"updated_at": "9999-12-31T23:00:00-05:00"}, "updated_at"),
        ({"uuid": "nope"}, "uuid"),
        ({"uuid": 7}, "uuid"),
        ({"note": "\x1b[2J"}, "note"),
        ({"note": "\ud83e"}, "note"),
        ({"note": ["a"]}, "note"),
        ({"triggers": "x" * 41}, "trigger"),
        ({"reliefs": ["x" * 41]}, "relief"),
        ({"signs": {"a": 1}}, "signs"),
        ({"context": "dancing"}, "context"),
    ],
)
def test_a_bad_third_episode_is_named_with_its_field(changes: dict[str, object], field: str) -> None:
    with pytest.raises(ImportRefused) as caught:
        read_export(json_with(**changes), NOW)
    assert str(caught.value).startswith("episode 3 in the file")
    assert f"): {field}: " in str(caught.value) or str(caught.value).startswith(f"episode 3 in the file: {field}: ")


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"  \n\t ", "empty"),
        (b'{"episodes": [{"uuid": ', "not valid JSON"),
        (b'{"application": "cramp-diary"}', "'episodes' list"),
        (b'"just a string"', None),
        (b'{"episodes": [1, 2]}', "episode 1"),
        (b'{"episodes": [' + b"1" * 5000 + b"]}", "not a cramp-diary export"),
        (b"[" * 100_000, "not a cramp-diary export"),
        (b"uuid,started_at\n", "missing muscle, side"),
        (b"uuid,started_at,muscle,side,colour\n", "unknown columns: 'colour'"),
        (b"\x1b[2J,uuid,started_at,muscle,side\n", r"'\x1b[2J'"),
        (b"uuid,started_at,muscle,side\na,b,c,d,e\n", "more values than the header"),
        (b"uuid,started_at,muscle,side\n\x00\n", "NUL"),
        (b"\xff\xfe\x00junk", "not UTF-8"),
        (b"a" * 200_000, "not valid CSV"),
        (b'uuid,started_at,muscle,side\n"' + b"a" * 200_000 + b'",x,y,z\n', "not valid CSV"),
    ],
    ids=lambda value: repr(value)[:30] if isinstance(value, bytes) else None,
)
def test_malformed_files_are_refused_with_a_message(data: bytes, words: str | None) -> None:
    with pytest.raises(ImportRefused) as caught:
        read_export(data, NOW)
    assert str(caught.value)
    if words:
        assert words in str(caught.value)


@settings(max_examples=200)
@given(st.binary(max_size=300))
def test_random_bytes_are_refused_or_parsed_never_crash(data: bytes) -> None:
    try:
        read_export(data, NOW)
    except ImportRefused:
        pass


@settings(max_examples=200)
@given(st.text(alphabet=st.sampled_from('{}[]",:01aeuid\n ;\\'), max_size=200))
def test_json_and_csv_shaped_junk_is_refused_or_parsed_never_crash(text: str) -> None:
    try:
        read_export(text.encode(), NOW)
    except ImportRefused:
        pass


def test_merge_is_all_or_nothing(diary: Diary, clock) -> None:
    """Even past read_export, a bad third episode leaves the diary as it was."""
    good = [Episode(started_at=clock() - timedelta(hours=n), muscle="calf", side="left") for n in (1, 2)]
    bad = Episode(started_at=clock(), muscle="calf", side="left", severity=11)
    with pytest.raises(InvalidField):
        diary.merge([*good, bad])
    assert diary.episodes.count() == 0
    assert not diary.db.conn.in_transaction


def test_merge_adds_updates_and_skips(diary: Diary, clock) -> None:
    mine = diary.episodes.add(Episode(started_at=clock() - timedelta(hours=1), muscle="calf", side="left", severity=5))
    # copies from a format-1 file: no clock stamp, so their updated_at decides
    newer = mine.with_changes(severity=8, updated_at=mine.updated_at + timedelta(minutes=1), hlc="")
    older = mine.with_changes(severity=1, updated_at=mine.updated_at - timedelta(minutes=1), hlc="")
    fresh = Episode(started_at=clock() - timedelta(hours=2), muscle="foot", side="right")
    assert diary.merge([older]) == MergeResult(added=0, updated=0, unchanged=1)
    assert diary.episodes.get(mine.id).severity == 5
    assert diary.merge([newer, fresh]) == MergeResult(added=1, updated=1, unchanged=0)
    assert diary.episodes.get(mine.id).severity == 8
    assert diary.episodes.count() == 2
