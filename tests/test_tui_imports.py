"""The TUI's modules import each other in one direction: the app knows its screens, never the reverse.

Every import counts, including those inside functions and under TYPE_CHECKING,
because a circle there is still a circle for the reader.
"""

from __future__ import annotations

import ast
from pathlib import Path

import cramp_diary.tui

TUI = Path(cramp_diary.tui.__file__).parent
APP = "cramp_diary.tui.app"


def module_name(path: Path) -> str:
    parts = path.relative_to(TUI.parent.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path, name: str) -> set[str]:
    """Every module ``path`` imports, absolute, wherever the import statement is."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)  # `from pkg import module`
    return found


def tui_graph() -> dict[str, set[str]]:
    modules = {module_name(path): path for path in TUI.rglob("*.py")}
    return {name: imported(path, name) & modules.keys() - {name} for name, path in modules.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle, as the list of modules around it, or None."""
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(name: str) -> list[str] | None:
        state[name] = "open"
        stack.append(name)
        for target in sorted(graph[name]):
            if state.get(target) == "open":
                return [*stack[stack.index(target) :], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        stack.pop()
        state[name] = "done"
        return None

    for name in sorted(graph):
        if name not in state and (cycle := visit(name)):
            return cycle
    return None


def test_the_graph_sees_the_tui_modules() -> None:
    graph = tui_graph()
    assert APP in graph and "cramp_diary.tui.screens.timer" in graph
    assert "cramp_diary.tui.screens.home" in graph[APP]  # the parser does find imports


def test_no_import_circle_in_the_tui() -> None:
    assert find_cycle(tui_graph()) is None


def test_no_screen_or_widget_imports_the_app() -> None:
    offenders = sorted(name for name, targets in tui_graph().items() if APP in targets)
    assert offenders == []


def test_the_cycle_finder_finds_a_circle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None
