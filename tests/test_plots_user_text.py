"""Charts draw the person's own words escaped, like every other view (issue 10, item 14)."""

from __future__ import annotations

import plotext

from cramp_diary import plots
from cramp_diary.stats import MuscleCount

OVERRIDE = "\u202e"


def _drawn() -> str:
    plotext.plotsize(80, 20)
    plotext.theme("clear")
    return plotext.uncolorize(plotext.build())


def test_a_bidi_override_in_a_trigger_never_reaches_the_terminal() -> None:
    plots.plot_counts(plotext, "Possible triggers", [(f"wine{OVERRIDE}evil", 3), ("heat", 1)])
    chart = _drawn()
    assert OVERRIDE not in chart
    assert "wine\\u202e" in chart


def test_a_bidi_override_in_an_own_muscle_never_reaches_the_terminal() -> None:
    plots.plot_muscles(plotext, [MuscleCount(f"toe{OVERRIDE}x", 1, 0, 0), MuscleCount("calf", 2, 1, 0)])
    chart = _drawn()
    assert OVERRIDE not in chart
    assert "toe\\u202e" in chart
