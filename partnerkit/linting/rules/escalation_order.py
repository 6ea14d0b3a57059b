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

from partnerkit.contract._legacy import Contract, sequence
from partnerkit.linting.base import Finding
from partnerkit.problem import Level

ID = "escalation-order"
LEVEL = Level.ERROR
OPTIONS: dict[str, Any] = {}


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding for every rung that does not increase or repeats a name."""
    ladder = sequence(contract.section("decision_rights").get("escalation"))
    below: tuple[str, int] | None = None  # (name, days) of the last rung with valid days
    names: set[str] = set()
    for index, rung in enumerate(ladder):
        if not isinstance(rung, dict):
            continue
        path = ("decision_rights", "escalation", index)
        name = rung.get("level")
        shown = repr(name) if isinstance(name, str) else f"#{index + 1}"
        if isinstance(name, str):
            if name in names:
                yield Finding(
                    (*path, "level"),
                    f"escalation rung {name!r} appears twice; give each rung its own name",
                )
            names.add(name)
        days = rung.get("within_days")
        if not isinstance(days, int) or isinstance(days, bool):
            continue
        if below is not None and days <= below[1]:
            yield Finding(
                (*path, "within_days"),
                f"escalation rung {shown} allows {days} days, no more than the rung below it "
                f"({below[0]}, {below[1]} days); give it more than {below[1]}",
            )
        below = (shown, days)
