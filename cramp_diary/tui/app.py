"""The cramp-diary Textual application: holds the diary and the clocks, owns the screens.

Screens never import this module: they read the diary and clocks through
:mod:`cramp_diary.tui.context` and ask for other screens with messages.
"""

from __future__ import annotations

import gc
import sys

from collections.abc import Callable, Iterable
from functools import partial
from datetime import date
from pathlib import Path

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from cramp_diary.clock import Monotonic, Now, system_monotonic, system_now
from cramp_diary.paths import config_dir
from cramp_diary.safe_write import UnsafeTarget
from cramp_diary.settings import SettingsUnreadable, change_settings, load_settings
from cramp_diary.store import Diary, DiaryError, DiskFull
from cramp_diary.tui.context import SavesOnExit
from cramp_diary.tui.screens.home import HomeScreen
from cramp_diary.tui.themes import CALM, NIGHT, THEMES, is_night
from textual.theme import Theme


def default_report_path(today: date) -> Path:
    """Where the report goes unless a test says otherwise; the report package loads when first used."""
    from cramp_diary.report import default_report_path as report_path

    return report_path(today)


#: Whether this process has frozen its start-up objects (done once, by the first app).
_start_up_frozen = False


def _freeze_start_up_objects() -> None:
    """Leave what the imports made (modules, classes, functions: alive until exit) out of later full collections.

    The app allocates more than a bare Textual app before its first frame, enough
    to set off one full collection, which walks every object of every module
    loaded (tens of milliseconds); frozen objects are never walked again. Done once
    a process: objects alive at the first app's start, not those of any later one.
    """
    global _start_up_frozen
    if not _start_up_frozen:  # not gc.get_freeze_count(): CPython 3.12 starts with a few hundred frozen
        gc.freeze()
        _start_up_frozen = True


#: Textual's own palette commands the app does not offer.
LEFT_OUT_SYSTEM_COMMANDS = frozenset({"Quit", "Screenshot"})


class CrampApp(App[None]):
    """A diary and coach for leg cramps. The diary and both clocks are injected, for tests."""

    TITLE = "cramp-diary"
    #: The home screen's CSS is read with the app's: pushing home then finds it parsed
    #: already, instead of re-parsing every stylesheet before the first frame.
    CSS_PATH = ["app.tcss", "screens/home.tcss"]

    BINDINGS = [
        Binding("question_mark", "help", "Help", key_display="?", tooltip="Every key, and the night quick log", id="help"),
        Binding("ctrl+t", "toggle_night", "Night", tooltip="Switch between your theme and the dim night theme", id="night"),
        Binding("q", "quit", "Quit", tooltip="Leave the app (everything is already saved)", id="quit"),
        Binding("ctrl+y", "sync", "Sync", tooltip="Sync now with your other machines through the sync folder", show=False, id="sync"),
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
        _freeze_start_up_objects()
        super().__init__()
        self.diary = diary
        self.now = now
        self.monotonic = monotonic
        self.config_dir = config_dir
        self.report_path = report_path
        self._start_screen = start_screen
        self._start_timer = start_timer
        self.settings, self._settings_warnings = load_settings(config_dir)
        self._day_theme = CALM.name
        self._start_look()

    def get_default_screen(self) -> Screen[None]:
        """Home is the app's first screen, composed with the app, not pushed over a blank one."""
        return HomeScreen()

    def on_mount(self) -> None:
        self._apply_settings()
        for warning in self.diary.warnings:  # others can read the diary, or the disk is full
            lasting = warning == self.diary.unsaved_reason  # nothing is saved: say so until they leave
            self.notify(warning, severity="warning", timeout=3600 if lasting else 15, markup=False)
        if self._start_screen is not None:
            self.push_screen(self._start_screen)
        if self._start_timer is not None:
            self.open_timer(*self._start_timer, from_shell=True)
        if self.diary.episodes.unfinished():  # none at all, the usual case: the recovery screens need not load
            from cramp_diary.tui.screens.recover import offer_recovery

            offer_recovery(self)  # a cramp timer that was killed mid-cramp left an unfinished episode
        if self.settings.sync_folder is not None:  # read a moment ago: the sync code loads only when it runs
            self.run_worker(self._sync_quietly, thread=True, exit_on_error=False)

    def _sync_folder(self) -> Path | None:
        from cramp_diary.use_cases.sync_now import NoSyncFolder, remembered_folder

        try:
            return remembered_folder(self.config_dir)
        except NoSyncFolder:
            return None

    def _sync(self) -> str:
        """Sync through its own connection, so what arrives shows up like any other outside change."""
        from cramp_diary.sync import SyncRefused
        from cramp_diary.use_cases.sync_now import NoSyncFolder, remembered_folder, sync_now

        try:
            folder = remembered_folder(self.config_dir)
        except NoSyncFolder as error:
            return f"Not synced: {error}."
        try:
            with Diary.open(self.diary.path, self.now) as own:
                return sync_now(own, folder).message
        except (DiaryError, SyncRefused, UnsafeTarget, OSError) as error:
            return f"Could not sync: {error}"

    def _sync_quietly(self) -> None:
        message = self._sync()
        self.call_from_thread(self._show_sync, message)

    def _show_sync(self, message: str) -> None:
        """The sync report, literal: it quotes file names and contents from the shared folder."""
        self.notify(message, title="Sync", markup=False)

    def action_sync(self) -> None:
        self.notify(self._sync(), title="Sync", markup=False)

    async def action_quit(self) -> None:
        if self._sync_folder() is not None:
            self._sync()  # on quit too, so the other machines get this session's cramps
        self.exit()

    def open_timer(self, muscle: str | None = None, side: str | None = None, *, from_shell: bool = False) -> None:
        """The cramp timer; after a warning sign such as a swollen calf, without the massage step.

        ``from_shell``: opened by ``cramp-diary timer``, so its end is back at the shell, not the full app.
        """
        from cramp_diary import alerts
        from cramp_diary.tui.screens.timer import TimerScreen

        avoid = alerts.avoid_massage(alerts.find_alerts(self.diary, self.now().date()))
        self.push_screen(TimerScreen(muscle, side, avoid_massage=avoid), self._back_to_shell if from_shell else None)

    def _back_to_shell(self, saved: object) -> None:
        """The timer run from the shell has ended: leave, and say on the shell what was saved."""
        episode_id = getattr(saved, "id", None)
        self.exit(message=f"Saved episode {episode_id}." if episode_id is not None else None)

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

    @on(HomeScreen.TrialRequested)
    def _trial_requested(self) -> None:
        from cramp_diary.tui.screens.trial import TrialScreen

        self.push_screen(TrialScreen())

    @on(HomeScreen.MedicinesRequested)
    def _medicines_requested(self) -> None:
        from cramp_diary.tui.screens.medicines import MedicinesScreen

        self.push_screen(MedicinesScreen())

    def action_help(self) -> None:
        from cramp_diary.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    # -- themes and settings ----------------------------------------------------

    def _saved_theme(self) -> str | None:
        """The theme the settings file names, if it is one of ours."""
        chosen = self.settings.theme
        return chosen if chosen is not None and chosen in {theme.name for theme in THEMES} else None

    def _start_look(self) -> None:
        """Our themes only, and the saved (or night) one chosen before the CSS is first parsed.

        Setting ``theme`` once the app runs re-parses and re-applies every stylesheet
        and redraws (twice), so the first theme is put in place here, without its watcher:
        the same classes, ANSI colour map and CSS variables that the watcher would set.
        """
        ours = {theme.name for theme in THEMES}
        for theme in THEMES:
            self.register_theme(theme)
        for name in list(self.available_themes):  # Textual's own themes would clash with the charts' colours
            if name not in ours:
                self.unregister_theme(name)
        saved = self._saved_theme()
        self._day_theme = saved if saved not in (None, NIGHT.name) else CALM.name
        night = self.settings.night_by_clock and is_night(self.now().hour)
        self.set_reactive(App.theme, NIGHT.name if night else saved or CALM.name)
        theme = self.current_theme
        classes = {name: False for name in self.classes if name.startswith("-theme-")}
        classes.update({f"-theme-{theme.name}": True, "-dark-mode": theme.dark, "-light-mode": not theme.dark})
        classes["-large-digits"] = self.settings.large_timer_digits
        self.update_classes(classes, update=False)
        self._refresh_truecolor_filter(self.ansi_theme)
        self.stylesheet.set_variables(self.get_css_variables())

    def _apply_settings(self) -> None:
        """A bad settings line is shown, not fatal; a theme picked from now on is remembered."""
        for warning in self._settings_warnings:
            self.notify(warning, title="Your settings file", severity="warning", timeout=15, markup=False)
        if self.settings.theme is not None and self._saved_theme() is None:
            names = ", ".join(theme.name for theme in THEMES)
            self.notify(
                f"Unknown theme {self.settings.theme!r} in the settings file; using {CALM.name} (known: {names}).",
                title="Your settings file", severity="warning", timeout=15, markup=False,
            )
        self.theme_changed_signal.subscribe(self, self._theme_chosen)

    def _theme_chosen(self, theme: Theme) -> None:
        """A theme picked in the palette or with ctrl+t is remembered for the next start."""
        if theme.name != NIGHT.name:
            self._day_theme = theme.name
        if theme.name != self.settings.theme:
            self._change_settings(theme=theme.name)

    def _change_settings(self, **changes: object) -> None:
        """Keep a changed setting: only its line is rewritten in the file as it is now, so a setting
        saved meanwhile by the CLI (``sync --remember``) is kept; say so if it cannot be written."""
        self.settings = self.settings.with_changes(**changes)
        if self.config_dir is None:
            return
        try:
            saved = change_settings(self.config_dir, **changes)
        except (OSError, UnsafeTarget, SettingsUnreadable) as error:
            self.notify(f"Setting not saved: {error}", severity="error", markup=False)
        else:
            self.settings = saved

    def action_toggle_night(self) -> None:
        self.theme = self._day_theme if self.theme == NIGHT.name else NIGHT.name

    def action_toggle_night_by_clock(self) -> None:
        on = not self.settings.night_by_clock
        self._change_settings(night_by_clock=on)
        self.notify("The night theme now comes on by the clock (22:00 to 07:00)." if on else "The night theme no longer follows the clock; ctrl+t switches it.", timeout=5, markup=False)

    def action_toggle_large_digits(self) -> None:
        large = not self.settings.large_timer_digits
        self._change_settings(large_timer_digits=large)
        self.set_class(large, "-large-digits")
        self.notify("The cramp timer shows large digits." if large else "The cramp timer shows normal digits.", timeout=4, markup=False)

    # -- quitting -----------------------------------------------------------------

    def exit(self, *args: object, **kwargs: object) -> None:  # type: ignore[override]
        """Quitting from anywhere keeps a running cramp's time so far, for the next start to offer."""
        for screen in self.screen_stack:
            if isinstance(screen, SavesOnExit):
                screen.save_on_exit()
        super().exit(*args, **kwargs)  # type: ignore[arg-type]

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        """Textual's screenshot action, refused: a picture of the screen is the diary, unprotected."""
        self.notify("Screenshots are switched off: they would hold your diary in a file anyone could read.", markup=False)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Everything the footer offers is also in the command palette (ctrl+p).

        Textual's Screenshot is left out: it wrote the screen, diary text and all,
        to a world-readable SVG in ~/Downloads.
        """
        for command in super().get_system_commands(screen):
            # our own Quit below; no screenshots of a health diary
            if command.title not in LEFT_OUT_SYSTEM_COMMANDS:
                yield command
        yield SystemCommand("Night theme", "Switch between your theme and the dim night theme (ctrl+t)", self.action_toggle_night)
        by_clock = "on" if self.settings.night_by_clock else "off"
        yield SystemCommand(
            "Night by the clock", f"Dim night theme from 22:00 to 07:00 (now {by_clock}); remembered", self.action_toggle_night_by_clock
        )
        size = "on" if self.settings.large_timer_digits else "off"
        yield SystemCommand(
            "Large timer digits", f"Draw the cramp timer's countdown larger (now {size}); remembered", self.action_toggle_large_digits
        )
        yield SystemCommand("Sync now", "Sync with your other machines through the sync folder (ctrl+y)", self.action_sync)
        yield SystemCommand("Quit", "Leave the app; everything is already saved", self.action_quit)
        for binding in screen.BINDINGS:
            if isinstance(binding, Binding) and binding.description:
                action = binding.action
                yield SystemCommand(
                    binding.description,
                    binding.tooltip or binding.description,
                    partial(self.call_later, self.run_action, action, screen),
                )
        yield SystemCommand("Help", "Every key, and the night quick log", self.action_help)


class NoTerminal(Exception):
    """The app was started with its input or output not a terminal (a script, cron, ``</dev/null``)."""


def has_terminal() -> bool:
    """Both standard input and output are a terminal: without one the app would spin on end-of-file."""
    return all(stream is not None and stream.isatty() for stream in (sys.stdin, sys.stdout))


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
    Without a terminal it refuses before opening anything (:class:`NoTerminal`).
    """
    run_on(open_diary(path, now=now, create_folder=create_folder, timer=timer), now=now, timer=timer)


def open_diary(
    path: Path, *, now: Now = system_now, create_folder: bool = False, timer: tuple[str | None, str | None] | None = None
) -> Diary:
    """The diary the app will run on; :class:`NoTerminal` first, so nothing is opened for a script."""
    if not has_terminal():
        raise NoTerminal(
            "the full-screen app needs a terminal (standard input and output are not one); "
            "from a script, use a command such as  cramp-diary log  (see cramp-diary --help)"
        )
    try:
        return Diary.open(path, now, create_folder=create_folder)
    except DiskFull as error:
        if timer is None:
            raise
        # a cramp does not wait for free space: coach it anyway, and say plainly it is not saved
        return Diary.open_read_only(path, now, reason=f"{error}; this cramp cannot be saved until there is space")


def run_on(diary: Diary, *, now: Now = system_now, timer: tuple[str | None, str | None] | None = None) -> None:
    """Run the app on an open diary, and close it when the app ends."""
    with diary:
        CrampApp(diary, now=now, config_dir=config_dir(), start_timer=timer).run()
