"""A property of type ``array`` describes its items with ``items``.

Without ``items`` an array may hold anything: consumers cannot parse it, conformance checks
accept any content, and personal data can hide inside unnoticed. Describe the items, even if
only as ``{type: string}``. This applies to every array property, nested ones and shared
definitions included, and to types listed with others (``[array, "null"]``).

Options: none.

Passing example::

    events:
      catalog:
        order_completed:
          properties:
            skus: {type: array, items: {type: string, maxLength: 64}}

Failing example (what does ``skus`` hold?)::

    events:
      catalog:
        order_completed:
          properties:
            skus: {type: array, minItems: 1}
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from partnerkit.contract.model import Contract
from partnerkit.contract.vocab import JsonType
from partnerkit.linting.base import Finding
from partnerkit.problem import Level

ID = "array-items"
LEVEL = Level.ERROR
OPTIONS: dict[str, Any] = {}

# a module constant: looked up on the enum class per schema, it costs more than the test
_ARRAY = JsonType.ARRAY


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding for every array schema without ``items``."""
    for node in contract.property_schemas:
        schema = node.schema
        types = schema.types
        if not types or _ARRAY not in types or "items" in schema.written:
            continue
        if node.broken_ref:
            continue
        if node.owns("type", "items"):
            what = f"property {node.name!r}" if node.name else "this value"
            yield Finding(
                node.at("type"),
                f"{what} is an array but declares no items; describe them with items: {{...}}",
            )
