"""Where the diary lives, and writing files that only their owner can read."""

from __future__ import annotations

import os
from pathlib import Path

ENV_DB = "CRAMP_DIARY_DB"
APP_NAME = "cramp-diary"


def default_db_path() -> Path:
    """The platform's per-user data folder, e.g. ~/.local/share/cramp-diary/diary.db."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "diary.db"


def config_dir() -> Path:
    """The platform's per-user config folder, for a person's own routines."""
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def resolve_db_path(option: str | os.PathLike[str] | None) -> tuple[Path, bool]:
    """The diary path and whether it is the default one (whose folder we may create)."""
    if option:
        return Path(option).expanduser(), False
    env = os.environ.get(ENV_DB)
    if env:
        return Path(env).expanduser(), False
    return default_db_path(), True


def make_private_dir(path: Path) -> None:
    """Create the data folder and every missing parent, each readable by the owner only.

    ``Path.mkdir(parents=True)`` gives the parents the umask's mode (0777 under
    ``umask 000``), so each missing level is made here, top down, and set to 0700
    whatever the umask; folders that already existed are left as they are.
    """
    missing = []
    level = path
    while not level.exists() and level != level.parent:
        missing.append(level)
        level = level.parent
    for folder in reversed(missing):
        try:
            os.mkdir(folder, 0o700)
        except FileExistsError:  # made by someone else meanwhile: theirs, not ours to chmod
            continue
        os.chmod(folder, 0o700)


def create_private_file(path: Path) -> bool:
    """Create an empty 0600 file; False when it already existed."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    os.close(fd)
    return True
