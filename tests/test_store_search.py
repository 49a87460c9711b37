"""Full-text search (issue 25): the FTS5 index answers as a LIKE over words would, and stays in step with every write.

The oracle folds case and accents as the index does, splits text into words at
anything that is not a letter or a digit, and asks SQLite's LIKE whether every
searched word starts a word of the episode. FTS5's own 'integrity-check' then
proves the index matches the table after each kind of write.
"""

from __future__ import annotations

import sqlite3
import tempfile
import unicodedata
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cramp_diary.model import Episode
from cramp_diary.store import Diary, EpisodeFilter
from cramp_diary.store.search import match_expression, words

from conftest import FakeClock, new_diary

#: Letters the index and the oracle fold alike, with punctuation, quotes and FTS5 syntax between them.
LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFXYZ0123456789éÉüÜñçàдружбаαβγ東京足"
PUNCTUATION = " \"'.,;:!?()*-^+~/\\%_@#&"
TEXT = st.text(alphabet=LETTERS + PUNCTUATION, max_size=40)
OWN_WORDS = st.sampled_from(["long-drive", "hot-bath", "heat", "stairs", "übung", "東京"])


def fold(text: str) -> str:
    """Lower case, accents off: 'Übung' -> 'ubung', as unicode61 with remove_diacritics reads it."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)).lower()


def oracle(episodes: list[Episode], query: str) -> list[int]:
    """The ids whose words (muscle, side, context, note, labels) have a word starting with each searched word."""
    wanted = [fold(word) for word in words(query)]
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE docs (id INTEGER, text TEXT)")
    for e in episodes:
        fields = [e.muscle, e.muscle_other, e.side, e.context or "", e.note, *e.triggers, *e.reliefs, *e.signs]
        conn.execute("INSERT INTO docs VALUES (?, ?)", [e.id, " " + " ".join(fold(w) for f in fields for w in words(f)) + " "])
    clauses = " AND ".join("text LIKE ?" for _ in wanted) or "1"
    found = [row[0] for row in conn.execute(f"SELECT id FROM docs WHERE {clauses}", [f"% {w}%" for w in wanted])]
    conn.close()
    return sorted(found)


def searched(diary: Diary, query: str) -> list[int]:
    return sorted(e.id for e in diary.episodes.newest_first(EpisodeFilter(text=query)))  # type: ignore[misc]


def assert_index_in_step(diary: Diary) -> None:
    """FTS5 checks its index against the table's rows (raises 'database disk image is malformed' if not)."""
    conn = diary.db.conn
    conn.execute("INSERT INTO episodes_fts (episodes_fts, rank) VALUES ('integrity-check', 1)")
    conn.rollback()  # it writes nothing; end the transaction Python's sqlite3 opened for the INSERT


episodes_strategy = st.lists(
    st.tuples(TEXT, st.lists(OWN_WORDS, max_size=2, unique=True), st.booleans(), TEXT.filter(lambda t: t.strip())),
    min_size=1,
    max_size=8,
)
queries = st.one_of(TEXT, st.sampled_from(["driv", "long drive", "ÜBU", "東", '"', "AND", "NEAR(", "*", "x OR y", "-heat"]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=episodes_strategy, query=queries, prefix_of=st.integers(min_value=0, max_value=7))
def test_search_answers_like_the_like_oracle(rows: list, query: str, prefix_of: int) -> None:
    clock = FakeClock()
    with tempfile.TemporaryDirectory() as folder, new_diary(Path(folder) / "d.db", clock) as diary:
        saved = [
            diary.episodes.add(
                Episode(
                    started_at=clock() - timedelta(hours=n + 1), muscle="other" if own else "calf",
                    muscle_other=own_muscle.strip() if own else "", side="left", note=note, triggers=tuple(triggers),
                )
            )
            for n, (note, triggers, own, own_muscle) in enumerate(rows)
        ]
        note_words = words(saved[prefix_of % len(saved)].note)
        for text in (query, note_words[0][:3] if note_words else "", " ".join(note_words)):
            assert searched(diary, text) == oracle(saved, text), text
        assert_index_in_step(diary)


def test_a_new_user_finds_the_long_drive_by_driv(diary: Diary, clock: FakeClock) -> None:
    kept = diary.episodes.add(Episode(started_at=clock(), muscle="calf", side="left", note="cramp after the long drive"))
    diary.episodes.add(Episode(started_at=clock() - timedelta(hours=1), muscle="calf", side="left", note="drove home"))
    assert searched(diary, "driv") == [kept.id]
    assert searched(diary, "LONG driv") == [kept.id]  # several words: all must match, any case
    assert searched(diary, "long home") == []


@pytest.mark.parametrize("text", ['"', '""', "'", "AND", "OR NOT", "NEAR(a b)", "*", "^x", "a:b", "col:note", "(", "-", "\\", "%_"])
def test_text_that_is_not_a_valid_query_still_searches(diary: Diary, clock: FakeClock, text: str) -> None:
    diary.episodes.add(Episode(started_at=clock(), muscle="calf", side="left", note='she said "AND" (twice) a:b ^x'))
    assert searched(diary, text) == oracle(diary.episodes.newest_first(), text)  # never an error


def test_labels_and_own_words_are_searched(diary: Diary, clock: FakeClock) -> None:
    first = diary.episodes.add(
        Episode(started_at=clock(), muscle="other", muscle_other="Peroneus", side="both", triggers=("long-drive",),
                reliefs=("hot-bath",), signs=("skin-change",), context="sitting")
    )
    for text in ("peron", "drive", "bath", "skin", "sitting", "both"):
        assert searched(diary, text) == [first.id], text


def test_the_index_follows_edits_deletes_and_undo(diary: Diary, clock: FakeClock) -> None:
    saved = diary.episodes.add(Episode(started_at=clock(), muscle="calf", side="left", note="after the drive", triggers=("heat",)))
    edited = diary.episodes.update(saved.with_changes(note="after the swim", triggers=("stairs",), reliefs=("walk",)))
    assert searched(diary, "drive") == searched(diary, "heat") == []
    assert searched(diary, "swim") == searched(diary, "stairs") == searched(diary, "walk") == [edited.id]
    assert_index_in_step(diary)
    diary.episodes.update_fields(edited, edited.with_changes(triggers=()), keep_mine=True)
    assert searched(diary, "stairs") == [] and searched(diary, "walk") == [edited.id]
    gone = diary.episodes.delete(edited.id)
    assert searched(diary, "swim") == []
    assert_index_in_step(diary)
    back = diary.episodes.restore(gone)  # the app's undo
    assert searched(diary, "swim") == searched(diary, "walk") == [back.id]
    assert_index_in_step(diary)


def test_the_index_follows_import_and_sync(tmp_path: Path, clock: FakeClock) -> None:
    from cramp_diary import sync
    from cramp_diary.exchange import export_json, read_export

    folder = tmp_path / "sync"
    folder.mkdir()
    with Diary.open(tmp_path / "a.db", clock) as a, Diary.open(tmp_path / "b.db", clock) as b:
        one = a.episodes.add(Episode(started_at=clock(), muscle="calf", side="left", note="after the drive", triggers=("heat",)))
        found = read_export(export_json(a.episodes.iter_all()).encode(), clock())
        b.merge(found.episodes, validated=True)  # import
        assert [e.note for e in b.episodes.newest_first(EpisodeFilter(text="driv heat"))] == ["after the drive"]
        assert_index_in_step(b)
        sync.sync(a, folder)
        sync.sync(b, folder)
        b_copy = b.episodes.newest_first(EpisodeFilter(text="drive"))[0]
        clock.advance(minutes=5)
        b.episodes.update(b_copy.with_changes(note="after the swim", triggers=("stairs",)))
        sync.sync(b, folder)
        sync.sync(a, folder)  # a takes b's edit through the folder
        assert searched(a, "drive") == [] and searched(a, "swim stairs") == [one.id]
        assert_index_in_step(a)
        b.episodes.delete(b.episodes.newest_first()[0].id)
        sync.sync(b, folder)
        sync.sync(a, folder)  # ...and b's deletion
        assert searched(a, "swim") == []
        assert_index_in_step(a)


def test_day_totals_triggers_survive_and_recursive_triggers_stay_off(diary: Diary, clock: FakeClock) -> None:
    conn = diary.db.conn
    triggers = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert {"day_totals_insert", "day_totals_delete", "day_totals_update", "episodes_ai", "episodes_ad", "episodes_au"} <= triggers
    assert conn.execute("PRAGMA recursive_triggers").fetchone()[0] == 0
    saved = diary.episodes.add(Episode(started_at=clock(), muscle="calf", side="left", severity=4, triggers=("heat",)))
    assert conn.execute("SELECT cramps, severity_4 FROM day_totals").fetchall() == [(1, 1)]
    diary.episodes.update(saved.with_changes(reliefs=("walk",)))  # a label change updates the episode row: counted once still
    assert conn.execute("SELECT cramps, severity_4 FROM day_totals").fetchall() == [(1, 1)]


def test_an_older_diary_is_indexed_when_upgraded(tmp_path: Path, clock: FakeClock) -> None:
    """Every episode already there, with its labels, is found after the upgrade."""
    from cramp_diary.store import APPLICATION, MIGRATIONS, apply_migration
    from cramp_diary.store.search import search_index

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    before = MIGRATIONS.index(search_index)
    for step in MIGRATIONS[:before]:
        apply_migration(conn, step)
    conn.execute("INSERT INTO meta (key, value) VALUES ('application', ?)", [APPLICATION])
    conn.execute(
        "INSERT INTO episodes (uuid, started_at, started_utc, local_day, muscle, side, note, created_at, updated_at)"
        " VALUES ('5a0c3c2e-8f5b-4a51-9b7e-2d1f0c7a9e11', '2026-11-01T03:10:00+01:00', '2026-11-01T02:10:00+00:00',"
        " '2026-11-01', 'calf', 'left', 'from an old release', '2026-11-01T02:15:00+00:00', '2026-11-01T02:15:00+00:00')"
    )
    conn.execute("INSERT INTO episode_triggers (episode_id, trigger) VALUES (1, 'long-drive')")
    conn.execute(f"PRAGMA user_version = {before}")
    conn.commit()
    conn.close()
    path.chmod(0o600)
    with Diary.open(path, clock) as diary:
        assert searched(diary, "old releas") == searched(diary, "driv") == [1]
        assert_index_in_step(diary)


def test_match_expression_quotes_every_word_as_a_prefix() -> None:
    assert match_expression('driv "long" AND x*') == '"driv"* "long"* "AND"* "x"*'
    assert match_expression(" -- ! ") is None
