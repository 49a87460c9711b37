"""Settings that cannot go stale or be lost: a change rewrites only its own line of the file as it is now.

The app reads the settings at start; a ``sync --remember`` from the CLI while it is open must
survive the app's next theme change, and a file that does not parse is never rewritten.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import FakeClock
from hypothesis import given
from hypothesis import settings as budget
from hypothesis import strategies as st

from cramp_diary.cli import cli
from cramp_diary.paths import config_dir
from cramp_diary.settings import Settings, SettingsUnreadable, change_settings, load_settings, save_settings
from cramp_diary.store import Diary

HAND_WRITTEN = """# my own notes: keep the calm theme at the clinic
theme = "cramp-calm"   # chosen with the nurse

colour = "blue"  # a line cramp-diary does not know
large_timer_digits = true
"""


def run(clock: FakeClock, db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *args], obj={"now": clock})


def shared_folder(tmp_path: Path) -> Path:
    """A private folder for sync, beside (never above) the diary."""
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def settings_file() -> Path:
    return config_dir() / "settings.toml"


def test_a_change_rewrites_only_its_own_line(tmp_path: Path) -> None:
    (tmp_path / "settings.toml").write_text(HAND_WRITTEN, encoding="utf-8")
    changed = change_settings(tmp_path, theme="cramp-night")
    after = (tmp_path / "settings.toml").read_text(encoding="utf-8").splitlines()
    before = HAND_WRITTEN.splitlines()
    assert [i for i, (a, b) in enumerate(zip(before, after)) if a != b] == [1]
    assert after[1] == 'theme = "cramp-night"'
    assert changed == Settings(theme="cramp-night", large_timer_digits=True)


def test_a_new_setting_fills_its_placeholder_or_goes_above_any_table(tmp_path: Path) -> None:
    save_settings(tmp_path, Settings(theme="cramp-light"))
    change_settings(tmp_path, sync_folder="/sync")
    assert load_settings(tmp_path) == (Settings(theme="cramp-light", sync_folder="/sync"), [])
    text = (tmp_path / "settings.toml").read_text(encoding="utf-8")
    assert text.count("sync_folder") == 1  # the "# sync_folder = " placeholder became the setting
    (tmp_path / "settings.toml").write_text('theme = "cramp-light"\n[extra]\nx = 1\n', encoding="utf-8")
    change_settings(tmp_path, night_by_clock=False)
    settings, warnings = load_settings(tmp_path)
    assert settings == Settings(theme="cramp-light", night_by_clock=False)
    assert "unknown setting 'extra'" in warnings[0]  # the table stayed as the person wrote it


def test_no_file_yet_is_created_with_the_change(tmp_path: Path) -> None:
    assert change_settings(tmp_path / "new", large_timer_digits=True) == Settings(large_timer_digits=True)
    assert load_settings(tmp_path / "new") == (Settings(large_timer_digits=True), [])


def test_a_file_that_does_not_parse_is_left_untouched_and_the_reason_given(tmp_path: Path) -> None:
    broken = HAND_WRITTEN + 'sync_folder = "/unclosed\n'
    (tmp_path / "settings.toml").write_text(broken, encoding="utf-8")
    with pytest.raises(SettingsUnreadable, match="does not parse.*line 6.*left as it is"):
        change_settings(tmp_path, theme="cramp-night")
    assert (tmp_path / "settings.toml").read_text(encoding="utf-8") == broken


def test_a_value_over_several_lines_is_not_guessed_at(tmp_path: Path) -> None:
    text = 'theme = """cramp-\ncalm"""\nlarge_timer_digits = true\n'
    (tmp_path / "settings.toml").write_text(text, encoding="utf-8")
    with pytest.raises(SettingsUnreadable, match="edit it by hand"):
        change_settings(tmp_path, theme="cramp-night")
    assert (tmp_path / "settings.toml").read_text(encoding="utf-8") == text


def test_a_value_holding_a_unicode_line_separator_is_changed_in_place(tmp_path: Path) -> None:
    save_settings(tmp_path, Settings(theme="a\x85b", sync_folder="c\u2028d"))
    assert change_settings(tmp_path, theme="cramp-night") == Settings(theme="cramp-night", sync_folder="c\u2028d")
    assert change_settings(tmp_path, theme="e\u2029f").theme == "e\u2029f"
    assert load_settings(tmp_path) == (Settings(theme="e\u2029f", sync_folder="c\u2028d"), [])


def test_an_unchanged_value_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "settings.toml").write_text(HAND_WRITTEN, encoding="utf-8")
    before = (tmp_path / "settings.toml").stat().st_mtime_ns
    change_settings(tmp_path, theme="cramp-calm")
    assert (tmp_path / "settings.toml").stat().st_mtime_ns == before


def test_sync_remember_keeps_the_other_settings_and_comments(clock: FakeClock, db_path: Path, tmp_path: Path) -> None:
    settings_file().parent.mkdir(parents=True)
    settings_file().write_text(HAND_WRITTEN, encoding="utf-8")
    result = run(clock, db_path, "sync", str(shared_folder(tmp_path)), "--remember")
    assert result.exit_code == 0, result.output
    text = settings_file().read_text(encoding="utf-8")
    assert text.startswith(HAND_WRITTEN)
    assert load_settings(config_dir())[0].sync_folder == str(shared_folder(tmp_path))


def test_sync_remember_refuses_to_rewrite_a_broken_settings_file(clock: FakeClock, db_path: Path, tmp_path: Path) -> None:
    settings_file().parent.mkdir(parents=True)
    broken = 'theme = "cramp-calm\n'
    settings_file().write_text(broken, encoding="utf-8")
    result = run(clock, db_path, "sync", str(shared_folder(tmp_path)), "--remember")
    assert result.exit_code == 1
    assert "synced, but could not save the setting" in result.output and "does not parse" in result.output
    assert settings_file().read_text(encoding="utf-8") == broken


def test_sync_with_no_folder_uses_the_remembered_one(clock: FakeClock, db_path: Path, tmp_path: Path) -> None:
    shared = shared_folder(tmp_path)
    assert run(clock, db_path, "sync", str(shared), "--remember").exit_code == 0
    for own in shared.glob("*.json"):
        own.unlink()
    result = run(clock, db_path, "sync")
    assert result.exit_code == 0, result.output
    assert list(shared.glob("*.json"))  # this device's file written again, in the remembered folder


def test_sync_with_no_folder_and_none_remembered_says_how(clock: FakeClock, db_path: Path) -> None:
    result = run(clock, db_path, "sync")
    assert result.exit_code == 2
    assert "no FOLDER given, and no sync folder remembered" in result.output and "--remember" in result.output


def test_sync_with_no_folder_and_a_broken_settings_file_says_why(clock: FakeClock, db_path: Path) -> None:
    settings_file().parent.mkdir(parents=True)
    settings_file().write_text('sync_folder = "/unclosed\n', encoding="utf-8")
    result = run(clock, db_path, "sync")
    assert result.exit_code == 2
    assert "cannot be read" in result.output and "line 1" in result.output


async def test_the_open_app_does_not_undo_a_folder_the_cli_remembered(
    diary: Diary, clock: FakeClock, db_path: Path, tmp_path: Path
) -> None:
    from cramp_diary.tui.app import CrampApp

    save_settings(config_dir(), Settings(theme="cramp-calm"))
    async with CrampApp(diary, now=clock, config_dir=config_dir()).run_test() as pilot:
        # the app has read its settings; now the CLI, in another terminal, remembers a folder
        result = run(clock, db_path, "sync", str(shared_folder(tmp_path)), "--remember")
        assert result.exit_code == 0, result.output
        pilot.app.theme = "cramp-light"  # then the person picks a theme in the app
        await pilot.pause()
        pilot.app.action_toggle_large_digits()
        await pilot.pause()
    settings, warnings = load_settings(config_dir())
    assert not warnings
    assert settings == Settings(theme="cramp-light", large_timer_digits=True, sync_folder=str(shared_folder(tmp_path)))


async def test_the_app_never_rewrites_a_broken_settings_file(diary: Diary, clock: FakeClock, tmp_path: Path) -> None:
    from cramp_diary.tui.app import CrampApp

    broken = 'theme = "cramp-light"\nsync_folder = "/unclosed\n'
    (tmp_path / "settings.toml").write_text(broken, encoding="utf-8")
    async with CrampApp(diary, now=clock, config_dir=tmp_path).run_test() as pilot:
        pilot.app.theme = "cramp-high-contrast"
        await pilot.pause()
        messages = [notification.message for notification in pilot.app._notifications]
        assert any(message.startswith("Setting not saved") and "does not parse" in message for message in messages)
    assert (tmp_path / "settings.toml").read_text(encoding="utf-8") == broken


async def test_the_app_and_the_cli_say_alike_that_no_folder_is_remembered(
    diary: Diary, clock: FakeClock, db_path: Path
) -> None:
    from cramp_diary.tui.app import CrampApp
    from cramp_diary.use_cases.sync_now import HOW_TO_REMEMBER

    by_cli = run(clock, db_path, "sync")
    async with CrampApp(diary, now=clock, config_dir=config_dir()).run_test() as pilot:
        await pilot.press("ctrl+y")
        await pilot.pause()
        said = [notification.message for notification in pilot.app._notifications]
    assert HOW_TO_REMEMBER in by_cli.output
    assert said == [f"Not synced: no sync folder remembered: {HOW_TO_REMEMBER}."]


#: Any text a setting may hold, U+0085 and U+2028 included (str.splitlines splits there; TOML does not).
SAFE_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x7f"), min_size=1, max_size=20
).filter(lambda s: s.strip() and not any(ord(c) < 32 for c in s))
SETTINGS = st.builds(
    Settings,
    theme=st.none() | SAFE_TEXT,
    night_by_clock=st.booleans(),
    large_timer_digits=st.booleans(),
    sync_folder=st.none() | SAFE_TEXT,
)


@budget(max_examples=60, deadline=None)
@given(start=SETTINGS, wanted=SETTINGS, keys=st.sets(st.sampled_from(["theme", "night_by_clock", "large_timer_digits", "sync_folder"])))
def test_any_change_keeps_every_other_line_and_reads_back(start: Settings, wanted: Settings, keys: set[str]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        config = Path(folder)
        save_settings(config, start)
        path = config / "settings.toml"
        path.write_text("# a note of my own\n" + path.read_text(encoding="utf-8") + "colour = 1  # kept\n", encoding="utf-8")
        before = path.read_text(encoding="utf-8").split("\n")
        changes = {key: getattr(wanted, key) for key in keys}
        result = change_settings(config, **changes)
        assert result == start.with_changes(**changes)
        assert load_settings(config)[0] == result
        after = path.read_text(encoding="utf-8").split("\n")
        assert len(after) == len(before)  # every setting has its line or placeholder: changed in place
        for old, new in zip(before, after):
            if old != new:
                assert any(new.startswith((f"{key} = ", f"# {key} = ")) for key in keys), (old, new)
