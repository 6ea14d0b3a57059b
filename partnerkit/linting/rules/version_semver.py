"""Versions are semantic versions: MAJOR.MINOR.PATCH, with optional pre-release and build.

``partnerkit diff`` compares versions to check that a breaking change bumps the major version,
and an acknowledged change applies to the diff from its ``base_version`` only; both need
versions they can order. Checked: the contract's ``version``, each event's ``since`` and each
acknowledged change's ``base_version``. Valid: ``1.4.0``, ``2.0.0-rc.1``, ``1.0.0+build.5``.
Not valid: ``1.4`` (write ``1.4.0``), ``v1.4.0`` (drop the ``v``), ``01.4.0`` (no leading
zeros). Values that are not strings are left to the schema (an unquoted ``1.4`` is a number).

Options: none.

Passing example::

    version: 1.4.0
    events:
      catalog:
        order_completed: {since: 1.0.0-beta.2}

Failing example (``v1.4`` is not a semantic version)::

    version: v1.4
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from partnerkit.contract.model import Contract
from partnerkit.linting.base import Finding
from partnerkit.problem import JsonPath, Level

ID = "version-semver"
LEVEL = Level.ERROR
OPTIONS: dict[str, Any] = {}

SEMVER = re.compile(
    r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
    r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?",
    re.ASCII,
)
"""The official regular expression of semver.org 2.0.0."""

_LOOSE = re.compile(r"[vV]?(\d+)(?:\.(\d+))?(?:\.(\d+))?", re.ASCII)
"""Something close to a version, for which a corrected spelling can be suggested."""


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding for every version string that is not a semantic version."""
    header = contract.header
    sites: list[tuple[JsonPath, str | None]] = [(header.at("version"), header.version)]
    for event in contract.catalog.values():
        sites.append((event.at("since"), event.since))
    for change in contract.change_policy.acknowledged_changes.values():
        sites.append((change.at("base_version"), change.base_version))
    for path, value in sites:
        if value is not None and not SEMVER.fullmatch(value):
            yield Finding(path, f"{path[-1]} {value!r} is not a semantic version{_fix(value)}")


def _fix(value: str) -> str:
    loose = _LOOSE.fullmatch(value.strip())
    if loose is None:
        return "; write it as MAJOR.MINOR.PATCH, e.g. 1.4.0"
    fixed = ".".join(str(int(part or 0)) for part in loose.groups())
    return f"; write it as {fixed!r}"
