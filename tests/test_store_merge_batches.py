"""Merging in batches decides exactly as merging one record at a time.

``Diary.merge`` looks up a batch's existing copies and deletion records in one query
and writes the batch with one statement per table; a uuid met twice in one file
splits the batch, so the later copy meets the earlier one as it would row by row.
"""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cramp_diary import hlc
from cramp_diary.model import Episode
from cramp_diary.records import Tombstone
from cramp_diary.store import Diary, MergeResult
from cramp_diary.store import synced
from conftest import NOW, FakeClock, new_diary

UUIDS = [f"00000000-0000-4000-8000-00000000000{n}" for n in range(6)]
BASE_MS = hlc.to_ms(NOW) - 10_000_000

#: One copy of an episode: which uuid, its stamp's offset, its trigger (a label) and severity.
copies = st.lists(
    st.tuples(st.sampled_from(UUIDS), st.integers(0, 6), st.sampled_from(["cold", "heat", ""]), st.integers(0, 10)),
    max_size=14,
)
#: Deletion records already in the diary: which uuid, its stamp's offset.
deletions = st.lists(st.tuples(st.sampled_from(UUIDS), st.integers(0, 6)), max_size=4)


def copy(uuid: str, offset: int, trigger: str, severity: int, device: str = "other") -> Episode:
    return Episode(
        uuid=uuid, started_at=NOW - timedelta(days=1, minutes=offset), muscle="calf", side="left",
        severity=severity, triggers=(trigger,) if trigger else (), hlc=hlc.make(BASE_MS + offset * 1000, 0, device),
    )


def state(diary: Diary) -> tuple[object, ...]:
    """Everything a merge writes, row ids included."""
    rows = diary.db.execute("SELECT id, uuid, severity, hlc FROM episodes ORDER BY id").fetchall()
    labels = diary.db.execute("SELECT episode_id, trigger FROM episode_triggers ORDER BY 1, 2").fetchall()
    tombs = diary.db.execute("SELECT kind, key, hlc FROM tombstones ORDER BY 1, 2").fetchall()
    return rows, labels, tombs, diary.stamps._meta("hlc_last")


def merged(batch_size: int, before: list, deleted: list, incoming: list, monkeypatch: pytest.MonkeyPatch) -> tuple[MergeResult, tuple[object, ...]]:
    monkeypatch.setattr(synced, "MERGE_BATCH", batch_size)
    with tempfile.TemporaryDirectory(prefix="cramp-batches-") as folder:
        with new_diary(Path(folder) / "diary.db", FakeClock()) as diary:
            diary.merge([copy(*item, device="here") for item in before])
            diary.merge([], tombstones=[
                Tombstone("episode", uuid, hlc.make(BASE_MS + offset * 1000, 1, "gone"), "gone", NOW)
                for uuid, offset in deleted
            ])
            result = diary.merge([copy(*item) for item in incoming])
            return result, state(diary)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=copies, deleted=deletions, incoming=copies)
def test_batches_decide_as_one_record_at_a_time(
    before: list, deleted: list, incoming: list, monkeypatch: pytest.MonkeyPatch
) -> None:
    one_by_one = merged(1, before, deleted, incoming, monkeypatch)
    assert merged(3, before, deleted, incoming, monkeypatch) == one_by_one
    assert merged(1000, before, deleted, incoming, monkeypatch) == one_by_one


def test_the_same_uuid_twice_in_one_file_keeps_the_newer_copy(diary: Diary) -> None:
    uuid = UUIDS[0]
    result = diary.merge([copy(uuid, 5, "cold", 7), copy(uuid, 2, "heat", 3), copy(uuid, 6, "", 9)])
    assert (result.added, result.updated, result.unchanged) == (1, 1, 1)
    [episode] = diary.episodes.newest_first()
    assert (episode.severity, episode.triggers) == (9, ())
    assert diary.db.execute("SELECT count(*) FROM episode_triggers").fetchone()[0] == 0


def test_a_batch_that_fails_leaves_nothing(diary: Diary, monkeypatch: pytest.MonkeyPatch) -> None:
    """The episodes of earlier batches are written when a later one fails: the whole import rolls back."""
    monkeypatch.setattr(synced, "MERGE_BATCH", 2)
    bad = copy(UUIDS[5], 1, "cold", 4).with_changes(muscle="elbow")  # fails validation in the third batch
    with pytest.raises(ValueError):
        diary.merge([copy(uuid, 1, "cold", 4) for uuid in UUIDS[:5]] + [bad])
    assert diary.episodes.count() == 0
    assert diary.db.execute("SELECT count(*) FROM episode_triggers").fetchone()[0] == 0
    assert not diary.db.conn.in_transaction
