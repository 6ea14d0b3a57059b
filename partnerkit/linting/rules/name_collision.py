"""No two event names, or property names on one level, differ only in case or separators.

``Order Completed``, ``order_completed``, ``orderCompleted``, ``order-completed`` and
``ordercompleted`` are the same name to a reader, and many tools and warehouses fold them into one
column or event; keeping both splits one thing's data in two. Names are compared lowercased and
without separators (any character other than a letter or digit, so ``$order_id`` and
``order_id`` collide too).

Event names are compared across the catalog; property names within one level: the properties of
one event, of one nested object, of one array's items, and the shared definitions among
themselves. Each later name is reported, naming the first one it collides with.

Options: none.

Passing example::

    events:
      catalog:
        order_completed:
          properties: {order_id: {}, order_total: {}}

Failing example (``orderId`` and ``order_id`` are one name)::

    events:
      catalog:
        order_completed:
          properties: {order_id: {}, orderId: {}}
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from partnerkit.contract.model import Contract
from partnerkit.linting.base import Finding
from partnerkit.linting.rules._naming import normalize
from partnerkit.problem import JsonPath, Level

ID = "name-collision"
LEVEL = Level.ERROR
OPTIONS: dict[str, Any] = {}


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding for every name that normalises to an earlier name on its level."""
    keys: dict[str, str] = {}  # names recur across events: normalise each name once
    yield from _collisions(("events", "catalog"), contract.catalog, "event", keys)
    for path, properties in contract.property_levels:
        kind = "definition" if path == ("events", "definitions") else "property"
        yield from _collisions(path, properties, kind, keys)


def _collisions(
    base: JsonPath, names: Iterable[str], kind: str, keys: dict[str, str]
) -> Iterator[Finding]:
    first: dict[str, str] = {}
    for name in names:
        if name not in keys:
            keys[name] = normalize(name)
        key = keys[name]
        if not key:
            continue
        if key in first:
            yield Finding(
                (*base, name),
                f"{kind} {name!r} collides with {first[key]!r}: they differ only in case or"
                " separators; keep one name and remove or rename the other",
                at_key=True,
            )
        else:
            first[key] = name
