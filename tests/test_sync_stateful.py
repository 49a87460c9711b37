"""Three devices with skewed, backward-stepping clocks edit, delete, undo, restore copies and sync through one folder.

After every device syncs twice in a row, all complete exports are the same record
for record, and nothing deleted comes back unless it was edited after the deletion.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, rule

from cramp_diary.exchange import export_json
from cramp_diary.model import Episode
from cramp_diary.store import Diary
from cramp_diary.sync import sync
from conftest import NOW, FakeClock, new_diary

DEVICES = ("alpha", "beta", "gamma")


def document(diary: Diary) -> dict[str, list[dict[str, object]]]:
    """A device's complete export without what is local to it (row ids, its own name)."""
    doc = json.loads(
        export_json(diary.episodes.iter_all(include_open=True), diary.checkins.records(), diary.routines.records(),
                    diary.stamps.tombstones())
    )
    for record in doc["episodes"]:
        del record["id"]
    return {key: doc[key] for key in ("episodes", "checkins", "routine_sessions", "tombstones")}


class ThreeDevices(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="cramp-sync-"))
        self.folder = self.root / "shared"
        self.folder.mkdir()
        self.clocks: dict[str, FakeClock] = {}
        self.diaries: dict[str, Diary] = {}
        for number, name in enumerate(DEVICES):
            clock = FakeClock(NOW + timedelta(minutes=37 * number - 40))  # skewed
            diary = new_diary(self.root / f"{name}.db", clock)
            diary.stamps.rename_device(name)
            self.clocks[name], self.diaries[name] = clock, diary
        self.undo: dict[str, list[Episode]] = {name: [] for name in DEVICES}
        #: uuid -> the last thing that happened to it, in the order the steps ran, and whether the
        #: device that did it had the newest version made anywhere (by clock stamp).
        self.last_event: dict[str, tuple[str, bool]] = {}
        self.changes: dict[str, int] = {}
        #: uuid -> the greatest stamp of any version made of it, on any device.
        self.newest: dict[str, str] = {}

    def teardown(self) -> None:
        try:
            self.after_two_rounds_all_agree()
        finally:
            for diary in self.diaries.values():
                diary.close()
            shutil.rmtree(self.root, ignore_errors=True)

    def _seen_all(self, name: str, uuid: str) -> bool:
        """Whether device ``name`` holds the newest version of ``uuid`` made anywhere.

        Then a deletion there removes every version there is, and an edit there is
        newer than every version, so neither may be undone by what the others did before.
        """
        episode = next((e for e in self.diaries[name].episodes.iter_all(include_open=True) if e.uuid == uuid), None)
        return episode is not None and episode.hlc == self.newest.get(uuid)

    def _made(self, episode: Episode) -> None:
        self.newest[episode.uuid] = max(self.newest.get(episode.uuid, ""), episode.hlc)

    @rule(name=st.sampled_from(DEVICES), minutes=st.integers(-90, 120))
    def clock_moves(self, name: str, minutes: int) -> None:
        """Clocks step forward, and sometimes backward."""
        self.clocks[name].advance(minutes=minutes)

    @rule(name=st.sampled_from(DEVICES), hours_ago=st.integers(3, 200))
    def add(self, name: str, hours_ago: int) -> None:
        clock = self.clocks[name]
        saved = self.diaries[name].episodes.add(Episode(clock() - timedelta(hours=hours_ago), "calf", "left", note="1"))
        self._made(saved)
        self.changes[saved.uuid] = 1
        self.last_event[saved.uuid] = ("live", True)

    @rule(name=st.sampled_from(DEVICES), pick=st.integers(0, 50), severity=st.integers(0, 10))
    def edit(self, name: str, pick: int, severity: int) -> None:
        found = self.diaries[name].episodes.iter_all(include_open=True)
        episodes = list(found)
        if not episodes:
            return
        episode = episodes[pick % len(episodes)]
        seen = self._seen_all(name, episode.uuid)
        self.changes[episode.uuid] += 1
        self._made(
            self.diaries[name].episodes.update(episode.with_changes(severity=severity, note=str(self.changes[episode.uuid])))
        )
        self.last_event[episode.uuid] = ("live", seen)

    @rule(name=st.sampled_from(DEVICES), pick=st.integers(0, 50))
    def delete(self, name: str, pick: int) -> None:
        episodes = list(self.diaries[name].episodes.iter_all(include_open=True))
        if not episodes:
            return
        episode = episodes[pick % len(episodes)]
        seen = self._seen_all(name, episode.uuid)
        self.undo[name].append(self.diaries[name].episodes.delete(episode.id))  # type: ignore[arg-type]
        self.last_event[episode.uuid] = ("deleted", seen)

    @rule(name=st.sampled_from(DEVICES))
    def undo_delete(self, name: str) -> None:
        if not self.undo[name]:
            return
        episode = self.undo[name].pop()
        if any(e.uuid == episode.uuid for e in self.diaries[name].episodes.iter_all(include_open=True)):
            return  # a sync brought it back meanwhile
        self.changes[episode.uuid] += 1
        self._made(self.diaries[name].episodes.restore(episode.with_changes(note=str(self.changes[episode.uuid]))))
        self.last_event[episode.uuid] = ("live", False)

    @rule(name=st.sampled_from(DEVICES), days_ago=st.integers(0, 12), withdraw=st.booleans())
    def checkin(self, name: str, days_ago: int, withdraw: bool) -> None:
        day: date = self.clocks[name]().date() - timedelta(days=days_ago)
        if withdraw:
            self.diaries[name].checkins.remove(day)
        else:
            self.diaries[name].checkins.add(day)

    @rule(name=st.sampled_from(DEVICES), delete=st.booleans())
    def routine(self, name: str, delete: bool) -> None:
        diary = self.diaries[name]
        sessions = diary.routines.records()
        if delete and sessions:
            diary.routines.delete(sessions[0].uuid)
        else:
            diary.routines.record("bedtime", self.clocks[name]() - timedelta(hours=1))

    @rule(source=st.sampled_from(DEVICES), into=st.sampled_from(DEVICES))
    def restore_a_copy(self, source: str, into: str) -> None:
        """``into`` syncs, then its diary is replaced by a copy of ``source``'s (a restore from another machine).

        The copy takes a new device identity on first use, so it syncs as a new device.
        """
        if source == into:
            return
        assert sync(self.diaries[into], self.folder).warnings == []
        self.diaries[into].close()
        path = self.root / f"{into}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        self.diaries[source].backup_to(path)
        self.diaries[into] = Diary.open(path, self.clocks[into])
        self.undo[into] = []

    @rule(name=st.sampled_from(DEVICES))
    def sync_one(self, name: str) -> None:
        report = sync(self.diaries[name], self.folder)
        assert report.warnings == []

    def after_two_rounds_all_agree(self) -> None:
        for _ in range(2):
            for name in DEVICES:
                assert sync(self.diaries[name], self.folder).warnings == []
        docs = [document(self.diaries[name]) for name in DEVICES]
        assert docs[0] == docs[1] == docs[2]
        present = {e["uuid"] for e in docs[0]["episodes"]}
        for uuid, (event, seen_all) in self.last_event.items():
            if event == "deleted" and seen_all:
                assert uuid not in present, "a deleted episode came back without a later edit"
            if event == "live" and seen_all:
                assert uuid in present, "an edit made to the newest version was lost"


ThreeDevices.TestCase.settings = settings(
    max_examples=30, stateful_step_count=25, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
TestThreeDevices = ThreeDevices.TestCase


def test_the_example_that_failed_in_issue_20_keeps_the_edit() -> None:
    """alpha adds and syncs, gamma deletes, alpha (its clock 74 minutes behind gamma's) edits: the edit survives."""
    devices = ThreeDevices()
    assert devices.clocks["gamma"]() - devices.clocks["alpha"]() == timedelta(minutes=74)
    devices.add("alpha", hours_ago=3)
    devices.sync_one("alpha")
    devices.sync_one("gamma")
    devices.delete("gamma", pick=0)
    devices.edit("alpha", pick=0, severity=5)
    devices.teardown()  # two rounds of syncs, then: all agree, and the edit made after everything alpha saw is there


def test_a_deletion_that_arrives_after_an_edit_of_the_version_it_removed_brings_the_edit_back_and_says_so(
    tmp_path: Path,
) -> None:
    """Whatever the clocks: the deleting device's clock is hours ahead of the editing one's."""
    behind, ahead = FakeClock(NOW - timedelta(hours=5)), FakeClock(NOW)
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o700)
    with Diary.open(tmp_path / "a.db", behind) as a, Diary.open(tmp_path / "b.db", ahead) as b:
        a.stamps.rename_device("alpha")
        b.stamps.rename_device("beta")
        a.episodes.add(Episode(NOW - timedelta(hours=8), "calf", "left", severity=3))
        sync(a, folder)
        sync(b, folder)
        b.episodes.delete(b.episodes.newest_first()[0].id)  # type: ignore[arg-type]
        a.episodes.update(a.episodes.newest_first()[0].with_changes(severity=7))
        sync(b, folder)
        lines = sync(a, folder).lines()
        assert [e.severity for e in a.episodes.newest_first()] == [7]
        assert lines == ["Nothing new from other devices."]  # the deletion of an older version changes nothing here
        back = sync(b, folder).lines()
        assert [e.severity for e in b.episodes.newest_first()] == [7]
        assert "1 episode brought back (edited there, where the deletion had not arrived)" in back[0]
