"""``cramp-diary warnings``: the warning signs active today, and marking one as discussed with a provider."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click

from cramp_diary.cli import completion
from cramp_diary.cli.group import Context, cli, pass_context, printable

if TYPE_CHECKING:
    from cramp_diary.alerts import Alert


@cli.command()
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"], case_sensitive=False), default="text", show_default=True,
    help="Plain text, or JSON for other programs.",
)
@click.option(
    "--discussed",
    "rule",
    metavar="RULE",
    shell_complete=completion.rule_key,
    help="Mark this warning as discussed with your healthcare provider.",
)
@click.option("--date", "when", default="today", show_default=True, help="The day it was discussed (with --discussed).")
@pass_context
def warnings(obj: Context, fmt: str, rule: str | None, when: str) -> None:
    """List the warning signs active today, or mark one as discussed.

    A warning marked as discussed stays listed, but the app's banner stays
    quiet about it until a new episode after that day.

    \b
    Examples:
      cramp-diary warnings
      cramp-diary warnings --format json
      cramp-diary warnings --discussed one-sided-swelling --date 2026-11-20
    """
    from cramp_diary import alerts
    from cramp_diary.cli.pattern import parse_day

    now = obj.now()
    if rule is None:
        if when != "today":
            raise click.BadParameter("goes with --discussed RULE", param_hint="'--date'")
        with obj.diary(read_only=True) as diary:
            found = alerts.find_alerts(diary, now.date())
        click.echo(_as_json(found) if fmt == "json" else _as_text(found), nl=fmt != "json")
        return
    from cramp_diary.use_cases.mark_discussed import mark_discussed

    try:
        alerts.check_rule(rule)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="'--discussed'") from None
    day = parse_day(when, now)
    with obj.diary() as diary:
        click.echo(mark_discussed(diary, rule, day).message)


def _as_json(found: list[Alert]) -> str:
    """The fields other programs may rely on, one object per warning, most serious first."""
    rows = [
        {
            "rule": alert.rule,
            "level": alert.level,
            "title": alert.title,
            "advice": alert.advice,
            "episode_ids": list(alert.episode_ids),
            "discussed_on": alert.discussed_on.isoformat() if alert.discussed_on else None,
            # as the text's "new episodes since": null when never discussed
            "new_episodes_since_discussed": None if alert.discussed_on is None else not alert.quiet,
        }
        for alert in found
    ]
    return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"


def _as_text(found: list[Alert]) -> str:
    from cramp_diary.alerts import LEVEL_NAMES, references_line
    from cramp_diary.use_cases.sentences import IF_WORRIED, NO_WARNINGS, discussed_line

    if not found:
        return f"{NO_WARNINGS} {IF_WORRIED}"
    blocks = []
    for alert in found:
        lines = [f"{LEVEL_NAMES[alert.level]}: {alert.title} [{alert.rule}]", alert.advice]
        discussed = discussed_line(alert)
        if discussed is not None:
            lines.append(discussed)
        lines.append(f"Rule: {alert.threshold}.")
        lines.append(f"Episodes: {', '.join(str(i) for i in alert.episode_ids)}")
        lines.append(f"Sources: {references_line(alert)}.")
        blocks.append("\n".join(printable(line) for line in lines))
    return "\n\n".join(blocks)
