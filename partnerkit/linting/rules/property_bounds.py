"""A property's lower bounds must not exceed its upper bounds, or no value can fit.

A property schema whose ``minimum`` is above its ``maximum`` (or whose exclusive bounds,
``exclusiveMinimum`` and ``exclusiveMaximum``, leave no number between them), whose ``minLength``
is above its ``maxLength``, or whose ``minItems`` is above its ``maxItems`` accepts no value at
all: every event that carries the property fails conformance. Bounds written beside ``ref`` are
compared with the definition's. Negative lengths are rejected by the schema, not by this rule.

Options: none.

Passing example::

    events:
      catalog:
        order_completed:
          properties:
            amount: {type: number, minimum: 0, maximum: 10000}
            coupon: {type: string, minLength: 4, maxLength: 32}

Failing example (``minLength`` 10 is above ``maxLength`` 8)::

    events:
      catalog:
        order_completed:
          properties:
            coupon: {type: string, minLength: 10, maxLength: 8}
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from partnerkit.contract._legacy import Contract, PropertySchema
from partnerkit.linting.base import Finding
from partnerkit.linting.rules._properties import is_number
from partnerkit.problem import Level

ID = "property-bounds"
LEVEL = Level.ERROR
OPTIONS: dict[str, Any] = {}

_RANGES = (
    # (lower, upper, empty when lower == upper): one finding per group at most
    (
        ("minimum", "maximum", False),
        ("minimum", "exclusiveMaximum", True),
        ("exclusiveMinimum", "maximum", True),
        ("exclusiveMinimum", "exclusiveMaximum", True),
    ),
    (("minLength", "maxLength", False),),
    (("minItems", "maxItems", False),),
)
_BOUNDS = frozenset(key for group in _RANGES for pair in group for key in pair[:2])


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding for every bound pair that leaves no value."""
    for node in contract.property_schemas:
        if _BOUNDS.isdisjoint(node.schema):
            continue
        for group in _RANGES:
            for lower, upper, exclusive in group:
                if lower not in node.schema or upper not in node.schema:
                    continue
                finding = _empty_range(node, lower, upper, exclusive)
                if finding:
                    yield finding
                    break


def _empty_range(node: PropertySchema, lower: str, upper: str, exclusive: bool) -> Finding | None:
    low: Any = node.schema.get(lower)
    high: Any = node.schema.get(upper)
    if not (is_number(low) and is_number(high)) or not node.owns(lower, upper):
        return None
    if low < high or (low == high and not exclusive):
        return None
    relation = "not above" if exclusive else "below"
    key = upper if upper in node.raw or "ref" not in node.raw else lower
    return Finding(
        node.at(key),
        f"{upper} {high} is {relation} {lower} {low}, so no value fits; correct the bounds",
    )
