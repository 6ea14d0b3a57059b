"""Run the loader, the schema and every enabled rule over files; collect problems.

The engine stamps rule id, level and source position onto what rules yield, so rules stay pure
functions of the typed model (built once per document). A rule that fails on a file is a bug in
partnerkit: it becomes an ``internal-error`` problem naming the rule (the other checks still
run), whether or not the file also has schema errors; with ``PARTNERKIT_DEBUG=1`` it raises
instead. Inline ``# partnerkit:`` directives (:mod:`partnerkit.linting.suppress`) are applied
last.

Each file is linted with the configuration that applies to it (:mod:`partnerkit.linting.config`):
one fixed :class:`LintConfig`, or a function of the file's path such as a
:class:`~partnerkit.linting.discovery.ConfigResolver`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from partnerkit.contract.document import Document
from partnerkit.contract.loader import load_document
from partnerkit.errors import InputError
from partnerkit.linting.base import Rule
from partnerkit.linting.config import LintConfig, RuleSetting
from partnerkit.linting.discovery import CONFIG_FILENAME
from partnerkit.linting.result import FileResult, LintResult
from partnerkit.problem import Problem, json_pointer

CONTRACT_SUFFIXES = (".yaml", ".yml")

ConfigFor = Callable[[Path], LintConfig]
"""The configuration that applies to a contract file."""


def discover(paths: Sequence[str | os.PathLike[str]]) -> list[tuple[Path, str]]:
    """Expand files and directories into ``(path, display name)`` pairs of contract files.

    Directories are searched recursively for ``*.yaml``/``*.yml``, skipping hidden directories.
    A path that does not exist raises :class:`InputError`.
    """
    found: list[tuple[Path, str]] = []
    for raw in paths:
        path = Path(raw)
        shown = os.fspath(raw)
        if path.is_dir():
            for dirpath, dirnames, filenames in os.walk(path):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for name in sorted(filenames):
                    if name.endswith(CONTRACT_SUFFIXES):
                        child = Path(dirpath, name)
                        found.append((child, os.fspath(Path(shown) / child.relative_to(path))))
        elif path.exists():
            found.append((path, shown))
        else:
            raise InputError(
                f"{shown}: no such file or directory",
                hint="pass contract files or directories that contain them",
            )
    return found


def lint_document(doc: Document, config: LintConfig | None = None) -> list[Problem]:
    """Return every problem of one loaded document: load, schema and rule problems, sorted.

    Problems silenced by inline directives are left out; malformed (and, if configured, unused)
    directives are added. A document read by the fast parse is linted on its data; before any
    problem is reported, the full loader reads it for positions and must agree, or the file is
    linted again as the full loader reads it (see :mod:`partnerkit.contract._fast`).
    """
    problems = _problems(doc, config or LintConfig.default())
    if doc.fast and (problems or os.environ.get(DEBUG_VARIABLE)):
        positions: Any = doc.positions
        if not positions.agrees(doc.data):
            if os.environ.get(DEBUG_VARIABLE):
                raise AssertionError(f"{doc.path}: the fast parse and the full loader disagree")
            return lint_document(positions.full(), config)
    return problems


def _problems(doc: Document, config: LintConfig) -> list[Problem]:
    from partnerkit.contract.schema import validate
    from partnerkit.linting.rules import RULES

    problems = list(doc.problems)
    if not doc.ok:
        return sorted(problems)
    schema_problems = validate(doc)
    problems.extend(schema_problems)
    for rule_id, setting in config.rules.items():
        try:
            problems.extend(run_rule(doc, RULES[rule_id], setting))
        except Exception as exc:  # a bug in the rule: report it, never drop it silently
            if os.environ.get(DEBUG_VARIABLE):
                raise
            problems.append(crash_problem(doc, rule_id, exc))
    if not MAY_HAVE_DIRECTIVES.search(doc.text):
        return sorted(set(problems))
    from partnerkit.linting import suppress
    from partnerkit.linting.core import CORE_CHECKS

    suppressible = RULES.keys() | SUPPRESSIBLE_CORE
    found = suppress.parse(
        doc.text, rules=suppressible, unsuppressible=CORE_CHECKS.keys() - SUPPRESSIBLE_CORE
    )
    return suppress.apply(
        set(problems),
        found,
        doc.path,
        suppressible=suppressible,
        enabled=config.rules,
        warn_unused=config.warn_unused_suppressions,
    )


INTERNAL_ERROR = "internal-error"
"""The core check reported when a rule fails on a file (a bug in partnerkit, not the file)."""

DEBUG_VARIABLE = "PARTNERKIT_DEBUG"
"""Set in the environment to let a failing rule raise with its traceback instead."""


def crash_problem(doc: Document, rule_id: str, exc: Exception) -> Problem:
    """Return the finding that stands for a rule that failed on ``doc``."""
    detail = str(exc).splitlines()[0][:200] if str(exc) else ""
    message = (
        f"rule {rule_id!r} failed on this file ({type(exc).__name__}"
        + (f": {detail}" if detail else "")
        + f"); this is a bug in partnerkit: please report it, with {DEBUG_VARIABLE}=1 for the "
        "traceback. The file's other checks ran."
    )
    return doc.problem(INTERNAL_ERROR, message)


MAY_HAVE_DIRECTIVES = re.compile(r"#[ \t]*partnerkit:")
"""Cheap test for inline directives, so that files without any skip the suppression module."""

SUPPRESSIBLE_CORE = frozenset({"schema"})
"""Core checks an inline directive may silence (the others mean the file cannot be checked)."""


def run_rule(doc: Document, rule: Rule, setting: RuleSetting) -> list[Problem]:
    """Run one rule over one document's model and locate its findings."""
    problems = []
    for finding in rule.check(doc.contract, setting.options):
        line, column = doc.locate(finding.path, at_key=finding.at_key)
        level = finding.level or setting.level
        pointer = json_pointer(finding.path)
        problems.append(Problem(doc.path, line, column, rule.id, level, finding.message, pointer))
    return problems


def lint_paths(
    paths: Iterable[str | os.PathLike[str]], config: LintConfig | ConfigFor | None = None
) -> LintResult:
    """Lint every contract file under ``paths``, skipping files the configuration ignores.

    ``config`` is one configuration for every file, or a function returning each file's; by
    default config files are discovered upward from each file (``.partnerkit.yaml`` or
    ``pyproject.toml``). Config files themselves are never linted as contracts.
    """
    config_for: ConfigFor
    if isinstance(config, LintConfig):
        fixed = config
        config_for = lambda _: fixed  # noqa: E731
    elif config is None:
        from partnerkit.linting.discovery import ConfigResolver

        config_for = ConfigResolver()
    else:
        config_for = config
    result = LintResult()
    for path, shown in discover(list(paths)):
        if path.name == CONFIG_FILENAME:
            continue
        file_config = config_for(path)
        if file_config.is_ignored(path):
            continue
        doc = load_document(path, shown)
        result.files.append(FileResult(shown, lint_document(doc, file_config)))
    return result


__all__ = [
    "ConfigFor",
    "FileResult",
    "LintConfig",
    "LintResult",
    "RuleSetting",
    "discover",
    "lint_document",
    "lint_paths",
    "run_rule",
]
