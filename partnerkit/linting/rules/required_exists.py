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

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from partnerkit.contract.model import Contract
from partnerkit.contract.properties import NameRef, SchemaNode
from partnerkit.contract.vocab import JsonType
from partnerkit.linting.base import Finding
from partnerkit.problem import Level
from partnerkit.text import did_you_mean

ID = "required-exists"
LEVEL = Level.ERROR
OPTIONS: dict[str, Any] = {}


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding for every required name that is not a sibling property."""
    for event in contract.catalog.values():
        if event.required:
            yield from _missing(event.required, event.properties, "the event")
    for node in contract.property_schemas:
        schema = node.schema
        if "required" not in schema.written:  # most schemas: a cheap set test first
            continue
        if schema.types and JsonType.OBJECT not in schema.types:
            continue
        if "required" in node.declared.written:
            yield from _missing(schema.required, schema.properties, "the object")
        elif node.owns("properties"):
            lacking = [r.name for r in schema.required if r.name not in schema.properties]
            if lacking:
                yield Finding(
                    node.at("properties"),
                    f"definition {node.ref!r} requires {', '.join(map(repr, lacking))}, which "
                    "these properties do not declare; declare them here too",
                    at_key=True,
                )


def _missing(
    required: Iterable[NameRef], properties: Mapping[str, SchemaNode], owner: str
) -> Iterator[Finding]:
    """Yield a finding for each ``required`` name that is not among ``properties``."""
    for ref in required:
        if ref.name not in properties:
            hint = did_you_mean(ref.name, properties) or "declare it under properties"
            yield Finding(
                ref.path, f"{ref.name!r} is required but is not a property of {owner}; {hint}"
            )
