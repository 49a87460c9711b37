"""The cramp-diary Textual application."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

from cramp_diary.clock import Now, system_now
from cramp_diary.store import Diary


class CrampApp(App[None]):
    """Placeholder until the diary screens land."""

    TITLE = "cramp-diary"
    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, diary: Diary) -> None:
        super().__init__()
        self.diary = diary

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"Diary: {self.diary.path}")
        yield Footer()


def run_app(path: Path, now: Now = system_now, create_folder: bool = False) -> None:
    """Open the diary (refusing foreign files before the screen takes over) and run the app."""
    with Diary.open(path, now, create_folder=create_folder) as diary:
        CrampApp(diary).run()
