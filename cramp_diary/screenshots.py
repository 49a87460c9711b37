"""Render the main screens from the demo diary with a fixed clock into screenshots/*.svg.

Run ``python -m cramp_diary.screenshots [FOLDER]``. The clock, the data and the
terminal size are fixed, so the pictures in the README change only when the
screens do.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")

from cramp_diary.demo import build_demo  # noqa: E402
from cramp_diary.store import Diary  # noqa: E402

#: A Sunday evening in late November, the same moment the snapshot tests use.
FIXED_NOW = datetime(2026, 11, 22, 21, 30, tzinfo=ZoneInfo("Europe/Berlin"))


@dataclass(frozen=True)
class Shot:
    name: str
    keys: tuple[str, ...] = ()
    size: tuple[int, int] = (100, 32)
    night: bool = False


SHOTS: tuple[Shot, ...] = (
    Shot("home"),
    Shot("home-night", night=True),
    Shot("form", keys=("n", "1", "l")),
    Shot("help", keys=("question_mark",)),
)


class _Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


async def _render(shot: Shot, folder: Path, workdir: Path) -> Path:
    from cramp_diary.tui.app import CrampApp

    now = FIXED_NOW.replace(hour=3, minute=5) if shot.night else FIXED_NOW
    clock = _Clock(now)
    start = 1000.0
    path = Path("diary.db")
    os.chdir(workdir)
    for stale in workdir.glob("diary.db*"):
        stale.unlink()
    with Diary.open(path, clock) as diary:
        sample = build_demo(FIXED_NOW)
        diary.merge(sample.episodes)
        for day in sample.checkins:
            diary.checkin(day)
        app = CrampApp(diary, now=clock, monotonic=lambda: start + 12.0)
        async with app.run_test(size=shot.size) as pilot:
            await pilot.pause()
            for key in shot.keys:
                await pilot.press(key)
                await pilot.pause()
            await pilot.pause(0.2)
            app.clear_notifications()
            await pilot.pause()
            target = folder / f"{shot.name}.svg"
            target.write_text(app.export_screenshot(title=f"cramp-diary: {shot.name}"), encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0] if args else "screenshots").resolve()
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
