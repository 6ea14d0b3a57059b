"""Personal data goes to a consumer only under an access grant with a purpose and lawful basis.

GDPR Art. 5 and 6: sharing personal data needs a stated purpose and a lawful basis. For every
event that carries personal data (a property, nested or not, whose ``pii`` after resolving
``ref`` is not ``none`` and whose ``handling`` is not ``drop``) and every consumer that is not
the owner's party, ``data_sharing.access`` must hold a grant for that party (``party`` or any
``party/role`` of it) that lists the event or ``"*"``, states a ``purpose``, and has a lawful
basis: its own ``lawful_basis`` or ``data_sharing.lawful_basis``. The finding is reported at the
consumer entry of the event. A consumer that names no known party is left to
``unresolved-reference``.

Options: none.

Passing example::

    parties:
      acme: {}
      globex: {}
    events:
      catalog:
        order_completed:
          owner: globex
          consumers: [acme]
          properties:
            shopper_email: {type: string, pii: direct, handling: sha256}
    data_sharing:
      lawful_basis: legitimate_interest
      access:
        acme-risk: {party: acme, events: [order_completed], purpose: Fraud screening.}

Failing example (the grant to Acme does not cover ``order_completed``)::

    parties:
      acme: {}
      globex: {}
    events:
      catalog:
        order_completed:
          owner: globex
          consumers: [acme]
          properties:
            shopper_email: {type: string, pii: direct, handling: sha256}
        offer_viewed:
          owner: globex
          consumers: [acme]
    data_sharing:
      lawful_basis: legitimate_interest
      access:
        acme-risk: {party: acme, events: [offer_viewed], purpose: Offer analytics.}
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from typing import Any

from partnerkit.contract._legacy import Contract, mapping, text
from partnerkit.contract.model import WILDCARD_EVENTS
from partnerkit.linting.base import Finding
from partnerkit.linting.rules._properties import party_of
from partnerkit.linting.rules._property_schemas import personal_properties, shared_with_others
from partnerkit.problem import Level

ID = "pii-lawful-basis"
LEVEL = Level.ERROR
OPTIONS: dict[str, Any] = {}

Grants = dict[tuple[str, str], list[tuple[str, dict[str, Any]]]]


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding for each consumer of personal data without a complete grant."""
    sharing = contract.section("data_sharing")
    default_basis = text(sharing.get("lawful_basis"))
    grants = _grants_by_party_and_event(mapping(sharing.get("access")))
    for event, definition in contract.events.items():
        definition = mapping(definition)
        consumers = [(i, p) for i, p in shared_with_others(definition) if p in contract.parties]
        uncovered = []
        for index, party in consumers:
            covering = grants.get((party, event), []) + grants.get((party, WILDCARD_EVENTS), [])
            gaps = [(gid, _gaps(grant, default_basis)) for gid, grant in covering]
            if not any(not missing for _, missing in gaps):
                uncovered.append((index, party, gaps))
        if not uncovered:
            continue  # every consumer has a complete grant: no need to look for personal data
        personal = personal_properties(contract, definition)
        if not personal:
            continue
        shown = ", ".join(personal[:3]) + (", …" if len(personal) > 3 else "")
        for index, party, gaps in uncovered:
            path = ("events", "catalog", event, "consumers", index)
            if not gaps:
                yield Finding(
                    path,
                    f"{event!r} carries personal data ({shown}) to {party!r}, but no "
                    f"data_sharing.access grant covers it for {party!r}; add the event to a grant "
                    "with a purpose and a lawful basis",
                )
            else:
                grant_id, missing = gaps[0]
                yield Finding(
                    path,
                    f"{event!r} carries personal data ({shown}) to {party!r}, but its grant "
                    f"{grant_id!r} has no {' and no '.join(missing)}; add them to the grant",
                )


def _grants_by_party_and_event(access: dict[str, Any]) -> Grants:
    """``(party, event or "*")`` -> the grants giving it, in order."""
    index: Grants = defaultdict(list)
    for grant_id, grant in access.items():
        grant = mapping(grant)
        party = party_of(grant.get("party"))
        events = grant.get("events")
        names = [e for e in events if isinstance(e, str)] if isinstance(events, list) else []
        for event in dict.fromkeys(names):
            index[(party, event)].append((grant_id, grant))
    return index


def _gaps(grant: dict[str, Any], default_basis: str) -> list[str]:
    missing = []
    if not text(grant.get("purpose")).strip():
        missing.append("purpose")
    if not (text(grant.get("lawful_basis")) or default_basis):
        missing.append("lawful basis")
    return missing
