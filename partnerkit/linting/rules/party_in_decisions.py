"""Every party has a role in the decision areas' RACI.

A party that is neither responsible, accountable, consulted nor informed anywhere learns about
decisions that bind it only when they take effect. A party counts as present when it, or one of
its contacts (``party/role``), appears in ``responsible``, ``accountable``, ``consulted`` or
``informed``; the escalation ladder does not count, since it only comes into play after a
disagreement. Contracts without ``decision_rights.areas`` are not checked.

By default a party must appear in at least one area. The format reference goes further: every
party should appear in every area, because an area one partner cannot see into is a decision
taken behind its back. Set ``scope`` to ``every-area`` to enforce that.

Options:

- ``scope`` (default ``some-area``): ``some-area`` reports a party absent from all areas (at the
  party); ``every-area`` reports each area a party is absent from (at the area).

Passing example::

    parties:
      acme: {name: Acme GmbH}
      globex: {name: Globex Inc.}
    decision_rights:
      areas:
        event-schema:
          responsible: [acme/data-eng]
          accountable: acme/platform-lead
          informed: [globex]

Failing example (``globex`` has no role in any area)::

    parties:
      acme: {name: Acme GmbH}
      globex: {name: Globex Inc.}
    decision_rights:
      areas:
        event-schema:
          responsible: [acme/data-eng]
          accountable: acme/platform-lead
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from partnerkit.contract.model import Contract
from partnerkit.linting.base import Finding
from partnerkit.problem import Level

ID = "party-in-decisions"
LEVEL = Level.WARNING
OPTIONS: dict[str, Any] = {"scope": "some-area"}
OPTION_CHOICES: dict[str, list[Any]] = {"scope": ["some-area", "every-area"]}


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding for every party missing from the RACI (per the ``scope`` option)."""
    areas = contract.decision_rights.areas if contract.decision_rights is not None else {}
    if not areas:
        return
    present = {area_id: area.parties() for area_id, area in areas.items()}
    if options["scope"] == "every-area":
        for area_id, area in areas.items():
            for party_id in contract.parties:
                if party_id not in present[area_id]:
                    yield Finding(
                        area.path,
                        f"party {party_id!r} has no role in decision area {area_id!r}; add it "
                        "or one of its contacts as responsible, consulted or informed",
                        at_key=True,
                    )
        return
    anywhere: set[str] = set().union(*present.values())
    for party_id, party in contract.parties.items():
        if party_id not in anywhere:
            yield Finding(
                party.path,
                f"party {party_id!r} has no role in any decision area; add it or one of its "
                "contacts to a RACI under decision_rights.areas (informed at least)",
                at_key=True,
            )
