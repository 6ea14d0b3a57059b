"""partnerkit's imports, read from the source: the helpers of the layering and cycle tests.

Every import counts, wherever it is written: at the top of a module, inside a function (the lazy
imports that keep start-up fast), under ``if TYPE_CHECKING:``, in a ``try``, and
``importlib.import_module("...")`` / ``__import__("...")`` with a literal name. A type-only
import is still a dependency of the code (a reader must know the other layer to read this one),
and counting it means a cycle cannot hide behind ``TYPE_CHECKING`` either.

An import is an edge to the module it names, not to the parent packages Python runs first:
``from partnerkit.contract.model import Contract`` is an edge to ``partnerkit.contract.model``.
So package ``__init__`` modules must stay light (a docstring, or a registry that imports lazily).
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "partnerkit"

DYNAMIC = frozenset({"import_module", "__import__"})
"""Calls that import a module named by a string."""


@dataclass(frozen=True)
class Import:
    """One import statement (or call): the module it names, the names it takes, its line."""

    target: str
    names: tuple[str, ...]
    line: int


def module_name(relative: str | Path) -> str:
    """``partnerkit/contract/model.py`` -> ``partnerkit.contract.model`` (``__init__`` dropped)."""
    parts = Path(relative).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(source: str, module: str, *, package: bool = False) -> Iterator[Import]:
    """Every import of ``source``, the code of ``module``, relative ones made absolute.

    ``package`` tells that ``module`` is a package (its ``__init__``), which relative imports
    start from.
    """
    here = module.split(".") if package else module.split(".")[:-1]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(alias.name, (), node.lineno)
        elif isinstance(node, ast.ImportFrom):
            target = node.module or ""
            if node.level:
                base = here[: len(here) - (node.level - 1)]
                target = ".".join(filter(None, (*base, node.module)))
            yield Import(target, tuple(a.name for a in node.names), node.lineno)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) in DYNAMIC
        ):
            for arg in node.args[:1]:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    yield Import(arg.value, (), node.lineno)


def imported_modules(source: str, module: str) -> set[str]:
    """Every dotted name ``source`` imports: ``m`` and ``m.name`` for ``from m import name``."""
    found = set()
    for imp in imports(source, module):
        found.add(imp.target)
        found.update(f"{imp.target}.{name}" for name in imp.names)
    return found


def package_sources(root: Path = PACKAGE) -> dict[str, str]:
    """Path from the repository root (``partnerkit/output.py``) -> source, of every module."""
    return {
        path.relative_to(ROOT).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(root.rglob("*.py"))
    }


@dataclass(frozen=True, order=True)
class Edge:
    """``importer`` imports ``imported`` (a partnerkit module, or another library's name)."""

    importer: str
    imported: str
    path: str
    """The importer's file, relative to the repository (``partnerkit/output.py``)."""
    line: int


def edges(
    sources: Mapping[str, str], *, virtual: Iterable[str] = (), prefix: str = "partnerkit"
) -> list[Edge]:
    """Every import of every module in ``sources`` (relative path -> source), sorted.

    An import of a ``prefix`` module is resolved to the most specific module it names:
    ``from m import n`` is an edge to ``m.n`` when that is a module (or a ``virtual`` name, a
    constant treated as a module of its own), else to ``m``. Other libraries' imports keep the
    name as written (``ruamel.yaml``).
    """
    known = {module_name(path) for path in sources} | set(virtual)
    found = set()
    for path, source in sources.items():
        importer = module_name(path)
        for imp in imports(source, importer, package=path.endswith("__init__.py")):
            own = imp.target == prefix or imp.target.startswith(prefix + ".")
            if not own:
                found.add(Edge(importer, imp.target, path, imp.line))
                continue
            named = [f"{imp.target}.{n}" for n in imp.names]
            targets = {n if n in known else imp.target for n in named} or {imp.target}
            found.update(Edge(importer, t, path, imp.line) for t in targets if t != importer)
    return sorted(found)


def graph(
    found: Iterable[Edge],
    node: Callable[[str], str] = lambda m: m,
    *,
    prefix: str = "partnerkit",
    modules: Iterable[str] = (),
) -> dict[str, set[str]]:
    """Module -> the ``prefix`` modules it imports, each module mapped through ``node``.

    ``modules`` are nodes even if they import nothing.
    """
    result: dict[str, set[str]] = {node(module): set() for module in modules}
    for edge in found:
        here = node(edge.importer)
        result.setdefault(here, set())
        if edge.imported == prefix or edge.imported.startswith(prefix + "."):
            there = node(edge.imported)
            if there != here:
                result[here].add(there)
    return result


def cycles(dependencies: Mapping[str, Iterable[str]], limit: int = 20) -> list[list[str]]:
    """Import cycles of a graph, each as a path ``a -> b -> a`` (empty when there is none).

    :class:`graphlib.TopologicalSorter` names one cycle at a time; the edge that closes it is
    dropped and the sort retried, so that several independent cycles are reported at once.
    """
    remaining = {module: set(targets) for module, targets in dependencies.items()}
    found: list[list[str]] = []
    while len(found) < limit:
        try:
            tuple(TopologicalSorter(remaining).static_order())
        except CycleError as exc:
            path: list[str] = list(exc.args[1])
            found.append(path)
            # graphlib lists a cycle against the edges: each node is imported by the one after it
            remaining[path[1]].discard(path[0])
        else:
            break
    return [list(reversed(path)) for path in found]
