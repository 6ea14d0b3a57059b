"""What the modules of partnerkit.linting may know about each other and about the CLI.

Read from the source (every import, lazy ones included), so that a cycle cannot hide inside a
function body.
"""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

from tests.conftest import ROOT

LINTING = ROOT / "partnerkit" / "linting"


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _node(module: str) -> str:
    """Fold the rule modules into one node: the registry and its rules are one layer."""
    rules = "partnerkit.linting.rules"
    return rules if module.startswith(rules + ".") else module


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def linting_graph() -> dict[str, set[str]]:
    """Module -> the partnerkit.linting modules it imports (at the top or inside functions)."""
    paths = sorted(LINTING.rglob("*.py"))
    modules = {_module_name(p) for p in paths}
    graph: dict[str, set[str]] = {}
    for path in paths:
        here = _node(_module_name(path))
        targets = {_node(m) for m in _imports(path) if m in modules} - {here}
        graph.setdefault(here, set()).update(targets)
    return graph


def test_linting_modules_import_each_other_without_a_cycle() -> None:
    graph = linting_graph()
    assert "partnerkit.linting.discovery" in graph
    try:
        tuple(TopologicalSorter(graph).static_order())
    except CycleError as exc:
        raise AssertionError(f"import cycle: {' -> '.join(exc.args[1])}") from None


def test_settings_know_nothing_of_config_files() -> None:
    """Settings and paths are the bottom layer; loading and discovery build on them."""
    graph = linting_graph()
    below = {"partnerkit.linting.config", "partnerkit.linting.paths"}
    above = {"partnerkit.linting.config_file", "partnerkit.linting.discovery"}
    for module in below:
        assert not graph[module] & above, module
