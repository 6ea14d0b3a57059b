"""Strings and numbers carry a bound, so that conformance checks can catch garbage (opt-in).

A string without ``maxLength``, ``enum``, ``format``, ``pattern`` or ``const`` accepts a
megabyte of anything; a number without any of ``minimum``, ``maximum``, ``exclusiveMinimum``,
``exclusiveMaximum``, ``enum`` or ``const`` accepts negative amounts and sentinel values such as
``-1``. One bound is enough for a number (``minimum: 0`` for a count). The rule is off by default
and runs under the ``strict`` preset or when enabled; it warns. A property that takes its type
from a definition through ``ref`` is judged at the definition unless it overrides ``type`` or a
bound.

Options: none.

Passing example::

    events:
      catalog:
        order_completed:
          properties:
            coupon: {type: [string, "null"], maxLength: 32}
            quantity: {type: integer, minimum: 1}

Failing example (``note`` and ``amount`` are unbounded)::

    events:
      catalog:
        order_completed:
          properties:
            note: {type: string}
            amount: {type: number}
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from partnerkit.contract.model import Contract
from partnerkit.contract.vocab import NUMERIC_TYPES, JsonType
from partnerkit.linting.base import Finding
from partnerkit.problem import Level

ID = "unbounded-property"
LEVEL = Level.WARNING
DEFAULT_ENABLED = False
OPTIONS: dict[str, Any] = {}

STRING_BOUNDS = ("maxLength", "enum", "format", "pattern", "const")
NUMBER_BOUNDS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "enum", "const")


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding for every string or number schema without any bound."""
    for node in contract.property_schemas:
        schema = node.schema
        types = schema.types
        if node.broken_ref or not types:
            continue
        if not node.owns("type", *STRING_BOUNDS, *NUMBER_BOUNDS):
            continue
        what = f"property {node.name!r}" if node.name else "this value"
        if JsonType.STRING in types and not schema.writes(*STRING_BOUNDS):
            yield Finding(
                node.at("type"),
                f"{what} is an unbounded string; add maxLength, an enum, a format or a pattern",
            )
        elif types & NUMERIC_TYPES and not schema.writes(*NUMBER_BOUNDS):
            yield Finding(
                node.at("type"),
                f"{what} is an unbounded number; add a minimum or maximum",
            )
