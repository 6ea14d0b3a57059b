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

import difflib
from collections.abc import Iterator, Mapping
from typing import Any

from partnerkit.contract._legacy import Contract
from partnerkit.contract.model import WILDCARD_EVENTS
from partnerkit.contract.refs import RefKind
from partnerkit.linting.base import Finding
from partnerkit.problem import Level

ID = "unresolved-reference"
LEVEL = Level.ERROR
OPTIONS: dict[str, Any] = {}


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding for every reference whose target is not defined."""
    targets: dict[RefKind, set[str]] = {
        RefKind.PARTY: contract.party_refs(),
        RefKind.EVENT: set(contract.events),
        RefKind.METRIC: set(contract.metrics),
        RefKind.HYPOTHESIS: set(contract.hypotheses),
        RefKind.DEFINITION: set(contract.definitions),
    }
    for ref in contract.references:
        if ref.kind is RefKind.PROPERTY:
            if ref.event not in contract.events:
                continue  # the event reference itself is reported
            known = set(contract.event_properties(ref.event))
            if ref.value not in known:
                yield Finding(
                    ref.path,
                    f"property {ref.value!r} is not defined on event {ref.event!r}"
                    + _suggest(ref.value, known),
                    at_key=ref.path[-2] == "where",
                )
            continue
        if ref.kind is RefKind.EVENT and ref.value == WILDCARD_EVENTS:
            continue
        known = targets[ref.kind]
        if ref.kind is RefKind.PARTY and ref.value not in known and "/" in ref.value:
            party, role = ref.value.split("/", 1)
            if party in contract.parties:
                roles = sorted(r.split("/", 1)[1] for r in known if r.startswith(party + "/"))
                yield Finding(
                    ref.path,
                    f"party {ref.value!r} is not defined: {party!r} has no contact role {role!r}"
                    + (f" (roles: {', '.join(roles)})" if roles else " (it lists no contacts)"),
                )
                continue
        if ref.value not in known:
            yield Finding(
                ref.path,
                f"{ref.kind.value} {ref.value!r} is not defined" + _suggest(ref.value, known),
            )


def _suggest(value: str, known: set[str]) -> str:
    close = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""
