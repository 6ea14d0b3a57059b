"""Experiments are pre-registered: a primary metric, a success threshold and their dates.

An experiment convinces both partners only if what counts as success was written down before
the data came in. Each experiment in ``experiments`` therefore needs:

- a ``primary_metric``, the one metric that decides it;
- ``success`` with ``min_change``, judged on the primary metric (a success judged on another
  metric moves the goalposts; guardrail metrics must not degrade, they do not decide);
- a ``min_change`` that points the good way for the metric's ``direction`` (positive for
  ``increase``, negative for ``decrease``) and is at least the ``minimum_detectable_effect``,
  which is all the design can detect;
- ``start`` and ``end`` once its ``status`` is ``running`` or ``concluded``.

Options: none.

Passing example::

    metrics:
      activated_merchants: {direction: increase}
    experiments:
      exp-inline:
        design: ab
        hypothesis: h-lift
        primary_metric: activated_merchants
        success: {metric: activated_merchants, min_change: 0.05}
        status: planned

Failing example (no success threshold, and a concluded experiment without dates)::

    experiments:
      exp-inline:
        design: ab
        hypothesis: h-lift
        primary_metric: activated_merchants
        status: concluded
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from partnerkit.contract._legacy import Contract, mapping
from partnerkit.linting.base import Finding
from partnerkit.linting.rules._properties import is_number
from partnerkit.problem import JsonPath, Level

ID = "experiment-design"
LEVEL = Level.ERROR
OPTIONS: dict[str, Any] = {}

_DATED = ("running", "concluded")


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding for every gap in an experiment's pre-registration."""
    for experiment_id, experiment in contract.experiments.items():
        if not isinstance(experiment, dict):
            continue
        base: JsonPath = ("experiments", experiment_id)
        if experiment.get("primary_metric") is None:
            yield Finding(
                base,
                f"experiment {experiment_id!r} has no primary_metric; add the one metric that "
                "decides it",
                at_key=True,
            )
        success = experiment.get("success")
        if success is None:
            yield Finding(
                base,
                f"experiment {experiment_id!r} has no predefined success threshold; add "
                "'success: {metric: …, min_change: …}' before it starts",
                at_key=True,
            )
        elif isinstance(success, dict):
            yield from _success(contract, experiment, success, (*base, "success"))
        status = experiment.get("status")
        missing = [key for key in ("start", "end") if experiment.get(key) is None]
        if status in _DATED and missing:
            yield Finding(
                (*base, "status"),
                f"experiment {experiment_id!r} is {status} but has no {' or '.join(missing)}; "
                f"add {' and '.join(missing)}",
            )


def _success(
    contract: Contract, experiment: dict[str, Any], success: dict[str, Any], path: JsonPath
) -> Iterator[Finding]:
    metric, primary = success.get("metric"), experiment.get("primary_metric")
    metric = metric if isinstance(metric, str) else None
    if metric and isinstance(primary, str) and metric != primary:
        yield Finding(
            (*path, "metric"),
            f"success is judged on {metric!r} but the primary metric is {primary!r}; judge "
            "success on the primary metric",
        )
    change = success.get("min_change")
    if change is None:
        yield Finding(
            path,
            "success has no min_change; write down the relative change that counts as success",
        )
        return
    direction = mapping(contract.metrics.get(metric)).get("direction") if metric else None
    if not is_number(change) or direction not in ("increase", "decrease"):
        return
    if (change <= 0) if direction == "increase" else (change >= 0):
        sign = "positive" if direction == "increase" else "negative"
        yield Finding(
            (*path, "min_change"),
            f"min_change {change} counts no change or a change the wrong way as success, but "
            f"{metric!r} should {direction}; make it {sign}",
        )
        return
    effect = experiment.get("minimum_detectable_effect")
    if is_number(effect) and abs(change) < effect:
        yield Finding(
            (*path, "min_change"),
            f"min_change {change} is smaller than the minimum detectable effect {effect}, so the "
            "design cannot detect it; raise min_change or design for a smaller effect",
        )
