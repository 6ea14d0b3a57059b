"""The package's layers, read from its imports: no cycle, no import against the layer table.

The tables below are the ones ``docs/architecture.md`` states, and a test holds the two equal:
change the architecture in both, with the reason in the doc. Every import counts, lazy ones
inside functions and type-only ones under ``if TYPE_CHECKING:`` included (a type is a dependency
of the code that names it, and a cycle must not hide behind ``TYPE_CHECKING``); see
:mod:`tests.import_graph` for exactly what an edge is.

Every violation is reported, one per line, naming the importing module, the imported module and
the rule it breaks.
"""

from __future__ import annotations

import ast
import re
import textwrap
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pytest

from tests.conftest import ROOT
from tests.import_graph import Edge, cycles, edges, graph, module_name, package_sources

DOC = ROOT / "docs" / "architecture.md"

PACKAGE = "partnerkit"

VERSION = "partnerkit.__version__"
"""``from partnerkit import __version__`` is an edge to this name, a base-layer leaf, not to the
package root: the version is a constant in ``partnerkit/__init__.py``, and the root's API
functions (``load``, ``lint``) import the layers they call lazily (a test below checks both)."""


@dataclass(frozen=True)
class Layer:
    """A row of the layer table: the layer's modules and the other layers it may import.

    A module name covers its submodules, except the package root, which is only itself. A module
    may import anything in its own layer (cycles aside).
    """

    modules: tuple[str, ...]
    may_import: tuple[str, ...] = ()


BELOW_ENTRY_POINTS = ("base", "output", "model", "git", "lint", "import")

LAYERS: dict[str, Layer] = {
    "base": Layer(
        (
            "partnerkit.errors",
            "partnerkit.problem",
            "partnerkit.text",
            "partnerkit.files",
            "partnerkit.limits",
            "partnerkit._record",
            VERSION,
        )
    ),
    "output": Layer(("partnerkit.output",), ("base",)),
    "model": Layer(("partnerkit.contract",), ("base",)),
    "git": Layer(("partnerkit.git",), ("base",)),
    "lint": Layer(("partnerkit.linting",), ("base", "model", "output")),
    "import": Layer(("partnerkit.importers",), ("base", "model", "output")),
    "api": Layer(("partnerkit",), BELOW_ENTRY_POINTS),
    "cli": Layer(("partnerkit.cli", "partnerkit.__main__"), BELOW_ENTRY_POINTS),
}
"""Layer -> its row, bottom up."""

LIBRARIES: dict[str, tuple[str, ...]] = {
    "rich": ("partnerkit.output",),
    "typer": ("partnerkit.cli",),
    "git": ("partnerkit.git",),
    "ruamel": (
        "partnerkit.contract.loader",
        "partnerkit.contract._compose",
        "partnerkit.contract.writer",
        "partnerkit.importers.reading",
    ),
    "jsonschema": ("partnerkit.contract.schema",),
    "jsonschema_rs": ("partnerkit.contract.schema",),
    "yaml_rs": ("partnerkit.contract._fast",),
}
"""Top-level name of a third-party library -> the only modules that may import it."""


# --- the checker ----------------------------------------------------------------------------------


def _covers(name: str, module: str) -> bool:
    return module == name or (name != PACKAGE and module.startswith(name + "."))


def layer_of(module: str, layers: Mapping[str, Layer]) -> str:
    """The layer whose most specific module name covers ``module``; ``""`` if none does."""
    covering = [
        (len(name), layer)
        for layer, row in layers.items()
        for name in row.modules
        if _covers(name, module)
    ]
    return max(covering, default=(0, ""))[1]


def _grouped(found: Iterable[Edge]) -> dict[tuple[str, str], list[Edge]]:
    """Edges by (importer, imported): one message per pair, listing every line."""
    pairs: dict[tuple[str, str], list[Edge]] = defaultdict(list)
    for edge in sorted(found):
        pairs[edge.importer, edge.imported].append(edge)
    return pairs


def _where(group: list[Edge]) -> str:
    return f"{group[0].path}:{', '.join(str(e.line) for e in group)}"


def layer_violations(
    modules: Mapping[str, str], found: Iterable[Edge], layers: Mapping[str, Layer]
) -> list[str]:
    """One line per module (name -> path) in no layer, and per partnerkit import that the layer
    table does not allow."""
    problems = []
    for module, path in sorted(modules.items()):
        if not layer_of(module, layers):
            problems.append(
                f"{module} ({path}) is in no layer: add it to the layer table of "
                "docs/architecture.md"
            )
    own = [e for e in found if e.imported.partition(".")[0] == PACKAGE]
    for (importer, imported), group in _grouped(own).items():
        here, there = layer_of(importer, layers), layer_of(imported, layers)
        if not here or not there or here == there or there in layers[here].may_import:
            continue
        allowed = ", ".join(layers[here].may_import) or "no other layer"
        problems.append(
            f"{importer} imports {imported} ({_where(group)}): layer {here!r} may import "
            f"{allowed}, not {there!r}"
        )
    return problems


def library_violations(found: Iterable[Edge], libraries: Mapping[str, Iterable[str]]) -> list[str]:
    """One line per import of a third-party library outside the modules that may import it."""
    problems = []
    for (importer, imported), group in _grouped(found).items():
        library = imported.partition(".")[0]
        homes = tuple(libraries.get(library, ()))
        if library in libraries and not any(_covers(home, importer) for home in homes):
            problems.append(
                f"{importer} imports {imported} ({_where(group)}): {library} may be imported "
                f"only in {', '.join(homes)}"
            )
    return problems


def cycle_violations(found: Iterable[Edge]) -> list[str]:
    """One line per import cycle between partnerkit modules: ``a -> b -> a``."""
    return [f"import cycle: {' -> '.join(path)}" for path in cycles(graph(found))]


def _report(problems: list[str]) -> str:
    return f"{len(problems)} violation(s):\n" + "\n".join(problems)


# --- the package ----------------------------------------------------------------------------------

SOURCES = package_sources()
MODULES = {module_name(path): path for path in SOURCES}
EDGES = edges(SOURCES, virtual={VERSION})


def test_the_graph_is_read_from_the_source() -> None:
    """Guard against a checker that passes because it sees nothing."""
    pairs = {(e.importer, e.imported) for e in EDGES}
    assert ("partnerkit.linting.engine", "partnerkit.contract.loader") in pairs
    assert ("partnerkit.contract.loader", "ruamel.yaml") in pairs  # lazy, inside a function
    assert ("partnerkit.linting.result", "partnerkit.output") in pairs  # under TYPE_CHECKING
    assert ("partnerkit.output", VERSION) in pairs
    assert ("partnerkit.output", "rich.console") in pairs


def test_partnerkit_modules_import_each_other_without_a_cycle() -> None:
    problems = cycle_violations(EDGES)
    assert not problems, _report(problems)


def test_imports_follow_the_layer_table() -> None:
    problems = layer_violations(MODULES, EDGES, LAYERS)
    assert not problems, _report(problems)


@pytest.mark.parametrize("library", list(LIBRARIES))
def test_a_library_is_imported_only_in_its_modules(library: str) -> None:
    problems = library_violations(EDGES, {library: LIBRARIES[library]})
    assert not problems, _report(problems)


def test_the_version_is_a_constant_and_the_root_imports_lazily() -> None:
    """Why ``from partnerkit import __version__`` is a base-layer import (see ``VERSION``)."""
    tree = ast.parse((ROOT / "partnerkit" / "__init__.py").read_text(encoding="utf-8"))
    versions = [
        node.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        and [getattr(t, "id", None) for t in node.targets] == ["__version__"]
    ]
    assert len(versions) == 1 and isinstance(versions[0], ast.Constant)
    eager = [
        name
        for node in tree.body
        for name in (
            [node.module or ""]
            if isinstance(node, ast.ImportFrom)
            else [a.name for a in node.names]
            if isinstance(node, ast.Import)
            else []
        )
        if name.partition(".")[0] == PACKAGE
    ]
    assert eager == [], "the package root runs before every module: import inside functions"


def test_the_table_keeps_what_the_project_requires() -> None:
    """Rules a future edit of the table must not loosen without a decision in the doc."""
    may_import = {layer: set(row.may_import) for layer, row in LAYERS.items()}
    assert may_import["base"] == set()
    assert may_import["model"] == {"base"}  # the model never knows lint, import, cli or output
    assert may_import["output"] == {"base"}  # reporters read results through protocols
    assert layer_of("partnerkit.linting.engine", LAYERS) == "lint"
    assert "import" not in may_import["lint"] and "lint" not in may_import["import"]  # siblings
    assert "cli" not in set().union(*may_import.values())
    assert LIBRARIES["rich"] == ("partnerkit.output",)
    assert LIBRARIES["typer"] == ("partnerkit.cli",)
    assert LIBRARIES["git"] == ("partnerkit.git",)
    assert "partnerkit.importers.merge" not in LIBRARIES["ruamel"]


RAW_READERS = (
    "partnerkit.contract.loader",
    "partnerkit.contract.document",
    "partnerkit.contract.build",
)
"""Modules that hold or read a contract's raw data: the rules read the typed model instead."""


def test_rules_read_only_the_typed_model() -> None:
    """No rule module imports the loader, the document or the builder, nor reads ``.data``."""
    rules = {m: p for m, p in MODULES.items() if m.startswith("partnerkit.linting.rules.")}
    assert len(rules) > 39
    problems = [
        f"{e.path}:{e.line}: {e.importer} imports {e.imported}: a rule reads the typed model"
        for e in EDGES
        if e.importer in rules and e.imported.startswith(RAW_READERS)
    ]
    for module, path in rules.items():
        tree = ast.parse(SOURCES[path])
        problems.extend(
            f"{path}:{node.lineno}: {module} reads .{node.attr}: a rule reads the typed model"
            for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and node.attr in ("data", "raw")
        )
    assert not problems, _report(problems)


# --- the doc states the same tables ---------------------------------------------------------------


def doc_table(text: str, name: str) -> list[list[set[str]]]:
    """The rows of the Markdown table after ``<!-- table: name -->``: backticked names per cell."""
    lines = text.splitlines()
    start = lines.index(f"<!-- table: {name} -->") + 1
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        cells = line.strip().strip("|").split("|")
        rows.append([set(re.findall(r"`([^`]+)`", cell)) for cell in cells])
    return rows[2:]  # the header and the separator


def test_the_doc_states_the_layer_table() -> None:
    rows = doc_table(DOC.read_text(encoding="utf-8"), "layers")
    stated = {next(iter(row[0])): (row[1], row[2]) for row in rows}
    assert stated == {
        layer: (set(row.modules), set(row.may_import)) for layer, row in LAYERS.items()
    }


def test_the_doc_states_the_library_table() -> None:
    rows = doc_table(DOC.read_text(encoding="utf-8"), "libraries")
    stated = {library: row[1] for row in rows for library in row[0]}
    assert stated == {library: set(homes) for library, homes in LIBRARIES.items()}


# --- the checker itself fails where it should -----------------------------------------------------

SYNTHETIC = {
    "partnerkit/__init__.py": '__version__ = "0"\n',
    "partnerkit/errors.py": "from partnerkit.problem import Level\n",
    "partnerkit/problem.py": """\
        def level():
            from partnerkit.errors import ExitCode
        """,
    "partnerkit/output.py": """\
        from typing import TYPE_CHECKING
        from partnerkit import __version__
        if TYPE_CHECKING:
            from partnerkit.linting.engine import lint_paths
        """,
    "partnerkit/linting/__init__.py": "",
    "partnerkit/linting/engine.py": """\
        import rich
        from partnerkit.contract.model import Contract
        """,
    "partnerkit/contract/__init__.py": "",
    "partnerkit/contract/model.py": "from ..linting import engine\n",
    "partnerkit/contract/writer.py": "from ruamel.yaml import YAML\n",
    "partnerkit/importers/merge.py": """\
        def load():
            from ruamel.yaml import YAML
        def dump():
            from ruamel.yaml import YAML
        """,
    "partnerkit/diff.py": "import importlib\nimportlib.import_module('git')\n",
}


def test_the_checker_reports_every_cycle_and_forbidden_import() -> None:
    sources = {path: textwrap.dedent(source) for path, source in SYNTHETIC.items()}
    found = edges(sources, virtual={VERSION})
    modules = {module_name(path): path for path in sources}
    assert cycle_violations(found) == [
        "import cycle: partnerkit.contract.model -> partnerkit.linting.engine -> "
        "partnerkit.contract.model",
        "import cycle: partnerkit.errors -> partnerkit.problem -> partnerkit.errors",
    ]
    assert layer_violations(modules, found, LAYERS) == [
        "partnerkit.diff (partnerkit/diff.py) is in no layer: add it to the layer table of "
        "docs/architecture.md",
        "partnerkit.contract.model imports partnerkit.linting.engine "
        "(partnerkit/contract/model.py:1): layer 'model' may import base, not 'lint'",
        "partnerkit.output imports partnerkit.linting.engine (partnerkit/output.py:4): "
        "layer 'output' may import base, not 'lint'",
    ]
    assert library_violations(found, LIBRARIES) == [
        "partnerkit.diff imports git (partnerkit/diff.py:2): git may be imported only in "
        "partnerkit.git",
        "partnerkit.importers.merge imports ruamel.yaml (partnerkit/importers/merge.py:2, 4): "
        "ruamel may be imported only in partnerkit.contract.loader, partnerkit.contract._compose, "
        "partnerkit.contract.writer, partnerkit.importers.reading",
        "partnerkit.linting.engine imports rich (partnerkit/linting/engine.py:1): rich may be "
        "imported only in partnerkit.output",
    ]
