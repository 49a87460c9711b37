"""A report to take to a healthcare provider, as Markdown or one printable HTML file.

``data`` gathers and words what the report shows, ``markdown`` and
``html_page`` draw it, ``files`` writes it. Everything a person typed (notes,
their own triggers and muscle words) is escaped in either format, so it reads
as text and can never become markup, a link or a script.
"""

from __future__ import annotations

from cramp_diary.report.data import QUESTIONS, TITLE, ReportData, build_report, period_line, summary_rows
from cramp_diary.report.files import FORMATS, default_report_path, save_report, unused_path
from cramp_diary.report.html_page import to_html, weekly_svg
from cramp_diary.report.markdown import to_markdown

__all__ = [
    "FORMATS",
    "QUESTIONS",
    "TITLE",
    "ReportData",
    "build_report",
    "default_report_path",
    "period_line",
    "save_report",
    "summary_rows",
    "to_html",
    "to_markdown",
    "unused_path",
    "weekly_svg",
]
