"""A sentence two edges (the CLI, the app, the report) say is written once, in ``use_cases/sentences.py``.

Two copies of one sentence drift (the app said "Noted: no cramps on the night to Sun 22 Nov"
where the CLI said "Recorded Sun 2026-11-22 as cramp-free"). This finds each literal piece of
text in ``cli/`` and ``tui/`` that reads as a sentence and fails on one written in both.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import cramp_diary

PACKAGE = Path(cramp_diary.__file__).parent
#: Text with at least this many words reads as a sentence, not a key, a name or a format.
WORDS = 4


def sentences(source: str) -> set[str]:
    """Each sentence of ``WORDS`` words or more in a literal text (or a literal part of an f-string), docstrings left out."""
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            # sentence by sentence: one sentence inside a longer text is still a copy
            for text in re.split(r"(?<=[.!?])\s+", " ".join(node.value.split())):
                if len(re.findall(r"[A-Za-z]+", text)) >= WORDS:
                    found.add(text)
    return found


def written_in(folder: str) -> dict[str, set[str]]:
    """Each sentence under ``folder`` with the files that write it."""
    where: dict[str, set[str]] = {}
    for path in sorted((PACKAGE / folder).rglob("*.py")):
        for sentence in sentences(path.read_text(encoding="utf-8")):
            where.setdefault(sentence, set()).add(str(path.relative_to(PACKAGE)))
    return where


def test_the_check_finds_sentences_and_leaves_out_docstrings() -> None:
    source = '"""A module docstring of many words."""\nx = f"Recorded {day} as cramp-free in the diary."\ny = "a b"\n'
    assert sentences(source) == {"as cramp-free in the diary."}
    assert sentences('x = "No warning signs right now. Ask   your provider anyway."') == {
        "No warning signs right now.",
        "Ask your provider anyway.",
    }


def test_no_sentence_is_written_in_both_the_cli_and_the_app() -> None:
    cli, tui = written_in("cli"), written_in("tui")
    both = {sentence: sorted(cli[sentence] | tui[sentence]) for sentence in cli.keys() & tui.keys()}
    assert both == {}


def test_no_sentence_of_the_report_is_written_again_in_the_cli_or_the_app() -> None:
    report = written_in("report")
    for edge in ("cli", "tui"):
        other = written_in(edge)
        assert {sentence: sorted(report[sentence] | other[sentence]) for sentence in report.keys() & other.keys()} == {}
