"""Shared data has a retention period, and personal data shared with a partner has data_sharing.

GDPR Art. 5(1)(e): data is kept no longer than needed, so a contract that shares data says for
how long the receiving party may keep it: ``data_sharing.retention_days``, or ``retention_days``
on every access grant. When grants set their own and some do not, the grants without one are
reported; otherwise the finding is at ``data_sharing``. A contract whose events carry personal
data to a party other than their owner but that has no ``data_sharing`` section at all is
reported at the top of the file: add ``data_sharing`` with its grants and retention.

Options: none.

Passing example::

    data_sharing:
      delivery: {method: webhook, frequency: realtime}
      retention_days: 395

Failing example (how long may the partner keep the data?)::

    data_sharing:
      delivery: {method: webhook, frequency: realtime}
      access:
        acme-risk: {party: acme, events: ["*"], purpose: Fraud screening.}
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from partnerkit.contract.model import Contract
from partnerkit.linting.base import Finding
from partnerkit.problem import Level

ID = "retention-set"
LEVEL = Level.ERROR
OPTIONS: dict[str, Any] = {}


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding where the retention of shared data is not stated."""
    sharing = contract.data_sharing
    if sharing is None:
        shared = [
            name
            for name, event in contract.catalog.items()
            if event.shared_with() and event.personal_properties()
        ]
        if shared:
            names = ", ".join(map(repr, shared[:3])) + (", …" if len(shared) > 3 else "")
            yield Finding(
                (),
                f"events carry personal data to other parties ({names}) but the contract has no "
                "data_sharing; add data_sharing with access grants and retention_days",
            )
        return
    if sharing.malformed or sharing.retention_days is not None:
        return
    grants = [grant for grant in sharing.access.values() if not grant.malformed]
    lacking = [grant for grant in grants if grant.retention_days is None]
    if lacking and len(lacking) < len(grants):
        for grant in lacking:
            yield Finding(
                grant.path,
                f"grant {grant.id!r} sets no retention_days and data_sharing has no default; "
                "say how long the party may keep the data",
                at_key=True,
            )
    elif lacking or not grants:
        yield Finding(
            sharing.path,
            "data_sharing sets no retention_days; say how long receiving parties may keep the "
            "data (here, or on every access grant)",
            at_key=True,
        )
