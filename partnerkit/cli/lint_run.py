"""``partnerkit lint``'s body, free of typer and click.

:func:`lint_command` is the whole command once its options are parsed: the Typer command
(:mod:`partnerkit.cli.lint`) calls it, so that a caller that parses the command line without
Typer runs exactly the same command. This module must not import typer or click.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from partnerkit.errors import ExitCode
from partnerkit.output import AUTO

SELECT, IGNORE = "--select", "--ignore"
"""The flags that take rule ids (named again in their error messages)."""


def lint_command(
    paths: Sequence[Path] | None,
    fmt: str = AUTO,
    *,
    strict: bool = False,
    exit_zero: bool = False,
    config: Path | None = None,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    warn_unused_suppressions: bool = False,
) -> int:
    """Lint ``paths`` (default ``contracts/``), report on stdout and return the exit code.

    The arguments are the command's options as click hands them over: ``select`` and
    ``ignore`` are the repeated flags' raw values (``["a,b", "c"]``), ``None`` when absent.
    User errors raise :class:`~partnerkit.errors.PartnerkitError` for the caller to print.
    """
    import gc

    # a short-lived process over acyclic data: reference counting frees everything, and
    # cyclic collections would only rescan the loaded contract (~5% of a large lint)
    gc.disable()
    from partnerkit.cli.flags import rule_ids
    from partnerkit.linting.discovery import ConfigResolver
    from partnerkit.linting.engine import lint_paths
    from partnerkit.output import report

    resolver = ConfigResolver(
        config,
        select=rule_ids(select, SELECT),
        ignore=rule_ids(ignore, IGNORE) or (),
        warn_unused_suppressions=warn_unused_suppressions,
    )
    result = lint_paths(paths or [Path("contracts")], resolver)
    report(result, fmt, sys.stdout)
    return int(ExitCode.OK if exit_zero else result.exit_code(strict=strict))
