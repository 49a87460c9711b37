"""What ``log`` and ``edit`` take and what they print, without click.

The option table, the one function that turns option values into episode
fields, and the ``show`` layout live here so that the click commands
(:mod:`cramp_diary.cli.episodes`) and the click-free fast ``log``
(:mod:`cramp_diary.cli.fast_log`) share them: neither holds a rule of its own.
"""

# Annotations are evaluated, not kept as text: this module's NamedTuples load with every `log` (ARCHITECTURE.md).
from datetime import datetime
from typing import Any, NamedTuple

from cramp_diary.model import CONTEXTS, MUSCLES, RELIEFS, SIDES, SIGN_ALIASES, SIGNS, TRIGGERS, Episode, InvalidField, near_known_word
from cramp_diary.parsing import parse_duration, parse_severity, parse_sleep, parse_when
from cramp_diary.use_cases.episode_actions import Saved
from cramp_diary.wording import episode_fields

#: The word that empties a list or clears the context on ``edit``: ``--sign none``.
NONE = "none"


class EpisodeOption(NamedTuple):
    """One option of ``log``/``edit``: its flag, the parameter it fills, its help and what it accepts."""

    flag: str
    name: str
    help: str
    #: Only these values (click's Choice); None takes any text.
    choices: tuple[str, ...] | None = None
    #: Older words still taken (an old script's ``--sign tenderness``) but not shown in --help.
    aliases: tuple[str, ...] = ()
    multiple: bool = False
    required: bool = False
    #: An on/off switch that takes no value.
    is_flag: bool = False


def episode_option_table(required: bool) -> tuple[EpisodeOption, ...]:
    """The options shared by ``log`` (``required``) and ``edit`` (only what is given changes), in --help order."""
    # On edit a list option replaces the saved list whole: say so where people look, in --help.
    several = (
        f"replaces the saved list; repeat the option for several, or '{NONE}' to empty it"
        if not required
        else "repeat for several"
    )
    # only edit can clear: on log an empty list is simply not giving the option
    cleared = f", or '{NONE}' to clear it" if not required else ""
    clearable = (NONE,) if not required else ()
    return (
        EpisodeOption("--at", "at", "When it started: now, 03:10, 3am, 'last night 03:10', '20 minutes ago' ..."),
        EpisodeOption("--muscle", "muscle", f"Which muscle: {', '.join(MUSCLES)}, or any other word.", required=required),
        EpisodeOption("--side", "side", "Which leg.", choices=SIDES, required=required),
        EpisodeOption("--duration", "duration", "How long: 90, '90 sec', 2m, '2 minutes', 1.5m, 1m30s, 1:30."),
        EpisodeOption("--severity", "severity", "How bad, 0 (barely) to 10 (worst)."),
        EpisodeOption(
            "--context", "context", f"What you were doing (asleep: it woke you){cleared}.", choices=CONTEXTS + clearable
        ),
        EpisodeOption(
            "--trigger",
            "triggers",
            f"A possible trigger: {', '.join(TRIGGERS)}, or your own words ({several}).",
            multiple=True,
        ),
        EpisodeOption(
            "--relief", "reliefs", f"What helped: {', '.join(RELIEFS)}, or your own words ({several}).", multiple=True
        ),
        EpisodeOption(
            "--sign",
            "signs",
            f"A sign ({several}). tender-between: tender even between cramps; cord: a hard, tender cord under the"
            " skin; sore-after: the normal soreness a cramp leaves.",
            choices=SIGNS + clearable,
            aliases=tuple(SIGN_ALIASES),
            multiple=True,
        ),
        EpisodeOption("--note", "note", "Anything else worth remembering."),
        EpisodeOption(
            "--new-word",
            "new_word",
            "Keep a --muscle, --trigger or --relief word as typed, though it looks like a slip for a known one.",
            is_flag=True,
        ),
        EpisodeOption(
            "--sleep", "sleep", "How much cramps disturbed that night's sleep, 0 (not at all) to 10 (no sleep)."
        ),
    )


#: ``--format`` of log, list and show.
FORMATS = ("text", "json")


def _list_value(name: str, values: tuple[str, ...], can_clear: bool) -> tuple[str, ...]:
    """A list option's labels; 'none' alone empties the list (on edit), mixed with others it is a slip."""
    if not any(v.strip().lower() == NONE for v in values):
        return tuple(values)
    import click  # only on this slip: the fast log never gets here without click's words for it

    option = f"--{name[:-1]}"
    if not can_clear:
        raise click.BadParameter(f"'{NONE}' empties a list on edit only; leave {option} out instead", param_hint=f"'{option}'")
    if len(values) > 1:
        raise click.BadParameter(f"'{NONE}' empties the list: give it alone", param_hint=f"'{option}'")
    return ()


def _not_a_slip(field: str, word: str, known: tuple[str, ...], new_word: bool) -> None:
    """Refuse a word that looks like a slip for a known one ('calff'), unless --new-word says it is meant."""
    near = near_known_word(word, known) if not new_word else None
    if near is not None:
        raise InvalidField(
            field, f"{word.strip()!r} is not a word the diary knows: did you mean {near}? To keep your own word, add --new-word"
        )


def _muscle(value: str, new_word: bool = False) -> tuple[str, str]:
    """A known muscle, or 'other' with the person's own word kept (a blank one, or a slip, is refused)."""
    cleaned = value.strip().lower()
    if not cleaned:
        raise InvalidField("muscle", f"must be one of {', '.join(MUSCLES[:-1])}, or any other word")
    _not_a_slip("muscle", value, MUSCLES[:-1], new_word)
    return (cleaned, "") if cleaned in MUSCLES else ("other", value.strip())


#: The options whose empty text is a script's empty variable, not a wish: the field and what leaving it out means.
_NOT_EMPTY = {
    "at": ("time", "leave --at out to mean now"),
    "duration": ("duration", "leave --duration out instead"),
    "severity": ("severity", "leave --severity out instead"),
    "sleep": ("sleep_disturbance", "leave --sleep out instead"),
}


def fields_given(now: datetime, can_clear: bool = False, **given: Any) -> dict[str, Any]:
    """The episode fields the given option values set (None: not given; empty text is refused, never a silent clear)."""
    fields: dict[str, Any] = {}
    new_word = bool(given.get("new_word"))
    for name, (field, instead) in _NOT_EMPTY.items():
        if given.get(name) is not None and not str(given[name]).strip():
            raise InvalidField(field, f"must not be empty; {instead}")
    if given["at"] is not None:
        fields["started_at"] = parse_when(given["at"], now)
    if given["muscle"] is not None:
        fields["muscle"], fields["muscle_other"] = _muscle(given["muscle"], new_word)
    if given["side"] is not None:
        fields["side"] = given["side"]
    if given["duration"] is not None:
        fields["duration"] = parse_duration(given["duration"])
    if given["severity"] is not None:
        fields["severity"] = parse_severity(given["severity"])
    if given["context"] is not None:
        fields["context"] = None if given["context"] == NONE else given["context"]
    for name in ("triggers", "reliefs", "signs"):
        if given[name]:
            fields[name] = _list_value(name, given[name], can_clear)
    for name, known in (("triggers", TRIGGERS), ("reliefs", RELIEFS)):
        for word in fields.get(name, ()):
            _not_a_slip(name[:-1], word, known, new_word)
    if given["note"] is not None:
        fields["note"] = given["note"]
    if given.get("sleep") is not None:
        fields["sleep_disturbance"] = parse_sleep(given["sleep"])
    return fields


def new_episode(now: datetime, **given: Any) -> Episode:
    """The episode ``log`` saves from its option values: now, unless --at says when."""
    fields = fields_given(now, **given)
    fields.setdefault("started_at", now)
    return Episode(**fields)


UNFINISHED = "started by the cramp timer and never finished; open the app to finish or discard it"
#: An unfinished one no app here offers: its timer still runs, in another terminal or on the device that started it.
TIMED_ELSEWHERE = "being timed in another terminal or on another device; it is finished there"


def describe(episode: Episode, *, waiting: bool = True) -> str:
    """One episode as a few readable lines; one the timer left unfinished says so first (``waiting``: for this app)."""
    fields = episode_fields(episode)
    lines = [
        f"Episode {episode.id}" + (" (unfinished)" if episode.is_open else ""),
        *([f"  unfinished: {UNFINISHED if waiting else TIMED_ELSEWHERE}"] if episode.is_open else []),
        f"  when       {fields.when} ({fields.offset})",
        f"  muscle     {fields.muscle} ({fields.side})",
        f"  duration   {fields.duration}",
        f"  severity   {f'{fields.severity}/10' if fields.severity else '?'}",
        f"  context    {fields.context or '-'}",
        f"  triggers   {fields.triggers or '-'}",
        f"  reliefs    {fields.reliefs or '-'}",
        f"  signs      {fields.signs or '-'}",
        *([f"  sleep      disturbed {episode.sleep_disturbance}/10"] if episode.sleep_disturbance is not None else []),
    ]
    if fields.note:
        lines.append(f"  note       {fields.note}")
    return "\n".join(lines)


def as_json(data: object) -> str:
    """JSON as the export writes it: UTF-8 text kept readable, indented."""
    import json  # only for --format json: a plain ``log`` never loads it

    return json.dumps(data, indent=2, ensure_ascii=False)


def saved_lines(saved: Saved, fmt: str) -> list[str]:
    """What ``log`` prints once the episode is on disk."""
    if fmt == "json":
        from cramp_diary.records import episode_json

        return [as_json(episode_json(saved.episode))]
    return [saved.message, describe(saved.episode)]
