"""``cramp-diary timer``: straight from the shell into the guided stretch countdown."""

from __future__ import annotations

import click

from cramp_diary.cli.group import Context, cli, open_app, pass_context
from cramp_diary.model import SIDES
from cramp_diary.routines import ROUTINE_KEYS


@cli.command()
@click.argument("muscle", required=False, metavar="[MUSCLE]", type=click.Choice(ROUTINE_KEYS, case_sensitive=False))
@click.option("--side", type=click.Choice(SIDES, case_sensitive=False), help="Which leg; skips the question.")
@pass_context
def timer(obj: Context, muscle: str | None, side: str | None) -> None:
    """Coach a cramp away now, then record it; 'bedtime' runs the nightly stretches.

    \b
    Examples:
      cramp-diary timer                   # asks which muscle and leg
      cramp-diary timer calf --side left  # starts at once
      cramp-diary timer bedtime           # stretches before sleep, both legs
    """
    if muscle == "bedtime" and side is not None:
        raise click.BadParameter("the bedtime stretches always work both legs; leave --side out", param_hint="'--side'")
    open_app(obj, timer=(muscle, side))
