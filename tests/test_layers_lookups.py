"""Who is who is said by types and attributes, never by looking a module up in ``sys.modules``.

A ``sys.modules`` look-up hides a dependency from every reader and tool: the app found its
timer screens that way, and recovery asked whether the timer module happened to be loaded.
"""

from __future__ import annotations

import ast
from pathlib import Path

import cramp_diary

PACKAGE = Path(cramp_diary.__file__).parent


def sys_modules_lookups(source: str) -> list[int]:
    """Lines reading ``sys.modules`` (as an attribute of any name bound to ``sys``)."""
    tree = ast.parse(source)
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr == "modules" and isinstance(node.value, ast.Name) and node.value.id == "sys"
    ]


def test_the_check_finds_a_lookup() -> None:
    assert sys_modules_lookups("import sys\nx = sys.modules.get('a')\n") == [2]
    assert sys_modules_lookups("import sys\nx = sys.argv\n") == []


def test_no_module_of_the_package_looks_in_sys_modules() -> None:
    found = {
        str(path.relative_to(PACKAGE)): lines
        for path in sorted(PACKAGE.rglob("*.py"))
        if (lines := sys_modules_lookups(path.read_text(encoding="utf-8")))
    }
    assert found == {}
