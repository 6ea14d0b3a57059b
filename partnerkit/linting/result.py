"""What one lint run found: problems per file. Plain data, for the reporters and the API.

Kept apart from :mod:`partnerkit.linting.engine` so that whatever reads a result (the reporters
in :mod:`partnerkit.output`, callers of :func:`partnerkit.lint`) need not load the engine.
:class:`LintResult` satisfies :class:`partnerkit.output.LintReport`, the protocol the lint
reporters are written against (mypy checks it below).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from partnerkit._record import field, record
from partnerkit.errors import ExitCode
from partnerkit.problem import Level, Problem

if TYPE_CHECKING:
    from partnerkit.output import LintReport


@record(kw_only=False, frozen=False)
class FileResult:
    """Problems found in one file."""

    path: str
    problems: list[Problem] = field(default_factory=list)


@record(kw_only=False, frozen=False)
class LintResult:
    """The outcome of one lint run."""

    kind: ClassVar[str] = "lint"
    """The reporters that print it: those registered for ``lint`` in :mod:`partnerkit.output`."""

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

    def rule_catalog(self) -> dict[str, tuple[str, Level]]:
        """Every rule id the run knew (core checks and semantic rules) -> (summary, level)."""
        from partnerkit.linting.core import CORE_CHECKS, core_level
        from partnerkit.linting.rules import RULES

        catalog = {rule_id: (text, core_level(rule_id)) for rule_id, text in CORE_CHECKS.items()}
        catalog.update({r.id: (r.summary, r.level) for r in RULES.values()})
        return catalog


if TYPE_CHECKING:

    def _is_a_lint_report(result: LintResult) -> LintReport:
        """Let mypy check that a :class:`LintResult` is what the lint reporters read."""
        return result
