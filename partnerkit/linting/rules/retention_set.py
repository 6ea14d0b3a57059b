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

from partnerkit.contract._legacy import Contract, mapping
from partnerkit.linting.base import Finding
from partnerkit.linting.rules._property_schemas import personal_properties, shared_with_others
from partnerkit.problem import Level

ID = "retention-set"
LEVEL = Level.ERROR
OPTIONS: dict[str, Any] = {}


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding where the retention of shared data is not stated."""
    sharing = contract.data.get("data_sharing")
    if sharing is None:
        shared = [
            event
            for event, definition in contract.events.items()
            if shared_with_others(mapping(definition))
            and personal_properties(contract, mapping(definition))
        ]
        if shared:
            names = ", ".join(map(repr, shared[:3])) + (", …" if len(shared) > 3 else "")
            yield Finding(
                (),
                f"events carry personal data to other parties ({names}) but the contract has no "
                "data_sharing; add data_sharing with access grants and retention_days",
            )
        return
    if not isinstance(sharing, dict) or "retention_days" in sharing:
        return
    grants = {gid: g for gid, g in mapping(sharing.get("access")).items() if isinstance(g, dict)}
    lacking = [gid for gid, grant in grants.items() if "retention_days" not in grant]
    if lacking and len(lacking) < len(grants):
        for grant_id in lacking:
            yield Finding(
                ("data_sharing", "access", grant_id),
                f"grant {grant_id!r} sets no retention_days and data_sharing has no default; "
                "say how long the party may keep the data",
                at_key=True,
            )
    elif lacking or not grants:
        yield Finding(
            ("data_sharing",),
            "data_sharing sets no retention_days; say how long receiving parties may keep the "
            "data (here, or on every access grant)",
            at_key=True,
        )
