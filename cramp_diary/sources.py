"""Where the diary's advice comes from: one table of sources, each named by its own title.

The app, the report and the README cite these by title and by what kind of
document each is, so a reader can find them without the project's reference
folder. Keys are short and stable; rules in :mod:`cramp_diary.alerts` name them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    """One reference document: its own title and, in a few words, what it is."""

    title: str
    kind: str

    def cite(self) -> str:
        """How the app names it: "How to Release Leg Cramps", a guide to releasing an acute cramp."""
        return f"\u201c{self.title}\u201d, {self.kind}"


SOURCES: dict[str, Source] = {
    "self-care": Source("How do I take care of myself?", "a large US clinic's patient page on leg cramp self-care"),
    "treatment": Source(
        "What is the best way to treat leg cramps?", "a clinician-facing summary of leg cramp treatment"
    ),
    "night": Source(
        "Effective Strategies for Alleviating Nocturnal Leg Cramps", "a short guide to night-time leg cramps"
    ),
    "clinic-guide": Source(
        "What Are Leg Muscle Cramps?", "a clinic's guide to leg muscle cramps, their causes and when to see a doctor"
    ),
    "release": Source("How to Release Leg Cramps", "a guide to releasing an acute cramp"),
}


def cite(keys: tuple[str, ...]) -> str:
    """Several sources in one line, separated by semicolons."""
    return "; ".join(SOURCES[key].cite() for key in keys)
