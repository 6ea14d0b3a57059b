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

from partnerkit.contract.model import Contract
from partnerkit.contract.properties import Number, Schema, SchemaNode
from partnerkit.linting.base import Finding
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
_BOUNDS = tuple(dict.fromkeys(key for group in _RANGES for pair in group for key in pair[:2]))


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding for every bound pair that leaves no value."""
    for node in contract.property_schemas:
        if not node.schema.writes(*_BOUNDS):
            continue
        bounds = _bounds(node.schema)
        for group in _RANGES:
            for lower, upper, exclusive in group:
                finding = _empty_range(node, bounds, lower, upper, exclusive)
                if finding:
                    yield finding
                    break


def _bounds(schema: Schema) -> dict[str, Number]:
    """Return the bounds of ``schema`` written with a usable number, by keyword."""
    written = {
        "minimum": schema.minimum,
        "maximum": schema.maximum,
        "exclusiveMinimum": schema.exclusive_minimum,
        "exclusiveMaximum": schema.exclusive_maximum,
        "minLength": schema.min_length,
        "maxLength": schema.max_length,
        "minItems": schema.min_items,
        "maxItems": schema.max_items,
    }
    return {key: value for key, value in written.items() if value is not None}


def _empty_range(
    node: SchemaNode, bounds: Mapping[str, Number], lower: str, upper: str, exclusive: bool
) -> Finding | None:
    """Return a finding if the bounds ``lower`` and ``upper`` are both set and leave no value."""
    low, high = bounds.get(lower), bounds.get(upper)
    if low is None or high is None or not node.owns(lower, upper):
        return None
    if low < high or (low == high and not exclusive):
        return None
    relation = "not above" if exclusive else "below"
    return Finding(
        node.at(upper if node.owns(upper) else lower),
        f"{upper} {high} is {relation} {lower} {low}, so no value fits; correct the bounds",
    )
