"""The person's settings: one small TOML file in the config folder, read at start, written on change.

A broken setting never stops the app: each bad line is reported (with its line
number and field) and that one setting falls back to its default, so a typo in
the theme name does not cost the person their sync folder. The file is written
atomically and readable by its owner only, like every file cramp-diary writes.

A change is written by :func:`change_settings`: it re-reads the file and rewrites only
the lines of the settings that changed, so the app (which read the file at start) never
undoes what the CLI saved since, and the person's comments and other lines stay. A
file that does not parse is never rewritten: the change is refused, saying why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from datetime import date
from pathlib import Path

from cramp_diary.safe_write import UnsafeTarget, write_atomic

FILE_NAME = "settings.toml"
MAX_TEXT = 4096
MAX_FILE = 64 * 1024

#: What each setting means, written above it in the file so a person can edit it by hand.
HELP = {
    "theme": "The app's colours: a theme name from the command palette (ctrl+p, 'Change theme').",
    "night_by_clock": "Switch to the dim night theme between 22:00 and 07:00 (true or false).",
    "large_timer_digits": "Draw the cramp timer's countdown digits larger (true or false).",
    "sync_folder": "A folder that Syncthing, Dropbox or similar carries between your machines.",
    "cramps_began": "Roughly when your cramps began, for page 1 of the report: a month (2025-03) or a day (2025-03-15).",
}


@dataclass(frozen=True)
class Settings:
    """Every setting with its default; ``None`` means "not chosen"."""

    theme: str | None = None
    night_by_clock: bool = True
    large_timer_digits: bool = False
    sync_folder: str | None = None
    cramps_began: str | None = None

    def with_changes(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]


class SettingsUnreadable(Exception):
    """The settings file could not be read or changed safely; it was left as it is (the message says why)."""


def settings_path(config_dir: Path) -> Path:
    return config_dir / FILE_NAME


def _lines(text: str) -> list[str]:
    """The file's lines as TOML counts them: split at newlines only (``splitlines`` also splits inside a
    quoted value at U+0085, U+2028 and the like, which TOML keeps as text)."""
    lines = text.split("\n")
    return lines[:-1] if lines and lines[-1] == "" else lines


def _line_of(text: str, key: str) -> int | None:
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
    for number, line in enumerate(_lines(text), start=1):
        if pattern.match(line):
            return number
    return None


def _check(key: str, value: object) -> object:
    """The value if it fits the setting, else ValueError with the rule in words."""
    if key in ("night_by_clock", "large_timer_digits"):
        if not isinstance(value, bool):
            raise ValueError(f"must be true or false (got {value!r})")
        return value
    if not isinstance(value, str):
        raise ValueError(f"must be some text in quotes (got {value!r})")
    if not value.strip() or len(value) > MAX_TEXT:
        raise ValueError(f"must be 1 to {MAX_TEXT} characters")
    if any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise ValueError("must not contain control characters")
    if key == "cramps_began":
        return began_text(value)
    return value


_BEGAN = r"([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?"  # compiled (and cached by re) when a file sets it, not at start


def began_text(value: str) -> str:
    """'2025-03' or '2025-03-15' as typed (a real month or day), else ValueError saying what is allowed."""
    found = re.fullmatch(_BEGAN, value.strip())
    try:
        if found is None:
            raise ValueError
        date(int(found[1]), int(found[2]), int(found[3] or 1))
    except ValueError:
        raise ValueError(f"must be a month like 2025-03 or a day like 2025-03-15 (got {value!r})") from None
    return value.strip()


def began_day(settings: Settings) -> date | None:
    """The ``cramps_began`` setting as a day (a month reads as its first day), or None when not set."""
    if settings.cramps_began is None:
        return None
    year, month, *day = (int(part) for part in settings.cramps_began.split("-"))
    return date(year, month, day[0] if day else 1)


def parse_settings(text: str, source: str = FILE_NAME) -> tuple[Settings, list[str]]:
    """Settings from the file's text, and one line of warning for each thing that was wrong."""
    import tomllib  # only when there is a file to read: it compiles its patterns on import

    text = text.removeprefix("\ufeff")
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return Settings(), [f"{source}: {error}; using the default settings"]
    except RecursionError:
        return Settings(), [f"{source}: nested too deeply to read; using the default settings"]
    known = {f.name for f in fields(Settings)}
    values: dict[str, object] = {}
    warnings: list[str] = []
    for key, value in raw.items():
        line = _line_of(text, key)
        where = f"{source}, line {line}" if line else source
        if key not in known:
            warnings.append(f"{where}: unknown setting {key!r} ignored (known: {', '.join(sorted(known))})")
            continue
        try:
            values[key] = _check(key, value)
        except ValueError as error:
            warnings.append(f"{where}: {key} {error}; using the default")
    return Settings(**values), warnings  # type: ignore[arg-type]


def _read_text(path: Path) -> str | None:
    """The file's text (None when there is none), or SettingsUnreadable saying why it cannot be used."""
    if not path.exists():
        return None
    if not path.is_file():
        raise SettingsUnreadable(f"{path} is not a regular file")
    try:
        if path.stat().st_size > MAX_FILE:
            raise SettingsUnreadable(f"{path} is larger than 64 KiB")
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise SettingsUnreadable(f"cannot read {path} ({error})") from None


def load_settings(config_dir: Path | None) -> tuple[Settings, list[str]]:
    """The saved settings, or the defaults when there is no file (or no config folder, in tests)."""
    if config_dir is None:
        return Settings(), []
    path = settings_path(config_dir)
    try:
        text = _read_text(path)
    except SettingsUnreadable as error:
        return Settings(), [f"{error}; using the default settings"]
    return parse_settings(text, str(path)) if text is not None else (Settings(), [])


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    import json  # only when a setting is written, not at every start

    # JSON's escapes are TOML's; DEL is the one character TOML wants escaped that JSON leaves
    return json.dumps(str(value), ensure_ascii=False).replace("\x7f", "\\u007f")


def render_settings(settings: Settings) -> str:
    """The file's text: every chosen setting with a comment saying what it does."""
    lines = ["# cramp-diary settings. Edit by hand or from the app; see the README, 'Settings'.", ""]
    for item in fields(Settings):
        value = getattr(settings, item.name)
        lines.append(f"# {HELP[item.name]}")
        if value is None:
            lines.append(f"# {item.name} = ")
        else:
            lines.append(f"{item.name} = {_toml_value(value)}")
        lines.append("")
    return "\n".join(lines)


def save_settings(config_dir: Path, settings: Settings) -> None:
    """Write the settings file (creating the config folder 0700); OSError or UnsafeTarget on failure."""
    config_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    write_atomic(settings_path(config_dir), render_settings(settings))


def _setting_line(key: str, value: object) -> str:
    return f"# {key} = " if value is None else f"{key} = {_toml_value(value)}"


def _edited(text: str, changes: dict[str, object]) -> str:
    """``text`` with each changed setting's line rewritten in place (a new one goes above any [table])."""
    lines = _lines(text)
    top = next((i for i, line in enumerate(lines) if line.lstrip().startswith("[")), len(lines))
    for key, value in changes.items():
        line = _line_of("\n".join(lines[:top]), key)
        if line is None:  # the commented placeholder render_settings writes, else a new line
            placeholder = re.compile(rf"^\s*#\s*{re.escape(key)}\s*=\s*$")
            line = next((i + 1 for i, text_line in enumerate(lines[:top]) if placeholder.match(text_line)), None)
        if line is not None:
            lines[line - 1] = _setting_line(key, value)
        elif value is not None:
            lines.insert(top, _setting_line(key, value))
            top += 1
    return "\n".join(lines) + "\n"


def change_settings(config_dir: Path, **changes: object) -> Settings:
    """Re-read the file and rewrite only the settings in ``changes``; the settings as they now are.

    Everything else in the file (other settings, a newer change saved by another
    process, comments, unknown lines) stays as it was. A file that does not parse,
    or a line that cannot be changed in place, raises SettingsUnreadable and the
    file is not touched; OSError or UnsafeTarget when it cannot be written.
    """
    import tomllib

    known = {f.name for f in fields(Settings)}
    for key, value in changes.items():
        if key not in known:
            raise ValueError(f"unknown setting {key!r}")
        if value is not None:
            _check(key, value)
    path = settings_path(config_dir)
    text = _read_text(path)
    if text is None:
        settings = Settings().with_changes(**changes)
        save_settings(config_dir, settings)
        return settings
    text = text.removeprefix("\ufeff")
    try:
        before = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError) as error:
        raise SettingsUnreadable(f"{path} does not parse ({error}); it was left as it is: fix or remove it") from None
    wanted = {key: value for key, value in changes.items() if before.get(key) != value}
    if not wanted:
        return parse_settings(text, str(path))[0]
    new_text = _edited(text, wanted)
    expected = {key: value for key, value in {**before, **wanted}.items() if value is not None}
    try:
        after = tomllib.loads(new_text)
    except tomllib.TOMLDecodeError:
        after = None
    if after != expected:  # e.g. a value over several lines: never guess, never lose the rest
        names = ", ".join(sorted(wanted))
        raise SettingsUnreadable(f"cannot change {names} in {path} without touching other lines; edit it by hand")
    config_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    write_atomic(path, new_text)
    return parse_settings(new_text, str(path))[0]


__all__ = [
    "Settings",
    "SettingsUnreadable",
    "UnsafeTarget",
    "began_day",
    "began_text",
    "change_settings",
    "load_settings",
    "parse_settings",
    "render_settings",
    "save_settings",
]
