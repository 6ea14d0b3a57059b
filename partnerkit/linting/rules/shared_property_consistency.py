"""A property name used by several events means the same thing in each of them.

When ``amount`` is euros in one event and cents in another, or ``user_id`` a string here and an
integer there, every consumer that joins the events gets it wrong. For each top-level property
name used by more than one event, the rule compares the effective ``type``, ``format``, ``unit``
and ``pii`` class (``ref`` resolved) and the ``enum``, takes the definition most events use (the
first one on a tie) as the reference, and reports every occurrence that deviates from it, naming
the reference. The cure is one shared definition in ``events.definitions`` used with ``ref``, or
distinct names for distinct meanings.

Options:

- ``enums`` (``nested`` or ``equal``, default ``nested``): with ``nested`` an event may narrow
  a shared value set, so an occurrence is consistent when its ``enum`` contains, or is contained
  in, the reference's (an occurrence without ``enum`` takes any value); with ``equal`` the value
  sets must be the same.

Passing example::

    events:
      definitions:
        amount: {type: number, unit: EUR, pii: none}
      catalog:
        order_completed:
          properties:
            amount: {ref: amount}
        refund_issued:
          properties:
            amount: {ref: amount, description: Amount refunded.}

Failing example (``amount`` is in cents in ``refund_issued``)::

    events:
      catalog:
        order_completed:
          properties:
            amount: {type: number, unit: EUR, pii: none}
        payment_authorized:
          properties:
            amount: {type: number, unit: EUR, pii: none}
        refund_issued:
          properties:
            amount: {type: integer, unit: cents, pii: none}
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from typing import Any

from partnerkit.contract.model import Contract
from partnerkit.contract.properties import Schema, SchemaNode
from partnerkit.linting.base import Finding
from partnerkit.linting.rules._properties import value_key
from partnerkit.problem import Level

ID = "shared-property-consistency"
LEVEL = Level.ERROR
OPTIONS: dict[str, Any] = {"enums": "nested"}
OPTION_CHOICES: dict[str, list[Any]] = {"enums": ["nested", "equal"]}

FIELDS = ("type", "format", "unit", "pii")
"""Compared as values; ``enum`` is compared as a set of values."""

Occurrence = tuple[str, SchemaNode]
"""A top-level property of an event: the event's name and the property's schema node."""


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding for every occurrence of a shared name that deviates from the reference."""
    equal_enums = options["enums"] == "equal"
    by_name: dict[str, list[Occurrence]] = defaultdict(list)
    for event_name, event in contract.catalog.items():
        for name, node in event.properties.items():
            if not node.malformed and not node.broken_ref:
                by_name[name].append((event_name, node))
    for name, occurrences in by_name.items():
        if len(occurrences) < 2:
            continue
        values = [_values(node.schema) for _, node in occurrences]
        enums = [_enum(node.schema) for _, node in occurrences]
        signatures = (
            [(*v, e) for v, e in zip(values, enums, strict=True)] if equal_enums else values
        )
        common, _ = Counter(signatures).most_common(1)[0]
        ref_index = signatures.index(common)
        reference_event, reference = occurrences[ref_index]
        for (_, node), mine, enum in zip(occurrences, values, enums, strict=True):
            differences = [
                f for f, a, b in zip(FIELDS, mine, values[ref_index], strict=True) if a != b
            ]
            if not _enums_agree(enum, enums[ref_index], equal_enums):
                differences.append("enum")
            if not differences:
                continue
            first = differences[0]
            details = "; ".join(
                f"{f} {_show(f, node.schema)} vs {_show(f, reference.schema)}" for f in differences
            )
            written_here = node.declared.writes(first, "ref")
            yield Finding(
                node.at(first) if written_here else node.path,
                f"{name!r} differs from {name!r} in event {reference_event!r} ({details}); "
                "share one definition with ref, or rename it",
                at_key=not written_here,
            )


def _values(schema: Schema) -> tuple[object, ...]:
    """Return the values of :data:`FIELDS` as compared (``type`` as a set of type names)."""
    return (schema.types, schema.format, schema.unit, schema.pii)


def _enum(schema: Schema) -> frozenset[Any] | None:
    """Return the ``enum`` as a set of JSON-equal values (``None``: the property takes any)."""
    return frozenset(value_key(v) for v in schema.enum) if schema.enum is not None else None


def _enums_agree(mine: frozenset[Any] | None, theirs: frozenset[Any] | None, equal: bool) -> bool:
    """Tell whether two value sets agree: equal, or (unless ``equal``) one within the other."""
    if equal:
        return mine == theirs
    return mine is None or theirs is None or mine <= theirs or theirs <= mine


def _show(key: str, schema: Schema) -> str:
    """Render the value of ``key`` in ``schema`` for a message.

    ``unset`` when not written; ``invalid`` when written with a value the format does not allow
    (compared as unset: the schema reports it).
    """
    shown: dict[str, object] = {
        "type": schema.type_names,
        "format": schema.format,
        "unit": schema.unit,
        "pii": schema.pii,
        "enum": schema.enum,
    }
    value = shown[key]
    if value is None:
        return "invalid" if schema.writes(key) else "unset"
    if not isinstance(value, tuple):
        return str(value)
    if key == "type" and len(value) == 1:
        return str(value[0])
    items = [str(v) for v in value[:6]] + (["…"] if len(value) > 6 else [])
    return "[" + ", ".join(items) + "]"
