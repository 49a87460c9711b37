"""The cramp-diary Textual application: holds the diary and the clocks, owns the screens.

Screens never import this module: they read the diary and clocks through
:mod:`cramp_diary.tui.context` and ask for other screens with messages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from datetime import date
from pathlib import Path

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from cramp_diary import alerts
from cramp_diary.clock import Monotonic, Now, system_monotonic, system_now
from cramp_diary.paths import config_dir
from cramp_diary.report import default_report_path
from cramp_diary.store import Diary, DiskFull
from cramp_diary.tui.screens.help import HelpScreen
from cramp_diary.tui.screens.home import HomeScreen
from cramp_diary.tui.themes import CALM, NIGHT, THEMES, is_night


#: Textual's own palette commands the app does not offer.
LEFT_OUT_SYSTEM_COMMANDS = frozenset({"Theme", "Quit", "Screenshot"})


class CrampApp(App[None]):
    """A diary and coach for leg cramps. The diary and both clocks are injected, for tests."""

    TITLE = "cramp-diary"
    CSS_PATH = "app.tcss"

    BINDINGS = [
        Binding("question_mark", "help", "Help", key_display="?", tooltip="Every key, and the night quick log", id="help"),
        Binding("ctrl+t", "toggle_night", "Night", tooltip="Switch between the calm and the dim night theme", id="night"),
        Binding("q", "quit", "Quit", tooltip="Leave the app (everything is already saved)", id="quit"),
    ]

    def __init__(
        self,
        diary: Diary,
        *,
        now: Now = system_now,
        monotonic: Monotonic = system_monotonic,
        config_dir: Path | None = None,
        start_screen: Screen[object] | None = None,
        start_timer: tuple[str | None, str | None] | None = None,
        report_path: Callable[[date], Path] = default_report_path,
    ) -> None:
        super().__init__()
        self.diary = diary
        self.now = now
        self.monotonic = monotonic
        self.config_dir = config_dir
        self.report_path = report_path
        self._start_screen = start_screen
        self._start_timer = start_timer
        for theme in THEMES:
            self.register_theme(theme)

    def on_mount(self) -> None:
        self.theme = NIGHT.name if is_night(self.now().hour) else CALM.name
        for warning in self.diary.warnings:  # others can read the diary, or the disk is full
            lasting = warning == self.diary.unsaved_reason  # nothing is saved: say so until they leave
            self.notify(warning, severity="warning", timeout=3600 if lasting else 15, markup=False)
        self.push_screen(HomeScreen())
        if self._start_screen is not None:
            self.push_screen(self._start_screen)
        if self._start_timer is not None:
            self.open_timer(*self._start_timer)
        from cramp_diary.tui.screens.recover import offer_recovery

        offer_recovery(self)  # a cramp timer that was killed mid-cramp left an unfinished episode

    def open_timer(self, muscle: str | None = None, side: str | None = None) -> None:
        """The cramp timer; after a warning sign such as a swollen calf, without the massage step."""
        from cramp_diary.tui.screens.timer import TimerScreen

        avoid = alerts.avoid_massage(alerts.find_alerts(self.diary, self.now().date()))
        self.push_screen(TimerScreen(muscle, side, avoid_massage=avoid))

    def open_charts(self) -> None:
        from cramp_diary.tui.screens.charts import ChartsScreen

        self.push_screen(ChartsScreen(report_path=self.report_path))

    def open_alerts(self) -> None:
        from cramp_diary.tui.screens.alerts import AlertsScreen

        self.push_screen(AlertsScreen())

    @on(HomeScreen.TimerRequested)
    def _timer_requested(self) -> None:
        self.open_timer()

    @on(HomeScreen.ChartsRequested)
    def _charts_requested(self) -> None:
        self.open_charts()

    @on(HomeScreen.AlertsRequested)
    def _alerts_requested(self) -> None:
        self.open_alerts()

    def open_changes(self) -> None:
        from cramp_diary.tui.screens.changes import ChangesScreen

        self.push_screen(ChangesScreen())

    @on(HomeScreen.ChangesRequested)
    def _changes_requested(self) -> None:
        self.open_changes()

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_toggle_night(self) -> None:
        self.theme = CALM.name if self.theme == NIGHT.name else NIGHT.name

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        """Textual's screenshot action, refused: a picture of the screen is the diary, unprotected."""
        self.notify("Screenshots are switched off: they would hold your diary in a file anyone could read.")

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Everything the footer offers is also in the command palette (ctrl+p).

        Textual's Screenshot is left out: it wrote the screen, diary text and all,
        to a world-readable SVG in ~/Downloads.
        """
        for command in super().get_system_commands(screen):
            # our two themes are on ctrl+t; our own Quit below; no screenshots of a health diary
            if command.title not in LEFT_OUT_SYSTEM_COMMANDS:
                yield command
        yield SystemCommand("Night theme", "Switch between the calm and the dim night theme", self.action_toggle_night)
        yield SystemCommand("Quit", "Leave the app; everything is already saved", self.exit)
        for binding in screen.BINDINGS:
            if isinstance(binding, Binding) and binding.description:
                action = binding.action
                yield SystemCommand(
                    binding.description,
                    binding.tooltip or binding.description,
                    partial(self.call_later, self.run_action, action, screen),
                )
        yield SystemCommand("Help", "Every key, and the night quick log", self.action_help)


def run_app(
    path: Path,
    *,
    now: Now = system_now,
    create_folder: bool = False,
    timer: tuple[str | None, str | None] | None = None,
) -> None:
    """Open the diary (refusing foreign files before the screen takes over) and run the app.

    ``timer`` (muscle, side) opens straight on the cramp timer, as ``cramp-diary timer`` does;
    on a full disk the timer still runs, on the diary opened for reading, and says nothing can be saved.
    """
    try:
        diary = Diary.open(path, now, create_folder=create_folder)
    except DiskFull as error:
        if timer is None:
            raise
        # a cramp does not wait for free space: coach it anyway, and say plainly it is not saved
        diary = Diary.open_read_only(path, now, reason=f"{error}; this cramp cannot be saved until there is space")
    with diary:
        CrampApp(diary, now=now, config_dir=config_dir(), start_timer=timer).run()
