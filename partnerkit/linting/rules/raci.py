"""Each decision area has exactly one accountable and at least one responsible.

A RACI only settles who decides if one person or party signs off: with two accountables every
disagreement between them is a deadlock, and with none nobody signs off at all. The schema
accepts a list for ``accountable`` so that this rule can say precisely what is wrong; a list of
exactly one entry is fine. An area also needs someone ``responsible`` for doing the work.

The accountable may also be listed as responsible: in a small partnership the person who signs
off often does the work too. Set ``separate_accountable`` to ``true`` to require the two roles
to be held by different people.

Options:

- ``separate_accountable`` (default ``false``): report an accountable who is also responsible.

Passing example::

    decision_rights:
      areas:
        event-schema:
          description: Changes to the shared events.
          responsible: [acme/data-eng, globex/data-eng]
          accountable: acme/platform-lead

Failing example (two accountables)::

    decision_rights:
      areas:
        event-schema:
          description: Changes to the shared events.
          responsible: [acme/data-eng, globex/data-eng]
          accountable: [acme/platform-lead, globex/product-lead]
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from partnerkit.contract._legacy import Contract, mapping
from partnerkit.linting.base import Finding
from partnerkit.problem import Level

ID = "raci"
LEVEL = Level.ERROR
OPTIONS: dict[str, Any] = {"separate_accountable": False}


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding for every decision area without exactly one A and at least one R."""
    areas = mapping(contract.section("decision_rights").get("areas"))
    for area_id, area in areas.items():
        if not isinstance(area, dict):
            continue
        base = ("decision_rights", "areas", area_id)
        accountable = area.get("accountable")
        if accountable is None:
            yield Finding(
                base,
                f"decision area {area_id!r} has no accountable; "
                "add 'accountable:' with the one party or role who signs off",
                at_key=True,
            )
        elif isinstance(accountable, list) and len(accountable) != 1:
            if accountable:
                listed = ", ".join(str(a) for a in accountable)
                message = (
                    f"decision area {area_id!r} has {len(accountable)} accountables ({listed}); "
                    "keep exactly one and make the others responsible or consulted"
                )
            else:
                message = (
                    f"decision area {area_id!r} lists no accountable; "
                    "name the one party or role who signs off"
                )
            yield Finding((*base, "accountable"), message)
        responsible = area.get("responsible")
        if responsible is None:
            yield Finding(
                base,
                f"decision area {area_id!r} has no responsible; "
                "add 'responsible:' with who does the work",
                at_key=True,
            )
        elif isinstance(responsible, list) and not responsible:
            yield Finding(
                (*base, "responsible"),
                f"decision area {area_id!r} lists no responsible; add who does the work",
            )
        if options["separate_accountable"] and isinstance(responsible, list):
            single = accountable
            if isinstance(accountable, list):
                single = accountable[0] if len(accountable) == 1 else None
            if isinstance(single, str) and single in responsible:
                yield Finding(
                    (*base, "responsible", responsible.index(single)),
                    f"{single!r} is accountable for {area_id!r} and also responsible; "
                    "name someone else to do the work",
                )
