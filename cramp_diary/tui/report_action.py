"""Saving the report for the healthcare provider from any screen, and saying where it went."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from textual.widget import Widget

from cramp_diary.clock import home_zone
from cramp_diary.report import save_report
from cramp_diary.settings import began_day, load_settings
from cramp_diary.safe_write import UnsafeTarget, describe_os_error
from cramp_diary.tui.context import context


def save_report_from(
    screen: Widget, weeks: int | None, report_path: Callable[[date], Path], described: str
) -> Path | None:
    """Write the report of ``weeks`` (None: every record) and notify; ``described`` names the period.

    A full disk or an unwritable folder is a one-line message, never a traceback;
    an existing file (or a link, or the diary itself) is never written over.
    """
    app = context(screen)
    now = app.now()
    today = now.date()
    path = report_path(today)
    try:
        began = began_day(load_settings(app.config_dir)[0])  # re-read: the CLI may have set it meanwhile
        save_report(app.diary, today, weeks, path, zone=home_zone(now), began=began)
    except UnsafeTarget as error:
        screen.notify(f"Could not save the report: {error}", severity="error", markup=False)
        return None
    except OSError as error:
        screen.notify(f"Could not save the report: {describe_os_error(error)}", severity="error", markup=False)
        return None
    screen.notify(f"Saved the report {described} to {path}", timeout=8, markup=False)
    return path
