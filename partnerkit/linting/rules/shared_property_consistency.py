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

from partnerkit.contract._legacy import Contract, PropertySchema, mapping
from partnerkit.linting.base import Finding
from partnerkit.linting.rules._property_schemas import value_key
from partnerkit.problem import Level

ID = "shared-property-consistency"
LEVEL = Level.ERROR
OPTIONS: dict[str, Any] = {"enums": "nested"}
OPTION_CHOICES: dict[str, list[Any]] = {"enums": ["nested", "equal"]}

FIELDS = ("type", "format", "unit", "pii")
"""Compared as values; ``enum`` is compared as a set of values."""


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding for every occurrence of a shared name that deviates from the reference."""
    equal_enums = options.get("enums") == "equal"
    by_name: dict[str, list[PropertySchema]] = defaultdict(list)
    for node in contract.property_schemas:
        top_level = len(node.path) == 5 and node.path[1] == "catalog"
        if top_level and node.name is not None and not node.broken_ref:
            by_name[node.name].append(node)
    for name, nodes in by_name.items():
        if len(nodes) < 2:
            continue
        values = [tuple([_comparable(node.schema.get(f)) for f in FIELDS]) for node in nodes]
        enums = [_enum(node) for node in nodes]
        signatures = (
            [(*v, e) for v, e in zip(values, enums, strict=True)] if equal_enums else values
        )
        common, _ = Counter(signatures).most_common(1)[0]
        ref_index = signatures.index(common)
        reference = nodes[ref_index]
        for node, mine, enum in zip(nodes, values, enums, strict=True):
            differences = [
                f for f, a, b in zip(FIELDS, mine, values[ref_index], strict=True) if a != b
            ]
            if not _enums_agree(enum, enums[ref_index], equal_enums):
                differences.append("enum")
            if not differences:
                continue
            first = differences[0]
            details = "; ".join(_detail(f, node, reference) for f in differences)
            in_raw = first in node.raw or "ref" in node.raw
            yield Finding(
                node.at(first) if in_raw else node.path,
                f"{name!r} differs from {name!r} in event {reference.path[2]!r} ({details}); "
                "share one definition with ref, or rename it",
                at_key=not in_raw,
            )


_SCALARS = (str, int, float, bool)


def _comparable(value: Any) -> Any:
    """Return a field's value as compared: a list as its set of strings, a mapping as its repr."""
    if value is None or isinstance(value, _SCALARS):
        return value
    if isinstance(value, list):
        return frozenset(v for v in value if isinstance(v, str))
    return repr(value)


def _enum(node: PropertySchema) -> frozenset[Any] | None:
    enum = node.schema.get("enum")
    return frozenset(value_key(v) for v in enum) if isinstance(enum, list) else None


def _enums_agree(mine: frozenset[Any] | None, theirs: frozenset[Any] | None, equal: bool) -> bool:
    if equal:
        return mine == theirs
    return mine is None or theirs is None or mine <= theirs or theirs <= mine


def _detail(field: str, node: PropertySchema, reference: PropertySchema) -> str:
    if field == "enum":
        return f"enum {_show(node.schema.get('enum'))} vs {_show(reference.schema.get('enum'))}"
    return f"{field} {_show(node.schema.get(field))} vs {_show(reference.schema.get(field))}"


def _show(value: Any) -> str:
    if value is None:
        return "unset"
    if isinstance(value, list):
        items = [str(v) for v in value[:6]] + (["…"] if len(value) > 6 else [])
        return "[" + ", ".join(items) + "]"
    return str(value) if not isinstance(value, dict) else repr(mapping(value))
