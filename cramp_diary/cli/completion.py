"""What TAB offers for each option: the diary's vocabularies, the person's own earlier words, ids.

Each function here is a click ``shell_complete`` callback. They run only when a
shell asks (``_CRAMP_DIARY_COMPLETE`` set), read the diary through
:mod:`cramp_diary.store.words` (read-only, the newest episodes only) and never
raise: a diary that cannot be read just offers the fixed words.

Turn it on once per shell (see README, "Shell completion")::

    eval "$(_CRAMP_DIARY_COMPLETE=bash_source cramp-diary)"
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from cramp_diary.cli.episode_input import NONE
from cramp_diary.model import CONTEXTS, MUSCLES, RELIEFS, SIDES, SIGN_LABELS, SIGNS, TRIGGERS
from cramp_diary.paths import resolve_db_path
from cramp_diary.safe_text import printable
from cramp_diary.store import words

if TYPE_CHECKING:  # click.shell_completion is loaded when a shell asks, not by every `log`
    from click.shell_completion import CompletionItem

#: Where ``--db`` given after a command's name is kept while completing (its callback cannot build a Context then).
DB_META = "cramp_diary.completion_db"


def register() -> None:
    """Bash completion that quotes a word with a space ('long drive'), so TAB inserts one argument, not two.

    click's bash script puts each offered word on the line as it is; ``shlex.quote``
    leaves plain words alone and wraps the rest in single quotes, which its ``read`` keeps.
    Called by the command group just before it completes.
    """
    import shlex

    from click.shell_completion import BashComplete, add_completion_class

    class QuotingBash(BashComplete):
        def format_completion(self, item: CompletionItem) -> str:
            value = shlex.quote(item.value) if item.type == "plain" and item.value else item.value
            return f"{item.type},{value}"

    add_completion_class(QuotingBash, "bash")


def _item(value: str, hint: str | None = None) -> CompletionItem:
    """One offered word; its hint on one line, literal (a change's name may hold anything)."""
    from click.shell_completion import CompletionItem

    shown = " ".join(printable(hint).split()) if hint else None
    return CompletionItem(value, help=shown if shown != value else None)


def diary_path(ctx: click.Context) -> Path:
    """The diary this command line would use: ``--db`` after the command, before it, $CRAMP_DIARY_DB, the default."""
    given = ctx.meta.get(DB_META) or ctx.find_root().params.get("db")
    return resolve_db_path(given)[0]


def _shown(word: str) -> bool:
    """A word a shell can offer: one line of printable text (a hand-edited diary may hold anything)."""
    return bool(word.strip()) and word.isprintable()


def _matching(choices: Iterable[str | tuple[str, str]], incomplete: str, given: Iterable[str] = ()) -> list[CompletionItem]:
    """The choices starting with what was typed (any case), each once, skipping those already given."""
    typed = incomplete.lower()
    skip = {g.lower() for g in given}
    seen: set[str] = set()
    found: list[CompletionItem] = []
    for choice in choices:
        value, hint = choice if isinstance(choice, tuple) else (choice, None)
        key = value.lower()
        if key in seen or key in skip or not key.startswith(typed) or not _shown(value):
            continue
        seen.add(key)
        found.append(_item(value, hint))
    return found


def _given(ctx: click.Context, param: click.Parameter) -> tuple[str, ...]:
    """The values already given to a repeatable option on this command line."""
    value = ctx.params.get(param.name or "")
    return tuple(value) if isinstance(value, (tuple, list)) else ()


def _can_clear(ctx: click.Context) -> tuple[str, ...]:
    """'none' on ``edit`` (it empties a list or clears the context); ``log`` has nothing to clear."""
    return (NONE,) if ctx.info_name == "edit" else ()


def muscle(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """The muscles, then the person's own words for other muscles, most used first."""
    return _matching([*MUSCLES, *words.own_words(diary_path(ctx), "muscle")], incomplete)


def side(_ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    return _matching(SIDES, incomplete)


def context(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    return _matching([*CONTEXTS, *_can_clear(ctx)], incomplete)


def trigger(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """The named triggers, then the person's own, leaving out those already on the line."""
    own = words.own_words(diary_path(ctx), "trigger")
    return _matching([*TRIGGERS, *own, *_can_clear(ctx)], incomplete, _given(ctx, param))


def relief(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """What often helps, then what helped this person, leaving out those already on the line."""
    own = words.own_words(diary_path(ctx), "relief")
    return _matching([*RELIEFS, *own, *_can_clear(ctx)], incomplete, _given(ctx, param))


def sign(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """The warning signs, each with what it means (zsh and fish show it)."""
    labelled = [(key, SIGN_LABELS[key]) for key in SIGNS]
    return _matching([*labelled, *_can_clear(ctx)], incomplete, _given(ctx, param))


def day(_ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """The day words every day option reads (``parsing.parse_day``); a date is typed, not offered."""
    from cramp_diary.parsing import WEEKDAYS

    return _matching(["today", "yesterday", "a week ago", *(f"last {name}" for name in WEEKDAYS)], incomplete)


def change_kind(_ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    from cramp_diary.changes import KINDS

    return _matching(KINDS, incomplete)


def trial_kind(_ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """A trial's kinds (a medicine is refused, so never offered)."""
    from cramp_diary.trial import KINDS

    return _matching(KINDS, incomplete)


def rule_key(_ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Every warning's key, with its title."""
    from cramp_diary.alerts import RULE_KEYS, RULES

    titles = {rule.key: rule.title for rule in RULES}
    return _matching([(key, titles.get(key, "Cramps rose after starting a medicine")) for key in RULE_KEYS], incomplete)


def episode_id(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """The newest episodes' ids starting with what was typed, each with when and which muscle."""
    return [_item(str(found.id), found.hint) for found in words.recent_episodes(diary_path(ctx), incomplete)]


def change_id(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """The dated changes' ids, each with its kind and name."""
    found = words.recent_changes(diary_path(ctx))
    return _matching([(str(change.id), change.hint) for change in found], incomplete)


#: The completer of each ``log``/``edit`` option, by the parameter it fills (cli/episode_input's table).
EPISODE_OPTIONS: dict[str, Callable[[click.Context, click.Parameter, str], list[CompletionItem]]] = {
    "muscle": muscle,
    "side": side,
    "context": context,
    "triggers": trigger,
    "reliefs": relief,
    "signs": sign,
}
