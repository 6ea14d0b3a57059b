"""partnerkit: contract-as-code for product partnerships.

The Python API mirrors the CLI::

    import partnerkit

    doc = partnerkit.load("contracts/acme-globex.yaml")   # data + source positions
    result = partnerkit.lint(["contracts/"])              # LintResult with typed problems
    for problem in result.problems:
        print(problem.path, problem.line, problem.column, problem.rule, problem.message)
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from partnerkit.contract.document import Document
    from partnerkit.linting.engine import ConfigFor, LintConfig
    from partnerkit.linting.result import LintResult


def load(path: str | os.PathLike[str]) -> Document:
    """Load one contract file: plain data, source positions and any load problems.

    Raises :class:`partnerkit.errors.InputError` if the file cannot be read at all.
    """
    from partnerkit.contract.loader import load_document

    return load_document(os.fspath(path))


def lint(
    paths: Iterable[str | os.PathLike[str]], config: LintConfig | ConfigFor | None = None
) -> LintResult:
    """Lint contract files and directories; return every problem found.

    By default each file is linted with the nearest ``.partnerkit.yaml`` (or ``[tool.partnerkit]``
    in ``pyproject.toml``) above it, as on the command line; pass a ``LintConfig`` to use one
    configuration for every file, or a ``partnerkit.linting.discovery.ConfigResolver`` for
    command-line style overrides.
    """
    from partnerkit.linting.engine import lint_paths

    return lint_paths(paths, config)


__all__ = ["__version__", "lint", "load"]
