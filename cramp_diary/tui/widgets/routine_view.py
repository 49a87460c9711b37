"""The running routine, large and calm: the step, its countdown, both progress bars, what comes next.

It only draws one :class:`~cramp_diary.countdown.CountdownState` at a time,
repainting only the parts whose text or bar changed: the timer screen reads the
countdown 4 times a second, and most readings show nothing new, so each part
compares what it would show with what it shows (a few integers) and returns.
Everything that moves (digits, elapsed time, bars) moves when the shown second
changes, so a running step makes one frame a second.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Digits, Static

from cramp_diary.countdown import CountdownState
from cramp_diary.routines import Routine, Step
from cramp_diary.tui.widgets.progress_line import ProgressLine

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


def elapsed_text(clock: str, minutes_earlier: int, prevention: bool) -> Text:
    """The time since the cramp began (or since the bedtime stretches began)."""
    text = Text(f"{'elapsed' if prevention else 'since the cramp began'}  {clock}")
    if minutes_earlier:
        # on a line of its own: beside the clock it squeezed the title ("Calf cramp, left") at 80 columns
        text.append(f"\n(began {minutes_earlier} min before the timer)", style="dim")
    return text


def status_text(paused: bool, muted: bool) -> Text:
    text = Text()
    if paused:
        text.append("paused", style="bold")
        text.append(" (space resumes)   ")
    if muted:
        text.append("muted", style="dim")
    return text


def _shape(text: Text) -> tuple[int, ...]:
    """The cell width of each line: text of the same shape needs no new layout."""
    return tuple(line.cell_len for line in text.split("\n", allow_blank=True))


class RoutineView(Vertical):
    """One routine in progress; the step text is redrawn only when the step changes."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown_index = -1
        self._question: str | None = None
        #: What each part shows now: a tick that would show the same text redraws nothing.
        self._shown: dict[str, object] = {}
        #: The parts by selector, looked up once.
        self._parts: dict[str, Widget] = {}

    def _part(self, selector: str) -> Widget:
        part = self._parts.get(selector)
        if part is None:
            part = self._parts[selector] = self.query_one(selector)
        return part

    def _set(self, selector: str, content: Text) -> None:
        """Update one Static, or nothing when it already shows exactly this (most ticks change only a bar).

        Text of the same shape (the same cell width on every line) takes the same room: no new layout then,
        which is most of the cost of a second going by.
        """
        shown = self._shown.get(selector)
        if shown == content:
            return
        self._shown[selector] = content
        same_shape = isinstance(shown, Text) and _shape(shown) == _shape(content)
        part = self._part(selector)
        assert isinstance(part, Static)
        part.update(content, layout=not same_shape)

    def compose(self) -> ComposeResult:
        # Flat around the bars: a frame re-renders every widget whose clip overlaps the bar that moved, so the
        # parts above sit in one group (their clip ends above the bars) and each bar draws its own label.
        with Vertical(id="run-head"):
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
        yield ProgressLine("this step", id="step-bar")
        yield ProgressLine("routine", id="routine-bar")
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

    def show(self, state: CountdownState, routine: Routine, upcoming: Callable[[], list[Step]], muted: bool) -> None:
        """Update every part from one reading of the countdown; a part that would look the same is not touched."""
        if state.index != self._shown_index:
            self._shown_index = state.index
            name = Text(f"Step {state.index + 1} of {len(routine.steps)}   ", style="dim")
            name.append(state.step.name, style="bold")
            self._set("#step-name", name)
            # on the step name itself: a class on the whole screen would restyle every widget on it
            self._part("#step-name").set_class(state.step.kind in ("safety", "caution"), "-safety")
            instruction = Text(state.step.instruction)
            if self._question:
                instruction.append(f"\n{self._question}", style="bold")
            self._set("#instruction", instruction)
            self._set("#next-steps", next_steps(upcoming()))
        self._show_clock(clock_text(state.remaining_whole))
        # The bars move with the digits, once a shown second (in the same frame), not at every half cell: a frame
        # of its own for each half cell (4-5 a second at 80 columns) cost more than the 2 % a running timer may use.
        moment = (state.index, state.remaining_whole, state.step_length, state.routine_length, state.finished)
        if self._shown.get("bars") != moment:
            self._shown["bars"] = moment
            self._move_bar("#step-bar", state.step_fraction)
            self._move_bar("#routine-bar", state.routine_fraction)
        elapsed = (clock_text(state.elapsed), int(state.earlier) // 60, routine.is_prevention)
        if self._shown.get("elapsed") != elapsed:
            self._shown["elapsed"] = elapsed
            self._set("#elapsed", elapsed_text(*elapsed))
        status = (state.paused, muted)
        if self._shown.get("status") != status:
            self._shown["status"] = status
            self._set("#status", status_text(*status))

    def _move_bar(self, selector: str, fraction: float) -> None:
        bar = self._part(selector)
        assert isinstance(bar, ProgressLine)
        bar.fraction = fraction

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
        digits = self._part("#countdown")
        assert isinstance(digits, Digits)
        digits.update(value)  # a new layout only when its width changes
        self._set("#countdown-large", big_digits(value))
