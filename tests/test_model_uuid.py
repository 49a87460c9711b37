"""A uuid is made and spelled without the ``uuid`` module on the ``log`` path: the same values it would give."""

from __future__ import annotations

import uuid

from hypothesis import given, settings
from hypothesis import strategies as st

from cramp_diary.model import InvalidField, new_uuid, normalise_uuid


def test_a_new_uuid_is_a_random_version_4_uuid_in_its_one_spelling() -> None:
    made = [new_uuid() for _ in range(500)]
    assert len(set(made)) == 500
    for text in made:
        parsed = uuid.UUID(text)
        assert str(parsed) == text  # lower case, dashed: what str(uuid.uuid4()) gives
        assert parsed.version == 4
        assert parsed.variant == uuid.RFC_4122


def _as_uuid_module_spells(text: object) -> str | None:
    """What ``str(uuid.UUID(text))`` made of it before (None: refused)."""
    if not isinstance(text, str) or not 32 <= len(text.strip()) <= 45:
        return None
    try:
        return str(uuid.UUID(text.strip()))
    except ValueError:
        return None


def _spellings() -> st.SearchStrategy[str]:
    """Every way a uuid is written (upper case, braces, urn, no dashes, spaces), and near misses."""
    made = st.uuids().map(str)
    return st.one_of(
        made,
        made.map(str.upper),
        made.map(lambda u: "{" + u + "}"),
        made.map(lambda u: "urn:uuid:" + u),
        made.map(lambda u: u.replace("-", "")),
        made.map(lambda u: f"  {u} "),
        made.map(lambda u: u[:-1] + "g"),
        made.map(lambda u: u[:8] + u[9:] + "-"),
        st.text(alphabet="0123456789abcdefABCDEF-{}:nru ", min_size=30, max_size=46),
    )


@settings(max_examples=400)
@given(_spellings())
def test_normalise_uuid_accepts_and_spells_exactly_what_the_uuid_module_does(text: str) -> None:
    expected = _as_uuid_module_spells(text)
    if expected is None:
        try:
            normalise_uuid(text)
        except InvalidField as refused:
            assert refused.field == "uuid"
        else:
            raise AssertionError(f"{text!r} was accepted")
    else:
        assert normalise_uuid(text) == expected
