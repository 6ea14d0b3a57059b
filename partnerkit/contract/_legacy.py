"""TEMPORARY: the tolerant view over raw contract data that rules read before the typed model.

Rules not yet ported to :mod:`partnerkit.contract.model` still receive this view (the engine
passes the typed model to rule modules that set ``TYPED = True``). It goes away with the last
unported rule.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple

from partnerkit.problem import JsonPath

if TYPE_CHECKING:
    from partnerkit.contract.model import Contract as Model
    from partnerkit.contract.refs import Reference


def mapping(value: Any) -> dict[str, Any]:
    """Return ``value`` if it is a mapping, else an empty one."""
    return value if isinstance(value, dict) else {}


def sequence(value: Any) -> list[Any]:
    """Return ``value`` if it is a list, else an empty one."""
    return value if isinstance(value, list) else []


def text(value: Any) -> str:
    """Return ``value`` if it is a string, else ``''``."""
    return value if isinstance(value, str) else ""


class PropertySchema(NamedTuple):
    """One property schema as written (``raw``) and as it takes effect (``schema``).

    A property with ``ref`` is the named definition with the keys written beside ``ref`` laid
    over it (:meth:`Contract.resolve_property`), so a key of its effective schema may come from
    the definition.
    """

    path: JsonPath
    raw: dict[str, Any]
    schema: dict[str, Any]
    name: str | None
    """Property or definition name; ``None`` for ``items`` and ``additionalProperties``."""
    broken_ref: bool = False
    """``ref`` names no definition: keys it would supply are unknown."""

    @property
    def ref(self) -> str | None:
        """The definition this schema refers to, if any."""
        ref = self.raw.get("ref")
        return ref if isinstance(ref, str) else None

    @property
    def is_definition(self) -> bool:
        """True for a top-level entry of ``events.definitions``."""
        return len(self.path) == 3 and self.path[1] == "definitions"

    def owns(self, *keys: str) -> bool:
        """Whether a condition on ``keys`` belongs here rather than to the ``ref`` definition.

        It does when there is no ``ref``, or when one of ``keys`` is written beside it.
        """
        return "ref" not in self.raw or any(key in self.raw for key in keys)

    def at(self, key: str) -> JsonPath:
        """Path of ``key`` as written here, or of the ``ref`` through which it is inherited."""
        if key in self.raw or "ref" not in self.raw:
            return (*self.path, key)
        return (*self.path, "ref")


PropertyLevel = tuple[JsonPath, dict[str, Any]]
"""A mapping of property names (``properties``, or ``events.definitions``) and its path."""


@dataclass(frozen=True)
class Contract:
    """Read-only accessors over one contract's data."""

    data: dict[str, Any]
    model: Model

    def section(self, name: str) -> dict[str, Any]:
        """Return a top-level mapping section (empty if absent or malformed)."""
        return mapping(self.data.get(name))

    @property
    def parties(self) -> dict[str, Any]:
        """Parties by id."""
        return self.section("parties")

    @property
    def events(self) -> dict[str, Any]:
        """The event catalog: event name -> definition."""
        return mapping(self.section("events").get("catalog"))

    @property
    def definitions(self) -> dict[str, Any]:
        """Shared property definitions by name."""
        return mapping(self.section("events").get("definitions"))

    @property
    def conventions(self) -> dict[str, Any]:
        """Naming conventions of the event catalog."""
        return mapping(self.section("events").get("conventions"))

    @property
    def metrics(self) -> dict[str, Any]:
        """Metrics by id."""
        return self.section("metrics")

    @property
    def hypotheses(self) -> dict[str, Any]:
        """Hypotheses of the objective by id."""
        return mapping(self.section("objective").get("hypotheses"))

    @property
    def experiments(self) -> dict[str, Any]:
        """Experiments by id."""
        return self.section("experiments")

    @property
    def references(self) -> tuple[Reference, ...]:
        """Every reference in the contract, as the typed model found them."""
        return self.model.references

    @cached_property
    def property_schemas(self) -> tuple[PropertySchema, ...]:
        """Every property schema, computed once: definitions, then the catalog's; breadth first.

        Top-level schemas come first, then those nested through ``properties``, ``items`` and
        ``additionalProperties``; entries that are not mappings are left out (the schema reports
        them).
        """
        definitions = self.definitions
        queue: list[tuple[JsonPath, str | None, Any]] = []
        for key, definition in definitions.items():
            queue.append((("events", "definitions", key), key, definition))
        for event, definition in self.events.items():
            declared = definition.get("properties") if isinstance(definition, dict) else None
            for key, prop in mapping(declared).items():
                queue.append((("events", "catalog", event, "properties", key), key, prop))
        nodes: list[PropertySchema] = []
        for path, name, raw in queue:  # breadth first: the queue grows while it is read
            if not isinstance(raw, dict):
                continue
            if "ref" in raw:
                ref = raw["ref"]
                broken = not isinstance(ref, str) or ref not in definitions
                nodes.append(PropertySchema(path, raw, self.resolve_property(raw), name, broken))
            else:
                nodes.append(PropertySchema(path, raw, raw, name, False))
            properties = raw.get("properties")
            if isinstance(properties, dict):
                queue.extend(((*path, "properties", k), k, v) for k, v in properties.items())
            for keyword in ("items", "additionalProperties"):
                if isinstance(raw.get(keyword), dict):
                    queue.append(((*path, keyword), None, raw[keyword]))
        return tuple(nodes)

    @cached_property
    def property_levels(self) -> tuple[PropertyLevel, ...]:
        """``(path, names)`` for every mapping of property names, computed once; depth first.

        ``events.definitions`` is one such mapping, then each definition's and each event's
        ``properties``, each followed by the ``properties`` of its nested objects and array
        ``items`` (``additionalProperties`` schemas are not entered).
        """
        levels: list[PropertyLevel] = []
        definitions = self.definitions
        if definitions:
            levels.append((("events", "definitions"), definitions))
        for name, schema in definitions.items():
            _add_levels(levels, ("events", "definitions", name), mapping(schema))
        for event, schema in self.events.items():
            _add_levels(levels, ("events", "catalog", event), mapping(schema))
        return tuple(levels)

    def party_refs(self) -> set[str]:
        """Every valid party reference: ``party`` and ``party/role`` for each contact role."""
        refs: set[str] = set()
        for party_id, party in self.parties.items():
            refs.add(party_id)
            for role in mapping(mapping(party).get("contacts")):
                refs.add(f"{party_id}/{role}")
        return refs

    def resolve_property(self, schema: Any) -> dict[str, Any]:
        """Return the effective schema of a property, ``ref`` resolved.

        A property with ``ref`` is the named definition with the keys written beside ``ref``
        laid over it, key by key, one level deep; the result has no ``ref`` key. An unknown
        ``ref`` leaves only the keys written beside it.
        """
        prop = mapping(schema)
        ref = prop.get("ref")
        if ref is None:
            return prop
        base = mapping(self.definitions.get(ref)) if isinstance(ref, str) else {}
        merged = {**base, **prop}
        del merged["ref"]
        return merged

    def event_properties(self, event: str) -> dict[str, Any]:
        """Top-level properties of ``event`` (empty if the event is unknown)."""
        return mapping(mapping(self.events.get(event)).get("properties"))

    def iter_properties(self) -> Iterator[tuple[str, JsonPath, str, dict[str, Any]]]:
        """Yield ``(event, path, name, schema)`` for every property, nested ones included."""
        for event, definition in self.events.items():
            base: JsonPath = ("events", "catalog", event)
            yield from _walk_properties(event, base, mapping(definition))


def _walk_properties(
    event: str, base: JsonPath, schema: dict[str, Any]
) -> Iterator[tuple[str, JsonPath, str, dict[str, Any]]]:
    for name, prop in mapping(schema.get("properties")).items():
        path = (*base, "properties", name)
        prop = mapping(prop)
        yield event, path, name, prop
        yield from _walk_properties(event, path, prop)
        items = mapping(prop.get("items"))
        if items:
            yield from _walk_properties(event, (*path, "items"), items)


def _add_levels(levels: list[PropertyLevel], base: JsonPath, schema: dict[str, Any]) -> None:
    properties = mapping(schema.get("properties"))
    if properties:
        levels.append(((*base, "properties"), properties))
    for name, prop in properties.items():
        _add_levels(levels, (*base, "properties", name), mapping(prop))
    items = mapping(schema.get("items"))
    if items:
        _add_levels(levels, (*base, "items"), items)
