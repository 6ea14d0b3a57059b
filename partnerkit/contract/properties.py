"""Property schemas in the typed model: what each written schema says, and what it means.

A property schema is written in ``events.definitions`` or under an event's ``properties``, and
nests through ``properties``, ``items`` and ``additionalProperties``. Each written schema is one
:class:`SchemaNode` at its JSON path, holding two :class:`Schema` values:

- ``declared``: the keywords written at that node;
- ``schema``: the *effective* schema. A node with ``ref`` is the named definition with the keys
  written beside ``ref`` laid over it, keyword by keyword, one level deep; the keywords it takes
  from the definition (nested ``properties``, ``items`` ... included) are the definition's own
  nodes, located in ``events.definitions``. A node without ``ref`` has ``schema is declared``.

**The walk.** :func:`walk` visits every written schema node once, breadth first: the roots in
order, then their children, and so on. The children of a node are the nodes written under it:
its ``properties`` (in order), its ``items`` and a schema-valued ``additionalProperties``; a
child inherited through ``ref`` is visited where it is written, in the definition. Entries that
are not mappings are kept in their parent's ``properties`` (their names are names) but marked
``malformed`` and not visited. :func:`payload` answers a different question with the same
keywords: which named properties an event's payload carries, through ``ref`` (effective schemas)
and through ``items`` and ``additionalProperties`` containers, nested ones with dotted names.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from functools import cached_property
from types import MappingProxyType
from typing import Any

from partnerkit._record import field, fields, record
from partnerkit.contract.vocab import Handling, PiiClass
from partnerkit.problem import JsonPath

Number = int | float
"""A JSON number (never a bool)."""


@record(kw_only=False)
class NameRef:
    """A name written in a list (``required``, an event list ...), with where it is written."""

    path: JsonPath
    name: str


NO_PROPERTIES: Mapping[str, SchemaNode] = MappingProxyType({})
"""The ``properties`` of a schema that writes none (shared, and read-only)."""


@record
class Schema:
    """The keywords of one property schema, typed.

    A keyword written with a value of the wrong type is left out (``None``, or the documented
    default), but stays in :attr:`written`, so a rule can tell "not written" from "written
    wrongly" (the JSON Schema reports the latter).

    Every field defaults to its value when nothing is written (closed ``additionalProperties``,
    non-extensible enums, items not unique, not deprecated). The defaults are class attributes,
    so the builder stores only what a schema writes: most schemas write a handful of the thirty
    keywords, and a catalog has thousands of them.
    """

    written: frozenset[str] = frozenset()
    """Every key written (for an effective schema: written here or in the definition)."""
    type_names: tuple[str, ...] | None = None
    """``type`` as written, in order: one name or a list of them (``None``: no usable type)."""
    types: frozenset[str] | None = None
    """The same names as a set (``None``: the schema declares no type)."""
    description: str | None = None
    enum: tuple[Any, ...] | None = None
    extensible: bool = False
    const: Any = None
    """Meaningful only when ``"const" in written`` (``const: null`` is a value)."""
    format: str | None = None
    pattern: str | None = None
    minimum: Number | None = None
    maximum: Number | None = None
    exclusive_minimum: Number | None = None
    exclusive_maximum: Number | None = None
    min_length: int | None = None
    max_length: int | None = None
    min_items: int | None = None
    max_items: int | None = None
    unique_items: bool = False
    items: SchemaNode | None = None
    properties: Mapping[str, SchemaNode] = NO_PROPERTIES
    required: tuple[NameRef, ...] = ()
    additional_properties: bool | SchemaNode = False
    """Closed (``False``) unless written: ``True`` or the schema of every undeclared key."""
    pii: PiiClass | None = None
    handling: Handling | None = None
    unit: str | None = None
    deprecated: bool = False
    default: Any = None
    """Meaningful only when ``"default" in written``."""
    examples: tuple[Any, ...] | None = None
    ref: str | None = None
    """The definition named by ``ref`` (declared schemas only; effective ones have none)."""

    def writes(self, *keys: str) -> bool:
        """Tell whether any of ``keys`` is written."""
        return not self.written.isdisjoint(keys)

    @property
    def personal(self) -> PiiClass | None:
        """The ``pii`` class if it marks personal data (anything but ``none``), else ``None``."""
        return self.pii if self.pii is not None and self.pii.personal else None

    @property
    def sent(self) -> bool:
        """False when the value never leaves the producer (``handling: drop``)."""
        return self.handling is not Handling.DROP


FIELD_KEYS: dict[str, str] = {
    "type_names": "type",
    "types": "type",
    "description": "description",
    "enum": "enum",
    "extensible": "extensible",
    "const": "const",
    "format": "format",
    "pattern": "pattern",
    "minimum": "minimum",
    "maximum": "maximum",
    "exclusive_minimum": "exclusiveMinimum",
    "exclusive_maximum": "exclusiveMaximum",
    "min_length": "minLength",
    "max_length": "maxLength",
    "min_items": "minItems",
    "max_items": "maxItems",
    "unique_items": "uniqueItems",
    "items": "items",
    "properties": "properties",
    "required": "required",
    "additional_properties": "additionalProperties",
    "pii": "pii",
    "handling": "handling",
    "unit": "unit",
    "deprecated": "deprecated",
    "default": "default",
    "examples": "examples",
}
"""Each :class:`Schema` field and the contract key it is written as (``ref`` aside)."""


_OVERLAID = tuple((f.name, FIELD_KEYS[f.name]) for f in fields(Schema) if f.name in FIELD_KEYS)


def overlay(base: Schema | None, top: Schema) -> Schema:
    """Lay the keywords written in ``top`` over ``base``, keyword by keyword, one level deep.

    The effective schema of a node with ``ref``: ``base`` is the referenced definition
    (``None`` when there is none: only ``top``'s keywords are known); the result has no
    ``ref``. A keyword takes its value, nested schemas included, from whichever side writes it.
    """
    values: dict[str, Any] = {}
    for name, key in _OVERLAID:
        source = top if base is None or key in top.written else base
        values[name] = getattr(source, name)
    written = (top.written | (base.written if base is not None else frozenset())) - {"ref"}
    return Schema(written=written, ref=None, **values)


@record
class SchemaNode:
    """One written property schema at its path: as declared, and in effect."""

    path: JsonPath
    name: str | None
    """Property or definition name; ``None`` for ``items`` and ``additionalProperties``."""
    declared: Schema
    malformed: bool
    """Not a mapping: only its name is known (its schemas are empty)."""
    definitions: Mapping[str, SchemaNode] = field(repr=False, compare=False)
    """The contract's shared definitions, against which ``ref`` is resolved."""

    @cached_property
    def schema(self) -> Schema:
        """The effective schema (``ref`` resolved); ``declared`` itself when there is no ``ref``.

        Computed on first use, so definitions may refer to each other (even in a cycle).
        """
        if "ref" not in self.declared.written:
            return self.declared
        target = self.definitions.get(self.declared.ref) if self.declared.ref else None
        return overlay(target.declared if target is not None else None, self.declared)

    @cached_property
    def broken_ref(self) -> bool:
        """``ref`` names no definition (or is not a string): keys it would supply are unknown."""
        if "ref" not in self.declared.written:
            return False
        return self.declared.ref is None or self.declared.ref not in self.definitions

    @property
    def ref(self) -> str | None:
        """The definition this node refers to, if any."""
        return self.declared.ref

    @property
    def is_definition(self) -> bool:
        """True for a top-level entry of ``events.definitions``."""
        return len(self.path) == 3 and self.path[1] == "definitions"

    @property
    def is_event_property(self) -> bool:
        """True for a top-level property of a catalog event."""
        return len(self.path) == 5 and self.path[1] == "catalog"

    def owns(self, *keys: str) -> bool:
        """Whether a condition on ``keys`` belongs here rather than to the ``ref`` definition.

        It does when there is no ``ref``, or when one of ``keys`` is written beside it.
        """
        written = self.declared.written
        return "ref" not in written or not written.isdisjoint(keys)

    def at(self, key: str) -> JsonPath:
        """Path of ``key`` as written here, or of the ``ref`` through which it is inherited."""
        if key in self.declared.written or "ref" not in self.declared.written:
            return (*self.path, key)
        return (*self.path, "ref")

    def children(self) -> Iterator[SchemaNode]:
        """Yield the schema nodes written directly under this one (the module's walk policy)."""
        declared = self.declared
        yield from declared.properties.values()
        if declared.items is not None:
            yield declared.items
        if isinstance(declared.additional_properties, SchemaNode):
            yield declared.additional_properties


def walk(roots: Iterable[SchemaNode]) -> Iterator[SchemaNode]:
    """Yield every well-formed schema node under ``roots`` (roots included), breadth first."""
    queue = deque(roots)
    pop, push, extend = queue.popleft, queue.append, queue.extend
    while queue:
        node = pop()
        if node.malformed:
            continue
        yield node
        declared = node.declared  # children() inlined: this walks every node of the catalog
        if declared.properties:
            extend(declared.properties.values())
        if declared.items is not None:
            push(declared.items)
        if isinstance(declared.additional_properties, SchemaNode):
            push(declared.additional_properties)


MAX_PAYLOAD_DEPTH = 32
"""Nesting depth at which :func:`payload` stops (definitions may refer to each other)."""


def payload(properties: Mapping[str, SchemaNode]) -> Iterator[tuple[str, SchemaNode]]:
    """Yield ``(dotted name, node)`` for every named property a payload carries, depth first.

    ``properties`` are an event's (or an object's) top-level properties. Nested properties are
    those of each property's effective schema, of its ``items`` and of a schema-valued
    ``additionalProperties``, named ``parent.child``; each node's effective schema says what it
    is (``node.schema``).
    """
    stack: list[tuple[str, SchemaNode, int]] = [
        (name, node, 0) for name, node in reversed(list(properties.items())) if not node.malformed
    ]
    while stack:
        name, node, depth = stack.pop()
        yield name, node
        if depth >= MAX_PAYLOAD_DEPTH:
            continue
        for container in reversed(_containers(node.schema)):
            for child, sub in reversed(list(container.properties.items())):
                if not sub.malformed:
                    stack.append((f"{name}.{child}", sub, depth + 1))


def _containers(schema: Schema) -> list[Schema]:
    """Return the schemas whose ``properties`` nest in a value of ``schema``."""
    found = [schema]
    for inner in (schema.items, schema.additional_properties):
        if isinstance(inner, SchemaNode) and not inner.malformed:
            found.append(inner.schema)
    return found
