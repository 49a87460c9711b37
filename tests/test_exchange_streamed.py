"""A device file or an import read a record at a time (issue 26) reads what the whole-document read did.

The oracle is the reader this replaced (``json.loads`` of the whole text, copied
below from before the change). The windows here are a few bytes, so they cut
records, strings, numbers and multi-byte characters at every place.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cramp_diary.exchange import ImportRefused, json_stream, raw, read_export, stream_export
from cramp_diary.exchange.raw import looks_like_csv_export, shown, within_what_a_diary_holds
from cramp_diary.exchange.writing import FORMAT_VERSION, export_json
from cramp_diary import hlc
from cramp_diary.model import Episode
from cramp_diary.records import Tombstone
from cramp_diary.store import Diary, synced
from cramp_diary.sync import sync

from conftest import NOW, FakeClock
from test_exchange import episodes


def old_file_records(data: bytes) -> tuple[list[dict[str, object]], dict[str, object]]:
    """How a .json file was read before: the whole text, then ``json.loads`` of it (valid UTF-8 here)."""
    text = data.decode("utf-8-sig")
    if "\x00" in text:
        raise ImportRefused("contains NUL bytes: not a cramp-diary export")
    if not text.lstrip():
        raise ImportRefused("the file is empty")
    within_what_a_diary_holds(data, len(text))
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        hint = " (it looks like a CSV export: name it .csv)" if looks_like_csv_export(text) else ""
        where = f"line {error.lineno}, column {error.colno}"
        what = error.msg.lower().removesuffix(" at")
        raise ImportRefused(f"not valid JSON: {what} at {where}{hint}") from None
    except (ValueError, RecursionError):
        raise ImportRefused("not a cramp-diary export (numbers too long or lists nested too deep)") from None
    if isinstance(document, dict) and isinstance(document.get("episodes"), list):
        version = document.get("format", 1)
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            raise ImportRefused(f"format: must be a whole number such as {FORMAT_VERSION} (got {shown(version)})")
        if version > FORMAT_VERSION:
            raise ImportRefused(
                f"the file is in export format {version}, written by a newer cramp-diary; this one reads formats"
                f" 1 to {FORMAT_VERSION}: please upgrade cramp-diary"
            )
        records = document["episodes"]
    elif isinstance(document, list):
        records, document = document, {}
    else:
        raise ImportRefused("JSON must be a cramp-diary export: an object with an 'episodes' list")
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise ImportRefused(f"episode {number} in the file: must be an object with the export's fields")
    return records, document


def outcome(read: Callable[[], tuple[object, dict[str, object]]]) -> object:
    """The records and the rest of the document, or the refusal's words."""
    try:
        records, document = read()
        rest = {key: list(value) if isinstance(value, raw.JsonRecords) else value for key, value in document.items()}
        return list(records), {key: value for key, value in rest.items() if key != "episodes"}  # type: ignore[call-overload]
    except ImportRefused as error:
        return str(error)


VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-10**20, 10**20) | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(st.sampled_from('ab "\\é🦵\n'), max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text("abc", max_size=3), inner, max_size=3),
    max_leaves=8,
)
RECORDS = st.lists(st.one_of(st.dictionaries(st.sampled_from(["uuid", "note", "started_at"]), VALUES, max_size=3), VALUES), max_size=4)
KEYS = st.sampled_from(["format", "device", "checkins", "episodes", "tombstones", "application"])


@st.composite
def export_texts(draw: st.DrawFn) -> str:
    """An export in any layout, or a bare list, or another JSON value; often then cut or given a stray character."""
    layout = draw(st.sampled_from([{}, {"indent": 2}, {"ensure_ascii": False}, {"separators": (",", ":")}]))
    shape = draw(st.sampled_from(["object", "object", "bare", "other"]))
    if shape == "object":  # written pair by pair: a key may come twice, as json.loads allows
        pairs = [("episodes", draw(RECORDS))] + draw(
            st.lists(st.tuples(KEYS, st.one_of(VALUES, RECORDS, st.integers(0, 4))), max_size=3)
        )
        order = draw(st.permutations(range(len(pairs))))
        text = "{" + ", ".join(f"{json.dumps(pairs[i][0])}: {json.dumps(pairs[i][1], **layout)}" for i in order) + "}"
    else:
        text = json.dumps(draw(RECORDS) if shape == "bare" else draw(VALUES), **layout)
    text = draw(st.sampled_from(["", " \n", "\ufeff"])) + text + draw(st.sampled_from(["", "\n", " x"]))
    where = draw(st.integers(0, len(text)))
    change = draw(st.sampled_from(["none", "none", "cut", "insert"]))
    if change == "cut":
        text = text[:where]
    elif change == "insert":
        text = text[:where] + draw(st.sampled_from(list('{}[],:"1e.\x00 '))) + text[where:]
    return text


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=export_texts(), window=st.integers(1, 24))
def test_the_streamed_reader_gives_the_records_and_refusals_of_the_whole_document(text: str, window: int) -> None:
    data = text.encode()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(json_stream, "WINDOW", window)
        patch.setattr(raw, "WINDOW", window)
        streamed = outcome(lambda: raw.file_records(data, "device.json"))
    assert streamed == outcome(lambda: old_file_records(data))


SMALL_EXPORT = (
    '\ufeff{"application": "cramp-diary", "format": 2, "episodes": [\n  {"uuid": "5a0c", "note": "caf\u00e9 \U0001f9b5 \\"x\\"",'
    ' "n": -123456.5e-3, "t": true, "z": null},\n  {"labels": ["a", [1e5, 0]], "o": {}}\n], "checkins": [], "size": -98765.25e-3, "device": "\u00fc"}\n'
)


@pytest.mark.parametrize("window", [1, 2, 3, 5, 8])
def test_every_prefix_and_every_window_of_an_export_reads_as_before(window: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file caught half-carried is cut anywhere: each cut is refused with the words, line and column of before."""
    monkeypatch.setattr(json_stream, "WINDOW", window)
    monkeypatch.setattr(raw, "WINDOW", window)
    for cut in range(len(SMALL_EXPORT) + 1):
        data = SMALL_EXPORT[:cut].encode()
        assert outcome(lambda: raw.file_records(data, "d.json")) == outcome(lambda: old_file_records(data)), cut


def test_values_cut_by_the_window_are_read_by_the_stream_not_the_whole_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole text is read only for a file not of an export's shape: a number or a character cut by a window is not that."""
    def whole(text: str) -> None:
        raise AssertionError("read whole")

    monkeypatch.setattr(raw, "_whole", whole)
    for window in range(1, 12):
        monkeypatch.setattr(json_stream, "WINDOW", window)
        records, document = raw.file_records(SMALL_EXPORT.encode(), "d.json")
        assert list(records)[1]["labels"] == ["a", [1e5, 0]] and document["device"] == "\u00fc"


def test_streamed_episodes_and_deletion_records_are_not_held_in_a_list() -> None:
    deletion = Tombstone("episode", "5a0c3c2e-8f5b-4a51-9b7e-2d1f0c7a9e11", hlc.from_legacy(NOW - timedelta(hours=2)), "other", NOW)
    data = export_json([Episode(NOW - timedelta(hours=1), "calf", "left")], tombstones=[deletion]).encode()
    found = stream_export(data, NOW)
    assert not isinstance(found.episodes, list) and len(list(found.episodes)) == 1
    assert not isinstance(found.tombstones, list) and list(found.tombstones) == read_export(data, NOW).tombstones


BAD_FIELDS = [("severity", 99), ("side", "up"), ("started_at", "yesterday"), ("uuid", "x"), ("hlc", "nonsense"),
              ("muscle", 5), ("duration", -3), ("triggers", "coffee")]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(found=st.lists(episodes(), min_size=1, max_size=5), bad=st.one_of(st.none(), st.sampled_from(BAD_FIELDS)), place=st.integers(0, 4))
def test_stream_export_reads_and_refuses_as_read_export(found: list[Episode], bad: tuple[str, object] | None, place: int) -> None:
    document = json.loads(export_json(found, checkins=[NOW.date() - timedelta(days=2)]))
    if bad is not None:
        document["episodes"][place % len(found)][bad[0]] = bad[1]
    data = json.dumps(document).encode()
    try:
        whole = read_export(data, NOW)
    except ImportRefused as error:
        with pytest.raises(ImportRefused) as streamed_error:
            list(stream_export(data, NOW).episodes)
        assert str(streamed_error.value) == str(error)
        return
    streamed = stream_export(data, NOW)
    assert list(streamed.episodes) == whole.episodes
    assert (streamed.checkins, list(streamed.tombstones), streamed.device) == (whole.checkins, whole.tombstones, whole.device)


def device_file_with_a_bad_sixth_episode(tmp_path: Path, clock: FakeClock, bad: str = "episode") -> bytes:
    """Another device's complete export of seven episodes and three deletion records, the sixth episode (or the
    second deletion record, read after every episode went in) with a value no diary has."""
    with Diary.open(tmp_path / "other.db", clock) as other:
        for hours in range(10):
            other.episodes.add(Episode(clock() - timedelta(hours=hours + 1), "calf", "left", note=f"there {hours}"))
        for gone in other.episodes.newest_first(limit=3):
            other.episodes.delete(gone.id)  # type: ignore[arg-type]
        other.checkins.add(clock().date() - timedelta(days=9))
        document = json.loads(export_json(other.episodes.iter_all(), other.checkins.records(), tombstones=other.stamps.tombstones(), device="other"))
    if bad == "episode":
        document["episodes"][5]["severity"] = 99
    else:
        document["tombstones"][1]["seen_rank"] = 7
    return json.dumps(document).encode()


def state(diary: Diary) -> str:
    return export_json(diary.episodes.iter_all(include_open=True), diary.checkins.records(), diary.routines.records(),
                       diary.stamps.tombstones())


@pytest.mark.parametrize(("bad", "named"), [("episode", "episode 6 in the file"), ("deletion", "deletion record 2 in the file")])
def test_a_sync_that_fails_at_a_bad_record_changes_nothing(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch, bad: str, named: str
) -> None:
    monkeypatch.setattr(synced, "MERGE_BATCH", 2)  # five episodes in, over two batches, before the bad one
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o700)
    (folder / "other-0123456789abcdef.json").write_bytes(device_file_with_a_bad_sixth_episode(tmp_path, clock, bad))
    os.chmod(folder / "other-0123456789abcdef.json", 0o600)
    with Diary.open(tmp_path / "mine.db", clock) as mine:
        mine.episodes.add(Episode(clock() - timedelta(days=1), "foot", "right", note="here"))
        before = state(mine)
        report = sync(mine, folder)
        assert len(report.warnings) == 1 and "other-0123456789abcdef.json" in report.warnings[0]
        assert named in report.warnings[0], report.warnings
        assert state(mine) == before and not mine.db.conn.in_transaction


def test_an_import_that_fails_at_the_sixth_episode_changes_nothing(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from cramp_diary.cli import cli

    monkeypatch.setattr(synced, "MERGE_BATCH", 2)
    file = tmp_path / "other.json"
    file.write_bytes(device_file_with_a_bad_sixth_episode(tmp_path, clock))
    with Diary.open(tmp_path / "mine.db", clock) as mine:
        mine.episodes.add(Episode(clock() - timedelta(days=1), "foot", "right", note="here"))
        before = state(mine)
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "mine.db"), "import", str(file)], obj={"now": clock})
    assert result.exit_code == 2 and "cannot import: episode 6 in the file" in result.output and "severity" in result.output
    assert "Traceback" not in result.output
    with Diary.open(tmp_path / "mine.db", clock) as mine:
        assert state(mine) == before
