"""An ``enum`` lists at least one value, each value once, and each of the declared type.

An empty ``enum`` accepts nothing; a duplicate is a typo or a merge accident; and a value of the
wrong type can never be sent (``"1"`` is not the integer ``1``, ``"true"`` is not the boolean
``true``). Types are JSON's: an integer value fits ``integer`` and ``number``, ``1.0`` counts as
an integer, a boolean is not a number, ``null`` needs ``"null"`` among the types. A property
without ``type`` is not judged for value types. A ``type`` written beside ``ref`` is checked
against the definition's ``enum``. That ``extensible`` needs an ``enum`` is checked by the schema.

Options: none.

Passing example::

    events:
      catalog:
        order_completed:
          properties:
            method: {type: string, enum: [card, paypal], extensible: true}
            tier: {type: [integer, "null"], enum: [1, 2, 3, null]}

Failing example (``card`` twice, and ``"2"`` is a string)::

    events:
      catalog:
        order_completed:
          properties:
            method: {type: string, enum: [card, paypal, card]}
            tier: {type: integer, enum: [1, "2"]}
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from partnerkit.contract.model import Contract
from partnerkit.contract.vocab import JsonType
from partnerkit.linting.base import Finding
from partnerkit.linting.rules._properties import show_types, value_key
from partnerkit.problem import Level
from partnerkit.text import a_json_type, json_type

ID = "enum-values"
LEVEL = Level.ERROR
OPTIONS: dict[str, Any] = {}


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding for an empty enum, each duplicate and each value of the wrong type."""
    for node in contract.property_schemas:
        enum = node.schema.enum
        if enum is None:
            continue
        types = node.schema.types
        path = node.at("enum")
        if node.declared.writes("enum"):
            if not enum:
                yield Finding(path, "enum lists no values, so nothing fits; add the allowed values")
            seen: set[Any] = set()
            for index, value in enumerate(enum):
                key = value_key(value)
                if key in seen:
                    yield Finding(
                        (*path, index),
                        f"{shown(value)} is listed twice in enum; remove the duplicate",
                    )
                    continue
                seen.add(key)
                if types and not fits(value, types):
                    yield Finding(
                        (*path, index),
                        f"enum value {shown(value)} is {a_json_type(value)}, but the type is "
                        f"{show_types(types)}; write it as the declared type",
                    )
        elif node.declared.writes("type") and types:
            wrong = [value for value in enum if not fits(value, types)]
            if wrong:
                listed = ", ".join(map(shown, wrong[:5])) + (", …" if len(wrong) > 5 else "")
                yield Finding(
                    node.at("type"),
                    f"type {show_types(types)} does not fit the enum values {listed} of "
                    f"definition {node.ref!r}; use a definition of the right type",
                )


def shown(value: object) -> str:
    """Return a value as YAML shows it: ``'card'``, ``true``, ``null``, ``2.5``."""
    return repr(value) if isinstance(value, str) else json.dumps(value, default=str)


def fits(value: object, types: frozenset[str]) -> bool:
    """Return whether ``value`` is of one of the JSON ``types``; an integer is also a number.

    A value that is not a scalar always fits: the schema reports it.
    """
    kind = json_type(value)
    if kind in (JsonType.ARRAY, JsonType.OBJECT):
        return True
    return kind in types or (kind == JsonType.INTEGER and JsonType.NUMBER in types)
