"""Every guardrail metric has a threshold.

A guardrail (``kind: guardrail``) is a metric that must not get worse than an agreed value
while the partnership or an experiment runs: checkout errors, disputes, latency. Without
``threshold`` nobody can say when it is breached, so it guards nothing. The schema leaves
``threshold`` optional because only guardrails need it.

Options: none.

Passing example::

    metrics:
      dispute_rate: {kind: guardrail, direction: decrease, baseline: 0.004, threshold: 0.0075}

Failing example::

    metrics:
      dispute_rate: {kind: guardrail, direction: decrease, baseline: 0.004}
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from partnerkit.contract.model import Contract
from partnerkit.contract.vocab import MetricKind
from partnerkit.linting.base import Finding
from partnerkit.problem import Level

ID = "guardrail-threshold"
LEVEL = Level.ERROR
OPTIONS: dict[str, Any] = {}


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding for every guardrail metric without ``threshold``."""
    for metric_id, metric in contract.metrics.items():
        if metric.kind is MetricKind.GUARDRAIL and metric.threshold is None:
            yield Finding(
                metric.path,
                f"guardrail {metric_id!r} has no threshold; add 'threshold:' with the worst "
                "acceptable value per period",
                at_key=True,
            )
