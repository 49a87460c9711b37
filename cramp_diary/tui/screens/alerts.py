"""Warning signs: each one the diary found, what to do, and the episodes behind it.

``d`` marks the selected warning as discussed with a healthcare provider today:
it stays listed, but the home banner stays quiet about it until a new episode.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from cramp_diary.alerts import LEVEL_NAMES, RULES, Alert, find_alerts, references_line
from cramp_diary.model import Episode
from cramp_diary.store import DiaryError
from cramp_diary.tui.widgets.key_footer import KeyFooter
from cramp_diary.tui.context import context
from cramp_diary.tui.live import FollowsDiary
from cramp_diary.use_cases.sentences import IF_WORRIED, NO_WARNINGS, discussed_line
from cramp_diary.use_cases.mark_discussed import mark_discussed
from cramp_diary.wording import episode_fields, format_episode_line

#: At most this many episodes are listed under one sign; the report lists them all.
SHOWN_EPISODES = 8


def episode_line(episode: Episode) -> Text:
    """One episode behind a sign; the muscle may be the person's own word, so it stays plain text."""
    fields = episode_fields(episode)
    line = Text("  " + format_episode_line(episode, gap="  ", sep="  ", severity=True))
    line.stylize("bold", 2, 2 + len(fields.when))
    if fields.signs:
        line.stylize("italic", len(line) - len(fields.signs) - 2)
    return line


def alert_text(alert: Alert, episodes: list[Episode]) -> Text:
    text = Text()
    text.append(f"{LEVEL_NAMES[alert.level]}: ", style="bold")
    text.append(f"{alert.title}\n", style="bold")
    text.append(f"{alert.advice}\n")
    discussed = discussed_line(alert)
    if discussed is not None:
        text.append(f"{discussed}\n", style="italic")
    text.append(f"Rule: {alert.threshold}. Sources: {references_line(alert)}.\n", style="dim")
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
    text.append(f"{NO_WARNINGS}\n\n", style="bold")
    text.append("The diary looks for:\n")
    for rule in RULES:
        text.append(f"  {rule.title}", style="bold")
        text.append(f": {rule.threshold}.\n")
        text.append(f"    {references_line(rule)}\n", style="dim")
    text.append(f"\n{IF_WORRIED}")
    return text


class AlertCard(Static, can_focus=True):
    """One warning on the screen; focusable so ``d`` knows which one was discussed."""

    def __init__(self, text: Text, alert: Alert) -> None:
        super().__init__(text, classes=f"sign {alert.level}")
        self.alert = alert


class AlertsScreen(FollowsDiary, Screen[None]):
    """Every warning sign found, most serious first, each with its episodes."""

    CSS_PATH = "alerts.tcss"

    BINDINGS = [
        Binding("escape", "back", "Back", tooltip="Back to the diary", id="back"),
        Binding(
            "d",
            "discussed",
            "Discussed today",
            tooltip="Mark the selected warning as discussed with your healthcare provider today",
            id="discussed",
        ),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield VerticalScroll(id="signs")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = "Warning signs"
        self.reload()
        self.follow_diary()

    def diary_changed(self) -> None:
        """Episodes written elsewhere may raise or settle a sign: look again, staying on the same sign."""
        focused = self.focused
        self.reload(keep=focused.alert.rule if isinstance(focused, AlertCard) else None)

    def reload(self, keep: str | None = None) -> None:
        """Look for warning signs again and list them, the card of rule ``keep`` focused when it is still there."""
        app = context(self)
        diary = app.diary
        found = find_alerts(diary, app.now().date())
        signs = self.query_one("#signs", VerticalScroll)
        signs.remove_children()
        if not found:
            signs.mount(Static(quiet_text(), classes="quiet"))
        cards = []
        for alert in found:
            episodes = [e for e in map(diary.episodes.get, alert.episode_ids) if e is not None]
            cards.append(AlertCard(alert_text(alert, episodes), alert))
        signs.mount_all(cards)
        if cards:
            kept = [card for card in cards if card.alert.rule == keep]
            (kept or cards)[0].focus()
        else:
            signs.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``d`` only when a warning is selected."""
        if action == "discussed":
            return isinstance(self.focused, AlertCard)
        return True

    def action_discussed(self) -> None:
        """Record today's visit for the selected warning, so its banner rests until something new happens."""
        card = self.focused
        if not isinstance(card, AlertCard):
            return
        app = context(self)
        try:
            done = mark_discussed(app.diary, card.alert.rule, app.now().date())
        except DiaryError as error:
            self.notify(f"Not saved: {error}", severity="error", markup=False)
            return
        self.notify(done.message, markup=False)
        self.reload()

    def action_back(self) -> None:
        self.app.pop_screen()
