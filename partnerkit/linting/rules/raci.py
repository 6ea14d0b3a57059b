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

from partnerkit.contract.model import Contract, DecisionArea
from partnerkit.linting.base import Finding
from partnerkit.problem import Level

ID = "raci"
LEVEL = Level.ERROR
OPTIONS: dict[str, Any] = {"separate_accountable": False}


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding for every decision area without exactly one A and at least one R.

    Areas, and RACI keys, written with a value of the wrong type are left to the schema.
    """
    areas = contract.decision_rights.areas if contract.decision_rights is not None else {}
    for area in areas.values():
        if area.malformed:
            continue
        yield from _accountable(area)
        yield from _responsible(area)
        if options["separate_accountable"]:
            yield from _accountable_responsible(area)


def _accountable(area: DecisionArea) -> Iterator[Finding]:
    """Report an area without an accountable, or with a list of other than one."""
    accountable = area.accountable
    if not area.has("accountable"):
        yield Finding(
            area.path,
            f"decision area {area.id!r} has no accountable; "
            "add 'accountable:' with the one party or role who signs off",
            at_key=True,
        )
    elif accountable is not None and len(accountable) != 1:
        if accountable:
            listed = ", ".join(ref.text for ref in accountable)
            message = (
                f"decision area {area.id!r} has {len(accountable)} accountables ({listed}); "
                "keep exactly one and make the others responsible or consulted"
            )
        else:
            message = (
                f"decision area {area.id!r} lists no accountable; "
                "name the one party or role who signs off"
            )
        yield Finding(area.at("accountable"), message)


def _responsible(area: DecisionArea) -> Iterator[Finding]:
    """Report an area without a responsible, or with an empty list of them."""
    if not area.has("responsible"):
        yield Finding(
            area.path,
            f"decision area {area.id!r} has no responsible; "
            "add 'responsible:' with who does the work",
            at_key=True,
        )
    elif area.responsible is not None and not area.responsible:
        yield Finding(
            area.at("responsible"),
            f"decision area {area.id!r} lists no responsible; add who does the work",
        )


def _accountable_responsible(area: DecisionArea) -> Iterator[Finding]:
    """Report the one accountable where it is also listed as responsible."""
    if area.accountable is None or len(area.accountable) != 1:
        return
    single = area.accountable[0].text
    listed = next((ref for ref in area.responsible or () if ref.text == single), None)
    if listed is not None:
        yield Finding(
            listed.path,
            f"{single!r} is accountable for {area.id!r} and also responsible; "
            "name someone else to do the work",
        )
