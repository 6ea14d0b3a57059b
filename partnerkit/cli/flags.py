"""Command-line values: repeatable, comma-separated rule ids, and the errors that name their flag.

The linting package checks rule ids without knowing where they came from; the wording that
names a flag (``--select x: unknown rule 'x'``) is the command line's, and is written here.
"""

from __future__ import annotations

from collections.abc import Iterable

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
