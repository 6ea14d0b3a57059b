"""The rule registry: an explicit, sorted list of rule modules.

To add a rule, write one module in this package (docstring = user documentation with a passing
and a failing example; ``ID``, ``LEVEL``, ``OPTIONS``; a generator ``check(contract, options)``)
and add it to the import list and ``_MODULES`` below.
"""

from __future__ import annotations

from partnerkit.linting.base import Rule
from partnerkit.linting.rules import unresolved_reference

_MODULES = (unresolved_reference,)

RULES: dict[str, Rule] = {
    rule.id: rule for rule in sorted((Rule.from_module(m) for m in _MODULES), key=lambda r: r.id)
}
"""Every semantic rule by id."""


def get(rule_id: str) -> Rule:
    """Return the rule ``rule_id`` or raise ``KeyError`` with the known ids."""
    try:
        return RULES[rule_id]
    except KeyError:
        raise KeyError(f"unknown rule {rule_id!r}; run 'partnerkit rules' to list them") from None
