"""What the modules of partnerkit.linting may know about each other and about the CLI.

Read from the source (every import, lazy ones included), so that a cycle cannot hide inside a
function body.
"""

from __future__ import annotations

import ast
import re
import textwrap
from typing import Any

from tests.conftest import ROOT
from tests.import_graph import cycles, edges, module_name, package_sources
from tests.import_graph import graph as module_graph

LINTING = ROOT / "partnerkit" / "linting"


def _node(module: str) -> str:
    """Fold the rule modules into one node: the registry and its rules are one layer."""
    rules = "partnerkit.linting.rules"
    return rules if module.startswith(rules + ".") else module


def linting_graph() -> dict[str, set[str]]:
    """Module -> the partnerkit.linting modules it imports (at the top or inside functions)."""
    sources = package_sources(LINTING)
    found = edges(sources, prefix="partnerkit.linting")
    modules = map(module_name, sources)
    return module_graph(found, _node, prefix="partnerkit.linting", modules=modules)


def test_linting_modules_import_each_other_without_a_cycle() -> None:
    graph = linting_graph()
    assert "partnerkit.linting.discovery" in graph
    assert "partnerkit.linting.rules" in graph["partnerkit.linting.engine"]
    assert cycles(graph) == []


def test_settings_know_nothing_of_config_files() -> None:
    """Settings and paths are the bottom layer; loading and discovery build on them."""
    graph = linting_graph()
    below = {"partnerkit.linting.config", "partnerkit.linting.paths"}
    above = {"partnerkit.linting.config_file", "partnerkit.linting.discovery"}
    for module in below:
        assert not graph[module] & above, module


# --- the linting package does not word command-line errors --------------------------------------

DOCUMENTATION = {
    ("docs.py", "HEADER"): "the rule reference documents the command-line options",
    ("docs.py", "REGENERATE"): "the command that regenerates docs/rules.md",
    ("core.py", "_CHECKS"): "the checks' documentation says how to turn one on or work around it",
}
"""Module-level names whose strings are user documentation, which may name flags."""


def cli_flags() -> set[str]:
    """Every long option of every command of the real CLI (``--select``, ``--config``...)."""
    import typer.main

    from partnerkit.cli import app

    group: Any = typer.main.get_command(app)  # a click group (typer vendors click)
    flags = set()
    for command in group.commands.values():
        for param in command.params:
            flags.update(o for o in (*param.opts, *param.secondary_opts) if o.startswith("--"))
    return flags


def _docstrings(tree: ast.Module) -> set[int]:
    """``id()`` of every docstring node (module, class, function): documentation, not messages."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _documentation(tree: ast.Module, filename: str) -> set[int]:
    """``id()`` of the string nodes inside the module-level names listed in DOCUMENTATION."""
    found: set[int] = set()
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else []
        if isinstance(node, ast.AnnAssign):
            targets = [node.target]
        names = {t.id for t in targets if isinstance(t, ast.Name)}
        if any((filename, name) in DOCUMENTATION for name in names):
            found.update(id(n) for n in ast.walk(node) if isinstance(n, ast.Constant))
    return found


def flag_mentions(source: str, filename: str, flags: set[str]) -> list[str]:
    """``line: flag`` of every string in ``source`` that names one of ``flags``, but docs."""
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(flags))) + r")(?![\w-])")
    tree = ast.parse(source)
    skip = _docstrings(tree) | _documentation(tree, filename)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            match = pattern.search(node.value)
            if match:
                found.append((node.lineno, match[0]))
    return [f"{line}: {flag}" for line, flag in sorted(found)]


def test_no_linting_module_words_a_message_with_a_command_line_flag() -> None:
    """``--select x: unknown rule`` is the CLI's wording; linting raises errors naming the id."""
    flags = cli_flags()
    assert {"--select", "--ignore", "--config"} <= flags
    offenders = [
        f"{path.relative_to(ROOT)}:{mention}"
        for path in sorted(LINTING.rglob("*.py"))
        for mention in flag_mentions(path.read_text(encoding="utf-8"), path.name, flags)
    ]
    assert offenders == []


def test_the_guard_sees_flags_in_messages_but_not_in_documentation() -> None:
    source = '''\
        """Module docs may mention --select."""
        HEADER = "| `--select ID` | run only these rules |"
        def check(rule_id):
            """So may docstrings: --select."""
            raise UsageError(f"--select {rule_id}: unknown rule")
        FLAG = "--ignore"
        '''
    source = textwrap.dedent(source)
    both = {"--select", "--ignore"}
    assert flag_mentions(source, "docs.py", both) == ["5: --select", "6: --ignore"]
    assert flag_mentions(source, "config.py", {"--select"}) == ["2: --select", "5: --select"]
