"""Command-line values: ``--format`` choices, rule ids, and the errors that name their flag.

The linting package checks rule ids without knowing where they came from; the wording that
names a flag (``--select x: unknown rule 'x'``) is the command line's, and is written here.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Any, cast

from partnerkit.errors import RuleSelectionError, UsageError


def split_ids(values: Iterable[str] | None) -> list[str] | None:
    """Flatten repeatable, comma-separated values (``--select a,b --select c``); keep ``None``."""
    if values is None:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def rule_ids(values: Iterable[str] | None, flag: str) -> frozenset[str] | None:
    """Split and check the rule ids given to ``flag``; a bad id is a usage error naming ``flag``."""
    from partnerkit.linting.config import check_rule_ids

    ids = split_ids(values)
    if ids is None:
        return None
    try:
        return check_rule_ids(ids)
    except RuleSelectionError as exc:
        raise UsageError(f"{flag} {exc.rule_id}: {exc.message}", hint=exc.hint) from None


def format_choices(kind: str, *extra: str) -> type[StrEnum]:
    """Return the ``--format`` choices of a command: ``extra``, then ``kind``'s reporters.

    Typer turns an enum into a choice that ``--help`` lists; this one is built from
    :func:`partnerkit.output.formats`, so a registered reporter is a choice, with no second list.
    Import the module that registers the reporters first.
    """
    from partnerkit.output import formats

    names = formats(kind)
    if not names:
        raise RuntimeError(f"no {kind!r} reporters registered: import their module first")
    functional: Any = StrEnum  # mypy takes the functional API with literal names only
    return cast(
        "type[StrEnum]",
        functional(f"{kind.capitalize()}Format", [(n, n) for n in (*extra, *names)]),
    )
