"""Warning signs: each one the diary found, what to do, and the episodes behind it."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from cramp_diary.alerts import LEVEL_NAMES, RULES, Alert, find_alerts
from cramp_diary.model import Episode
from cramp_diary.parsing import format_when
from cramp_diary.tui.context import context
from cramp_diary.wording import episode_signs, format_episode_line

#: At most this many episodes are listed under one sign; the report lists them all.
SHOWN_EPISODES = 8


def episode_line(episode: Episode) -> Text:
    """One episode behind a sign; the muscle may be the person's own word, so it stays plain text."""
    line = Text("  " + format_episode_line(episode, gap="  ", sep="  ", severity=True))
    line.stylize("bold", 2, 2 + len(format_when(episode.started_at)))
    if episode.signs:
        line.stylize("italic", len(line) - len(episode_signs(episode)) - 2)
    return line


def alert_text(alert: Alert, episodes: list[Episode]) -> Text:
    text = Text()
    text.append(f"{LEVEL_NAMES[alert.level]}: ", style="bold")
    text.append(f"{alert.title}\n", style="bold")
    text.append(f"{alert.advice}\n")
    sources = ", ".join(name.split("_")[0] for name in alert.references)
    text.append(f"Rule: {alert.threshold}. Reference material: {sources} (see the README).\n", style="dim")
    for episode in episodes[:SHOWN_EPISODES]:
        text.append_text(episode_line(episode))
        text.append("\n")
    if len(episodes) > SHOWN_EPISODES:
        text.append(f"  and {len(episodes) - SHOWN_EPISODES} more (all are in the report)", style="dim")
    text.rstrip()
    return text


def quiet_text() -> Text:
    """When nothing fired: say so, and what the diary keeps an eye on."""
    text = Text()
    text.append("No warning signs right now.\n\n", style="bold")
    text.append("The diary looks for:\n")
    for rule in RULES:
        text.append(f"  {rule.title}", style="bold")
        text.append(f": {rule.threshold}.\n")
    text.append("\nIf something worries you, contact your healthcare provider whatever the diary says.")
    return text


class AlertsScreen(Screen[None]):
    """Every warning sign found, most serious first, each with its episodes."""

    CSS_PATH = "alerts.tcss"

    BINDINGS = [
        Binding("escape", "back", "Back", tooltip="Back to the diary", id="back"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield VerticalScroll(id="signs")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Warning signs"
        self.reload()

    def reload(self) -> None:
        """Look for warning signs again and list them."""
        app = context(self)
        diary = app.diary
        found = find_alerts(diary, app.now().date())
        signs = self.query_one("#signs", VerticalScroll)
        signs.remove_children()
        if not found:
            signs.mount(Static(quiet_text(), classes="quiet"))
        for alert in found:
            episodes = [e for e in map(diary.get, alert.episode_ids) if e is not None]
            signs.mount(Static(alert_text(alert, episodes), classes=f"sign {alert.level}"))
        signs.focus()

    def action_back(self) -> None:
        self.app.pop_screen()
