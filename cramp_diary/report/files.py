"""Writing the report to a file of the person's only (0600), in the format its suffix names.

The file goes through :mod:`cramp_diary.safe_write`: never through a link,
never over the diary, never half-written.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

from cramp_diary.report.data import ReportData, build_report
from cramp_diary.report.html_page import to_html
from cramp_diary.report.markdown import to_markdown
from cramp_diary.safe_write import write_atomic
from cramp_diary.store import Diary

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


def save_report(
    diary: Diary,
    today: date,
    weeks: int | None,
    path: Path,
    *,
    overwrite: bool = False,
    days: tuple[date, date] | None = None,
) -> ReportData:
    """Write the report to ``path`` (0600 when new), in the format its suffix names.

    An existing file is replaced only with ``overwrite``; raises ``UnsafeTarget``
    for an existing file otherwise, a link, a device or the diary itself.
    """
    render = FORMATS.get(path.suffix.lower())
    if render is None:
        raise ValueError(f"a report file must end in .md or .html (got {path.name!r})")
    data = build_report(diary, today, weeks, days=days)
    write_atomic(path, render(data), protect=[diary.path], overwrite=overwrite)
    return data
