"""Page 1 of a busy diary prints on one A4 sheet in Chromium (skipped only where Chromium is absent).

Install Chromium with the apt package ``chromium`` (see the README); CI installs it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from cramp_diary.changes import Change
from cramp_diary.medicines import Medicine
from cramp_diary.model import SIGNS, Episode
from cramp_diary.report import build_report, to_html
from cramp_diary.store import Diary
from tests.conftest import ZONE

CHROMIUM = next((found for name in ("chromium", "chromium-browser", "google-chrome") if (found := shutil.which(name))), None)


def busy_report(diary: Diary, today: date) -> str:
    """The demo plus 60 more cramps over 8 weeks, every sign on both sides, four medicines and six changes."""
    muscles = ("calf", "foot", "thigh", "hamstring", "toes", "other")
    for i in range(60):
        day = today - timedelta(days=i % 56)
        diary.episodes.add(Episode(
            datetime.combine(day, time(1 + i % 22, 5), tzinfo=ZONE), muscles[i % 6], ("left", "right", "both")[i % 3],
            duration=30 + 17 * i, severity=i % 11, context="asleep" if i % 2 else "resting",
            triggers=(f"trigger number {i % 9}", *(("medication",) if i % 5 == 0 else ())), reliefs=(("stretch", "massage", "painkiller", "heat", "walk", "cold", "elevate", "stand")[i % 8], f"own relief {i % 7}"),
            signs=(SIGNS[i % len(SIGNS)], SIGNS[(i + 5) % len(SIGNS)]), muscle_other="shin" if i % 6 == 5 else "",
            note="unbearable " * (i % 3) + "a long note that goes on " * 4,
        ))
    for n in range(6):
        diary.changes.add(Change(f"a change with a fairly long name number {n}", ("medicine", "habit", "supplement")[n % 3], today - timedelta(days=10 + 9 * n)))
    for medicine in (
        Medicine("Bendroflumethiazide", "diuretic", note="every morning"),
        Medicine("Atorvastatin", "statin", today - timedelta(days=200)),
        Medicine("Bisoprolol", "beta-blocker", today - timedelta(days=40), today - timedelta(days=5)),
        Medicine("Salbutamol", "asthma-inhaler"),
    ):
        diary.medicines.add(medicine)
    data = build_report(diary, today, 12, ZONE, began=date(2025, 3, 1))
    assert len(data.visit.medicines) == 4
    assert len(data.visit.warnings) >= 9  # nearly every rule fires: the worst case for page 1
    return to_html(data)


def page_count(pdf: Path) -> int:
    """Pages of a PDF: pdfinfo when installed, else the page objects counted in the file."""
    if shutil.which("pdfinfo"):
        out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt package 'chromium')")
def test_page_one_of_a_busy_diary_prints_on_one_a4_sheet(demo_diary: Diary, clock, tmp_path: Path) -> None:
    page = busy_report(demo_diary, clock().date())
    first = page[: page.index("<h1>Appendix")] + "</body></html>\n"  # page 1 alone, with the same styles
    html = tmp_path / "page1.html"
    html.write_text(first, encoding="utf-8")
    pdf = tmp_path / "page1.pdf"
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--user-data-dir={tmp_path / 'profile'}", f"--print-to-pdf={pdf}", html.as_uri()],
        capture_output=True, timeout=120, check=True,
    )
    assert page_count(pdf) == 1
