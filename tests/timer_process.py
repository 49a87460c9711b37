"""A real cramp timer in a child process, for the tests that kill one mid-cramp."""

from __future__ import annotations

import textwrap

#: argv: diary path, start time (ISO), then "kill" to SIGKILL itself once the open episode
#: is on disk, or "run" to print "open" at that point and keep counting down until killed.
RUNNING_TIMER = textwrap.dedent(
    """
    import asyncio, os, signal, sys
    from datetime import datetime
    from pathlib import Path
    from cramp_diary.store import Diary
    from cramp_diary.tui.app import CrampApp
    from cramp_diary.tui.screens.timer import TimerScreen

    async def main():
        started = datetime.fromisoformat(sys.argv[2])
        diary = Diary.open(Path(sys.argv[1]), lambda: started)
        app = CrampApp(diary, now=lambda: started, start_screen=TimerScreen("calf", "left"))
        async with app.run_test() as pilot:
            while not diary.episodes.unfinished():
                await pilot.pause(0.01)
            if sys.argv[3] == "kill":
                os.kill(os.getpid(), signal.SIGKILL)
            print("open", flush=True)
            while True:
                await pilot.pause(0.01)

    asyncio.run(main())
    """
)
