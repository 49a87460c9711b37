"""The Muscles chart tells left from right in words, so it reads the same without colour."""

from __future__ import annotations

import plotext

from cramp_diary.plots import plot_muscles
from cramp_diary.stats import MuscleCount


def test_each_side_has_its_own_labelled_bar() -> None:
    plotext.clf()
    plotext.plotsize(70, 20)
    plot_muscles(plotext, [MuscleCount("calf", left=3, right=5, both=0), MuscleCount("thigh", left=0, right=0, both=2)])
    text = plotext.uncolorize(plotext.build())
    assert "calf left" in text and "calf right" in text and "thigh both" in text
    assert "calf both" not in text  # no empty bar for a side that never cramped
    lines = text.splitlines()
    assert next(i for i, l in enumerate(lines) if "calf left" in l) < next(i for i, l in enumerate(lines) if "thigh both" in l)
