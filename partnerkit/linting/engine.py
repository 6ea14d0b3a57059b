"""Run the loader, the schema and every enabled rule over files; collect problems.

The engine stamps rule id, level and source position onto what rules yield, so rules stay pure
functions of the contract. A rule that fails on a contract which already has schema errors is
skipped for that file (its input was malformed, and the schema errors say why); on a
schema-valid contract a failing rule is a bug and raises. Inline ``# partnerkit:`` directives
(:mod:`partnerkit.linting.suppress`) are applied last.

Each file is linted with the configuration that applies to it (:mod:`partnerkit.linting.config`):
one fixed :class:`LintConfig`, or a function of the file's path such as a
:class:`~partnerkit.linting.config.ConfigResolver`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from partnerkit.contract.loader import Document, load_document
from partnerkit.contract.model import Contract
from partnerkit.errors import ExitCode, InputError
from partnerkit.linting.base import Rule
from partnerkit.linting.config import LintConfig, RuleSetting
from partnerkit.linting.discovery import CONFIG_FILENAME
from partnerkit.problem import Level, Problem, json_pointer

CONTRACT_SUFFIXES = (".yaml", ".yml")

ConfigFor = Callable[[Path], LintConfig]
"""The configuration that applies to a contract file."""


@dataclass
class FileResult:
    """Problems found in one file."""

    path: str
    problems: list[Problem] = field(default_factory=list)


@dataclass
class LintResult:
    """The outcome of one lint run."""

    files: list[FileResult] = field(default_factory=list)

    @property
    def problems(self) -> list[Problem]:
        """Every problem, in file then position order."""
        return [p for f in self.files for p in f.problems]

    def count(self, level: Level) -> int:
        """Return the number of problems at ``level``."""
        return sum(1 for p in self.problems if p.level is level)

    def exit_code(self, *, strict: bool = False) -> ExitCode:
        """1 if any error (or, with ``strict``, any warning) was found, else 0."""
        worst = Level.WARNING if strict else Level.ERROR
        if any(p.level.rank >= worst.rank for p in self.problems):
            return ExitCode.FINDINGS
        return ExitCode.OK


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
    directives are added.
    """
    from partnerkit.contract.schema import validate
    from partnerkit.linting.rules import RULES

    config = config or LintConfig.default()
    problems = list(doc.problems)
    if not doc.ok:
        return sorted(problems)
    schema_problems = validate(doc)
    problems.extend(schema_problems)
    contract = Contract(doc.data)
    for rule_id, setting in config.rules.items():
        try:
            problems.extend(run_rule(doc, contract, RULES[rule_id], setting))
        except (TypeError, AttributeError, KeyError, ValueError, IndexError):
            if not schema_problems:
                raise
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


MAY_HAVE_DIRECTIVES = re.compile(r"#[ \t]*partnerkit:")
"""Cheap test for inline directives, so that files without any skip the suppression module."""

SUPPRESSIBLE_CORE = frozenset({"schema"})
"""Core checks an inline directive may silence (the others mean the file cannot be checked)."""


def run_rule(doc: Document, contract: Contract, rule: Rule, setting: RuleSetting) -> list[Problem]:
    """Run one rule over one document and locate its findings."""
    problems = []
    for finding in rule.check(contract, setting.options):
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
