"""Checks built into the loader and validator, listed beside the semantic rules.

These always run (a file that cannot be parsed cannot be checked further) and cannot be
configured; all are errors except the checks of inline suppression directives, which are warnings.
They appear in ``partnerkit rules`` and in SARIF rule metadata so every finding's rule id is
documented.
"""

from __future__ import annotations

from partnerkit.problem import Level

CORE_CHECKS: dict[str, str] = {
    "syntax": "The file is valid YAML with plain values (no custom tags, no recursive aliases).",
    "duplicate-key": "A key appears at most once in each mapping.",
    "encoding": "The file is UTF-8 text (not binary, not another encoding).",
    "too-large": "The file is within the contract size limit (4 MiB).",
    "alias-expansion": "YAML aliases do not expand into an oversized document (alias bombs).",
    "not-a-mapping": "The top level of a contract is a mapping.",
    "schema": "The contract matches the contract JSON Schema (`partnerkit schema`).",
    "invalid-suppression": "A `# partnerkit:` comment is a well-formed directive with known rules.",
    "unused-suppression": "An inline directive silences a problem (--warn-unused-suppressions).",
}
"""Core check id -> one-line summary."""

CORE_LEVELS: dict[str, Level] = {
    "invalid-suppression": Level.WARNING,
    "unused-suppression": Level.WARNING,
}
"""Core checks that are not errors."""


def core_level(check_id: str) -> Level:
    """Return the level of a core check's findings."""
    return CORE_LEVELS.get(check_id, Level.ERROR)
