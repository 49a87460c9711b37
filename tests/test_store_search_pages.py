"""A search's pages at any size of diary: the newest matches first, page by page, as a LIKE oracle orders them.

A page is first looked for among the newest episodes (``SEARCH_WINDOW`` pages of
them) and, when they hold too few matches, among every match; both ways must give
the same page. The window is set to one page here so that small diaries take both.
"""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cramp_diary.model import Episode
from cramp_diary.store import Diary, EpisodeFilter
from cramp_diary.store import episodes as episodes_module

from conftest import FakeClock
from test_store_search import oracle

NOTES = st.sampled_from(["woke me twice", "after a long drive", "", "woke at the drive", "woke early", "drive home"])


def oracle_pages(saved: list[Episode], text: str, size: int, include_open: bool = False) -> list[list[int]]:
    """Every match, newest first (time, then the larger id), cut into pages of ``size``."""
    found = set(oracle(saved, text))
    ordered = sorted(
        (e for e in saved if e.id in found and (include_open or e.status == "done")),
        key=lambda e: (e.started_at, e.id), reverse=True,
    )
    ids = [e.id for e in ordered]
    return [ids[n:n + size] for n in range(0, len(ids) + 1, size)]  # a full last page is followed by an empty one


def searched_pages(diary: Diary, text: str, size: int) -> list[list[int]]:
    """The pages as the list loads them: each older than the last episode shown."""
    pages: list[list[int]] = []
    last = None
    while True:
        page = diary.episodes.newest_first(EpisodeFilter(text=text), limit=size, older_than=last)
        pages.append([e.id for e in page])  # type: ignore[misc]
        if len(page) < size:
            return pages
        last = page[-1]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(st.tuples(st.integers(0, 40), NOTES, st.booleans()), min_size=1, max_size=25),
    text=st.sampled_from(["woke", "driv", "woke twice", "calf", "stairs", "nothing"]),
    size=st.integers(1, 6),
    window=st.sampled_from([1, 2, 3, 50]),
)
def test_each_page_is_the_oracles_page(
    rows: list[tuple[int, str, bool]], text: str, size: int, window: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(episodes_module, "SEARCH_WINDOW", window)
    clock = FakeClock()
    with tempfile.TemporaryDirectory() as folder, Diary.open(Path(folder) / "d.db", clock) as diary:
        # hours back in any order: ids (the order saved) are not the order in time, as after a back-fill or a sync
        saved = [
            diary.episodes.add(
                Episode(started_at=clock() - timedelta(hours=hours), muscle="calf", side="left", note=note,
                        status="open" if unfinished else "done")
            )
            for hours, note, unfinished in rows
        ]
        assert searched_pages(diary, text, size) == oracle_pages(saved, text, size)


def test_a_page_larger_than_the_window_can_hold_is_still_found(diary: Diary, clock: FakeClock) -> None:
    """``list --limit`` takes any number: a window past SQLite's integers is not asked for."""
    kept = diary.episodes.add(Episode(started_at=clock(), muscle="calf", side="left", note="long drive"))
    assert [e.id for e in diary.episodes.newest_first(EpisodeFilter(text="drive"), limit=2**62)] == [kept.id]
