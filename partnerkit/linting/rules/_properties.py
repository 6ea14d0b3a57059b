"""Helpers for the rules that judge property schemas and values (not a rule; not registered).

Property schemas live in ``events.definitions`` and under ``events.catalog.<event>.properties``,
nested through ``properties``, ``items`` and ``additionalProperties``; the rules walk
``Contract.property_schemas`` (the model's one walk). A property with ``ref`` is the named
definition with the keys written beside ``ref`` laid over it (``SchemaNode.schema``), so a
condition on its effective schema may come from the definition. To report each condition once, a
rule checks the effective schema of every node but reports a ``ref`` node only when a key the
condition involves is written beside ``ref`` (``SchemaNode.owns``); otherwise the condition is the
definition's and is reported there.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

from partnerkit.contract import vocab
from partnerkit.contract.properties import Number, Schema
from partnerkit.text import is_number, json_type


def accepts_type(types: frozenset[str], value: Any) -> bool:
    """Tell whether ``value``'s JSON type is among ``types`` (empty: any type is)."""
    kind = json_type(value)
    return not types or kind in types or (kind == vocab.JsonType.INTEGER and "number" in types)


def show_types(types: frozenset[str]) -> str:
    """Render a type set as a contract writes it: ``integer`` or ``[null, string]`` (sorted)."""
    names = sorted(types)
    return names[0] if len(names) == 1 else "[" + ", ".join(names) + "]"


def value_key(value: Any) -> Any:
    """Return a key under which JSON-equal values collide (``1`` and ``1.0``, not ``true``)."""
    if isinstance(value, bool):
        return ("boolean", value)
    if isinstance(value, int | float):
        return ("number", value)
    if value is None or isinstance(value, str):
        return (type(value).__name__, value)
    return ("other", repr(value))


def _same(a: Any, b: Any) -> bool:
    """Equality that keeps ``true`` apart from ``1``, as JSON does."""
    if is_number(a) and is_number(b):
        return bool(a == b)
    return json_type(a) == json_type(b) and a == b


def non_numeric(schema: Schema) -> str | None:
    """Return the declared type of a property schema that cannot hold a number, else ``None``.

    ``schema`` is typically a node's effective schema (``ref`` resolved). ``[number, "null"]``
    is numeric; a schema that declares no type is not judged.
    """
    types = schema.types or frozenset()
    if not types or (
        types & vocab.NUMERIC_TYPES and types <= {*vocab.NUMERIC_TYPES, vocab.JsonType.NULL}
    ):
        return None
    return " or ".join(sorted(types))


def never_matches(schema: Schema, value: Any) -> str | None:
    """Why ``value`` can never equal a property with the effective ``schema``, or ``None``.

    Checks what is decidable from the schema alone: the declared type, ``const``, a closed
    (non-extensible) ``enum`` and numeric bounds. Patterns are left alone (ECMA 262 dialect).
    """
    types = schema.types or frozenset()
    if not accepts_type(types, value):
        return f"the property is {' or '.join(sorted(types))}, not {json_type(value)}"
    if "const" in schema.written and not _same(schema.const, value):
        return f"the property is always {schema.const!r}"
    enum = schema.enum
    if not schema.extensible and enum is not None and not any(_same(item, value) for item in enum):
        listed = ", ".join(repr(item) for item in enum)
        return f"it is not one of the property's values ({listed})"
    if is_number(value):
        for key, bound, fails in _schema_bounds(schema):
            if bound is not None and fails(value, bound):
                return f"the property's {key} is {bound}"
    return None


def _schema_bounds(
    schema: Schema,
) -> tuple[tuple[str, Number | None, Callable[[Number, Number], bool]], ...]:
    """Each bound keyword as written, the schema's bound, and the test a value outside it passes."""
    return (
        ("minimum", schema.minimum, operator.lt),
        ("maximum", schema.maximum, operator.gt),
        ("exclusiveMinimum", schema.exclusive_minimum, operator.le),
        ("exclusiveMaximum", schema.exclusive_maximum, operator.ge),
    )
