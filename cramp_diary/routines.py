"""The stretch routines the cramp timer coaches through: data, not code.

The built-in routines live in ``routines.toml`` beside this module. A person
may override hold times or whole step lists with a ``routines.toml`` of their
own in the config folder; a broken file is reported (naming the line and the
field) and ignored as a whole, so a typo never leaves someone mid-cramp
without guidance. No Textual here: the CLI and the tests load routines fast.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from cramp_diary.model import RELIEFS
from cramp_diary.safe_text import clip

#: The routines the picker offers, in picker order; "bedtime" is the nightly prevention routine.
ROUTINE_KEYS: tuple[str, ...] = ("calf", "foot", "toes", "hamstring", "thigh", "bedtime")
STEP_KINDS: tuple[str, ...] = ("safety", "hold", "rest", "move", "caution", "aftercare")
ROUTINE_KINDS: tuple[str, ...] = ("cramp", "prevention")
#: Steps every cramp routine shares, each overridable as a whole table.
SHARED_STEPS: tuple[str, ...] = ("safety", "aftercare", "caution")
#: What a step may record as having helped; a timer step never stands for a medicine.
STEP_RELIEFS: tuple[str, ...] = tuple(relief for relief in RELIEFS if relief != "painkiller")

FILE_NAME = "routines.toml"
MIN_SECONDS = 5
MAX_SECONDS = 600
MAX_STEPS = 30
MAX_NAME = 40
MAX_INSTRUCTION = 300

_STEP_FIELDS = ("name", "instruction", "seconds", "kind", "relief")
_ROUTINE_FIELDS = ("title", "kind", "hold_seconds", "steps")


@dataclass(frozen=True, slots=True)
class Step:
    """One thing to do for a while; ``relief`` is what the diary records once it was done."""

    name: str
    instruction: str
    seconds: int
    kind: str = "hold"
    relief: str | None = None


@dataclass(frozen=True, slots=True)
class Routine:
    """A named list of steps, ready to run: cramp routines already open with safety."""

    key: str
    title: str
    steps: tuple[Step, ...]
    kind: str = "cramp"

    @property
    def is_prevention(self) -> bool:
        """The bedtime routine records a session, not a cramp episode."""
        return self.kind == "prevention"

    @property
    def total_seconds(self) -> int:
        return sum(step.seconds for step in self.steps)


class Routines(Mapping[str, Routine]):
    """Every routine by key, plus the caution step that stands in for massage when needed."""

    def __init__(self, routines: Mapping[str, Routine], caution: Step) -> None:
        self._routines = dict(routines)
        self.caution = caution

    def __getitem__(self, key: str) -> Routine:
        return self._routines[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._routines)

    def __len__(self) -> int:
        return len(self._routines)

    def build(self, key: str, *, avoid_massage: bool = False) -> Routine:
        """The routine to run; with ``avoid_massage`` each massage step becomes the caution step.

        A warning sign in the diary (e.g. a swollen, warm calf) makes rubbing the
        leg a bad idea, so the caller asks for the routine without it.
        """
        routine = self._routines[key]
        if not avoid_massage:
            return routine
        steps: list[Step] = []
        for step in routine.steps:
            if step.relief != "massage":
                steps.append(step)
            elif not steps or steps[-1] != self.caution:
                steps.append(self.caution)
        return replace(routine, steps=tuple(steps))


class RoutineError(ValueError):
    """A rule a routines file breaks; ``where`` locates it (table, step index, field) for the line finder."""

    def __init__(self, where: tuple[str, int | None, str | None], label: str, rule: str) -> None:
        super().__init__(clip(f"{label}: {rule}"))  # the rule quotes the value, which may be 100 kB
        self.where = where


def _text(value: object, label: str, where: tuple[str, int | None, str], limit: int) -> str:
    field = where[2]
    if not isinstance(value, str) or not value.strip():
        raise RoutineError(where, label, f"{field} must be some text (got {value!r})")
    if len(value) > limit:
        raise RoutineError(where, label, f"{field} must be at most {limit} characters (got {len(value)})")
    if any(unicodedata.category(char) == "Cc" for char in value):
        raise RoutineError(where, label, f"{field} must not contain control characters")
    return " ".join(value.split())


def _seconds(value: object, label: str, where: tuple[str, int | None, str]) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not MIN_SECONDS <= value <= MAX_SECONDS:
        raise RoutineError(
            where, label, f"{where[2]} must be a whole number from {MIN_SECONDS} to {MAX_SECONDS} (got {value!r})"
        )
    return value


def _choice(value: object, label: str, where: tuple[str, int | None, str], allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise RoutineError(where, label, f"{where[2]} must be one of {', '.join(allowed)} (got {value!r})")
    return str(value)


def _table(value: object, label: str, where: tuple[str, int | None, str | None]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise RoutineError(where, label, "must be a table of fields")
    return value


def _unknown(raw: dict[str, Any], allowed: tuple[str, ...], label: str, table: str, index: int | None) -> None:
    for key in raw:
        if key not in allowed:
            raise RoutineError(
                (table, index, key), label, f"unknown field {key!r} (allowed: {', '.join(allowed)})"
            )


def _step(raw: object, label: str, table: str, index: int | None, base: Step | None = None) -> Step:
    """A checked step; with ``base``, fields left out keep the base's values."""
    fields = _table(raw, label, (table, index, None))
    _unknown(fields, _STEP_FIELDS, label, table, index)
    if base is None:
        for required in ("name", "instruction", "seconds"):
            if required not in fields:
                raise RoutineError((table, index, None), label, f"{required} is missing")
        base = Step(name="", instruction="", seconds=MIN_SECONDS)
    relief = fields.get("relief", base.relief)
    return Step(
        name=_text(fields.get("name", base.name), label, (table, index, "name"), MAX_NAME),
        instruction=_text(
            fields.get("instruction", base.instruction), label, (table, index, "instruction"), MAX_INSTRUCTION
        ),
        seconds=_seconds(fields.get("seconds", base.seconds), label, (table, index, "seconds")),
        kind=_choice(fields.get("kind", base.kind), label, (table, index, "kind"), STEP_KINDS),
        relief=None if relief in (None, "") else _choice(relief, label, (table, index, "relief"), STEP_RELIEFS),
    )


@dataclass(frozen=True)
class _Plan:
    """A routine as written in a file, before the shared steps frame it."""

    title: str
    kind: str
    steps: tuple[Step, ...]


def _plan(key: str, raw: object, base: _Plan | None) -> _Plan:
    table = f"routines.{key}"
    fields = _table(raw, key, (table, None, None))
    _unknown(fields, _ROUTINE_FIELDS if base is None else ("title", "hold_seconds", "steps"), key, table, None)
    if base is None:
        for required in ("title", "kind", "steps"):
            if required not in fields:
                raise RoutineError((table, None, None), key, f"{required} is missing")
        base = _Plan(title="", kind="cramp", steps=())
    title = _text(fields.get("title", base.title), key, (table, None, "title"), MAX_NAME)
    kind = _choice(fields.get("kind", base.kind), key, (table, None, "kind"), ROUTINE_KINDS)
    steps = base.steps
    if "steps" in fields:
        raw_steps = fields["steps"]
        if not isinstance(raw_steps, list) or not 1 <= len(raw_steps) <= MAX_STEPS:
            raise RoutineError((table, None, "steps"), key, f"steps must be a list of 1 to {MAX_STEPS} steps")
        steps = tuple(
            _step(raw_step, f"{key} step {number}", f"{table}.steps", number - 1)
            for number, raw_step in enumerate(raw_steps, start=1)
        )
    if "hold_seconds" in fields:
        hold = _seconds(fields["hold_seconds"], key, (table, None, "hold_seconds"))
        steps = tuple(replace(step, seconds=hold) if step.kind == "hold" else step for step in steps)
    return _Plan(title=title, kind=kind, steps=steps)


def _parse(
    data: dict[str, Any], base: tuple[dict[str, Step], dict[str, _Plan]] | None
) -> tuple[dict[str, Step], dict[str, _Plan]]:
    """Check a whole file; with ``base`` (an override) every part is optional."""
    _unknown(data, (*SHARED_STEPS, "routines"), "top level", "", None)
    shared = dict(base[0]) if base else {}
    plans = dict(base[1]) if base else {}
    for name in SHARED_STEPS:
        if name in data:
            shared[name] = _step(data[name], name, name, None, shared.get(name))
        elif name not in shared:
            raise RoutineError((name, None, None), name, "this table is missing")
    raw_routines = _table(data.get("routines", {}), "routines", ("routines", None, None))
    for key, raw in raw_routines.items():
        if key not in ROUTINE_KEYS:
            raise RoutineError(
                (f"routines.{key}", None, None), key, f"unknown routine (allowed: {', '.join(ROUTINE_KEYS)})"
            )
        plans[key] = _plan(key, raw, plans.get(key))
    missing = [key for key in ROUTINE_KEYS if key not in plans]
    if missing:
        raise RoutineError(("routines", None, None), "routines", f"missing {', '.join(missing)}")
    return shared, plans


def _assemble(shared: dict[str, Step], plans: dict[str, _Plan]) -> Routines:
    """Frame each cramp routine with the safety step first and the aftercare step last."""
    routines: dict[str, Routine] = {}
    for key in ROUTINE_KEYS:
        plan = plans[key]
        steps = plan.steps
        if plan.kind == "cramp":
            steps = (shared["safety"], *steps, shared["aftercare"])
        routines[key] = Routine(key=key, title=plan.title, steps=steps, kind=plan.kind)
    return Routines(routines, shared["caution"])


_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")


def find_line(text: str, where: tuple[str, int | None, str | None]) -> int | None:
    """Best guess at the line of a field: tomllib reports lines only for syntax errors."""
    table, index, field = where
    subtable = f"{table}.{field}".lstrip(".")
    header_line: int | None = None
    active = table == ""
    count = -1
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            name = re.sub(r"\s*\.\s*", ".", header.group(2)).replace('"', "").replace("'", "")
            if field and name == subtable:
                return number
            if name == table and header.group(1) == "[[":
                count += 1
            active = name == table and (index is None or count == index)
            if header_line is None and (active or name.startswith(f"{table}.")):
                header_line = number
            continue
        if active and field and re.match(rf"^\s*[\"']?{re.escape(field)}[\"']?\s*=", line):
            return number
    return header_line


@cache
def _builtin_parts() -> tuple[dict[str, Step], dict[str, _Plan]]:
    text = files("cramp_diary").joinpath(FILE_NAME).read_text(encoding="utf-8")
    return _parse(tomllib.loads(text), None)


@cache
def builtin_routines() -> Routines:
    """The routines shipped with cramp-diary; a broken built-in file is a bug, so it raises."""
    return _assemble(*_builtin_parts())


def load_routines(config_dir: Path | None) -> tuple[Routines, list[str]]:
    """The built-ins with the person's own file merged in, and any warnings to show.

    Any problem in the person's file means none of it is used: half an
    override could pair one routine's instruction with another's timing.
    """
    builtins = builtin_routines()
    if config_dir is None:
        return builtins, []
    path = Path(config_dir) / FILE_NAME
    if not path.is_file():
        return builtins, []
    fallback = "The built-in routines are used instead."
    try:
        # utf-8-sig: editors on Windows start the file with a byte order mark, which TOML itself refuses
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        return builtins, [f"{path}: cannot read it ({error}). {fallback}"]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return builtins, [f"{path}: not valid TOML: {error}. {fallback}"]
    except RecursionError:  # x = [[[...]]] nested deeper than Python's stack
        return builtins, [f"{path}: not valid TOML: lists or tables nested too deep. {fallback}"]
    try:
        return _assemble(*_parse(data, _builtin_parts())), []
    except RoutineError as error:
        line = find_line(text, error.where)
        at = f", line {line}" if line else ""
        return builtins, [f"{path}{at}: {error}. {fallback}"]
