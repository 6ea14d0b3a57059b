"""Every reference to a party, role, event, metric, hypothesis or definition must resolve.

Parties are referred to as ``party`` or ``party/role`` (a key of the party's ``contacts``); events
by their catalog name; metrics, hypotheses and shared property definitions by id; metric filters
and attribution values by a property of the event they are computed from. A reference that does
not resolve is a broken agreement: nobody owns the metric, nobody receives the event.

Options: none.

Passing example::

    parties:
      acme: {name: Acme GmbH, contacts: {lead: {name: Jo, email: jo@acme.example}}}
    metrics:
      signups: {owner: acme/lead}

Failing example (``acme/cfo`` is not a contact role of ``acme``)::

    parties:
      acme: {name: Acme GmbH, contacts: {lead: {name: Jo, email: jo@acme.example}}}
    metrics:
      signups: {owner: acme/cfo}
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Set
from typing import Any

from partnerkit.contract.model import WILDCARD_EVENTS, Contract
from partnerkit.contract.refs import RefKind
from partnerkit.linting.base import Finding
from partnerkit.problem import Level
from partnerkit.text import did_you_mean

ID = "unresolved-reference"
LEVEL = Level.ERROR
OPTIONS: dict[str, Any] = {}


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding for every reference whose target is not defined."""
    targets: dict[RefKind, Set[str]] = {
        RefKind.PARTY: contract.party_refs,
        RefKind.EVENT: contract.catalog.keys(),
        RefKind.METRIC: contract.metrics.keys(),
        RefKind.HYPOTHESIS: contract.hypotheses.keys(),
        RefKind.DEFINITION: contract.definitions.keys(),
    }
    for ref in contract.references:
        if ref.kind is RefKind.PROPERTY:
            event = contract.catalog.get(ref.event) if ref.event is not None else None
            if event is None:
                continue  # the event reference itself is reported
            if ref.value not in event.properties:
                yield Finding(
                    ref.path,
                    f"property {ref.value!r} is not defined on event {ref.event!r}"
                    + _suggest(ref.value, event.properties),
                    at_key=ref.path[-2] == "where",
                )
            continue
        if ref.kind is RefKind.EVENT and ref.value == WILDCARD_EVENTS:
            continue
        known = targets[ref.kind]
        if ref.kind is RefKind.PARTY and ref.value not in known and "/" in ref.value:
            party_id, _, role = ref.value.partition("/")
            party = contract.parties.get(party_id)
            if party is not None:
                roles = sorted(party.contacts or {})
                yield Finding(
                    ref.path,
                    f"party {ref.value!r} is not defined: {party_id!r} has no contact role"
                    f" {role!r}"
                    + (f" (roles: {', '.join(roles)})" if roles else " (it lists no contacts)"),
                )
                continue
        if ref.value not in known:
            yield Finding(
                ref.path,
                f"{ref.kind.value} {ref.value!r} is not defined" + _suggest(ref.value, known),
            )


def _suggest(value: str, known: Iterable[str]) -> str:
    """Return ``; did you mean 'x'?`` for the closest of ``known``, or ``''``."""
    suggestion = did_you_mean(value, known)
    return f"; {suggestion}" if suggestion else ""
