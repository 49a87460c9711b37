"""A report to take to a healthcare provider, as Markdown or one printable HTML file.

Everything a person typed (notes, their own triggers and muscle words) is
escaped, so it reads as text in either format and can never become markup,
a link or a script. The HTML file loads nothing from anywhere.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

from cramp_diary import stats
from cramp_diary.alerts import LEVEL_NAMES, Alert, find_alerts
from cramp_diary.model import CONTEXT_LABELS, Episode
from cramp_diary.parsing import format_duration, format_when
from cramp_diary.paths import write_private
from cramp_diary.safe_text import printable
from cramp_diary.stats import MuscleCount, Summary, Week
from cramp_diary.store import Diary, EpisodeFilter

TITLE = "Leg cramp diary: report for my healthcare provider"

#: Worth asking at the visit; written in our own words from the reference material.
QUESTIONS: tuple[str, ...] = (
    "Could my cramps be linked to another health condition, and is it worth looking for one?",
    "Could any medicine or supplement I take be making cramps more likely?",
    "Would a blood test, for example of potassium, magnesium or calcium, be useful for me?",
    "Which stretches suit me, and could you show me how to do them and how to massage the muscle?",
    "Is any treatment for cramps safe for me, given my other conditions and medicines?",
    "Would it help to see a physical therapist, a sleep specialist or another specialist?",
    "Which other symptoms should make me contact you sooner?",
    "When should I come back about my cramps?",
)

DEFINITIONS = (
    "A day counts as recorded when it has a cramp or a \"no cramps\" check-in; days with neither are "
    "left out, never counted as cramp-free. Cramps per week = cramps ÷ recorded days × 7. Severity is "
    "on a 0-10 scale: 4-6 moderate, 7-10 severe. Weeks are ISO weeks, Monday to Sunday, in local time. "
    "Bedtime stretches count for an evening when at least half of their stretching time was done; "
    "stretches started after midnight count for the evening before."
)


@dataclass(frozen=True)
class ReportData:
    """Everything the report shows, gathered once so both formats say the same."""

    made: date
    weeks_asked: int | None
    summary: Summary
    weeks: list[Week]
    hourly: list[int]
    muscles: list[MuscleCount]
    triggers: list[tuple[str, int]]
    reliefs: list[tuple[str, int]]
    alerts: list[tuple[Alert, list[Episode]]]
    episodes: list[Episode]


def _episodes_between(diary: Diary, first: date, last: date) -> list[Episode]:
    """The period's episodes, oldest first; a day's slack covers any time zone."""
    since = datetime.combine(first - timedelta(days=1), time(0), tzinfo=timezone.utc)
    found = diary.episodes(EpisodeFilter(since=since))
    return [e for e in reversed(found) if first <= e.started_at.date() <= last]


def build_report(diary: Diary, today: date, weeks: int | None) -> ReportData:
    """Gather the report for the last ``weeks`` ISO weeks up to ``today`` (None: all)."""
    first, last = stats.period(diary, today, weeks)
    alerts = find_alerts(diary, today, since=first)
    return ReportData(
        made=today,
        weeks_asked=weeks,
        summary=stats.summary(diary, first, last),
        weeks=stats.weekly(diary, first, last),
        hourly=stats.hourly(diary, first, last),
        muscles=stats.by_muscle_side(diary, first, last),
        triggers=stats.top_triggers(diary, first, last, limit=None),
        reliefs=stats.reliefs_used(diary, first, last),
        alerts=[(alert, [e for e in map(diary.get, alert.episode_ids) if e is not None]) for alert in alerts],
        episodes=_episodes_between(diary, first, last),
    )


# -- shared wording --------------------------------------------------------------


def number(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def percent(value: float | None) -> str:
    return "-" if value is None else f"{round(value * 100)}%"


def whole(value: int | None) -> str:
    return "-" if value is None else str(value)


def duration(seconds: float | None) -> str:
    return "-" if seconds is None else format_duration(round(seconds))


def plural(count: int, word: str) -> str:
    """'1 week', '12 weeks': never '1 weeks'."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def summary_rows(summary: Summary) -> list[tuple[str, str]]:
    """The summary as (measure, value) pairs, worded as in cramp trials; shared by every view."""
    s = summary
    return [
        ("Days recorded", f"{s.recorded_days} of {s.days} ({s.unrecorded_days} not recorded)"),
        ("Cramps", str(s.cramps)),
        ("Cramps per week", number(s.cramps_per_week)),
        ("Cramp days", str(s.cramp_days)),
        ("Cramp-free days", str(s.cramp_free_days)),
        ("Night cramps per night", f"{number(s.night_cramps_per_night, 2)} ({plural(s.night_cramps, 'night cramp')})"),
        ("Severity, mean (0-10)", f"{number(s.mean_severity)} ({s.rated} rated)"),
        ("Severity, maximum", whole(s.max_severity)),
        ("Moderate or severe", f"{percent(s.share_moderate_or_severe)} ({s.moderate} moderate, {s.severe} severe)"),
        ("Duration, median", f"{duration(s.median_duration)} ({s.timed} timed)"),
        ("Duration, maximum", duration(s.max_duration)),
        ("Lasted over 10 minutes", str(s.long_cramps)),
        ("Woke from sleep", f"{percent(s.share_woke)} ({s.night_cramps} of {s.context_known} with a setting noted)"),
        ("Bedtime stretches", f"done on {s.bedtime_evenings} of the period's {plural(s.days, 'evening')}"),
    ]


def period_line(summary: Summary, weeks_asked: int | None) -> str:
    """The period in a line: 2026-08-31 to 2026-11-22 (12 weeks, 84 days); 79 days recorded."""
    span = "all records" if weeks_asked is None else plural(weeks_asked, "week")
    return (
        f"{summary.first.isoformat()} to {summary.last.isoformat()} ({span}, {plural(summary.days, 'day')});"
        f" {plural(summary.recorded_days, 'day')} recorded."
    )


def context_label(context: str | None) -> str:
    return "-" if context is None else CONTEXT_LABELS.get(context, context)


def episode_cells(episode: Episode) -> list[str]:
    """One episode as table cells, in the same order as EPISODE_HEADERS."""
    return [
        f"{format_when(episode.started_at)} ({episode.started_at.strftime('%z')})",
        episode.muscle_label,
        episode.side,
        format_duration(episode.duration),
        whole(episode.severity),
        context_label(episode.context),
        ", ".join(episode.triggers) or "-",
        ", ".join(episode.reliefs) or "-",
        ", ".join(episode.signs) or "-",
        " ".join(episode.note.split()),
    ]


EPISODE_HEADERS = ("When", "Muscle", "Side", "Duration", "Severity", "Setting", "Triggers", "Reliefs", "Signs", "Note")


def hour_bands(hours: list[int], size: int = 3) -> list[tuple[str, int]]:
    """The 24 hourly counts in bands (00-03, 03-06, ...) short enough for a printed page."""
    return [(f"{start:02d}:00-{start + size:02d}:00", sum(hours[start : start + size])) for start in range(0, 24, size)]


def alert_episode_line(episode: Episode) -> str:
    signs = f", {', '.join(episode.signs)}" if episode.signs else ""
    return (
        f"{format_when(episode.started_at)} {episode.muscle_label} ({episode.side}), "
        f"{format_duration(episode.duration)}{signs}"
    )


@dataclass(frozen=True)
class Table:
    """A table both formats draw the same way; ``numeric`` columns are right-aligned in HTML."""

    heading: str
    headers: tuple[str, ...]
    rows: list[list[str]]
    numeric: frozenset[int] = frozenset()
    empty: str = "None in this period."
    #: A CSS class for the HTML table (the long episode list prints smaller).
    css: str = ""


def weekly_table(weeks: list[Week]) -> Table:
    return Table(
        "Week by week",
        ("ISO week", "Monday", "Cramps", "Cramp days", "Recorded days", "Mean severity", "Max severity"),
        [
            [w.iso, w.monday.isoformat(), str(w.cramps), str(w.cramp_days), f"{w.recorded_days} of {w.days}",
             number(w.mean_severity), whole(w.max_severity)]
            for w in weeks
        ],
        frozenset({2, 3, 5, 6}),
    )


def detail_tables(data: ReportData) -> list[Table]:
    """The tables after the weekly one, in the order a provider reads them."""
    return [
        Table("Time of day", ("Started between", "Cramps"), [[b, str(n)] for b, n in hour_bands(data.hourly)], frozenset({1})),
        Table(
            "Muscles and sides",
            ("Muscle", "Left", "Right", "Both", "Total"),
            [[m.muscle, str(m.left), str(m.right), str(m.both), str(m.total)] for m in data.muscles],
            frozenset({1, 2, 3, 4}),
        ),
        Table("Possible triggers noted", ("Trigger", "Cramps"), [[t, str(n)] for t, n in data.triggers], frozenset({1})),
        Table("What was done to ease them", ("Relief", "Times"), [[r, str(n)] for r, n in data.reliefs], frozenset({1})),
        Table("Episodes", EPISODE_HEADERS, [episode_cells(e) for e in data.episodes], frozenset({3, 4}), css="episodes"),
    ]


# -- Markdown --------------------------------------------------------------------

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
        out.append("None of the warning signs the diary looks for were found.")
    for alert, episodes in data.alerts:
        out += [f"### {LEVEL_NAMES[alert.level]}: {md(alert.title)}", "", md(alert.advice), ""]
        out += [f"*Rule:* {md(alert.threshold)}.", ""]
        out += [f"- {md(alert_episode_line(episode))}" for episode in episodes] + [""]
    top = max((week.cramps for week in data.weeks), default=0)
    out += _md_table(weekly_table(data.weeks), ("Chart", [_text_bar(w.cramps, top) for w in data.weeks]))
    for table in detail_tables(data):
        out += _md_table(table)
    out += ["", "## Questions to ask", "", *(f"- {question}" for question in QUESTIONS)]
    return "\n".join(out) + "\n"


# -- HTML ------------------------------------------------------------------------

_CSS = """
body { font: 11pt/1.4 system-ui, sans-serif; color: #111; margin: 2em auto; max-width: 60em; padding: 0 1em; }
h1 { font-size: 1.5em; margin-bottom: .2em; }
h2 { font-size: 1.15em; border-bottom: 1px solid #999; margin-top: 1.6em; break-after: avoid; }
h3 { font-size: 1em; margin-bottom: .2em; }
table { border-collapse: collapse; margin: .4em 0; }
th, td { border: 1px solid #bbb; padding: .15em .5em; text-align: left; vertical-align: top; }
th { background: #eee; }
td.n { text-align: right; }
tr, .alert, svg { break-inside: avoid; }
.alert { border-left: 5px solid #888; padding: .2em .8em; margin: .6em 0; }
.alert.urgent { border-color: #b00020; background: #fdecee; }
.alert.soon { border-color: #c77700; background: #fff5e5; }
.alert.note { border-color: #2c6fbb; background: #eef4fb; }
.small { font-size: .9em; color: #444; }
table.episodes { font-size: .85em; }
@page { margin: 15mm; }
@media print { body { margin: 0; max-width: none; } }
"""

#: Nothing may load from outside the file, even if some text slipped through unescaped.
_CSP = "default-src 'none'; style-src 'unsafe-inline'"


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _html_table(table: Table, figure: str = "") -> str:
    """The heading, an optional figure (an inline SVG chart), then the table."""
    if not table.rows:
        return f"<h2>{_e(table.heading)}</h2>{figure}<p>{_e(table.empty)}</p>"
    head = "".join(f"<th>{_e(h)}</th>" for h in table.headers)
    rows = "".join(
        "<tr>"
        + "".join(f'<td class="n">{_e(c)}</td>' if i in table.numeric else f"<td>{_e(c)}</td>" for i, c in enumerate(row))
        + "</tr>"
        for row in table.rows
    )
    css = f' class="{_e(table.css)}"' if table.css else ""
    return f"<h2>{_e(table.heading)}</h2>{figure}<table{css}><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def weekly_svg(weeks: list[Week], width: int = 720, height: int = 220) -> str:
    """Cramps per week as bars and mean severity as a line, drawn inline so the file stands alone."""
    left, right, top, bottom = 36, 36, 24, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    most = max([w.cramps for w in weeks] + [1])
    slot = plot_w / max(len(weeks), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}"'
        ' role="img" aria-label="Cramps per week (bars) and mean severity (line)"'
        ' font-size="10" font-family="sans-serif">',
        f'<text x="{left}" y="12">Cramps per week (bars, left axis) and mean severity 0-10 (line, right axis)</text>',
    ]
    for tick in sorted({0, most // 2, most}):
        y = top + plot_h - tick * plot_h / most
        parts.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>')
        parts.append(f'<text x="{left - 4}" y="{y + 3:.1f}" text-anchor="end">{tick}</text>')
    for tick in (0, 5, 10):
        y = top + plot_h - tick * plot_h / 10
        parts.append(f'<text x="{left + plot_w + 4}" y="{y + 3:.1f}" fill="#c77700">{tick}</text>')
    label_every = max(1, -(-len(weeks) // 16))
    segments: list[list[tuple[float, float]]] = [[]]  # the line breaks at weeks with no rated cramp
    for i, week in enumerate(weeks):
        x = left + i * slot
        bar_h = week.cramps * plot_h / most
        parts.append(
            f'<rect x="{x + slot * 0.2:.1f}" y="{top + plot_h - bar_h:.1f}" width="{slot * 0.6:.1f}"'
            f' height="{bar_h:.1f}" fill="#2c6fbb"><title>{_e(week.iso)}: {week.cramps} cramps</title></rect>'
        )
        if week.mean_severity is None:
            segments.append([])
        else:
            segments[-1].append((x + slot / 2, top + plot_h - week.mean_severity * plot_h / 10))
        if i % label_every == 0:
            parts.append(
                f'<text x="{x + slot / 2:.1f}" y="{height - bottom + 14}" text-anchor="middle">{_e(week.iso[5:])}</text>'
            )
    for points in segments:
        if points:
            line = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
            parts.append(f'<polyline points="{line}" fill="none" stroke="#c77700" stroke-width="2"/>')
            parts += [f'<circle cx="{px:.1f}" cy="{py:.1f}" r="2.5" fill="#c77700"/>' for px, py in points]
    parts.append("</svg>")
    return "".join(parts)


def _html_alert(alert: Alert, episodes: list[Episode]) -> str:
    items = "".join(f"<li>{_e(alert_episode_line(e))}</li>" for e in episodes)
    return (
        f'<div class="alert {_e(alert.level)}"><h3>{_e(LEVEL_NAMES[alert.level])}: {_e(alert.title)}</h3>'
        f'<p>{_e(alert.advice)}</p><p class="small">Rule: {_e(alert.threshold)}.</p><ul>{items}</ul></div>'
    )


def to_html(data: ReportData) -> str:
    """The report as one self-contained HTML page that prints cleanly."""
    summary = Table("Summary", ("Measure", "Value"), [list(row) for row in summary_rows(data.summary)])
    alerts = "".join(_html_alert(a, e) for a, e in data.alerts) or (
        "<p>None of the warning signs the diary looks for were found.</p>"
    )
    body = [
        f"<h1>{_e(TITLE)}</h1>",
        f"<p><b>Period:</b> {_e(period_line(data.summary, data.weeks_asked))}<br><b>Made:</b> {_e(data.made.isoformat())}"
        " with cramp-diary. A personal diary, not a diagnosis.</p>",
        _html_table(summary),
        f'<p class="small">{_e(DEFINITIONS)}</p>',
        f"<h2>Warning signs</h2>{alerts}",
        _html_table(weekly_table(data.weeks), figure=weekly_svg(data.weeks)),
        *(_html_table(table) for table in detail_tables(data)),
        "<h2>Questions to ask</h2><ul>" + "".join(f"<li>{_e(q)}</li>" for q in QUESTIONS) + "</ul>",
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_e(_CSP)}">'
        f'<meta name="viewport" content="width=device-width"><title>{_e(TITLE)}</title><style>{_CSS}</style></head>'
        f"<body>{''.join(body)}</body></html>\n"
    )


# -- files -----------------------------------------------------------------------

#: How each report file type is written, chosen by the file's suffix.
FORMATS: dict[str, Callable[[ReportData], str]] = {
    ".md": to_markdown,
    ".markdown": to_markdown,
    ".html": to_html,
    ".htm": to_html,
}


def unused_path(path: Path) -> Path:
    """``path`` if nothing is there yet, else the first free ``NAME-2.html``, ``NAME-3.html``, ..."""
    candidate, number = path, 1
    while os.path.lexists(candidate):  # lexists: a dangling link is taken too, never written through
        number += 1
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
    return candidate


def default_report_path(today: date) -> Path:
    """Where the app saves a report: the Documents folder if there is one, else home; never over an earlier one."""
    from platformdirs import user_documents_path

    folder = user_documents_path()
    return unused_path((folder if folder.is_dir() else Path.home()) / f"cramp-diary-report-{today.isoformat()}.html")


def save_report(diary: Diary, today: date, weeks: int | None, path: Path) -> ReportData:
    """Write the report to ``path`` (0600), in the format its suffix names."""
    render = FORMATS.get(path.suffix.lower())
    if render is None:
        raise ValueError(f"a report file must end in .md or .html (got {path.name!r})")
    data = build_report(diary, today, weeks)
    write_private(path, render(data))
    return data
