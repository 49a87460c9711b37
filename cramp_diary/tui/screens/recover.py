"""Finishing or discarding a cramp the timer started but never recorded.

The timer writes an unfinished ("open") episode the moment it starts, so a
closed terminal or a killed process loses nothing; on the next start the app
calls :func:`offer_recovery` and the person finishes or discards each one.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from rich.text import Text
from textual.app import App

from cramp_diary.model import Episode
from cramp_diary.parsing import format_duration, format_when
from cramp_diary.safe_text import printable
from cramp_diary.store import DiaryError
from cramp_diary.timer_session import abandoned, discard, ready_to_finish, time_so_far
from cramp_diary.tui.context import SavesOnExit, context
from cramp_diary.tui.screens.keep_or_discard import KeepOrDiscardScreen

__all__ = ["KeepOrDiscardScreen", "RecoverScreen", "finish_episode", "offer_recovery"]


class RecoverScreen(KeepOrDiscardScreen):
    """One unfinished episode: finish it in the form, discard it, or ask again next time."""

    def __init__(self, episode: Episode) -> None:
        question = Text()
        question.append("The cramp timer was stopped before this cramp was recorded:\n\n")
        muscle = printable(episode.muscle_label)  # the person's own word may come from a hand-edited diary
        question.append(f"  {format_when(episode.started_at)}   {muscle}, {episode.side}\n\n", style="bold")
        lasted = "unknown" if episode.duration is None else format_duration(episode.duration)
        question.append(f"Finish it now (how long it lasted: {lasted}), or discard it?")
        super().__init__("An unfinished cramp", question, keep="Finish", discard="Discard", later="Later")
        self.episode = episode


def finish_episode(
    app: App[object],
    episode: Episode,
    then: Callable[[Episode | None], None] | None = None,
    stored: Episode | None = None,
    *,
    signs_question: str | None = None,
    title: str | None = None,
) -> None:
    """Open the episode form on an unfinished episode, ready to save as done with one key.

    ``stored`` is the episode as the diary holds it, when ``episode`` has changes not saved
    yet (the timer's measured time): the form saves every difference from it.
    ``signs_question`` opens it on the warning signs, with that line asking which were seen;
    ``title`` says what the form is for (a recovered cramp), instead of "New episode".
    """
    from cramp_diary.tui.screens.episode_form import EpisodeForm

    app.push_screen(
        EpisodeForm(
            ready_to_finish(episode), is_new=True, original=stored or episode, signs_question=signs_question, title=title
        ),
        then,
    )


def offer_recovery(app: App[object], exclude: Collection[str] = ()) -> None:
    """Ask about each unfinished episode in turn (except the uuids in ``exclude``).

    Call it once the app has started. While the cramp timer is open the person
    is busy with a cramp, so nothing is asked: the timer calls this again when
    it closes. Calling it while a question is already showing does nothing.
    """
    # the timer declares itself SavesOnExit: asked without importing it (~30 ms at every start)
    if any(isinstance(screen, (RecoverScreen, SavesOnExit)) for screen in app.screen_stack):
        return
    diary = context(app).diary
    # a cramp whose timer still runs (in another terminal) is not abandoned: never offer to discard it
    stored = [episode for episode in abandoned(diary, context(app).now) if episode.uuid not in exclude]
    waiting = [(time_so_far(diary, episode), episode) for episode in stored]  # what the killed timer measured

    def ask_next(_: Episode | None = None) -> None:
        if waiting:
            episode, original = waiting.pop(0)
            app.push_screen(RecoverScreen(episode), lambda keep: answered(episode, original, keep))

    def answered(episode: Episode, original: Episode, keep: bool | None) -> None:
        if keep:
            when = format_when(episode.started_at)
            finish_episode(app, episode, ask_next, stored=original, title=f"Finish the cramp the timer began at {when}")
            return
        if keep is False:
            try:
                discard(diary, episode)
            except DiaryError as error:
                app.notify(f"Not discarded: {error}", severity="error", markup=False)
            else:
                app.notify("Discarded the unfinished cramp.", markup=False)
        ask_next()

    ask_next()
