"""The report as Markdown: readable as plain text in a terminal, tidy when rendered.

Everything a person typed is escaped, so it reads as text and can never
become markup or a link.
"""

from __future__ import annotations

import re

from cramp_diary.alerts import LEVEL_NAMES
from cramp_diary.iso_weeks import Week
from cramp_diary.report.data import (
    DEFINITIONS,
    QUESTIONS,
    TITLE,
    ReportData,
    Table,
    before_line,
    dated_episode,
    detail_tables,
    earlier_lines,
    summary_rows,
    weekly_table,
)
from cramp_diary.report.visit import NO_MEDICINES, VISIT_QUESTIONS
from cramp_diary.use_cases.sentences import discussed_line
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


def _text_bar(week: Week, top: float, width: int = 20) -> str:
    """A week's cramps per week (÷ recorded days × 7) as block characters, scaled to the busiest week;
    "no data" when no day was recorded, and its recorded days ("5/7") when partly recorded."""
    if not week.recorded_days:
        return "no data"
    value = week.cramps * 7 / week.recorded_days
    bar = "█" * max(1, round(value * width / max(top, 1))) if value else ""
    return f"{bar} {week.recorded_days}/{week.days}".strip() if week.recorded_days < week.days else bar


def to_markdown(data: ReportData) -> str:
    """The report as Markdown: readable as plain text, tidy when rendered."""
    out = [
        f"# {TITLE}",
        "",
        f"**Period:** {md(data.period)}  ",
        f"**Made:** {data.made.isoformat()} with cramp-diary. A personal diary, not a diagnosis.",
        *_visit_md(data),
        "",
        "# Appendix: the full record",
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
    top = max((week.cramps * 7 / week.recorded_days for week in data.weeks if week.recorded_days), default=0)
    marks: dict[int, list[str]] = {}
    for marker in data.markers:  # a change's start or stop, named beside its week's bar
        marks.setdefault(marker.index, []).append(md(marker.label))
    chart = [" ".join([_text_bar(w, top), *marks.get(i, [])]).strip() for i, w in enumerate(data.weeks)]
    out += _md_table(weekly_table(data.weeks), ("Chart: cramps per week", chart))
    if data.visit is not None and data.visit.comparisons:
        out += ["", "## Changes tried, in full", ""]
        for lines in data.visit.comparison_blocks():
            out += [f"**{md(lines[0])}**", "", *(f"- {md(line)}" for line in lines[1:-1]), "", f"*{md(lines[-1])}*", ""]
    for table in detail_tables(data):
        out += _md_table(table)
    out += ["", "## Questions to ask", "", *(f"- {question}" for question in QUESTIONS)]
    return "\n".join(out) + "\n"


def _visit_md(data: ReportData) -> list[str]:
    """The one-page summary for the visit, first in the file."""
    visit = data.visit
    if visit is None:
        return []
    out = ["", "## At a glance", ""]
    if visit.began_line:
        out += [md(visit.began_line), ""]
    out += ["| | Last 4 weeks | 4 weeks before |", "| --- | --- | --- |"]
    out += [f"| {md(label)} | {md(now)} | {md(then)} |" for label, now, then in visit.trend_rows()]
    out += ["", md(visit.trend.words()), "", "### Warning signs", ""]
    out += [f"- {md(line)}" for line in visit.warning_lines()] or ["None of the warning signs the diary looks for."]
    out += ["", "### Medicines taken in this period", ""]
    out += [f"- {md(line)}" for line in visit.medicine_lines()] or [NO_MEDICINES]
    out += ["", "### Changes tried", ""]
    out += [f"- {md(line)}" for line in visit.change_lines()] or ["No change was started or stopped in this period."]
    out += [item for text in visit.caveats() for item in ("", f"*{md(text)}*")]
    out += _trial_md(data)
    out += ["", "### Sides, reliefs and stretches", ""]
    out += [f"- {md(line)}" for line in (visit.sides, visit.reliefs, visit.bedtime_line)]
    out += ["", "### Three questions for the visit", ""]
    out += [f"{i}. {md(question)}" for i, question in enumerate(VISIT_QUESTIONS, 1)]
    return out


def _trial_md(data: ReportData) -> list[str]:
    """The with/without trial, a compact section of its own on the first page (nothing without a trial)."""
    if not data.trial:
        return []
    heading, *lines = data.trial
    return ["", f"### {md(heading)}", "", *(f"- {md(line)}" for line in lines[:-1]), "", f"*{md(lines[-1])}*"]
