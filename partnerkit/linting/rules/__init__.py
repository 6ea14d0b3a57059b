"""The rule registry: an explicit, sorted list of rule modules.

To add a rule, write one module in this package (docstring = user documentation with a passing
and a failing example; ``ID``, ``LEVEL``, ``OPTIONS``; a generator ``check(contract, options)``)
and add it to the import list and ``_MODULES`` below.
"""

from __future__ import annotations

from partnerkit.linting.base import Rule
from partnerkit.linting.rules import (
    array_items,
    attribution_events,
    attribution_model,
    date_order,
    deprecated_event,
    description_quality,
    dynamic_name,
    enum_values,
    escalation_order,
    event_name_case,
    event_name_structure,
    experiment_design,
    format_allowlist,
    guardrail_threshold,
    incentive_durability,
    keyword_type_mismatch,
    metric_definition,
    metric_target,
    name_collision,
    party_contact,
    party_in_decisions,
    pattern_compiles,
    pii_declared,
    pii_handling,
    pii_in_names,
    pii_lawful_basis,
    pii_likely_name,
    pilot_scope,
    property_bounds,
    property_name_case,
    quarterly_review,
    raci,
    required_exists,
    retention_set,
    shared_property_consistency,
    unbounded_property,
    unresolved_reference,
    unused_definition,
    version_semver,
)

_MODULES = (
    array_items,
    attribution_events,
    attribution_model,
    date_order,
    deprecated_event,
    description_quality,
    dynamic_name,
    enum_values,
    escalation_order,
    event_name_case,
    event_name_structure,
    experiment_design,
    format_allowlist,
    guardrail_threshold,
    incentive_durability,
    keyword_type_mismatch,
    metric_definition,
    metric_target,
    name_collision,
    party_contact,
    party_in_decisions,
    pattern_compiles,
    pii_declared,
    pii_handling,
    pii_in_names,
    pii_lawful_basis,
    pii_likely_name,
    pilot_scope,
    property_bounds,
    property_name_case,
    quarterly_review,
    raci,
    required_exists,
    retention_set,
    shared_property_consistency,
    unbounded_property,
    unresolved_reference,
    unused_definition,
    version_semver,
)

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
