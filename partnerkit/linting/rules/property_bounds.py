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
_FIELDS = {
    "minimum": "minimum",
    "maximum": "maximum",
    "exclusiveMinimum": "exclusive_minimum",
    "exclusiveMaximum": "exclusive_maximum",
    "minLength": "min_length",
    "maxLength": "max_length",
    "minItems": "min_items",
    "maxItems": "max_items",
}
"""Each bound keyword and the :class:`Schema` field that holds its usable number."""
_BOUNDS = frozenset(_FIELDS)


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding for every bound pair that leaves no value."""
    for node in contract.property_schemas:
        schema = node.schema
        written = schema.written
        if _BOUNDS.isdisjoint(written):  # most schemas: no bound at all
            continue
        for group in _RANGES:
            for lower, upper, exclusive in group:
                if lower not in written or upper not in written:
                    continue
                finding = _empty_range(node, schema, lower, upper, exclusive)
                if finding:
                    yield finding
                    break


def _empty_range(
    node: SchemaNode, schema: Schema, lower: str, upper: str, exclusive: bool
) -> Finding | None:
    """Return a finding if the bounds ``lower`` and ``upper`` are both set and leave no value.

    A bound written with a value that is no usable number is the schema's to report.
    """
    low: Number | None = getattr(schema, _FIELDS[lower])
    high: Number | None = getattr(schema, _FIELDS[upper])
    if low is None or high is None or not node.owns(lower, upper):
        return None
    if low < high or (low == high and not exclusive):
        return None
    relation = "not above" if exclusive else "below"
    return Finding(
        node.at(upper if node.owns(upper) else lower),
        f"{upper} {high} is {relation} {lower} {low}, so no value fits; correct the bounds",
    )
