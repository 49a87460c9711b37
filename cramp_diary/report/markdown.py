"""The report as Markdown: readable as plain text in a terminal, tidy when rendered.

Everything a person typed is escaped, so it reads as text and can never
become markup or a link.
"""

from __future__ import annotations

import re

from cramp_diary.alerts import LEVEL_NAMES
from cramp_diary.report.data import (
    DEFINITIONS,
    QUESTIONS,
    TITLE,
    ReportData,
    Table,
    before_line,
    dated_episode,
    detail_tables,
    discussed_line,
    earlier_lines,
    period_line,
    summary_rows,
    weekly_table,
)
from cramp_diary.safe_text import printable

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#!])")


def md(text: str) -> str:
    """Text a person typed, made literal in Markdown and kept on one line.

    Escape sequences and bidi overrides are written out too: the Markdown is
    printed straight to the terminal when no file is given.
    """
    return _MD_SPECIAL.sub(r"\\\1", printable(" ".join(str(text).split())))


def _md_table(table: Table, extra: tuple[str, list[str]] | None = None) -> list[str]:
    lines = ["", f"## {table.heading}", ""]
    if not table.rows:
        return lines + [table.empty]
    headers = table.headers + ((extra[0],) if extra else ())
    lines += ["| " + " | ".join(headers) + " |", "|" + "|".join(" --- " for _ in headers) + "|"]
    for i, row in enumerate(table.rows):
        cells = [md(cell) for cell in row] + ([extra[1][i]] if extra else [])
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _text_bar(value: int, top: int, width: int = 20) -> str:
    """A bar of block characters, scaled down only when the busiest week would not fit."""
    return "█" * max(1, round(value * width / max(top, width))) if value else ""


def to_markdown(data: ReportData) -> str:
    """The report as Markdown: readable as plain text, tidy when rendered."""
    out = [
        f"# {TITLE}",
        "",
        f"**Period:** {md(period_line(data.summary, data.weeks_asked))}  ",
        f"**Made:** {data.made.isoformat()} with cramp-diary. A personal diary, not a diagnosis.",
        "",
        "## Summary",
        "",
        "| Measure | Value |",
        "| --- | --- |",
        *(f"| {md(label)} | {md(value)} |" for label, value in summary_rows(data.summary)),
        "",
        md(DEFINITIONS),
        "",
        "## Warning signs",
        "",
    ]
    if not data.alerts:
        out.append("None of the warning signs the diary looks for are active today.")
    for alert, episodes in data.alerts:
        out += [f"### {LEVEL_NAMES[alert.level]}: {md(alert.title)}", "", md(alert.advice), ""]
        discussed = discussed_line(alert)
        if discussed:
            out += [f"*{md(discussed)}*", ""]
        out += [f"*Rule:* {md(alert.threshold)}.", ""]
        out += [f"- {md(dated_episode(episode, data.made))}" for episode in episodes] + [""]
    earlier = earlier_lines(data)
    if earlier:
        out += ["", "### Warning signs logged in this period", ""]
        out += [f"- {md(line)}" for line in earlier] + [""]
    before = before_line(data)
    if before:
        out += [md(before), ""]
    top = max((week.cramps for week in data.weeks), default=0)
    out += _md_table(weekly_table(data.weeks), ("Chart", [_text_bar(w.cramps, top) for w in data.weeks]))
    for table in detail_tables(data):
        out += _md_table(table)
    out += ["", "## Questions to ask", "", *(f"- {question}" for question in QUESTIONS)]
    return "\n".join(out) + "\n"
