"""The home screen driven by keys: list, edit, delete with undo, filter, live updates."""

from __future__ import annotations

from datetime import timedelta

from cramp_diary.model import Episode
from cramp_diary.store import Diary
from cramp_diary.tui.app import CrampApp
from cramp_diary.tui.screens.confirm import ConfirmScreen
from cramp_diary.tui.screens.episode_form import EpisodeForm
from cramp_diary.tui.screens.help import HelpScreen
from cramp_diary.tui.screens import home
from cramp_diary.tui.screens.home import HomeScreen
from cramp_diary.tui.widgets.episode_table import FIRST_PAGE, PAGE, EpisodeTable


def _episode(clock, minutes_ago: int, **extra) -> Episode:
    fields = {"muscle": "calf", "side": "left", "started_at": clock() - timedelta(minutes=minutes_ago)}
    fields.update(extra)
    return Episode(**fields)


async def test_list_shows_newest_first_with_the_episode_fields(diary: Diary, clock) -> None:
    diary.episodes.add(_episode(clock, 300, duration=90, severity=6, triggers=("dehydration",), context="asleep"))
    diary.episodes.add(_episode(clock, 60, muscle="foot", side="right"))
    async with CrampApp(diary, now=clock).run_test() as pilot:
        table = pilot.app.screen.query_one(EpisodeTable)
        assert table.row_count == 2
        first, second = (row.cells for row in table.rows)
        assert list(first[:3]) == ["2026-11-22 20:30", "foot", "right"]
        assert list(second) == ["2026-11-22 16:30", "calf", "left", "1m30s", "6", "asleep", "dehydration"]


async def test_empty_diary_shows_where_it_lives_and_which_keys_to_press(diary: Diary, clock) -> None:
    async with CrampApp(diary, now=clock).run_test() as pilot:
        empty = pilot.app.screen.query_one("#empty")
        assert empty.display
        text = str(empty.render())
        assert str(diary.path) in text and "n" in text and "ctrl+s" in text
        assert not pilot.app.screen.query_one(EpisodeTable).display


async def test_delete_asks_then_undo_brings_the_episode_back(diary: Diary, clock) -> None:
    saved = diary.episodes.add(_episode(clock, 30, note="keep me", triggers=("cold",)))
    async with CrampApp(diary, now=clock).run_test() as pilot:
        await pilot.press("d")
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.press("n")  # no: nothing happens
        assert diary.episodes.get(saved.id) is not None
        await pilot.press("d", "y")
        await pilot.pause()
        assert diary.episodes.get(saved.id) is None
        await pilot.press("u")
        await pilot.pause()
        back = diary.episodes.get(saved.id)
        assert back is not None and back.uuid == saved.uuid and back.note == "keep me" and back.triggers == ("cold",)
        assert pilot.app.screen.query_one(EpisodeTable).row_count == 1


async def test_enter_opens_the_selected_episode_for_editing(diary: Diary, clock) -> None:
    saved = diary.episodes.add(_episode(clock, 30, severity=3))
    async with CrampApp(diary, now=clock).run_test() as pilot:
        await pilot.press("enter")
        form = pilot.app.screen
        assert isinstance(form, EpisodeForm) and not form.is_new and form.draft.id == saved.id
        form.query_one("#severity").value = "8"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HomeScreen)
        assert diary.episodes.get(saved.id).severity == 8


async def test_filter_narrows_the_list_by_trigger_and_escape_clears_it(diary: Diary, clock) -> None:
    diary.episodes.add(_episode(clock, 30, triggers=("alcohol",)))
    diary.episodes.add(_episode(clock, 20, muscle="thigh"))
    diary.episodes.add(_episode(clock, 10, note="after the long drive"))
    async with CrampApp(diary, now=clock).run_test() as pilot:
        table = pilot.app.screen.query_one(EpisodeTable)
        await pilot.press("slash", *"alcohol")
        assert table.row_count == 1
        pilot.app.screen.query_one("#filter").value = "drive"
        await pilot.pause()
        assert table.row_count == 1 and table.rows[0].cells[1] == "calf"
        await pilot.press("escape")
        await pilot.pause()
        assert table.row_count == 3


async def test_episode_logged_elsewhere_appears_without_restart(db_path, diary: Diary, clock, monkeypatch) -> None:
    monkeypatch.setattr(home, "LIVE_INTERVAL", 0.02)  # the real poll is once a second
    async with CrampApp(diary, now=clock).run_test() as pilot:
        with Diary.open(db_path, clock) as other:  # like `cramp-diary log` in another terminal
            other.episodes.add(_episode(clock, 5))
        await pilot.pause(0.1)
        assert pilot.app.screen.query_one(EpisodeTable).row_count == 1


async def test_large_diary_loads_one_page_and_more_on_scroll(diary: Diary, clock) -> None:
    diary.merge(_episode(clock, minutes) for minutes in range(1, PAGE * 2 + 50))
    async with CrampApp(diary, now=clock).run_test() as pilot:
        table = pilot.app.screen.query_one(EpisodeTable)
        assert table.row_count == FIRST_PAGE and not table.exhausted
        await pilot.press("end")
        await pilot.pause()
        assert table.row_count == FIRST_PAGE + PAGE  # then a full page at a time


async def test_help_lists_every_home_key(diary: Diary, clock) -> None:
    async with CrampApp(diary, now=clock).run_test() as pilot:
        await pilot.press("question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)
        keys = pilot.app.screen.query_one("#help")
        text = " ".join(str(w.render()) for w in keys.query("Static"))
        for words in ("Log a new cramp", "Delete the selected", "Bring back", "Filter", "stretch countdown", "charts"):
            assert words in text
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, HomeScreen)


async def test_night_theme_at_night_and_toggle(diary: Diary, clock) -> None:
    clock.current = clock.current.replace(hour=3)
    async with CrampApp(diary, now=clock).run_test() as pilot:
        assert pilot.app.theme == "cramp-night"
        await pilot.press("ctrl+t")
        assert pilot.app.theme == "cramp-calm"


async def test_quit_key_leaves_the_app(diary: Diary, clock) -> None:
    async with CrampApp(diary, now=clock).run_test() as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not pilot.app.is_running


async def test_list_is_fresh_after_returning_from_another_screen(diary: Diary, clock) -> None:
    """The timer saves through the app's own connection, which the live poll cannot see."""
    async with CrampApp(diary, now=clock).run_test() as pilot:
        await pilot.press("question_mark")
        diary.episodes.add(_episode(clock, 5))
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen.query_one(EpisodeTable).row_count == 1


async def test_command_palette_offers_every_home_action(diary: Diary, clock) -> None:
    async with CrampApp(diary, now=clock).run_test() as pilot:
        titles = {command.title for command in pilot.app.get_system_commands(pilot.app.screen)}
        assert {"New", "Edit", "Delete", "Undo", "Filter", "Timer", "Charts", "No cramp", "Warnings", "Report", "Help"} <= titles
        assert "Theme" in titles  # Textual's theme picker, offering only our own themes
        new = next(c for c in pilot.app.get_system_commands(pilot.app.screen) if c.title == "New")
        new.callback()
        await pilot.pause()
        assert isinstance(pilot.app.screen, EpisodeForm)


async def test_hidden_filter_never_keeps_the_keys(diary: Diary, clock) -> None:
    """Found in a user trial: after the palette closed, letters went into the invisible filter."""
    diary.episodes.add(_episode(clock, 30))
    diary.episodes.add(_episode(clock, 20))
    async with CrampApp(diary, now=clock).run_test() as pilot:
        await pilot.press("slash", "w", "escape", "d", "y")
        await pilot.pause()
        await pilot.press("u", "ctrl+p")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not pilot.app.screen.query_one("#filter").has_focus
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(pilot.app.screen, EpisodeForm)


async def test_a_filter_that_matches_nothing_says_so(diary: Diary, clock) -> None:
    diary.episodes.add(_episode(clock, 30))
    async with CrampApp(diary, now=clock).run_test() as pilot:
        await pilot.press("slash", *"zzz")
        await pilot.pause()
        message = pilot.app.screen.query_one("#empty")
        assert message.display and "No episode matches zzz" in str(message.render())
        await pilot.press("escape")
        await pilot.pause()
        assert not message.display and pilot.app.screen.query_one(EpisodeTable).row_count == 1
        assert pilot.app.screen.query_one("#filter").disabled


async def test_the_last_cramp_stays_readable_at_80_columns_beside_not_enough_days(diary: Diary, clock) -> None:
    # only this week recorded: the strip carries "not enough days recorded" and, at 80 columns, used to cut
    # "Last cramp 5 min ago" to "Last cramp 5" (the glance a person wants at 3 a.m.)
    for minutes in range(5, 5 + 28 * 60, 60):
        diary.episodes.add(_episode(clock, minutes))
    async with CrampApp(diary, now=clock).run_test(size=(80, 24)) as pilot:
        await pilot.pause()  # the lines above the list follow its first frame
        strip = pilot.app.screen.query_one("#summary")
        shown = "\n".join(
            "".join(segment.text for segment in line) for line in strip.render_lines(strip.region.reset_offset)
        )
        assert "not enough days recorded" in shown and "Last cramp 5 min ago" in shown, shown
        assert pilot.app.screen.query_one(EpisodeTable).row_count == 28


async def test_words_typed_in_a_burst_after_slash_go_to_the_filter(diary: Diary, clock) -> None:
    """"/driv" typed fast: the box is built when first asked for, and the keys that came meanwhile
    opened the delete question ("d") instead of filtering."""
    from textual import events

    from cramp_diary.tui.screens.confirm import ConfirmScreen

    diary.episodes.add(_episode(clock, 30).with_changes(note="cramp after the long drive"))
    diary.episodes.add(_episode(clock, 60))
    async with CrampApp(diary, now=clock).run_test() as pilot:
        await pilot.pause()
        for key, character in (("slash", "/"), ("d", "d"), ("r", "r"), ("i", "i"), ("v", "v")):
            pilot.app.post_message(events.Key(key, character))  # as a terminal sends them: all at once
        await pilot.pause()
        await pilot.pause()
        screen = pilot.app.screen
        assert not isinstance(screen, ConfirmScreen)
        assert screen.query_one("#filter").value == "driv"
        assert screen.query_one(EpisodeTable).row_count == 1
