"""The cramp timer's keys: one list for the footer, the help screen and the palette.

Several keys mean different things in different phases (enter repeats the
muscle, answers "no", then means "released"); :meth:`TimerModel.allows`
(``cramp_diary/timer_model.py``) decides which one is live. Kept apart so the screen reads as its phases.
"""

from __future__ import annotations

from textual.binding import Binding

from cramp_diary.tui.widgets.muscle_picker import MUSCLE_KEYS, SIDE_KEYS

TIMER_BINDINGS = [
    *(
        Binding(
            key,
            f"pick('{muscle}')",
            muscle.capitalize(),
            show=False,  # the picker lists these keys in large print
            tooltip=f"Start the {muscle} routine",
            id=f"timer-{muscle}",
        )
        for key, muscle in MUSCLE_KEYS.items()
    ),
    Binding("enter", "again", "Same again", tooltip="The muscle of your last cramp", id="timer-again"),
    *(
        Binding(key, f"side('{side}')", side.capitalize(), tooltip=f"The {side} leg" if side != "both" else "Both legs", id=f"timer-{side}")
        for key, side in SIDE_KEYS.items()
    ),
    Binding("y", "leg_check('yes')", "Yes, swollen", tooltip="The leg is swollen, warm, red or tender", id="timer-leg-yes"),
    Binding("n", "leg_check('no')", "No", tooltip="The leg is not swollen, warm, red or tender", id="timer-leg-no"),
    Binding("enter", "leg_enter", "No", show=False, tooltip="Same as n (on the safety step)", id="timer-leg-enter"),
    Binding("space", "pause", "Pause", tooltip="Hold the countdown (the cramp's time keeps counting)", id="timer-pause"),
    Binding("space", "resume", "Resume", tooltip="Carry on with the countdown", id="timer-resume"),
    Binding("enter", "release", "Released", tooltip="The cramp let go: stop and record it", id="timer-release"),
    Binding("enter", "finish", "Done", tooltip="Finish the bedtime stretches and note them", id="timer-finish"),
    Binding("s,right", "skip", "Skip", key_display="s", tooltip="Go on to the next step now", id="timer-skip"),
    Binding("plus", "extend", "+15 s", key_display="+", tooltip="15 more seconds for this step", id="timer-extend"),
    Binding("m", "mute", "Mute", tooltip="No bell or flash at step changes", id="timer-mute"),
    Binding("m", "unmute", "Sound on", tooltip="Bell and flash at step changes", id="timer-unmute"),
    Binding("e", "earlier", "Began earlier", tooltip="The cramp began a minute before now; press again for more", id="timer-earlier"),
    Binding("escape", "abandon", "Stop", key_display="esc", tooltip="Stop the timer (asks whether to keep the cramp)", id="timer-abandon"),
    # q as on every screen; its own action, since the footer shows one key per action
    Binding("q", "quit", "Quit", tooltip="Leave the timer (asks whether to keep the cramp)", id="timer-quit"),
    Binding("escape", "back", "Back", tooltip="Leave without starting", id="timer-back"),
]
