"""Render the main screens from the demo diary with a fixed clock into screenshots/*.svg.

Run ``python scripts/screenshots.py [FOLDER [NAME ...]]`` from the project's venv
(FOLDER defaults to the repository's screenshots/; NAMEs pick some shots only).
The clock, the data and the terminal size are fixed, so the pictures in the
README change only when the screens do. It lives outside the package: people
who install cramp-diary never need it.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")

from cramp_diary.demo import write_demo  # noqa: E402
from cramp_diary.model import Episode  # noqa: E402
from cramp_diary.safe_write import write_atomic  # noqa: E402
from cramp_diary.store import Diary  # noqa: E402

#: A Sunday evening in late November, the same moment the snapshot tests use.
FIXED_NOW = datetime(2026, 11, 22, 21, 30, tzinfo=ZoneInfo("Europe/Berlin"))


def _warning_signs(diary: Diary) -> None:
    """The demo's only sign is months old; add a recent one so the warnings view has content."""
    diary.merge(
        [
            Episode(
                uuid="00000000-0000-4000-8000-000000000001",
                started_at=FIXED_NOW.replace(day=19, hour=3, minute=40),
                muscle="calf",
                side="left",
                duration=13 * 60,
                severity=8,
                context="asleep",
                signs=("numbness",),
                created_at=FIXED_NOW.replace(day=19, hour=8),
                updated_at=FIXED_NOW.replace(day=19, hour=8),
            )
        ]
    )


@dataclass(frozen=True)
class Shot:
    name: str
    keys: tuple[str, ...] = ()
    size: tuple[int, int] = (100, 32)
    night: bool = False
    before: Callable[[Diary], None] | None = None
    #: Seconds the monotonic clock moves on after the keys, e.g. to show a running timer.
    run_for: float = 0.0


SHOTS: tuple[Shot, ...] = (
    Shot("home"),
    Shot("home-night", night=True),
    Shot("form", keys=("n", "1", "l")),
    Shot("help", keys=("question_mark",)),
    Shot("timer", keys=("t", "1", "l"), run_for=22.0),
    Shot("charts", keys=("c",)),
    Shot("charts-time-of-day", keys=("c", "2")),
    Shot("home-warning", before=_warning_signs),
    Shot("warning-signs", keys=("a",), before=_warning_signs),
    Shot("changes", keys=("g",)),
    Shot("charts-change-markers", keys=("c",), size=(120, 36)),
)


class _Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class _Monotonic:
    """A monotonic clock the script moves by hand, so the timer shows a fixed moment."""

    def __init__(self) -> None:
        self.value = 1000.0

    def __call__(self) -> float:
        return self.value


async def _render(shot: Shot, folder: Path, workdir: Path) -> Path:
    from cramp_diary.tui.app import CrampApp

    now = FIXED_NOW.replace(hour=3, minute=5) if shot.night else FIXED_NOW
    clock = _Clock(now)
    monotonic = _Monotonic()
    path = Path("diary.db")
    os.chdir(workdir)
    for stale in workdir.glob("diary.db*"):
        stale.unlink()
    with Diary.open(path, clock) as diary:
        write_demo(diary, FIXED_NOW)
        if shot.before is not None:
            shot.before(diary)
        app = CrampApp(diary, now=clock, monotonic=monotonic)
        async with app.run_test(size=shot.size) as pilot:
            await pilot.pause()
            for key in shot.keys:
                await pilot.press(key)
                await pilot.pause()
            monotonic.value += shot.run_for
            await pilot.pause(0.8 if shot.run_for else 0.3)  # let the step-change flash fade
            app.clear_notifications()
            await pilot.pause()
            target = folder / f"{shot.name}.svg"
            write_atomic(target, app.export_screenshot(title=f"cramp-diary: {shot.name}"))
    return target


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]).resolve() if args else Path(__file__).resolve().parent.parent / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    wanted = set(args[1:])
    with tempfile.TemporaryDirectory() as workdir:
        for shot in SHOTS:
            if wanted and shot.name not in wanted:
                continue
            target = asyncio.run(_render(shot, folder, Path(workdir)))
            print(f"wrote {target}")


if __name__ == "__main__":
    main()
