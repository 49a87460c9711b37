"""The use cases sit between the edges and the domain: only the CLI, the app and the report call them."""

from __future__ import annotations

import ast
from pathlib import Path

import cramp_diary

PACKAGE = Path(cramp_diary.__file__).parent
#: The edges, which may call a use case (and the use cases themselves).
CALLERS = ("cli", "tui", "report", "use_cases")


def imports_use_cases(source: str) -> bool:
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("cramp_diary.use_cases"):
            return True
        if isinstance(node, ast.Import) and any(alias.name.startswith("cramp_diary.use_cases") for alias in node.names):
            return True
    return False


def test_the_check_finds_an_import() -> None:
    assert imports_use_cases("from cramp_diary.use_cases.check_in import check_in\n")
    assert not imports_use_cases("from cramp_diary.store import Diary\n")


def test_no_domain_storage_or_base_module_calls_a_use_case() -> None:
    below = [
        str(path.relative_to(PACKAGE))
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.relative_to(PACKAGE).parts[0] not in CALLERS and imports_use_cases(path.read_text(encoding="utf-8"))
    ]
    assert below == []


def test_the_edges_do_call_them() -> None:
    """Guards the guard: if the edges stopped calling use cases, the test above would check nothing."""
    assert all(
        any(imports_use_cases(path.read_text(encoding="utf-8")) for path in (PACKAGE / edge).rglob("*.py"))
        for edge in ("cli", "tui", "report")
    )
