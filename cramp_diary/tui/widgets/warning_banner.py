"""The home screen's one-line warning banner: the most serious sign, or nothing at all.

Its look (hidden when empty, a background per level) is in the home screen's
``home.tcss``; the level is also spelled out in words, never by colour alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.message import Message
from textual.widgets import Static

if TYPE_CHECKING:  # the rules load with the first warnings, after the first frame
    from cramp_diary.alerts import Alert


class WarningBanner(Static):
    """Shows the most serious of the alerts it is given; a click asks for the details."""

    class Selected(Message):
        """The person clicked the banner: the screen should open the warning signs."""

    def show_alerts(self, alerts: list[Alert]) -> None:
        """Show the most serious warning sign, or hide the banner when there is none."""
        from cramp_diary.alerts import LEVEL_NAMES, LEVELS, most_serious

        self.remove_class(*LEVELS)
        alert = most_serious(alerts)
        if alert is None:
            self.update("")
            return
        text = Text()
        text.append(f"{LEVEL_NAMES[alert.level]}: {alert.title}. ", style="bold")
        text.append(alert.advice)
        text.append("  (a: details)", style="dim")
        self.update(text)
        self.add_class(alert.level)

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Selected())
