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

from partnerkit.contract.model import WILDCARD_EVENTS, AccessGrant, Contract
from partnerkit.linting.base import Finding
from partnerkit.problem import Level

ID = "pii-lawful-basis"
LEVEL = Level.ERROR
OPTIONS: dict[str, Any] = {}

Grants = dict[tuple[str, str], list[AccessGrant]]
"""``(party, event or "*")`` -> the grants giving it, in the order written."""


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding for each consumer of personal data without a complete grant."""
    access = contract.data_sharing.access if contract.data_sharing is not None else {}
    grants = _grants_by_party_and_event(access)
    for name, event in contract.catalog.items():
        uncovered = []
        for consumer in event.shared_with():
            party = consumer.party
            if party not in contract.parties:
                continue
            covering = grants.get((party, name), []) + grants.get((party, WILDCARD_EVENTS), [])
            gaps = [(grant.id, _gaps(grant)) for grant in covering]
            if not any(not missing for _, missing in gaps):
                uncovered.append((consumer, gaps))
        if not uncovered:
            continue  # every consumer has a complete grant: no need to look for personal data
        personal = event.personal_properties()
        if not personal:
            continue
        shown = ", ".join(personal[:3]) + (", …" if len(personal) > 3 else "")
        for consumer, gaps in uncovered:
            party = consumer.party
            if not gaps:
                yield Finding(
                    consumer.path,
                    f"{name!r} carries personal data ({shown}) to {party!r}, but no "
                    f"data_sharing.access grant covers it for {party!r}; add the event to a grant "
                    "with a purpose and a lawful basis",
                )
            else:
                grant_id, missing = gaps[0]
                yield Finding(
                    consumer.path,
                    f"{name!r} carries personal data ({shown}) to {party!r}, but its grant "
                    f"{grant_id!r} has no {' and no '.join(missing)}; add them to the grant",
                )


def _grants_by_party_and_event(access: Mapping[str, AccessGrant]) -> Grants:
    """Index the grants by the party they name and each event they list."""
    index: Grants = defaultdict(list)
    for grant in access.values():
        if grant.party is None:
            continue
        for event in dict.fromkeys(ref.name for ref in grant.events):
            index[(grant.party.party, event)].append(grant)
    return index


def _gaps(grant: AccessGrant) -> list[str]:
    """Return what ``grant`` lacks: a purpose, a lawful basis (its own or the section's)."""
    missing = []
    if not (grant.purpose or "").strip():
        missing.append("purpose")
    if grant.lawful_basis is None:
        missing.append("lawful basis")
    return missing
