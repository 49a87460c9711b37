"""A cramp timed at night is recorded as one that woke the person, like a night quick log."""

from __future__ import annotations

from fake_monotonic import FakeMonotonic

from cramp_diary.store import Diary
from cramp_diary.tui.app import CrampApp


async def test_timer_at_night_records_context_asleep(diary: Diary, clock, tmp_path) -> None:
    clock.current = clock.current.replace(hour=3, minute=20)
    mono = FakeMonotonic()
    app = CrampApp(diary, now=clock, monotonic=mono, config_dir=tmp_path, start_timer=("calf", "left"))
    async with app.run_test() as pilot:
        await pilot.pause()
        [unfinished] = diary.episodes.unfinished()
        assert unfinished.context == "asleep"
        mono.advance(42)
        await pilot.pause()
        await pilot.press("enter")  # released
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        [episode] = diary.episodes.newest_first()
        assert (episode.context, episode.duration, episode.status) == ("asleep", 42, "done")
