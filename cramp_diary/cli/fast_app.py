"""``cramp-diary`` (or ``cramp-diary --db PATH``) straight into the full-screen app, without click.

Loading click and building its command group cost about a fifteenth of the time
to the app's first frame. With no command and nothing but ``--db``, the entry
point opens the app here; anything else, and any refusal while opening the diary
(a file that is not a diary, no terminal, a blank path), returns None *before the
app starts*, so click runs as always and words the error itself.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

from cramp_diary.paths import ENV_DB, resolve_db_path

DB = "--db"


def db_only(argv: Sequence[str], environ: Mapping[str, str]) -> tuple[bool, str | None]:
    """(True, the --db given or None) when the argv asks for the app and nothing else; (False, None) when unsure."""
    if not argv:
        db = None
    elif len(argv) == 2 and argv[0] == DB and not argv[1].startswith("-"):
        db = argv[1]
    elif len(argv) == 1 and argv[0].startswith(f"{DB}="):
        db = argv[0].split("=", 1)[1]
    else:
        return False, None
    if db is not None and not db.strip():  # `--db ""`: click refuses it in its own words
        return False, None
    if db is None and ENV_DB in environ and not environ[ENV_DB].strip():
        return False, None
    return True, db


def run(argv: Sequence[str], environ: Mapping[str, str] | None = None) -> int | None:
    """Run the app and return its exit code, or None (nothing opened) to let click decide."""
    sure, db = db_only(argv, os.environ if environ is None else environ)
    if not sure:
        return None
    from cramp_diary.tui import app

    path, is_default = resolve_db_path(db)
    try:
        diary = app.open_diary(path, create_folder=is_default)
    except Exception:  # every refusal is click's to word, and the app has not started
        return None
    app.run_on(diary)
    return 0
