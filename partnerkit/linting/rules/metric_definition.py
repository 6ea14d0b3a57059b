"""Metric definitions compute something: sums over numbers, filters that can match.

Beyond the existence of the events and properties a definition names (``unresolved-reference``):

- ``sum`` adds up a property whose declared type is ``number`` or ``integer`` (after ``ref``);
- every ``where`` value can occur: it has the filtered property's type, is one of its values if
  the property has a closed ``enum`` (not ``extensible``), equals its ``const``, and lies within
  its ``minimum``/``maximum`` bounds. A value that can never occur makes the filter, and so the
  metric, silently zero;
- the ``numerator`` and ``denominator`` of a ``ratio`` are checked the same way;
- a ``ratio`` metric's ``unit`` is one of ``ratio_units`` (a warning; the default unit is
  ``count``), so the scorecard does not print 0.031 as a count.

A value not in an extensible enum may be added later, so it is not reported.

Options:

- ``ratio_units`` (default ``[ratio, percent]``): units a ratio metric may have.

Passing example::

    events:
      catalog:
        payment_authorized:
          owner: acme
          properties:
            amount: {type: number}
            livemode: {type: boolean}
    metrics:
      volume:
        definition:
          aggregate: sum
          event: payment_authorized
          property: amount
          where: {livemode: true}

Failing example (``livemode`` is a boolean, so the string ``"yes"`` never matches)::

    events:
      catalog:
        payment_authorized:
          owner: acme
          properties:
            amount: {type: number}
            livemode: {type: boolean}
    metrics:
      volume:
        definition:
          aggregate: sum
          event: payment_authorized
          property: amount
          where: {livemode: "yes"}
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from partnerkit.contract._legacy import Contract, mapping
from partnerkit.linting.base import Finding
from partnerkit.linting.rules._properties import (
    event_property,
    non_numeric_type,
    why_never_matches,
)
from partnerkit.problem import JsonPath, Level

ID = "metric-definition"
LEVEL = Level.ERROR
OPTIONS: dict[str, Any] = {"ratio_units": ["ratio", "percent"]}

_EVENT_AGGREGATES = ("count", "count_distinct", "sum")


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield findings for sums over non-numbers, filters that never match and ratio units."""
    for metric_id, metric in contract.metrics.items():
        if not isinstance(metric, dict):
            continue
        base: JsonPath = ("metrics", metric_id)
        definition = mapping(metric.get("definition"))
        yield from _definition(contract, definition, (*base, "definition"))
        if definition.get("aggregate") != "ratio":
            continue
        unit, units = metric.get("unit", "count"), list(options["ratio_units"])
        if isinstance(unit, str) and units and unit not in units:
            yield Finding(
                (*base, "unit") if "unit" in metric else base,
                f"ratio metric {metric_id!r} has unit {unit!r}; set unit to " + " or ".join(units),
                at_key="unit" not in metric,
                level=Level.WARNING,
            )


def _definition(
    contract: Contract, definition: dict[str, Any], path: JsonPath
) -> Iterator[Finding]:
    aggregate = definition.get("aggregate")
    if aggregate == "ratio":
        for part in ("numerator", "denominator"):
            yield from _definition(contract, mapping(definition.get(part)), (*path, part))
        return
    event = definition.get("event")
    if aggregate not in _EVENT_AGGREGATES or not isinstance(event, str):
        return  # the schema reports it
    if event not in contract.events:
        return  # unresolved-reference reports it
    if aggregate == "sum":
        prop = definition.get("property")
        kind = non_numeric_type(event_property(contract, event, prop))
        if kind:
            yield Finding(
                (*path, "property"),
                f"sum over {prop!r}, which is {kind}; sum a number "
                "property, or use count_distinct to count its values",
            )
    for name, value in mapping(definition.get("where")).items():
        schema = event_property(contract, event, name)
        if schema is None:
            continue
        items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for index, item in items:
            reason = why_never_matches(schema, item)
            if reason:
                yield Finding(
                    (*path, "where", name) + (() if index is None else (index,)),
                    f"filter value {item!r} for {name!r} never matches: {reason}; fix the value",
                )
