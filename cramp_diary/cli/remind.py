"""``cramp-diary remind --ics``: daily reminders as a calendar file, so the person's calendar reminds them."""

from __future__ import annotations

from pathlib import Path

import click

from cramp_diary.cli.group import Context, cannot, cli, pass_context, printable
from cramp_diary.parsing import parse_clock
from cramp_diary.reminders import BEDTIME_DEFAULT, MORNING_DEFAULT, calendar_file
from cramp_diary.safe_write import UnsafeTarget, atomic_output, writes_to_stdout

#: Where the file goes when -o is left out: the current folder.
DEFAULT_FILE = "cramp-diary-reminders.ics"


@cli.command()
@click.option("--ics", is_flag=True, help="Write the reminders as an iCalendar (.ics) file (the one format, for now).")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    default=DEFAULT_FILE,
    show_default=True,
    help="File to write (readable by you alone), - for standard output.",
)
@click.option(
    "--bedtime", metavar="TIME", default=BEDTIME_DEFAULT, show_default=True, help="When to stretch before bed: 22:00, 10pm ..."
)
@click.option(
    "--morning", metavar="TIME", default=MORNING_DEFAULT, show_default=True,
    help="When to note how the night was: 08:00, 7:30am ...",
)
@pass_context
def remind(obj: Context, ics: bool, output: Path, bedtime: str, morning: str) -> None:
    """Daily reminders for your own calendar: bedtime stretches and a morning check-in.

    Nothing of cramp-diary keeps running: import the file into the calendar on
    your phone or computer and it reminds you every day. Import a new file (other
    times) and the same two events change, rather than two more being added.

    \b
    Examples:
      cramp-diary remind --ics
      cramp-diary remind --ics --bedtime 22:30 --morning 7:30am -o ~/reminders.ics
    """
    if not ics:
        raise click.UsageError("say --ics: the reminders are written as a calendar file for your calendar to keep")
    at_bedtime = parse_clock(bedtime, "bedtime")
    at_morning = parse_clock(morning, "morning")
    if at_bedtime == at_morning:
        raise click.BadParameter(f"must differ from --bedtime (both are {at_morning:%H:%M})", param_hint="'--morning'")
    now = obj.now()
    data = calendar_file(at_bedtime, at_morning, now.date(), now)
    try:
        with atomic_output(output, protect=[obj.path], binary=True) as out:
            out.write(data)  # type: ignore[arg-type]
    except UnsafeTarget as error:
        raise click.ClickException(printable(str(error))) from None
    except OSError as error:
        raise cannot("write", output, error) from None
    if writes_to_stdout(output):
        return
    click.echo(
        f"Wrote daily reminders (bedtime stretches at {at_bedtime:%H:%M}, morning check-in at {at_morning:%H:%M}) "
        f"to {printable(str(output))}. Open it with your calendar to import it.",
        err=True,
    )
