"""Every party names at least one contact.

A party without contacts cannot be reached when an event breaks, a review is due or a
disagreement escalates, and none of its people can be named in a RACI (``party/role``). The
schema already requires a ``name`` and an ``email`` for each contact that is listed; this rule
requires that ``contacts`` lists at least one. A shared mailbox (``privacy@…``) is fine.

Options: none.

Passing example::

    parties:
      acme:
        name: Acme GmbH
        contacts:
          partnership-lead: {name: Jana Vogel, email: jana.vogel@acme.example}

Failing example (``acme`` lists no contacts)::

    parties:
      acme:
        name: Acme GmbH
        contacts: {}
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from partnerkit.contract.model import Contract
from partnerkit.linting.base import Finding
from partnerkit.problem import Level

ID = "party-contact"
LEVEL = Level.ERROR
OPTIONS: dict[str, Any] = {}

_FIX = "add one under contacts as 'role: {name: …, email: …}'"


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding for every party whose ``contacts`` is missing or empty.

    Parties and ``contacts`` that are not mappings are left to the schema.
    """
    for party_id, party in contract.parties.items():
        if party.malformed:
            continue
        if not party.has("contacts"):
            yield Finding(party.path, f"party {party_id!r} has no contacts; {_FIX}", at_key=True)
        elif party.contacts is not None and not party.contacts:
            yield Finding(party.at("contacts"), f"party {party_id!r} lists no contacts; {_FIX}")
