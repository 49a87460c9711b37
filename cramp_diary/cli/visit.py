"""``cramp-diary began``: roughly when the cramps began, for page 1 of the report (a setting)."""

from __future__ import annotations

import click

from cramp_diary.cli.group import cannot, cli


@cli.command()
@click.argument("when", required=False)
@click.option("--clear", is_flag=True, help="Forget the date.")
def began(when: str | None, clear: bool) -> None:
    """Say roughly when your cramps began: a month (2025-03) or a day (2025-03-15).

    Page 1 of the report then says "Cramps began around March 2025". With
    no argument, shows what is saved.

    \b
    Examples:
      cramp-diary began 2025-03
      cramp-diary began --clear
    """
    from cramp_diary.paths import config_dir
    from cramp_diary.settings import (
        SettingsUnreadable, UnsafeTarget, began_day, began_text, change_settings, load_settings, settings_path,
    )

    settings, _ = load_settings(config_dir())
    if when is None and not clear:
        day = began_day(settings)
        click.echo("Not set. Set it with: cramp-diary began 2025-03" if day is None else f"Cramps began around {day:%B %Y}.")
        return
    if when is not None and clear:
        raise click.UsageError("give a date or --clear, not both")
    try:
        value = None if clear else began_text(when or "")
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="'WHEN'") from None
    try:
        change_settings(config_dir(), cramps_began=value)  # only this line of the file changes
    except (UnsafeTarget, SettingsUnreadable) as error:
        raise click.ClickException(f"cannot save the settings: {error}") from None
    except OSError as error:
        raise cannot("write", settings_path(config_dir()), error) from None
    click.echo("Forgotten: when the cramps began." if value is None else f"Saved: cramps began around {value}.")
