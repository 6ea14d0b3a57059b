"""A deprecated event says when it stops and what replaces it; only deprecated events say so.

Consumers of a deprecated event need two facts to move off it: the ``sunset`` date after which it
is no longer sent, and the event that ``replaced_by`` names. The replacement must be another
event that is not itself deprecated (point to the end of the chain). Conversely, an event whose
``status`` is not ``deprecated`` must not have a ``sunset`` or ``replaced_by``: either it is on
its way out and says so, or the stale fields should go. A ``replaced_by`` that names no event is
reported by ``unresolved-reference``.

Options:

- ``require_replacement``: a deprecated event must name its replacement (default true); turn it
  off if events may be retired without a successor.

Passing example::

    events:
      catalog:
        checkout_completed: {status: deprecated, sunset: 2027-01-01, replaced_by: order_completed}
        order_completed: {status: active}

Failing example (no sunset date)::

    events:
      catalog:
        checkout_completed: {status: deprecated, replaced_by: order_completed}
        order_completed: {status: active}
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from partnerkit.contract.model import Contract, Event
from partnerkit.contract.vocab import EventStatus
from partnerkit.linting.base import Finding
from partnerkit.problem import Level

ID = "deprecated-event"
LEVEL = Level.ERROR
OPTIONS: dict[str, Any] = {"require_replacement": True}

_RETIREMENT_KEYS = ("sunset", "replaced_by")
"""The keys only a deprecated event may have."""


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding for every incomplete or inconsistent deprecation."""
    catalog = contract.catalog
    for name, event in catalog.items():
        if event.status is not EventStatus.DEPRECATED:
            for key in _RETIREMENT_KEYS:
                if event.has(key):
                    yield Finding(
                        event.at(key),
                        f"event {name!r} has {key} but its status is {event.status.value!r};"
                        f" set status: deprecated, or remove {key}",
                        at_key=True,
                    )
            continue
        if not event.has("sunset"):
            yield Finding(
                event.at("status"),
                f"deprecated event {name!r} has no sunset date; add sunset: YYYY-MM-DD, the"
                " date after which it is no longer sent",
            )
        yield from _replacement(event, catalog, required=options["require_replacement"])


def _replacement(
    event: Event, catalog: Mapping[str, Event], *, required: bool
) -> Iterator[Finding]:
    """Report a deprecated event's missing (if ``required``), circular or deprecated successor."""
    name, replacement = event.name, event.replaced_by
    if replacement is None:
        if required:
            yield Finding(
                event.at("status"),
                f"deprecated event {name!r} does not say what replaces it; add replaced_by:"
                " <event>",
            )
        return
    if replacement == name:
        yield Finding(
            event.at("replaced_by"),
            f"deprecated event {name!r} is replaced by itself; name the event that replaces it",
        )
        return
    successor = catalog.get(replacement)
    if successor is not None and successor.status is EventStatus.DEPRECATED:
        after = successor.replaced_by
        hint = f"; point to {after!r}" if after is not None else ""
        yield Finding(
            event.at("replaced_by"),
            f"{name!r} is replaced by {replacement!r}, which is deprecated too{hint}",
        )
