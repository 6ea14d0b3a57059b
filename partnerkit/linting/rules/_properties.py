"""Helpers for rules that judge property schemas and values (not a rule; not registered).

A property may take its shape from a shared definition with ``ref``; :func:`event_property`
returns the effective schema (``Contract.resolve_property``), so rules can ask "is this property
numeric?" or "can this filter value ever match?" without caring how the property was written.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any, TypeGuard

from partnerkit.contract import vocab
from partnerkit.contract._legacy import Contract
from partnerkit.contract.properties import Number, Schema

NUMERIC_TYPES = frozenset({"number", "integer"})


def is_number(value: Any) -> TypeGuard[int | float]:
    """Tell whether ``value`` is an int or float and not a bool (YAML ``true`` is no number)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def party_of(ref: Any) -> str:
    """Return the party id of a ``party`` or ``party/role`` reference (``''`` if no string)."""
    return ref.split("/", 1)[0] if isinstance(ref, str) else ""


def event_property(contract: Contract, event: Any, name: Any) -> dict[str, Any] | None:
    """Return the effective schema of property ``name`` of ``event`` (``None`` if absent)."""
    if not isinstance(event, str) or not isinstance(name, str):
        return None
    properties = contract.event_properties(event)
    if name not in properties:
        return None
    return contract.resolve_property(properties[name])


def declared_types(schema: dict[str, Any]) -> frozenset[str] | None:
    """Return the JSON type names a schema declares, or ``None`` if it declares no ``type``."""
    value = schema.get("type")
    if isinstance(value, str):
        return frozenset({value})
    if isinstance(value, list):
        return frozenset(t for t in value if isinstance(t, str))
    return None


def non_numeric_type(schema: dict[str, Any] | None) -> str | None:
    """Return the declared type of a property that cannot hold a number, else ``None``.

    ``[number, "null"]`` is numeric; a property that declares no type is not judged.
    """
    types = declared_types(schema or {}) or frozenset()
    if not types or (types & NUMERIC_TYPES and types <= NUMERIC_TYPES | {"null"}):
        return None
    return " or ".join(sorted(types))


def type_of(value: Any) -> str:
    """Return the JSON type name of a value; integral floats are ``integer``, as in JSON Schema."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def accepts_type(types: frozenset[str], value: Any) -> bool:
    """Tell whether ``value``'s JSON type is among ``types`` (empty: any type is)."""
    kind = type_of(value)
    return not types or kind in types or (kind == "integer" and "number" in types)


def why_never_matches(schema: dict[str, Any], value: Any) -> str | None:
    """Why ``value`` can never equal the property described by ``schema``, or ``None``.

    Checks what is decidable from the schema alone: the declared type, ``const``, a closed
    (non-extensible) ``enum`` and numeric bounds. Patterns are left alone (ECMA 262 dialect).
    """
    types = declared_types(schema) or frozenset()
    if not accepts_type(types, value):
        return f"the property is {' or '.join(sorted(types))}, not {type_of(value)}"
    if "const" in schema and not _same(schema["const"], value):
        return f"the property is always {schema['const']!r}"
    enum = schema.get("enum")
    closed = schema.get("extensible") is not True
    if closed and isinstance(enum, list) and not any(_same(item, value) for item in enum):
        listed = ", ".join(repr(item) for item in enum)
        return f"it is not one of the property's values ({listed})"
    if is_number(value):
        for key, fails in _BOUNDS:
            bound = schema.get(key)
            if is_number(bound) and fails(value, bound):
                return f"the property's {key} is {bound}"
    return None


def _same(a: Any, b: Any) -> bool:
    """Equality that keeps ``true`` apart from ``1``, as JSON does."""
    if is_number(a) and is_number(b):
        return bool(a == b)
    return type_of(a) == type_of(b) and a == b


_BOUNDS = (
    ("minimum", operator.lt),
    ("maximum", operator.gt),
    ("exclusiveMinimum", operator.le),
    ("exclusiveMaximum", operator.ge),
)
"""Bound keyword, and the test (value, bound) that a value outside it passes."""


# --- typed: over the effective schemas of the typed model (partnerkit.contract.properties) ------


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
        return f"the property is {' or '.join(sorted(types))}, not {type_of(value)}"
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
