"""The person's settings: one small TOML file in the config folder, read at start, written on change.

A broken setting never stops the app: each bad line is reported (with its line
number and field) and that one setting falls back to its default, so a typo in
the theme name does not cost the person their sync folder. The file is written
atomically and readable by its owner only, like every file cramp-diary writes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, fields, replace
from datetime import date
from pathlib import Path

from cramp_diary.safe_write import UnsafeTarget, write_atomic

FILE_NAME = "settings.toml"
MAX_TEXT = 4096

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


def settings_path(config_dir: Path) -> Path:
    return config_dir / FILE_NAME


def _line_of(text: str, key: str) -> int | None:
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
    for number, line in enumerate(text.splitlines(), start=1):
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


_BEGAN = re.compile(r"([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?")


def began_text(value: str) -> str:
    """'2025-03' or '2025-03-15' as typed (a real month or day), else ValueError saying what is allowed."""
    found = _BEGAN.fullmatch(value.strip())
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


def load_settings(config_dir: Path | None) -> tuple[Settings, list[str]]:
    """The saved settings, or the defaults when there is no file (or no config folder, in tests)."""
    if config_dir is None:
        return Settings(), []
    path = settings_path(config_dir)
    if not path.exists():
        return Settings(), []
    if not path.is_file():
        return Settings(), [f"{path} is not a regular file; using the default settings"]
    try:
        if path.stat().st_size > 64 * 1024:
            return Settings(), [f"{path} is larger than 64 KiB; using the default settings"]
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return Settings(), [f"cannot read {path} ({error}); using the default settings"]
    return parse_settings(text, str(path))


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
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


__all__ = ["Settings", "UnsafeTarget", "began_day", "began_text", "load_settings", "parse_settings", "render_settings", "save_settings"]
