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

from partnerkit.contract.model import Contract, MetricDefinition
from partnerkit.contract.vocab import EVENT_AGGREGATES, Aggregate
from partnerkit.linting.base import Finding
from partnerkit.linting.rules._properties import never_matches, non_numeric
from partnerkit.problem import Level

ID = "metric-definition"
LEVEL = Level.ERROR
OPTIONS: dict[str, Any] = {"ratio_units": ["ratio", "percent"]}


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield findings for sums over non-numbers, filters that never match and ratio units."""
    units = list(options["ratio_units"])
    for metric_id, metric in contract.metrics.items():
        definition = metric.definition
        if definition is None:
            continue
        for part in _over_events(definition):
            yield from _definition(contract, part)
        if definition.aggregate is not Aggregate.RATIO or not units or metric.unit in units:
            continue
        yield Finding(
            metric.at("unit") if metric.has("unit") else metric.path,
            f"ratio metric {metric_id!r} has unit {metric.unit!r}; set unit to "
            + " or ".join(units),
            at_key=not metric.has("unit"),
            level=Level.WARNING,
        )


def _over_events(tree: MetricDefinition) -> Iterator[MetricDefinition]:
    """Yield the definitions of ``tree`` over one event, through nested ratios, in order.

    In the grammar (:data:`~partnerkit.contract.vocab.AGGREGATES`) a definition over an event
    is a leaf and a ratio divides its two parts. Parts an aggregate does not have, and
    definitions without a known aggregate, are the schema's to report.
    """
    stack = [tree]
    while stack:
        definition = stack.pop()
        if definition.aggregate in EVENT_AGGREGATES:
            yield definition
        elif definition.aggregate is not None:
            parts = (definition.denominator, definition.numerator)
            stack.extend(part for part in parts if part is not None)


def _definition(contract: Contract, definition: MetricDefinition) -> Iterator[Finding]:
    """Yield the findings of one definition over an event that the catalog has."""
    event = definition.event
    if event is None or event not in contract.catalog:
        return  # the schema, or unresolved-reference, reports it
    if definition.aggregate is Aggregate.SUM:
        node = contract.event_property(event, definition.property)
        kind = non_numeric(node.schema) if node is not None else None
        if kind:
            yield Finding(
                definition.at("property"),
                f"sum over {definition.property!r}, which is {kind}; sum a number "
                "property, or use count_distinct to count its values",
            )
    for where in definition.where:
        node = contract.event_property(event, where.property)
        if node is None:
            continue
        for index, value in enumerate(where.values):
            reason = never_matches(node.schema, value)
            if reason:
                yield Finding(
                    where.value_path(index),
                    f"filter value {value!r} for {where.property!r} never matches: {reason}; "
                    "fix the value",
                )
