"""The medicines screen: p on home opens it; add, stop, delete and undo, each saved at once."""

from __future__ import annotations

from datetime import date

from conftest import FakeClock
from textual.widgets import Input, OptionList, Static

from cramp_diary.medicines import Medicine
from cramp_diary.store import Diary
from cramp_diary.tui.app import CrampApp
from cramp_diary.tui.screens.medicine_form import MedicineForm
from cramp_diary.tui.screens.medicines import MedicinesScreen


async def test_p_opens_the_list_and_a_adds_a_medicine_taken_before_the_diary(diary: Diary, clock: FakeClock) -> None:
    async with CrampApp(diary, now=clock).run_test(size=(100, 40)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(pilot.app.screen, MedicinesScreen)
        assert "No medicines yet" in str(pilot.app.screen.query_one("#record-detail", Static).render())
        await pilot.press("a")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, MedicineForm)
        form.query_one("#name", Input).value = "Bendroflumethiazide"
        form.query_one("#class").value = "diuretic"
        await pilot.press("ctrl+s")
        await pilot.pause()
        [saved] = diary.medicines.all()
        assert (saved.name, saved.drug_class, saved.started) == ("Bendroflumethiazide", "diuretic", None)
        detail = str(pilot.app.screen.query_one("#record-detail", Static).render())
        assert "since before the diary" in detail and "can cause cramps: ask your provider" in detail
        assert "Never stop or change a medicine on your own" in detail


async def test_a_bad_day_in_the_form_names_the_field_and_saves_nothing(diary: Diary, clock: FakeClock) -> None:
    async with CrampApp(diary, now=clock).run_test(size=(100, 40)) as pilot:
        await pilot.press("p", "a")
        await pilot.pause()
        form = pilot.app.screen
        form.query_one("#name", Input).value = "Atorvastatin"
        form.query_one("#started", Input).value = "next week"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, MedicineForm)
        assert str(form.query_one("#error", Static).render()).startswith("Started: must be")
        assert diary.medicines.all() == []


async def test_stop_delete_and_undo(diary: Diary, clock: FakeClock) -> None:
    diary.medicines.add(Medicine("Atorvastatin", "statin", date(2026, 9, 1)))
    async with CrampApp(diary, now=clock).run_test(size=(100, 40)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert diary.medicines.all()[0].stopped == clock().date()
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert diary.medicines.all() == []
        await pilot.press("u")
        await pilot.pause()
        assert [m.name for m in diary.medicines.all()] == ["Atorvastatin"]
        assert pilot.app.screen.query_one(OptionList).option_count == 1
