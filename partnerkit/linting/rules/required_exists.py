"""Every name in a ``required`` list is a declared property beside it.

A required property that is not declared has no type, no description and no ``pii`` class, and
a closed content model (the default) rejects it outright, so no instance can satisfy both. This
applies to the ``required`` list of an event (against the event's ``properties``) and of every
object property (against its nested ``properties``, with ``ref`` resolved). A ``required`` on a
property whose type excludes ``object`` is left to the keyword-type check.

Options: none.

Passing example::

    events:
      catalog:
        order_completed:
          required: [order_id]
          properties:
            order_id: {type: string}

Failing example (``order_total`` is required but not declared)::

    events:
      catalog:
        order_completed:
          required: [order_id, order_total]
          properties:
            order_id: {type: string}
            amount: {type: number}
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from typing import Any

from partnerkit.contract._legacy import Contract, mapping
from partnerkit.linting.base import Finding
from partnerkit.linting.rules._properties import declared_types
from partnerkit.problem import JsonPath, Level

ID = "required-exists"
LEVEL = Level.ERROR
OPTIONS: dict[str, Any] = {}


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding for every required name that is not a sibling property."""
    for event, definition in contract.events.items():
        definition = mapping(definition)
        yield from _missing(("events", "catalog", event), definition, "the event")
    for node in contract.property_schemas:
        if "required" not in node.schema:
            continue
        types = declared_types(node.schema)
        if types and "object" not in types:
            continue
        if "required" in node.raw:
            yield from _missing(node.path, node.schema, "the object")
        elif node.owns("properties") and isinstance(node.schema.get("required"), list):
            names = mapping(node.schema.get("properties"))
            lacking = [r for r in node.schema["required"] if isinstance(r, str) and r not in names]
            if lacking:
                yield Finding(
                    (*node.path, "properties"),
                    f"definition {node.ref!r} requires {', '.join(map(repr, lacking))}, which "
                    "these properties do not declare; declare them here too",
                    at_key=True,
                )


def _missing(path: JsonPath, schema: dict[str, Any], owner: str) -> Iterator[Finding]:
    required = schema.get("required")
    if not isinstance(required, list):
        return
    names = mapping(schema.get("properties"))
    for index, name in enumerate(required):
        if isinstance(name, str) and name not in names:
            close = difflib.get_close_matches(name, list(names), n=1)
            hint = f"did you mean {close[0]!r}?" if close else "declare it under properties"
            yield Finding(
                (*path, "required", index),
                f"{name!r} is required but is not a property of {owner}; {hint}",
            )
