"""A typed, tolerant view of a contract's plain data.

Lint rules run even when a contract has schema errors, so every accessor here returns an empty
value of the right type instead of failing when a section is missing or has the wrong shape.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from partnerkit.problem import JsonPath

if TYPE_CHECKING:
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


@dataclass(frozen=True)
class Contract:
    """Read-only accessors over one contract's data."""

    data: dict[str, Any]

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

    @cached_property
    def references(self) -> tuple[Reference, ...]:
        """Every reference in the contract (see :mod:`partnerkit.contract.refs`), computed once."""
        from partnerkit.contract.refs import iter_references

        return tuple(iter_references(self.data))

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
