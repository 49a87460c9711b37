"""The running routine, large and calm: the step, its countdown, both progress bars, what comes next.

It only draws one :class:`~cramp_diary.countdown.CountdownState` at a time;
the timer screen decides when to sample the countdown.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Digits, ProgressBar, Static

from cramp_diary.countdown import CountdownState
from cramp_diary.routines import Routine, Step

MAX_NEXT_STEPS = 4

#: Digits five rows high drawn in full blocks, for the "large timer digits" setting: readable from bed.
BIG_FONT = {
    "0": ("███", "█ █", "█ █", "█ █", "███"),
    "1": (" █ ", "██ ", " █ ", " █ ", "███"),
    "2": ("███", "  █", "███", "█  ", "███"),
    "3": ("███", "  █", " ██", "  █", "███"),
    "4": ("█ █", "█ █", "███", "  █", "  █"),
    "5": ("███", "█  ", "███", "  █", "███"),
    "6": ("███", "█  ", "███", "█ █", "███"),
    "7": ("███", "  █", "  █", "  █", "  █"),
    "8": ("███", "█ █", "███", "█ █", "███"),
    "9": ("███", "█ █", "███", "  █", "███"),
    ":": (" ", "█", " ", "█", " "),
}


def big_digits(value: str) -> Text:
    """``value`` ('1:05') in :data:`BIG_FONT`, each cell doubled in width, one space between characters."""
    rows = ["  ".join("".join(cell * 2 for cell in BIG_FONT[char][row]) for char in value) for row in range(5)]
    return Text("\n".join(rows))


def clock_text(seconds: float) -> str:
    """'1:05' for the Digits display and the elapsed time."""
    minutes, secs = divmod(max(int(seconds), 0), 60)
    return f"{minutes}:{secs:02d}"


def next_steps(upcoming: list[Step]) -> Text:
    text = Text()
    if not upcoming:
        text.append("Last step.", style="dim")
        return text
    text.append("Next\n", style="dim")
    for step in upcoming[:MAX_NEXT_STEPS]:
        text.append(f"  {step.seconds:>3} s  ", style="dim")
        text.append(f"{step.name}\n")
    if len(upcoming) > MAX_NEXT_STEPS:
        text.append(f"  and {len(upcoming) - MAX_NEXT_STEPS} more", style="dim")
    return text


class RoutineView(Vertical):
    """One routine in progress; the step text is redrawn only when the step changes."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown_index = -1
        self._question: str | None = None
        #: What each part shows now: a tick that would show the same text redraws nothing.
        self._shown: dict[str, object] = {}

    def _set(self, selector: str, content: Text | str) -> None:
        """Update one Static, or nothing when it already shows exactly this (most ticks change only a bar)."""
        if self._shown.get(selector) == content:
            return
        self._shown[selector] = content
        self.query_one(selector, Static).update(content)

    def compose(self) -> ComposeResult:
        with Horizontal(id="run-top"):
            yield Static(id="routine-title")
            yield Static(id="elapsed")
        yield Static(id="step-name")
        yield Static(id="instruction")
        yield Static(id="leg-advice")
        with Horizontal(id="clock"):
            yield Digits("0:00", id="countdown")
            yield Static(big_digits("0:00"), id="countdown-large")
        yield Static(id="status")
        with Horizontal(classes="bar-row"):
            yield Static(Text("this step"), classes="bar-label")
            yield ProgressBar(id="step-bar", show_eta=False, show_percentage=False)
        with Horizontal(classes="bar-row"):
            yield Static(Text("routine"), classes="bar-label")
            yield ProgressBar(id="routine-bar", total=100, show_eta=False, show_percentage=False)
        yield Static(id="next-steps")

    def show_title(self, title: str) -> None:
        self._set("#routine-title", Text(title))

    def ask(self, question: str | None) -> None:
        """A question shown under the current step's instruction (None takes it away)."""
        self._question = question
        self._shown_index = -1  # redraw the step text at the next reading

    def show_advice(self, advice: str | None) -> None:
        """Advice that stays on screen for the rest of the routine, e.g. when the leg may hold a clot."""
        widget = self.query_one("#leg-advice", Static)
        widget.update(Text(advice or ""))
        widget.display = bool(advice)

    def show(self, state: CountdownState, routine: Routine, upcoming: list[Step], muted: bool) -> None:
        """Update every part from one reading of the countdown."""
        if state.index != self._shown_index:
            self._shown_index = state.index
            name = Text(f"Step {state.index + 1} of {len(routine.steps)}   ", style="dim")
            name.append(state.step.name, style="bold")
            self._set("#step-name", name)
            instruction = Text(state.step.instruction)
            if self._question and state.step.kind == "safety":
                instruction.append(f"\n{self._question}", style="bold")
            self._set("#instruction", instruction)
            self._set("#next-steps", next_steps(upcoming))
        self._show_clock(clock_text(state.remaining_whole))
        bars = (state.step_length, state.step_length - state.remaining, 100 * state.routine_fraction)
        if self._shown.get("bars") != bars:  # unchanged while paused
            self._shown["bars"] = bars
            self.query_one("#step-bar", ProgressBar).update(total=bars[0], progress=bars[1])
            self.query_one("#routine-bar", ProgressBar).update(progress=bars[2])
        since = "elapsed" if routine.is_prevention else "since the cramp began"
        elapsed = Text(f"{since}  {clock_text(state.elapsed)}")
        if state.earlier:
            elapsed.append(f"  (began {int(state.earlier) // 60} min before the timer)", style="dim")
        self._set("#elapsed", elapsed)
        status = Text()
        if state.paused:
            status.append("paused", style="bold")
            status.append(" (space resumes)   ")
        if muted:
            status.append("muted", style="dim")
        self._set("#status", status)

    def show_result(self, released: bool, seconds: float) -> None:
        """The end: released or complete, and after how long."""
        heading = Text("Released" if released else "Routine complete", style="bold")
        heading.append(f"   after {clock_text(seconds)}", style="dim")
        self._set("#step-name", heading)
        self._show_clock(clock_text(seconds))

    def _show_clock(self, value: str) -> None:
        """Both sizes of digits; the app's "large digits" setting decides (in CSS) which one shows."""
        if self._shown.get("#countdown") == value:
            return
        self._shown["#countdown"] = value
        self.query_one("#countdown", Digits).update(value)
        self.query_one("#countdown-large", Static).update(big_digits(value))
