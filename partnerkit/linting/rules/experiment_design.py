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

from partnerkit.contract.model import Contract, Experiment, Success
from partnerkit.contract.vocab import Direction, ExperimentStatus
from partnerkit.linting.base import Finding
from partnerkit.problem import Level

ID = "experiment-design"
LEVEL = Level.ERROR
OPTIONS: dict[str, Any] = {}

_DATED = (ExperimentStatus.RUNNING, ExperimentStatus.CONCLUDED)
"""Statuses in which an experiment has (at least) started, so its dates are known."""


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding for every gap in an experiment's pre-registration.

    What is not written is missing; a value written with the wrong type is the schema's.
    """
    for experiment_id, experiment in contract.experiments.items():
        if experiment.malformed:
            continue
        if not experiment.has("primary_metric"):
            yield Finding(
                experiment.path,
                f"experiment {experiment_id!r} has no primary_metric; add the one metric that "
                "decides it",
                at_key=True,
            )
        if not experiment.has("success"):
            yield Finding(
                experiment.path,
                f"experiment {experiment_id!r} has no predefined success threshold; add "
                "'success: {metric: …, min_change: …}' before it starts",
                at_key=True,
            )
        elif experiment.success is not None:
            yield from _success(contract, experiment, experiment.success)
        missing = [key for key in ("start", "end") if not experiment.has(key)]
        if experiment.status in _DATED and missing:
            yield Finding(
                experiment.at("status"),
                f"experiment {experiment_id!r} is {experiment.status} but has no "
                f"{' or '.join(missing)}; add {' and '.join(missing)}",
            )


def _success(contract: Contract, experiment: Experiment, success: Success) -> Iterator[Finding]:
    """Report a success judged off the primary metric, or a ``min_change`` that cannot judge."""
    metric, primary = success.metric, experiment.primary_metric
    if metric and primary is not None and metric != primary:
        yield Finding(
            success.at("metric"),
            f"success is judged on {metric!r} but the primary metric is {primary!r}; judge "
            "success on the primary metric",
        )
    if not success.has("min_change"):
        yield Finding(
            success.path,
            "success has no min_change; write down the relative change that counts as success",
        )
        return
    judged = contract.metrics[metric] if metric and metric in contract.metrics else None
    change = success.min_change
    direction = judged.direction if judged is not None else None
    if change is None or direction is None:
        return
    if direction.sign * change <= 0:
        sign = "positive" if direction is Direction.INCREASE else "negative"
        yield Finding(
            success.at("min_change"),
            f"min_change {change} counts no change or a change the wrong way as success, but "
            f"{metric!r} should {direction}; make it {sign}",
        )
        return
    effect = experiment.minimum_detectable_effect
    if effect is not None and abs(change) < effect:
        yield Finding(
            success.at("min_change"),
            f"min_change {change} is smaller than the minimum detectable effect {effect}, so the "
            "design cannot detect it; raise min_change or design for a smaller effect",
        )
