"""The medicines list's rules: classes from the references, "before the diary", and which were taken in a period."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cramp_diary.medicines import (
    ASK_PROVIDER,
    CLASSES,
    Medicine,
    check_class,
    medicine_from_record,
    medicine_line,
    medicine_to_record,
    taken_during,
    validate_medicine,
)
from cramp_diary.model import InvalidField

TODAY = date(2026, 11, 22)


def test_a_diuretic_taken_since_before_the_diary_counts_in_any_period() -> None:
    pill = validate_medicine(Medicine("Bendroflumethiazide", "water tablet"), TODAY)
    assert (pill.drug_class, pill.started, pill.stopped) == ("diuretic", None, None)
    assert pill.taken_during(date(2026, 10, 1), TODAY)
    assert medicine_line(pill) == f"Bendroflumethiazide (water tablet (diuretic), since before the diary): {ASK_PROVIDER}"


def test_other_medicines_carry_no_cramp_question_and_no_line_ever_says_stop() -> None:
    other = Medicine("Paracetamol", "other", date(2026, 9, 1))
    assert medicine_line(other) == "Paracetamol (other, from 2026-09-01)"
    for drug_class in CLASSES:
        line = medicine_line(Medicine("x", drug_class)).lower()
        assert "stop" not in line and "change" not in line and "dose" not in line


def test_an_unknown_class_names_the_choices() -> None:
    with pytest.raises(InvalidField) as error:
        check_class("antibiotic")
    assert error.value.field == "class" and "diuretic, statin, beta-blocker, asthma-inhaler, other" in error.value.rule


@pytest.mark.parametrize(("medicine", "field"), [
    (Medicine("", "statin"), "name"),
    (Medicine("x", "statin", TODAY + timedelta(days=1)), "started"),
    (Medicine("x", "statin", date(2026, 9, 2), date(2026, 9, 1)), "stopped"),
    (Medicine("x\x1b[31m", "statin"), "name"),
])
def test_bad_medicines_name_their_field(medicine: Medicine, field: str) -> None:
    with pytest.raises(InvalidField) as error:
        validate_medicine(medicine, TODAY)
    assert error.value.field == field


def test_the_record_round_trips_with_before_the_diary_as_null() -> None:
    pill = validate_medicine(Medicine("Atorvastatin", "statin", None, date(2026, 10, 1), note="evening"), TODAY)
    record = medicine_to_record(pill)
    assert record["started"] is None and record["class"] == "statin"
    assert validate_medicine(medicine_from_record(record), TODAY) == pill


days = st.dates(date(2026, 1, 1), TODAY)


@settings(max_examples=150, deadline=None)
@given(started=st.none() | days, length=st.none() | st.integers(0, 200), first=days, span=st.integers(0, 120))
def test_taken_during_means_some_day_of_the_period_was_taken(
    started: date | None, length: int | None, first: date, span: int
) -> None:
    stopped = None if length is None or started is None else started + timedelta(days=length)
    medicine = Medicine("x", "other", started, stopped)
    last = first + timedelta(days=span)
    day, taken = first, False
    while day <= last:  # the slow, obvious answer: walk the days
        taken |= (started is None or started <= day) and (stopped is None or day <= stopped)
        day += timedelta(days=1)
    assert medicine.taken_during(first, last) == taken
    assert (medicine in taken_during([medicine], first, last)) == taken


def test_named_classes_come_first_on_page_one() -> None:
    found = taken_during([Medicine("Aspirin", "other"), Medicine("Zocor", "statin")], TODAY, TODAY)
    assert [m.name for m in found] == ["Zocor", "Aspirin"]
