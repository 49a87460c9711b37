"""The trial screen: plan a with/without trial, see tonight's block and each block's figures, stop, extend, delete."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from cramp_diary import trial_actions
from cramp_diary.store import DiaryError
from cramp_diary.store.trials import DeletedTrial
from cramp_diary.trial import TrialPlan, is_open
from cramp_diary.trial_result import result_lines, result_of
from cramp_diary.tui.context import AppContext, context
from cramp_diary.tui.screens.confirm import ConfirmScreen
from cramp_diary.tui.screens.trial_form import TrialForm, TrialRequest
from cramp_diary.tui.widgets.key_footer import KeyFooter

#: What the screen says before there is a trial: why, and how.
INTRO = (
    "Find out for yourself whether one change helps you: blocks WITH it and WITHOUT it take turns, "
    "one of each in every pair, in an order drawn at random. Press p to plan one.\n\n"
    "Log cramps as usual and check in on nights without one: a night with neither is not counted. "
    "Each morning the home screen asks whether last night followed the plan."
)


class TrialScreen(Screen[None]):
    """Renders :func:`cramp_diary.trial_result.result_lines`; every change goes through :mod:`cramp_diary.trial_actions`."""

    CSS_PATH = "trial.tcss"

    BINDINGS = [
        Binding("escape", "back", "Back", tooltip="Back to the diary", id="back"),
        Binding("p", "plan", "Plan", tooltip="Plan a new with/without trial", id="plan-trial"),
        Binding("s", "stop", "Stop", tooltip="Stop the trial early, from tonight (asks first)", id="stop-trial"),
        Binding("e", "extend", "Add a pair", tooltip="Add one more pair of blocks (asks first)", id="extend-trial"),
        Binding("d", "delete", "Delete", tooltip="Delete the trial and its answers (asks first)", id="delete-trial"),
        Binding("u", "undo", "Undo", tooltip="Bring back the trial deleted last", id="undo-trial"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._deleted: list[DeletedTrial] = []

    @property
    def ctx(self) -> AppContext:
        return context(self)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="trial-box"):
            yield Static(id="trial-status")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Trial: with or without?"
        self.reload()

    def _plan(self) -> TrialPlan | None:
        return self.ctx.diary.trials.current()

    def reload(self) -> None:
        """Show the trial as of tonight, or how to plan one."""
        plan = self._plan()
        box = self.query_one("#trial-status", Static)
        if plan is None:
            box.update(Text(INTRO))
        else:
            lines = result_lines(result_of(self.ctx.diary, plan, trial_actions.tonight(self.ctx.now())))
            text = Text(lines[0] + "\n\n", style="bold")
            text.append("\n".join(lines[1:]))
            box.update(text)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Plan only without an open trial; stop and extend only with one; undo only after a delete."""
        plan = self._plan() if self.is_mounted else None
        running = plan is not None and is_open(plan, trial_actions.tonight(self.ctx.now()))
        if action == "plan":
            return not running
        if action in ("stop", "extend"):
            return running
        if action == "delete":
            return plan is not None
        if action == "undo":
            return bool(self._deleted)
        return True

    def _run(self, act, *args: object) -> None:  # type: ignore[no-untyped-def]
        """Do one trial action and say what happened, or why not, in a notification."""
        try:
            done = act(self.ctx.diary, *args)
        except (DiaryError, ValueError) as error:
            self.notify(f"Not done: {error}", severity="error", markup=False)
        else:
            self.notify(done.brief, timeout=8, markup=False)
        self.reload()

    def action_plan(self) -> None:
        now = self.ctx.now()

        def planned(request: TrialRequest | None) -> None:
            if request is not None:
                self._run(
                    lambda diary: trial_actions.start(
                        diary, request.name, request.kind, now, block_days=request.block_days, pairs=request.pairs,
                        washout_days=request.washout_days, first_day=request.first_day,
                        one_block_at_a_time=request.one_block_at_a_time,
                    )
                )

        self.app.push_screen(TrialForm(now.date(), trial_actions.tonight(now)), planned)

    def _confirmed(self, question: str, verb: str, then) -> None:  # type: ignore[no-untyped-def]
        self.app.push_screen(ConfirmScreen(question, verb), lambda yes: then() if yes else None)

    def action_stop(self) -> None:
        self._confirmed(
            "Stop the trial from tonight? The result will use only the pairs that ran in full.", "Stop",
            lambda: self._run(trial_actions.stop, self.ctx.now()),
        )

    def action_extend(self) -> None:
        self._confirmed(
            "Add one more pair (a WITH and a WITHOUT block, order drawn at random)?", "Add a pair",
            lambda: self._run(trial_actions.extend, self.ctx.now()),
        )

    def action_delete(self) -> None:
        def delete() -> None:
            try:
                deleted, line = trial_actions.delete(self.ctx.diary)
            except DiaryError as error:
                self.notify(f"Not deleted: {error}", severity="error", markup=False)
            else:
                self._deleted.append(deleted)
                self.notify(f"{line} Press u to undo.", timeout=8, markup=False)
            self.reload()

        self._confirmed("Delete the trial and its answers? Your cramps and check-ins stay.", "Delete", delete)

    def action_undo(self) -> None:
        if not self._deleted:
            self.notify("Nothing to undo.", timeout=3, markup=False)
            return
        try:
            restored = self.ctx.diary.trials.restore(self._deleted[-1])
        except (DiaryError, ValueError) as error:
            self.notify(f"Not undone: {error}", severity="error", markup=False)
            return
        self._deleted.pop()
        self.notify(f"Trial '{restored.name}' is back.", timeout=4, markup=False)
        self.reload()

    def action_back(self) -> None:
        self.app.pop_screen()
