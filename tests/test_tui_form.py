"""The episode form: quick night log, full entry, invalid input, cancel."""

from __future__ import annotations

from cramp_diary.store import Diary
from cramp_diary.tui.app import CrampApp
from cramp_diary.tui.screens.confirm import ConfirmScreen
from cramp_diary.tui.screens.episode_form import EpisodeForm
from cramp_diary.tui.screens.home import HomeScreen


async def test_night_cramp_is_saved_in_four_keystrokes(diary: Diary, clock) -> None:
    clock.current = clock.current.replace(hour=3, minute=12)
    async with CrampApp(diary, now=clock).run_test() as pilot:
        await pilot.press("n", "1", "l", "ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HomeScreen)
        [episode] = diary.episodes.newest_first()
        assert (episode.muscle, episode.side, episode.context) == ("calf", "left", "asleep")
        assert episode.started_at == clock.current


async def test_daytime_form_does_not_assume_sleep(diary: Diary, clock) -> None:
    async with CrampApp(diary, now=clock.__class__(clock.current.replace(hour=15))).run_test() as pilot:
        await pilot.press("n", "4", "r", "ctrl+s")
        await pilot.pause()
        [episode] = diary.episodes.newest_first()
        assert (episode.muscle, episode.side, episode.context) == ("hamstring", "right", None)


async def test_every_field_typed_by_keyboard_lands_in_the_diary(diary: Diary, clock) -> None:
    async with CrampApp(diary, now=clock).run_test(size=(100, 50)) as pilot:
        await pilot.press("n", "6", *"inner ankle", "tab", "b")  # picking moves on by itself
        await pilot.press("home", "ctrl+k", *"yesterday 03:10")
        await pilot.press("tab", *"1:30", "tab", *"7", "tab", "a")
        await pilot.press("tab", "4")  # sleep disturbed 4 of 10
        await pilot.press("tab", "space", "down", "down", "down", "down", "space")  # dehydration, heat
        await pilot.press("tab", *"Long drive, new shoes", "tab", "space")  # own triggers; reliefs: stretch
        await pilot.press("tab", *["down"] * 6, "space")  # signs: numbness, the seventh
        await pilot.press("tab", *"It woke me [bold]twice[/bold]")
        await pilot.press("ctrl+s")
        await pilot.pause()
        [episode] = diary.episodes.newest_first()
        assert (episode.muscle, episode.muscle_other, episode.side) == ("other", "inner ankle", "both")
        assert episode.started_at.isoformat() == "2026-11-21T03:10:00+01:00"
        assert (episode.duration, episode.severity, episode.context) == (90, 7, "asleep")
        assert episode.sleep_disturbance == 4
        assert episode.triggers == ("dehydration", "heat", "long-drive", "new-shoes")
        assert (episode.reliefs, episode.signs) == (("stretch",), ("numbness",))
        assert episode.note == "It woke me [bold]twice[/bold]"


async def test_invalid_fields_are_marked_and_nothing_is_saved(diary: Diary, clock) -> None:
    async with CrampApp(diary, now=clock).run_test(size=(100, 50)) as pilot:
        await pilot.press("n")
        form = pilot.app.screen
        form.query_one("#duration").value = "0"
        form.query_one("#severity").value = "11"
        form.query_one("#sleep").value = "12"
        form.query_one("#time").value = "tomorrow"
        await pilot.pause()  # let the fields report their changes, as typing would
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, EpisodeForm)
        errors = {w.id: str(w.render()) for w in form.query(".error.shown")}
        assert "pick one" in errors["error-muscle"] and "pick one" in errors["error-side"]
        assert "between 1 s and 3 h" in errors["error-duration"]
        assert "0 to 10" in errors["error-severity"]
        assert "0 to 10 (got 12)" in errors["error-sleep"]
        assert "now, 03:10" in errors["error-time"]
        assert form.focused is form.query_one("#muscle")
        assert diary.episodes.count() == 0
        await pilot.press("2", "r")
        for name, value in (("duration", "45s"), ("severity", "3"), ("sleep", ""), ("time", "-20m")):
            form.query_one(f"#{name}").value = value
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert diary.episodes.count() == 1 and not form.query(".error.shown")


async def test_escape_on_a_blank_form_closes_at_once(diary: Diary, clock) -> None:
    async with CrampApp(diary, now=clock).run_test() as pilot:
        await pilot.press("n", "escape")
        assert isinstance(pilot.app.screen, HomeScreen)


async def test_escape_after_typing_asks_before_discarding(diary: Diary, clock) -> None:
    async with CrampApp(diary, now=clock).run_test() as pilot:
        await pilot.press("n", "1", "escape")
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.press("n")  # keep editing
        assert isinstance(pilot.app.screen, EpisodeForm)
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HomeScreen)
        assert diary.episodes.count() == 0


async def test_own_triggers_are_offered_next_time(diary: Diary, clock) -> None:
    async with CrampApp(diary, now=clock).run_test(size=(100, 50)) as pilot:
        await pilot.press("n", "1", "l")
        pilot.app.screen.query_one("#own-triggers").value = "Cycling"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("n")
        options = pilot.app.screen.query_one("#triggers")
        values = [options.get_option_at_index(i).value for i in range(options.option_count)]
        assert "cycling" in values


async def test_fixing_a_field_clears_its_error_at_once(diary: Diary, clock) -> None:
    async with CrampApp(diary, now=clock).run_test(size=(100, 50)) as pilot:
        await pilot.press("n", "ctrl+s")
        await pilot.pause()
        form = pilot.app.screen
        assert {w.id for w in form.query(".error.shown")} == {"error-muscle", "error-side"}
        await pilot.press("1")
        await pilot.pause()
        assert {w.id for w in form.query(".error.shown")} == {"error-side"}


async def test_the_not_saved_message_does_not_point_by_colour_alone(diary: Diary, clock) -> None:
    # under NO_COLOR nothing is red: the message names what to look for, the rule under each field
    async with CrampApp(diary, now=clock).run_test(size=(100, 50), notifications=True) as pilot:
        await pilot.press("n")
        pilot.app.screen.query_one("#severity").value = "11"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        [message] = [n.message for n in pilot.app._notifications if n.message.startswith("Not saved yet")]
        assert "red" not in message and "rule" in message, message
        assert diary.episodes.count() == 0
