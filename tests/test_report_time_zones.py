"""Report times are local, without offsets, except a cramp logged away from home; summer and winter time never count."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from cramp_diary.clock import home_zone, logged_away
from cramp_diary.model import Episode
from cramp_diary.report import build_report, to_markdown
from cramp_diary.report.data import episode_cells
from cramp_diary.store import Diary

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")


def test_winter_and_summer_times_at_home_carry_no_offset() -> None:
    winter = Episode(datetime(2026, 1, 10, 3, 10, tzinfo=LONDON).astimezone(timezone(timedelta(0))), "calf", "left")
    summer = Episode(datetime(2026, 7, 10, 3, 10, tzinfo=LONDON).astimezone(timezone(timedelta(hours=1))), "calf", "left")
    assert episode_cells(winter, LONDON)[0] == "2026-01-10 03:10"  # not "(+0000)"
    assert episode_cells(summer, LONDON)[0] == "2026-07-10 03:10"


def test_a_cramp_logged_abroad_keeps_its_offset() -> None:
    away = Episode(datetime(2026, 7, 10, 3, 10, tzinfo=NEW_YORK), "calf", "left")
    assert episode_cells(away, LONDON)[0] == "2026-07-10 03:10 (-0400)"


@settings(max_examples=100, deadline=None)
@given(st.datetimes(datetime(2024, 1, 1), datetime(2028, 12, 31)))
def test_no_moment_in_the_home_zone_ever_counts_as_away(moment: datetime) -> None:
    """Across every DST change: the home zone's own offset on that date is the one compared with."""
    local = moment.replace(tzinfo=LONDON)
    assert not logged_away(local, LONDON)
    assert not logged_away(local.astimezone(timezone(local.utcoffset())), LONDON)  # as stored: a bare offset


def test_home_zone_is_the_clocks_own_zone_or_the_systems() -> None:
    assert home_zone(datetime(2026, 3, 29, 3, 0, tzinfo=LONDON)) is LONDON
    assert home_zone(datetime(2026, 3, 29, 3, 0, tzinfo=timezone.utc)) is None


def test_a_report_across_a_dst_change_shows_no_offsets(diary: Diary) -> None:
    for when in (datetime(2026, 10, 20, 3, 0, tzinfo=LONDON), datetime(2026, 11, 5, 3, 0, tzinfo=LONDON)):
        diary.episodes.add(Episode(when, "calf", "left"))
    diary.episodes.add(Episode(datetime(2026, 11, 10, 3, 0, tzinfo=NEW_YORK), "calf", "right"))
    text = to_markdown(build_report(diary, date(2026, 11, 22), 12, LONDON))
    assert "2026-10-20 03:00 |" in text and "2026-11-05 03:00 |" in text
    assert "2026-11-10 03:00 (-0500)" in text
    assert "(+0000)" not in text and "(+0100)" not in text
