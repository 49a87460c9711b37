"""Text from a file or a person is shown literally on every screen: a closing tag "[/x]" never stops the app.

Two guards: a Pilot run with a sync folder holding a file whose warning quotes markup
(it killed the app at every start), and a scan of the TUI source for the ways outside
text reaches the screen as markup: a ``notify`` without ``markup=False`` (called, or
handed on as a callable), and a ``Static``/``Label``/``update`` given a built string.
"""

from __future__ import annotations

import ast
from datetime import timedelta
from pathlib import Path

from conftest import FakeClock

import cramp_diary.tui
from cramp_diary.model import Episode
from cramp_diary.settings import Settings, save_settings
from cramp_diary.store import Diary
from cramp_diary.tui.app import CrampApp

TUI = Path(cramp_diary.tui.__file__).parent
#: Widgets that read a plain string argument as markup.
MARKUP_READERS = {"Static", "Label", "update"}


def _sources() -> list[tuple[Path, ast.Module]]:
    return [(path, ast.parse(path.read_text(encoding="utf-8"))) for path in sorted(TUI.rglob("*.py"))]


def _literal_keyword(call: ast.Call) -> bool:
    return any(k.arg == "markup" and isinstance(k.value, ast.Constant) and k.value.value is False for k in call.keywords)


def _name(func: ast.expr) -> str | None:
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None


def _built_string(node: ast.expr) -> bool:
    """An f-string, a concatenation, ``%`` or ``.format``: a string put together from other text."""
    if isinstance(node, ast.JoinedStr | ast.BinOp):
        return True
    return isinstance(node, ast.Call) and _name(node.func) in {"format", "str", "join"}


def test_every_notification_is_literal() -> None:
    """Each ``notify`` is called with ``markup=False``; none is handed on as a callable (call_from_thread)."""
    offenders = []
    for path, tree in _sources():
        called = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _name(node.func) == "notify":
                called.add(id(node.func))
                if not _literal_keyword(node):
                    offenders.append(f"{path.name}:{node.lineno} notify without markup=False")
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == "notify" and id(node) not in called:
                offenders.append(f"{path.name}:{node.lineno} notify passed on uncalled")
    assert not offenders, offenders


def test_no_widget_is_given_a_built_string_to_parse_as_markup() -> None:
    """Outside text reaches a Static or Label as ``Text(...)``, never as an f-string or concatenation."""
    offenders = []
    for path, tree in _sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _name(node.func) in MARKUP_READERS and not _literal_keyword(node):
                if node.args and _built_string(node.args[0]):
                    offenders.append(f"{path.name}:{node.lineno}")
    assert not offenders, offenders


def test_the_scan_catches_what_it_is_meant_to() -> None:
    """The guards themselves: each reads a bad line as bad."""
    bad = ast.parse('self.notify(f"{x}")\nStatic(f"{x}")\nself.call_from_thread(self.notify, m)')
    calls = [n for n in ast.walk(bad) if isinstance(n, ast.Call)]
    assert not any(_literal_keyword(c) for c in calls)
    assert _built_string(calls[1].args[0])


async def test_a_sync_file_quoting_markup_neither_stops_the_app_at_start_nor_on_ctrl_y(
    tmp_path: Path, diary: Diary, clock: FakeClock
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    (folder / "evil.json").write_text('{"format": "[/x]", "episodes": []}', encoding="utf-8")
    config = tmp_path / "config"
    save_settings(config, Settings(sync_folder=str(folder)))
    diary.episodes.add(Episode(clock() - timedelta(hours=1), "calf", "left"))
    app = CrampApp(diary, now=clock, config_dir=config)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:  # toasts drawn, as for a person
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("ctrl+y")
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
        assert sum("[/x]" in message for message in messages) == 2, messages
        await pilot.press("n")  # still alive: the form opens
        await pilot.pause()
        assert app.screen.__class__.__name__ == "EpisodeForm"
    assert app.return_value is None


async def test_no_screen_hands_a_widget_outside_text_as_a_markup_string(
    diary: Diary, clock: FakeClock, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """The runtime half of the guard: every str a Static or Label is given, on every screen, is our own words.

    A person's words (a muscle, a note, a trigger, a change's name) reach widgets as Text only;
    a plain str would be parsed as markup, and "[/x]" in it stops the app.
    """
    from textual.widgets import Static

    from cramp_diary.changes import Change
    from cramp_diary.tui.screens.alerts import AlertsScreen
    from cramp_diary.tui.screens.changes import ChangesScreen
    from cramp_diary.tui.screens.charts import ChartsScreen

    mark = "OUTSIDE[/x]"
    given: list[str] = []
    init, update = Static.__init__, Static.update

    def recording_init(self, content="", *args, **kwargs):  # type: ignore[no-untyped-def]
        if isinstance(content, str):
            given.append(content)
        init(self, content, *args, **kwargs)

    def recording_update(self, content="", *args, **kwargs):  # type: ignore[no-untyped-def]
        if isinstance(content, str):
            given.append(content)
        update(self, content, *args, **kwargs)

    monkeypatch.setattr(Static, "__init__", recording_init)
    monkeypatch.setattr(Static, "update", recording_update)
    diary.episodes.add(
        Episode(clock() - timedelta(hours=3), "other", "left", muscle_other=mark, note=mark, triggers=(mark.lower(),),
                signs=("swelling",))
    )
    diary.changes.add(Change(mark, "habit", clock().date() - timedelta(days=20), note=mark))
    app = CrampApp(diary, now=clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # the episode's form
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        for screen in (ChangesScreen(), AlertsScreen(), ChartsScreen()):
            app.push_screen(screen)
            await pilot.pause()
            app.pop_screen()
            await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
    assert not [text for text in given if "outside" in text.lower()], given
