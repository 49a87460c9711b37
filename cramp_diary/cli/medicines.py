"""``cramp-diary medicine add|list|stop|edit|delete``: the medicines list a GP needs on page 1 of the report."""

from __future__ import annotations

from datetime import date

import click

from cramp_diary.cli.dated_records import (
    DAY_WORDS, DatedRecords, SubGroup, day_or_none, parse_change_day, require_updates, stopped_or_cleared,
)
from cramp_diary.cli.group import Context, RecordId, cli, pass_context, printable
from cramp_diary.medicines import ASK_PROVIDER, BEFORE_DIARY, CLASS_LABELS, CLASSES, Medicine, check_class, medicine_to_record
from cramp_diary.model import InvalidField

MEDICINE_ID = RecordId("medicine", "cramp-diary medicine list")
MEDICINES = DatedRecords("medicine", "medicines", "cramp-diary medicine list")
CLASS_HELP = "The kind of medicine: " + ", ".join(f"{key} ({label})" if key != label else key for key, label in CLASS_LABELS.items())


def _class(value: str | None, option: str = "--class") -> str | None:
    if value is None:
        return None
    try:
        return check_class(value)
    except InvalidField as error:
        raise click.BadParameter(error.rule, param_hint=f"'{option}'") from None


def medicine_line(medicine: Medicine) -> str:
    """'2  diuretic  before the diary to ongoing  Bendroflumethiazide  (can cause cramps: ask your provider)'."""
    started = BEFORE_DIARY if medicine.started is None else medicine.started.isoformat()
    stopped = medicine.stopped.isoformat() if medicine.stopped else "ongoing"
    ask = f"  ({ASK_PROVIDER})" if medicine.may_cause_cramps else ""
    note = f"  {printable(' '.join(medicine.note.split()))}" if medicine.note else ""
    return f"{medicine.id:>4}  {medicine.drug_class:<14}  {started} to {stopped:<10}  {printable(medicine.name)}{ask}{note}"


def _started(started: str | None, before_diary: bool, today: date) -> date | None:
    if started is not None and before_diary:
        raise click.UsageError("give --started DAY or --before-diary, not both")
    return None if started is None else parse_change_day(started, today, "--started")


@cli.group(name="medicine", cls=SubGroup)
def medicine_group() -> None:
    """Keep a list of the medicines you take, for your healthcare provider.

    No dose is needed. The report's first page lists every medicine taken in
    its period; the kinds the references name (water tablets, statins,
    beta-blockers, asthma inhalers) are marked "can cause cramps: ask your
    provider". The diary never tells you to stop or change a medicine.

    \b
    Examples:
      cramp-diary medicine add Bendroflumethiazide --class diuretic --before-diary
      cramp-diary medicine add Atorvastatin --class statin --started 2026-09-01
      cramp-diary medicine list
      cramp-diary medicine stop 2 --date today
    """


@medicine_group.command(name="add")
@click.argument("name")
@click.option("--class", "drug_class", required=True, metavar="CLASS", help=CLASS_HELP + ".")
@click.option("--started", help=f"The day you started it: {DAY_WORDS} (leave out if unsure).")
@click.option("--before-diary", is_flag=True, help="You took it before you kept this diary (the default when --started is left out).")
@click.option("--stopped", help=f"The day you stopped it: {DAY_WORDS}.")
@click.option("--note", help="A note of your own (no dose needed).")
@pass_context
def medicine_add(
    obj: Context, name: str, drug_class: str, started: str | None, before_diary: bool, stopped: str | None, note: str | None
) -> None:
    """Save a medicine and print it with its id."""
    today = obj.now().date()
    medicine = Medicine(
        name=name,
        drug_class=_class(drug_class) or "other",
        started=_started(started, before_diary, today),
        stopped=day_or_none(stopped, today, "--stopped"),
        note=note or "",
    )
    MEDICINES.add(obj, medicine)


@medicine_group.command(name="list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@pass_context
def medicine_list(obj: Context, fmt: str) -> None:
    """List every medicine, those taken since before the diary first."""
    empty = "No medicines yet. Add one with: cramp-diary medicine add NAME --class CLASS"
    MEDICINES.list(obj, fmt, medicine_to_record, medicine_line, empty)


@medicine_group.command(name="stop")
@click.argument("medicine_id", metavar="ID", type=MEDICINE_ID)
@click.option("--date", "when", default="today", show_default=True, help=f"The day you stopped it: {DAY_WORDS}.")
@pass_context
def medicine_stop(obj: Context, medicine_id: int, when: str) -> None:
    """Note the day you stopped taking a medicine (as agreed with your provider)."""
    MEDICINES.saved(MEDICINES.stop(obj, medicine_id, when, lambda medicine, day: medicine.with_fields(stopped=day)))


@medicine_group.command(name="edit")
@click.argument("medicine_id", metavar="ID", type=MEDICINE_ID)
@click.option("--name", help="A new name.")
@click.option("--class", "drug_class", metavar="CLASS", help=CLASS_HELP + ".")
@click.option("--started", help=f"The day you started it: {DAY_WORDS}.")
@click.option("--before-diary", is_flag=True, help="You took it before you kept this diary.")
@click.option("--stopped", help=f"The day you stopped it: {DAY_WORDS}; '' clears it.")
@click.option("--note", help="A note of your own.")
@pass_context
def medicine_edit(
    obj: Context, medicine_id: int, name: str | None, drug_class: str | None, started: str | None,
    before_diary: bool, stopped: str | None, note: str | None,
) -> None:
    """Change what you give; the rest stays."""
    today = obj.now().date()
    updates: dict[str, object] = {}
    if name is not None:
        updates["name"] = name
    if drug_class is not None:
        updates["drug_class"] = _class(drug_class)
    if started is not None or before_diary:
        updates["started"] = _started(started, before_diary, today)
    if stopped is not None:
        updates["stopped"] = stopped_or_cleared(stopped, today)
    if note is not None:
        updates["note"] = note
    require_updates(updates, "--name, --class, --started, --before-diary, --stopped or --note")
    MEDICINES.edit(obj, medicine_id, updates, Medicine.with_fields)


@medicine_group.command(name="delete")
@click.argument("medicine_id", metavar="ID", type=MEDICINE_ID)
@click.option("--yes", is_flag=True, help="Do not ask first.")
@pass_context
def medicine_delete(obj: Context, medicine_id: int, yes: bool) -> None:
    """Delete a medicine from the list (asks first unless --yes)."""
    MEDICINES.delete(obj, medicine_id, yes)
