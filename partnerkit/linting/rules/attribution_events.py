"""The attribution's events carry the properties it reads, with usable values.

Attribution joins touches to a conversion by ``journey_key`` and credits each touch to the party
named by ``partner_property``, so:

- the conversion ``value`` is numeric (``number`` or ``integer``, after ``ref``): money is
  summed and split;
- ``journey_key`` is a property of the conversion event and of every touchpoint event;
- ``touchpoints.partner_property`` is a property of every touchpoint event, and so is
  ``channel_property`` (default ``channel``) when it is set or ``ignored_channels`` is used;
- when ``partner_property`` has an ``enum``, every value maps to a party: through
  ``partner_values``, or by being a party id itself when there is no ``partner_values``; and a
  ``partner_values`` key that a closed enum excludes can never match.

A property missing from all the events it should be on is reported once, at the property name;
missing from some of them, at each event that lacks it. Whether the events, the parties in
``partner_values`` and the conversion value exist at all is checked by ``unresolved-reference``.

Options: none.

Passing example::

    parties:
      acme: {name: Acme GmbH}
      globex: {name: Globex Inc.}
    events:
      catalog:
        offer_clicked:
          owner: globex
          properties:
            merchant_id: {type: string}
            partner: {type: string, enum: [acme, globex]}
        subscription_started:
          owner: acme
          properties:
            merchant_id: {type: string}
            mrr: {type: number}
    attribution:
      conversion: {event: subscription_started, value: mrr}
      journey_key: merchant_id
      touchpoints: {events: [offer_clicked], partner_property: partner}

Failing example (the value is a string; ``partner`` is not on the touchpoint event)::

    events:
      catalog:
        offer_clicked:
          owner: globex
          properties:
            merchant_id: {type: string}
        subscription_started:
          owner: acme
          properties:
            merchant_id: {type: string}
            plan: {type: string}
    attribution:
      conversion: {event: subscription_started, value: plan}
      journey_key: merchant_id
      touchpoints: {events: [offer_clicked], partner_property: partner}
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from partnerkit.contract.model import Contract, Conversion, Touchpoints
from partnerkit.linting.base import Finding
from partnerkit.linting.rules._properties import non_numeric
from partnerkit.problem import JsonPath, Level

ID = "attribution-events"
LEVEL = Level.ERROR
OPTIONS: dict[str, Any] = {}

EventRef = tuple[JsonPath, str, str]
"""Where an event is named, the event, and what it is to attribution (``touchpoint``...)."""


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield findings for properties the attribution reads but the events do not provide."""
    attribution = contract.attribution
    if attribution is None:
        return
    conversion, touchpoints = attribution.conversion, attribution.touchpoints
    touches: list[EventRef] = [
        (ref.path, ref.name, "touchpoint")
        for ref in (touchpoints.events if touchpoints is not None else ())
        if ref.name in contract.catalog
    ]
    converts: list[EventRef] = []
    event = conversion.event if conversion is not None else None
    if conversion is not None and event is not None and event in contract.catalog:
        converts.append((conversion.at("event"), event, "conversion"))
        yield from _numeric_value(contract, conversion)
    yield from _carried(
        contract,
        attribution.journey_key,
        attribution.at("journey_key"),
        "journey key",
        converts + touches,
    )
    if touchpoints is None:
        return
    yield from _carried(
        contract,
        touchpoints.partner_property,
        touchpoints.at("partner_property"),
        "partner property",
        touches,
    )
    if touchpoints.has("channel_property"):
        where = touchpoints.at("channel_property")
    else:  # the default only matters when some channels are ignored
        where = attribution.at("ignored_channels")
    if touchpoints.has("channel_property") or attribution.ignored_channels:
        channel = touchpoints.channel_property
        yield from _carried(contract, channel, where, "channel property", touches)
    yield from _partner_values(contract, touchpoints, touches)


def _numeric_value(contract: Contract, conversion: Conversion) -> Iterator[Finding]:
    """Report a conversion value whose property cannot hold a number."""
    node = contract.event_property(conversion.event, conversion.value)
    kind = non_numeric(node.schema) if node is not None else None
    if kind:
        yield Finding(
            conversion.at("value"),
            f"conversion value {conversion.value!r} is {kind}, not a "
            "number; point value at a number property (or drop it to count conversions)",
        )


def _carried(
    contract: Contract, name: str | None, where: JsonPath, what: str, events: list[EventRef]
) -> Iterator[Finding]:
    """Report the events that lack property ``name`` (named at ``where``)."""
    if name is None or not events:
        return
    lacking = [ref for ref in events if name not in contract.catalog[ref[1]].properties]
    if lacking and len(lacking) == len(events):
        _, event, role = events[0]
        target = f"{role} event {event!r}" if len(events) == 1 else "any event attribution reads"
        yield Finding(
            where,
            f"{what} {name!r} is not a property of {target}; name a property "
            + ("it carries" if len(events) == 1 else "they all carry"),
        )
        return
    for path, event, role in lacking:
        yield Finding(
            path,
            f"{role} event {event!r} has no property {name!r} (the {what}); add it to the event",
        )


def _partner_values(
    contract: Contract, touchpoints: Touchpoints, touches: list[EventRef]
) -> Iterator[Finding]:
    """Every value of an enumerated partner property must map to a party."""
    name = touchpoints.partner_property
    values: dict[str, None] = {}  # the enumerated values, in order, once each
    closed = bool(touches)
    for _, event, _ in touches:
        node = contract.event_property(event, name)
        schema = node.schema if node is not None else None
        if schema is None or schema.enum is None:
            closed = False
            continue
        closed = closed and not schema.extensible
        values.update((value, None) for value in schema.enum if isinstance(value, str))
    if touchpoints.partner_values is None:
        for value in values:
            if value not in contract.parties:
                yield Finding(
                    touchpoints.at("partner_property"),
                    f"{name!r} takes the value {value!r}, which is not a party id; map it to a "
                    "party under touchpoints.partner_values",
                )
        return
    mapped = touchpoints.partner_keys  # a key whose party is of the wrong type is still mapped
    for value in values:
        if value not in mapped:
            yield Finding(
                touchpoints.at("partner_values"),
                f"{name!r} value {value!r} is not mapped to a party; add '{value}: <party>' "
                "to partner_values",
            )
    if closed and values:
        for key in mapped:
            if key not in values:
                yield Finding(
                    (*touchpoints.at("partner_values"), key),
                    f"partner value {key!r} never occurs: {name!r} only takes "
                    f"{', '.join(values)}; fix the spelling or remove it",
                    at_key=True,
                )
