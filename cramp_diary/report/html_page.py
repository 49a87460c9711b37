"""The report as one self-contained HTML page with an inline SVG chart, that prints cleanly.

Everything a person typed is escaped, so it can never become markup, a link
or a script, and the page loads nothing from anywhere.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from datetime import date

from cramp_diary.alerts import LEVEL_NAMES, Alert
from cramp_diary.markers import ChangeMarker
from cramp_diary.model import Episode
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
from cramp_diary.iso_weeks import Week

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
.alert.prompt { border-color: #a04000; background: #fdeee0; }
.alert.soon { border-color: #c77700; background: #fff5e5; }
.alert.note { border-color: #2c6fbb; background: #eef4fb; }
.small { font-size: .9em; color: #444; }
table.episodes { font-size: .85em; }
@page { size: A4; margin: 12mm 14mm; }
section.visit { break-after: page; page-break-after: always; }
section.visit { font-size: 9pt; line-height: 1.3; }
section.visit .pair { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1.5em; }
section.visit ul, section.visit ol { margin: .2em 0; padding-left: 1.4em; }
section.visit table.trend td, section.visit table.trend th { padding: .05em .4em; white-space: nowrap; }
@media print { h1 { font-size: 1.3em; margin: 0; } section.visit h2 { margin-top: .3em; } }
section.visit h2 { margin-top: .6em; }
section.visit h3 { margin-top: .6em; }
section.visit p, section.visit li { margin: .2em 0; }
.caveat { font-size: .85em; color: #444; }
@media print { body { margin: 0; max-width: none; } }
"""

#: Nothing may load from outside the file, even if some text slipped through unescaped.
_CSP = "default-src 'none'; style-src 'unsafe-inline'"


def _e(text: object) -> str:
    """Every text on the page, one way: controls and bidi overrides written out, then HTML-escaped.

    Done here rather than by each caller: "Changes tried" and the triggers table once let a raw
    right-to-left override through, which reorders the rest of the line it sits in.
    """
    return html.escape(printable(str(text)), quote=True)


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


def weekly_svg(
    weeks: list[Week], width: int = 720, height: int = 220, markers: Sequence[ChangeMarker] = ()
) -> str:
    """Cramps per week (÷ recorded days × 7, as in the summary) as bars and mean severity as a line, inline.

    A week with no recorded day is a dashed outline marked "no data", never an
    empty bar; a partly recorded week carries its recorded days ("5/7") over its
    bar. Each dated change gets a dashed line before the week it started (▲) or
    stopped (▼) in, with its name.
    """
    left, right, top, bottom = 36, 36, 24, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    rates = [w.cramps * 7 / w.recorded_days if w.recorded_days else None for w in weeks]
    most = max(math.ceil(max((r for r in rates if r is not None), default=1)), 1)
    slot = plot_w / max(len(weeks), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}"'
        ' role="img" aria-label="Cramps per week (bars) and mean severity (line)"'
        ' font-size="10" font-family="sans-serif">',
        f'<text x="{left}" y="12">Cramps per week = cramps ÷ recorded days × 7 (bars, left axis); mean severity 0-10'
        ' (line, right axis); "no data": no day recorded</text>',
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
    for i, (week, rate) in enumerate(zip(weeks, rates)):
        x = left + i * slot
        if rate is None:
            parts.append(
                f'<rect x="{x + slot * 0.2:.1f}" y="{top:.1f}" width="{slot * 0.6:.1f}" height="{plot_h:.1f}" fill="none"'
                f' stroke="#999" stroke-dasharray="2,2"><title>{_e(week.iso)}: no day recorded</title></rect>'
                f'<text x="{x + slot / 2:.1f}" y="{top + plot_h - 4:.1f}" text-anchor="start" fill="#555"'
                f' transform="rotate(-90 {x + slot / 2:.1f} {top + plot_h - 4:.1f})" dy="3">no data</text>'
            )
        else:
            bar_h = rate * plot_h / most
            parts.append(
                f'<rect x="{x + slot * 0.2:.1f}" y="{top + plot_h - bar_h:.1f}" width="{slot * 0.6:.1f}"'
                f' height="{bar_h:.1f}" fill="#2c6fbb"><title>{_e(week.iso)}: {week.cramps} cramps in'
                f' {week.recorded_days} of {week.days} days recorded</title></rect>'
            )
            if week.recorded_days < week.days:
                parts.append(
                    f'<text x="{x + slot / 2:.1f}" y="{top + plot_h - bar_h - 3:.1f}" text-anchor="middle"'
                    f' fill="#333">{week.recorded_days}/{week.days}</text>'
                )
        if week.mean_severity is None:
            segments.append([])
        else:
            segments[-1].append((x + slot / 2, top + plot_h - week.mean_severity * plot_h / 10))
        if i % label_every == 0:
            parts.append(
                f'<text x="{x + slot / 2:.1f}" y="{height - bottom + 14}" text-anchor="middle">{_e(week.iso[5:])}</text>'
            )
    for step, marker in enumerate(markers):
        x = left + marker.index * slot + 1
        y = top + 10 + 11 * (step % 3)
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{top + plot_h}" stroke="#555" stroke-dasharray="3,2"/>'
        )
        parts.append(f'<text x="{x + 2:.1f}" y="{y}" fill="#333">{_e(marker.label)}</text>')
    for points in segments:
        if points:
            line = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
            parts.append(f'<polyline points="{line}" fill="none" stroke="#c77700" stroke-width="2"/>')
            parts += [f'<circle cx="{px:.1f}" cy="{py:.1f}" r="2.5" fill="#c77700"/>' for px, py in points]
    parts.append("</svg>")
    return "".join(parts)


def _html_alert(alert: Alert, episodes: list[Episode], today: date) -> str:
    items = "".join(f"<li>{_e(dated_episode(e, today))}</li>" for e in episodes)
    discussed = discussed_line(alert)
    note = f"<p><i>{_e(discussed)}</i></p>" if discussed else ""
    return (
        f'<div class="alert {_e(alert.level)}"><h3>{_e(LEVEL_NAMES[alert.level])}: {_e(alert.title)}</h3>'
        f'<p>{_e(alert.advice)}</p>{note}<p class="small">Rule: {_e(alert.threshold)}.</p><ul>{items}</ul></div>'
    )


def _html_earlier(data: ReportData) -> str:
    """Signs logged in the period but not active today, and the one line about those before it."""
    parts = []
    earlier = earlier_lines(data)
    if earlier:
        parts.append("<h3>Warning signs logged in this period</h3><ul>" + "".join(f"<li>{_e(x)}</li>" for x in earlier) + "</ul>")
    before = before_line(data)
    if before:
        parts.append(f"<p>{_e(before)}</p>")
    return "".join(parts)


def to_html(data: ReportData) -> str:
    """The report as one self-contained HTML page that prints cleanly."""
    summary = Table("Summary", ("Measure", "Value"), [list(row) for row in summary_rows(data.summary)])
    alerts = "".join(_html_alert(a, e, data.made) for a, e in data.alerts) or (
        "<p>None of the warning signs the diary looks for are active today.</p>"
    )
    alerts += _html_earlier(data)
    body = [
        f"<h1>{_e(TITLE)}</h1>",
        f"<p><b>Period:</b> {_e(data.period)}<br><b>Made:</b> {_e(data.made.isoformat())}"
        " with cramp-diary. A personal diary, not a diagnosis.</p>",
        _html_visit(data),
        "<h1>Appendix: the full record</h1>",
        _html_table(summary),
        f'<p class="small">{_e(DEFINITIONS)}</p>',
        f"<h2>Warning signs</h2>{alerts}",
        _html_table(weekly_table(data.weeks), figure=weekly_svg(data.weeks, markers=data.markers)),
        _html_comparisons(data),
        *(_html_table(table) for table in detail_tables(data)),
        "<h2>Questions to ask</h2><ul>" + "".join(f"<li>{_e(q)}</li>" for q in QUESTIONS) + "</ul>",
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_e(_CSP)}">'
        f'<meta name="viewport" content="width=device-width"><title>{_e(TITLE)}</title><style>{_CSS}</style></head>'
        f"<body>{''.join(body)}</body></html>\n"
    )


def _html_comparisons(data: ReportData) -> str:
    """Each change's comparison in full (page 1 gives only its result)."""
    if data.visit is None or not data.visit.comparisons:
        return ""
    blocks = "".join(
        f"<p><b>{_e(lines[0])}</b></p>" + _items(lines[1:-1], "") + f'<p class="caveat">{_e(lines[-1])}</p>'
        for lines in data.visit.comparison_blocks()
    )
    return f"<h2>Changes tried, in full</h2>{blocks}"


def _items(lines: list[str], empty: str) -> str:
    return f"<ul>{''.join(f'<li>{_e(line)}</li>' for line in lines)}</ul>" if lines else f"<p>{_e(empty)}</p>"


def _html_visit(data: ReportData) -> str:
    """The one-page summary for the visit; a page break after it, so it prints on one A4 sheet."""
    visit = data.visit
    if visit is None:
        return ""
    (_, recent, before), *measures = visit.trend_rows()  # the first row is the two periods: the column heads
    rows = "".join(f"<tr><th>{_e(label)}</th><td>{_e(now)}</td><td>{_e(then)}</td></tr>" for label, now, then in measures)
    caveat = "".join(f'<p class="caveat">{_e(text)}</p>' for text in visit.caveats())
    questions = "".join(f"<li>{_e(q)}</li>" for q in VISIT_QUESTIONS)
    parts = [
        '<section class="visit"><h2>At a glance</h2>',
        f"<p>{_e(visit.began_line)}</p>" if visit.began_line else "",
        f'<table class="trend"><thead><tr><th></th><th>Last 4 weeks, {_e(recent)}</th><th>4 weeks before, {_e(before)}</th>'
        f"</tr></thead><tbody>{rows}</tbody></table>",
        f"<p><b>{_e(visit.trend.words())}</b></p>",
        "<h3>Warning signs</h3>" + _items(visit.warning_lines(), "None of the warning signs the diary looks for."),
        "<h3>Medicines taken in this period</h3>" + _items(visit.medicine_lines(), NO_MEDICINES),
        _html_trial(data),
        '<div class="pair"><div>',
        "<h3>Changes tried</h3>" + _items(visit.change_lines(), "No change was started or stopped in this period."),
        caveat,
        "</div><div>",
        "<h3>Sides, reliefs and stretches</h3>" + _items([visit.sides, visit.reliefs, visit.bedtime_line], ""),
        f"<h3>Three questions for the visit</h3><ol>{questions}</ol>",
        "</div></div></section>",
    ]
    return "".join(parts)


def _html_trial(data: ReportData) -> str:
    """The with/without trial, a compact section of its own on the first page ('' without a trial)."""
    if not data.trial:
        return ""
    heading, *lines = data.trial
    items = "".join(f"<li>{_e(line)}</li>" for line in lines[:-1])
    return f'<h3>{_e(heading)}</h3><ul>{items}</ul><p class="caveat">{_e(lines[-1])}</p>'
