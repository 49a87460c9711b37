"""The settings file: a bad line costs that one setting, never the app; saving round-trips."""

from __future__ import annotations

import stat
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from cramp_diary.settings import Settings, load_settings, parse_settings, render_settings, save_settings


def test_no_file_gives_the_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path) == (Settings(), [])
    assert load_settings(None) == (Settings(), [])


def test_a_bad_value_names_line_and_field_and_keeps_the_others() -> None:
    text = 'theme = "cramp-calm"\n\nnight_by_clock = "yes"\nsync_folder = "/sync"\n'
    settings, warnings = parse_settings(text, "settings.toml")
    assert settings == Settings(theme="cramp-calm", sync_folder="/sync")
    assert warnings == ["settings.toml, line 3: night_by_clock must be true or false (got 'yes'); using the default"]


def test_an_unknown_key_is_reported_and_ignored() -> None:
    settings, warnings = parse_settings("colour = 1\n", "s.toml")
    assert settings == Settings()
    assert "line 1" in warnings[0] and "unknown setting 'colour'" in warnings[0]


def test_a_syntax_error_gives_defaults_with_the_line() -> None:
    settings, warnings = parse_settings("theme = \n", "s.toml")
    assert settings == Settings()
    assert "line 1" in warnings[0]


def test_a_byte_order_mark_is_accepted() -> None:
    assert parse_settings('\ufefftheme = "x"\n') == (Settings(theme="x"), [])


def test_deep_nesting_is_a_warning_not_a_crash() -> None:
    settings, warnings = parse_settings("x = " + "[" * 100_000 + "]" * 100_000)
    assert settings == Settings()
    assert warnings


def test_saving_is_private_and_round_trips(tmp_path: Path) -> None:
    folder = tmp_path / "config" / "cramp-diary"
    chosen = Settings(theme="cramp-night", night_by_clock=False, large_timer_digits=True, sync_folder="/a b/\"c\"")
    save_settings(folder, chosen)
    path = folder / "settings.toml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert load_settings(folder) == (chosen, [])


@given(st.text(min_size=1, max_size=50).filter(lambda s: s.strip() and not any(ord(c) < 32 or ord(c) == 127 for c in s)))
def test_any_valid_text_survives_the_file(value: str) -> None:
    chosen = Settings(theme=value, sync_folder=value)
    assert parse_settings(render_settings(chosen)) == (chosen, [])


def test_control_characters_are_refused() -> None:
    settings, warnings = parse_settings('theme = "a\\u001b[31m"\n')
    assert settings.theme is None
    assert "control characters" in warnings[0]
