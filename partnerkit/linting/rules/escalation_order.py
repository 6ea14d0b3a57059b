"""Escalation rungs give strictly more time as they go up, and have distinct names.

``within_days`` counts from the day an issue was raised, so each rung of
``decision_rights.escalation`` must allow more days than the rung below it: a rung with the
same or fewer days would already be out of time when the issue reaches it. The rung that does
not increase is reported, at its ``within_days``. Rung names (``level``) must be distinct so
that "escalate to partnership-leads" names one rung.

Options: none.

Passing example::

    decision_rights:
      escalation:
        - {level: working-team, parties: [acme/data-eng], within_days: 5}
        - {level: partnership-leads, parties: [acme/partnership-lead], within_days: 10}

Failing example (the second rung gets no more time than the first)::

    decision_rights:
      escalation:
        - {level: working-team, parties: [acme/data-eng], within_days: 10}
        - {level: partnership-leads, parties: [acme/partnership-lead], within_days: 10}
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from partnerkit.contract.model import Contract
from partnerkit.linting.base import Finding
from partnerkit.problem import Level

ID = "escalation-order"
LEVEL = Level.ERROR
OPTIONS: dict[str, Any] = {}


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding for every rung that does not increase or repeats a name."""
    ladder = contract.decision_rights.escalation if contract.decision_rights is not None else ()
    below: tuple[str, int] | None = None  # (name, days) of the last rung with valid days
    names: set[str] = set()
    for rung in ladder:
        name = rung.level
        shown = repr(name) if name is not None else f"#{rung.index + 1}"
        if name is not None:
            if name in names:
                yield Finding(
                    rung.at("level"),
                    f"escalation rung {name!r} appears twice; give each rung its own name",
                )
            names.add(name)
        days = rung.within_days
        if days is None:
            continue
        if below is not None and days <= below[1]:
            yield Finding(
                rung.at("within_days"),
                f"escalation rung {shown} allows {days} days, no more than the rung below it "
                f"({below[0]}, {below[1]} days); give it more than {below[1]}",
            )
        below = (shown, days)
