"""A contract in pilot describes the pilot: its scope, start and end.

While ``status`` is ``pilot`` the partners are trying the integration on a limited scope, and
the review packet judges the pilot against its success criteria; without ``objective.pilot``
nobody can tell what the pilot covers or when it ends. The schema requires ``scope``, ``start``
and ``end`` once ``objective.pilot`` is written; this rule requires it to be written. After the
pilot, ``objective.pilot`` may stay as a record of what was agreed.

Options: none.

Passing example::

    status: pilot
    objective:
      statement: Grow activated merchants through the embedded checkout.
      pilot:
        scope: Merchants in Germany who sign up through Globex.
        start: 2026-01-15
        end: 2026-04-15

Failing example (in pilot, but no pilot is described)::

    status: pilot
    objective:
      statement: Grow activated merchants through the embedded checkout.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from partnerkit.contract.model import Contract
from partnerkit.contract.vocab import Status
from partnerkit.linting.base import Finding
from partnerkit.problem import Level

ID = "pilot-scope"
LEVEL = Level.ERROR
OPTIONS: dict[str, Any] = {}


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding when the status is ``pilot`` and ``objective.pilot`` is missing."""
    if contract.header.status is not Status.PILOT:
        return
    if contract.objective is not None and contract.objective.pilot is not None:
        return
    yield Finding(
        contract.header.at("status"),
        "the contract is in pilot but describes no pilot; add objective.pilot with its scope, "
        "start and end (and success_criteria)",
    )
