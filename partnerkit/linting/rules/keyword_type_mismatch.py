"""Keywords of a property schema must fit its declared type.

JSON Schema ignores a keyword that does not apply to the value's type, so ``maxLength`` on a
number or ``minimum`` on a string constrains nothing: the author meant a bound that no validator
enforces. String keywords are ``minLength``, ``maxLength``, ``pattern`` and ``format``; number
keywords (also for integers) ``minimum``, ``maximum``, ``exclusiveMinimum`` and
``exclusiveMaximum``; array keywords ``items``, ``minItems``, ``maxItems`` and ``uniqueItems``;
object keywords ``properties``, ``required`` and ``additionalProperties``. With a list of types a
keyword is fine if any listed type takes it. A property without ``type`` is not judged. A ``type``
written beside ``ref`` is checked against the definition's keywords.

Options: none.

Passing example::

    events:
      catalog:
        order_completed:
          properties:
            coupon: {type: [string, "null"], maxLength: 32}
            quantity: {type: integer, minimum: 1}

Failing example (``maxLength`` on an integer)::

    events:
      catalog:
        order_completed:
          properties:
            quantity: {type: integer, maxLength: 3}
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from partnerkit.contract.model import Contract
from partnerkit.contract.vocab import NUMERIC_TYPES, JsonType
from partnerkit.linting.base import Finding
from partnerkit.linting.rules._properties import show_types
from partnerkit.problem import Level

ID = "keyword-type-mismatch"
LEVEL = Level.ERROR
OPTIONS: dict[str, Any] = {}

_STRING, _NUMBER = frozenset({JsonType.STRING}), NUMERIC_TYPES
_ARRAY, _OBJECT = frozenset({JsonType.ARRAY}), frozenset({JsonType.OBJECT})

KEYWORD_TYPES: dict[str, frozenset[str]] = {
    "minLength": _STRING,
    "maxLength": _STRING,
    "pattern": _STRING,
    "format": _STRING,
    "minimum": _NUMBER,
    "maximum": _NUMBER,
    "exclusiveMinimum": _NUMBER,
    "exclusiveMaximum": _NUMBER,
    "items": _ARRAY,
    "minItems": _ARRAY,
    "maxItems": _ARRAY,
    "uniqueItems": _ARRAY,
    "properties": _OBJECT,
    "required": _OBJECT,
    "additionalProperties": _OBJECT,
}
"""Keyword -> the types it applies to."""

_APPLIES: dict[frozenset[str], str] = {
    _STRING: "strings",
    _NUMBER: "numbers",
    _ARRAY: "arrays",
    _OBJECT: "objects",
}


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding for every keyword that no declared type takes."""
    rejected: dict[frozenset[str], frozenset[str]] = {}  # type set -> keywords none of it takes
    for node in contract.property_schemas:
        schema = node.schema
        types = schema.types
        if not types:
            continue
        none_takes = rejected.get(types)  # the builder shares type sets: an identity lookup
        if none_takes is None:
            none_takes = rejected[types] = frozenset(
                k for k, fits in KEYWORD_TYPES.items() if not types & fits
            )
        if none_takes.isdisjoint(schema.written):
            continue
        declared = node.declared
        inherited = []
        for keyword, fits in KEYWORD_TYPES.items():
            if keyword not in schema.written or types & fits:
                continue
            if declared.writes(keyword):
                yield Finding(
                    node.at(keyword),
                    f"{keyword} applies to {_APPLIES[fits]}, but the type is {show_types(types)}; "
                    "remove it or correct the type",
                    at_key=True,
                )
            elif declared.writes("type"):
                inherited.append(keyword)
        if inherited:
            yield Finding(
                node.at("type"),
                f"type {show_types(types)} does not take {', '.join(inherited)} of definition "
                f"{node.ref!r}; use a definition of the right type",
            )
