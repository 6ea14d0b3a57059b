"""Walking property schemas for the schema-sanity and privacy rules (private; not a rule).

Property schemas live in ``events.definitions`` and under ``events.catalog.<event>.properties``,
nested through ``properties``, ``items`` and ``additionalProperties``. A property with ``ref`` is
the named definition with the keys written beside ``ref`` laid over it, so a condition on its
effective schema may come from the definition. To report each condition once, a rule checks the
effective schema of every node but reports a ``ref`` node only when a key the condition involves
is written beside ``ref``; otherwise the condition is the definition's and is reported there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, NamedTuple

from partnerkit.contract.model import Contract, mapping
from partnerkit.linting.rules._properties import party_of
from partnerkit.problem import JsonPath

PII_CLASSES = frozenset({"direct", "indirect", "sensitive"})
"""Values of ``pii`` that mark personal data (everything but ``none``)."""


def personal_class(schema: dict[str, Any]) -> str | None:
    """Return the schema's ``pii`` if it marks personal data, else ``None``."""
    value = schema.get("pii")
    return value if isinstance(value, str) and value in PII_CLASSES else None


_MAX_DEPTH = 32
"""Nesting depth at which walks through resolved refs stop (guards against ref cycles)."""


class SchemaNode(NamedTuple):
    """One property schema as written (``raw``) and as it takes effect (``schema``)."""

    path: JsonPath
    raw: dict[str, Any]
    schema: dict[str, Any]
    name: str | None
    """Property or definition name; ``None`` for ``items`` and ``additionalProperties``."""
    broken_ref: bool = False
    """``ref`` names no definition: keys it would supply are unknown (reported elsewhere)."""

    @property
    def ref(self) -> str | None:
        """The definition this node refers to, if any."""
        ref = self.raw.get("ref")
        return ref if isinstance(ref, str) else None

    @property
    def is_definition(self) -> bool:
        """True for a top-level entry of ``events.definitions``."""
        return len(self.path) == 3 and self.path[1] == "definitions"

    def owns(self, *keys: str) -> bool:
        """Whether a condition on ``keys`` is reported at this node (see the module docstring)."""
        return "ref" not in self.raw or any(key in self.raw for key in keys)

    def at(self, key: str) -> JsonPath:
        """Path of ``key`` as written here, or of the ``ref`` through which it is inherited."""
        if key in self.raw or "ref" not in self.raw:
            return (*self.path, key)
        return (*self.path, "ref")


def iter_schemas(contract: Contract) -> Iterator[SchemaNode]:
    """Yield every property schema: definitions, then the catalog's; top-level ones first.

    Most rules of this group walk every schema, so the walk is done once per contract and kept
    (for the last contract only).
    """
    global _last
    if _last is None or _last[0] is not contract:
        _last = (contract, _walk(contract))
    return iter(_last[1])


_last: tuple[Contract, list[SchemaNode]] | None = None


def _walk(contract: Contract) -> list[SchemaNode]:
    definitions = contract.definitions
    queue: list[tuple[JsonPath, str | None, Any]] = []
    for key, definition in definitions.items():
        queue.append((("events", "definitions", key), key, definition))
    for event, definition in contract.events.items():
        declared = definition.get("properties") if isinstance(definition, dict) else None
        for key, prop in mapping(declared).items():
            queue.append((("events", "catalog", event, "properties", key), key, prop))
    nodes: list[SchemaNode] = []
    for path, name, raw in queue:  # breadth first: the queue grows while it is read
        if not isinstance(raw, dict):
            continue
        if "ref" in raw:
            ref = raw["ref"]
            broken = not isinstance(ref, str) or ref not in definitions
            nodes.append(SchemaNode(path, raw, contract.resolve_property(raw), name, broken))
        else:
            nodes.append(SchemaNode(path, raw, raw, name, False))
        properties = raw.get("properties")
        if isinstance(properties, dict):
            queue.extend(((*path, "properties", k), k, v) for k, v in properties.items())
        for keyword in ("items", "additionalProperties"):
            if isinstance(raw.get(keyword), dict):
                queue.append(((*path, keyword), None, raw[keyword]))
    return nodes


def declared_types(schema: dict[str, Any]) -> frozenset[str] | None:
    """Return the JSON type names a schema declares, or ``None`` if it declares no ``type``."""
    value = schema.get("type")
    if isinstance(value, str):
        return frozenset({value})
    if isinstance(value, list):
        return frozenset(t for t in value if isinstance(t, str))
    return None


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
