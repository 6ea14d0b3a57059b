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

from partnerkit.contract._legacy import Contract, mapping
from partnerkit.linting.base import Finding
from partnerkit.problem import Level

ID = "deprecated-event"
LEVEL = Level.ERROR
OPTIONS: dict[str, Any] = {"require_replacement": True}

_DEPRECATED = "deprecated"


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding for every incomplete or inconsistent deprecation."""
    events = contract.events
    for name, raw in events.items():
        event = mapping(raw)
        path = ("events", "catalog", name)
        status = event.get("status")
        replacement = event.get("replaced_by")
        if status != _DEPRECATED:
            for key in ("sunset", "replaced_by"):
                if key in event:
                    yield Finding(
                        (*path, key),
                        f"event {name!r} has {key} but its status is"
                        f" {status if isinstance(status, str) else 'active'!r};"
                        f" set status: deprecated, or remove {key}",
                        at_key=True,
                    )
            continue
        if "sunset" not in event:
            yield Finding(
                (*path, "status"),
                f"deprecated event {name!r} has no sunset date; add sunset: YYYY-MM-DD, the"
                " date after which it is no longer sent",
            )
        if replacement is None:
            if options.get("require_replacement") is not False:
                yield Finding(
                    (*path, "status"),
                    f"deprecated event {name!r} does not say what replaces it; add replaced_by:"
                    " <event>",
                )
        elif replacement == name:
            yield Finding(
                (*path, "replaced_by"),
                f"deprecated event {name!r} is replaced by itself; name the event that replaces it",
            )
        elif (
            isinstance(replacement, str)
            and mapping(events.get(replacement)).get("status") == _DEPRECATED
        ):
            successor = mapping(events[replacement]).get("replaced_by")
            hint = f"; point to {successor!r}" if isinstance(successor, str) else ""
            yield Finding(
                (*path, "replaced_by"),
                f"{name!r} is replaced by {replacement!r}, which is deprecated too{hint}",
            )
