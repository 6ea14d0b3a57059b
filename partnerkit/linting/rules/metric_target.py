"""A metric's target lies on the good side of its baseline, and a guardrail starts unbreached.

``direction`` says which way is good: with ``increase`` the ``target`` must be above the
``baseline``, with ``decrease`` below it. A target equal to the baseline, or on the wrong side,
rewards standing still or getting worse; usually the direction or a number is mistyped.

For a guardrail, the ``threshold`` is the worst acceptable value: a baseline already beyond it
(above it for ``decrease``, below it for ``increase``) means the guardrail is breached before
the partnership starts. Metrics without a baseline are not checked; a guardrail without a
threshold is reported by ``guardrail-threshold``.

Options: none.

Passing example::

    metrics:
      activated_merchants: {direction: increase, baseline: 120, target: 180}
      dispute_rate: {kind: guardrail, direction: decrease, baseline: 0.004, threshold: 0.0075}

Failing example (the target is below the baseline of a metric that should increase)::

    metrics:
      activated_merchants: {direction: increase, baseline: 120, target: 100}
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from partnerkit.contract.model import Contract
from partnerkit.contract.vocab import Direction, MetricKind
from partnerkit.linting.base import Finding
from partnerkit.problem import Level

ID = "metric-target"
LEVEL = Level.ERROR
OPTIONS: dict[str, Any] = {}

_GOOD_SIDE = {Direction.INCREASE: "above", Direction.DECREASE: "below"}
"""Where a target lies relative to the baseline, for each direction."""


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding for targets on the wrong side and guardrails breached at baseline."""
    for metric_id, metric in contract.metrics.items():
        direction, baseline = metric.direction, metric.baseline
        if direction is None or baseline is None:
            continue
        target = metric.target
        if target is not None and direction.sign * (target - baseline) <= 0:
            yield Finding(
                metric.at("target"),
                f"target {target} is not {_GOOD_SIDE[direction]} baseline {baseline}, but "
                f"{metric_id!r} should {direction}; fix the target or the direction",
            )
        threshold = metric.threshold
        guardrail = metric.kind is MetricKind.GUARDRAIL
        if guardrail and threshold is not None and direction.sign * (baseline - threshold) < 0:
            yield Finding(
                metric.at("threshold"),
                f"baseline {baseline} is already beyond threshold {threshold} of guardrail "
                f"{metric_id!r} (it should {direction}); fix the threshold or the direction",
            )
