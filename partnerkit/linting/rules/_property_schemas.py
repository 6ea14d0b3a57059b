"""Helpers for the schema-sanity and privacy rules, which judge property schemas (not a rule).

Property schemas live in ``events.definitions`` and under ``events.catalog.<event>.properties``,
nested through ``properties``, ``items`` and ``additionalProperties``; these rules walk
``Contract.property_schemas`` (computed once per contract). A property with ``ref`` is the named
definition with the keys written beside ``ref`` laid over it, so a condition on its effective
schema may come from the definition. To report each condition once, a rule checks the effective
schema of every node but reports a ``ref`` node only when a key the condition involves is written
beside ``ref`` (``PropertySchema.owns``); otherwise the condition is the definition's and is
reported there.
"""

from __future__ import annotations

import re
from typing import Any

from partnerkit.contract._legacy import Contract, mapping
from partnerkit.linting.rules._properties import party_of

PII_CLASSES = frozenset({"direct", "indirect", "sensitive"})
"""Values of ``pii`` that mark personal data (everything but ``none``)."""


def personal_class(schema: dict[str, Any]) -> str | None:
    """Return the schema's ``pii`` if it marks personal data, else ``None``."""
    value = schema.get("pii")
    return value if isinstance(value, str) and value in PII_CLASSES else None


_MAX_DEPTH = 32
"""Nesting depth at which walks through resolved refs stop (guards against ref cycles)."""


def show_types(types: frozenset[str]) -> str:
    """Render a type set the way it is written: ``integer`` or ``[string, null]``."""
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


_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")


def words(name: str) -> tuple[str, ...]:
    """Split a name into lower-case words: ``emailAddress``, ``e_mail``, ``IP-Address``."""
    return tuple(w.lower() for w in _WORD.findall(name))


def personal_properties(contract: Contract, event: dict[str, Any]) -> list[str]:
    """Return the dotted names of an event's properties, nested too, that carry personal data.

    A property carries personal data when its effective ``pii`` is ``direct``, ``indirect`` or
    ``sensitive`` and its ``handling`` is not ``drop`` (a dropped value is never sent).
    """
    found: list[str] = []
    stack: list[tuple[str, Any, int]] = [
        (name, prop, 0) for name, prop in reversed(mapping(event.get("properties")).items())
    ]
    while stack:
        name, prop, depth = stack.pop()
        schema = contract.resolve_property(prop)
        if personal_class(schema) and schema.get("handling") != "drop":
            found.append(name)
        if depth >= _MAX_DEPTH:
            continue
        nested = [schema, contract.resolve_property(schema.get("items"))]
        for container in nested:
            for child, sub in reversed(mapping(container.get("properties")).items()):
                stack.append((f"{name}.{child}", sub, depth + 1))
    return found


def shared_with_others(event: dict[str, Any]) -> list[tuple[int, str]]:
    """Return ``(index, party)`` of each ``consumers`` entry naming a party other than the owner."""
    owner = party_of(event.get("owner"))
    consumers = event.get("consumers")
    if not isinstance(consumers, list):
        return []
    return [
        (i, party_of(c))
        for i, c in enumerate(consumers)
        if isinstance(c, str) and party_of(c) and party_of(c) != owner
    ]
