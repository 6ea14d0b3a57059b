"""Attribution parameters fit the model, and the lookback window is set.

What ``attribution.parameters`` must hold depends on ``model``:

- ``position_based``: ``first``, ``middle`` and ``last``, each between 0 and 1, summing to 1
  (within ``tolerance``), so that the whole conversion is credited.
- ``time_decay``: ``half_life_days`` greater than 0.
- ``w_shaped``: ``milestones``, at least one touchpoint event (each listed in
  ``touchpoints.events``, none twice), and ``weights``, one per milestone in the same order, each
  between 0 and 1, summing to at most 1 (the rest goes to the other touches). One milestone is
  allowed: the classic W uses three, but the format fixes no number.
- ``first_touch``, ``last_touch``, ``linear``: no parameters; ``markov``: only ``order``.

A parameter the model does not use is reported as a warning: it does nothing, and it usually
means the model was changed and the parameters were not. ``lookback_days`` is required and must
be at least 1: without it, touches of any age would earn credit. Parameter types, and
``rounding.precision`` > 0, are checked by the schema.

Options:

- ``tolerance`` (default ``1e-9``): how far shares may be from summing to 1 (binary fractions
  such as 0.1 + 0.2 are not exact).

Passing example::

    attribution:
      model: position_based
      parameters: {first: 0.4, middle: 0.2, last: 0.4}
      lookback_days: 30

Failing example (the shares sum to 1.1)::

    attribution:
      model: position_based
      parameters: {first: 0.4, middle: 0.2, last: 0.5}
      lookback_days: 30
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from partnerkit.contract.model import Attribution, Contract, Parameters
from partnerkit.contract.vocab import ATTRIBUTION_PARAMETERS, OPTIONAL_PARAMETERS, AttributionModel
from partnerkit.linting.base import Finding
from partnerkit.problem import Level

ID = "attribution-model"
LEVEL = Level.ERROR
OPTIONS: dict[str, Any] = {"tolerance": 1e-9}


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield findings for missing, unused or inconsistent parameters and the lookback window."""
    attribution = contract.attribution
    if attribution is None or not attribution.written:
        return
    yield from _lookback(attribution)
    model = attribution.model
    if model is None:
        return  # the schema reports it
    params = attribution.parameters
    wanted = ATTRIBUTION_PARAMETERS[model]
    for key in sorted(params.written - set(wanted)):
        yield Finding(
            params.at(key),
            f"parameter {key!r} is not used by model {model.value!r}; remove it",
            at_key=True,
            level=Level.WARNING,
        )
    missing = [key for key in wanted if not params.has(key) and key not in OPTIONAL_PARAMETERS]
    if missing:
        written = attribution.has("parameters")
        yield Finding(
            params.path if written else attribution.at("model"),
            f"model {model.value!r} needs parameters {', '.join(wanted)}; "
            f"add {', '.join(missing)} under attribution.parameters",
            at_key=written,
        )
    tolerance = float(options["tolerance"])
    if model is AttributionModel.POSITION_BASED:
        yield from _position_based(params, tolerance)
    elif model is AttributionModel.TIME_DECAY:
        half_life = params.half_life_days
        if half_life is not None and half_life <= 0:
            yield Finding(
                params.at("half_life_days"),
                f"half_life_days is {half_life}; give a number of days greater than 0",
            )
    elif model is AttributionModel.W_SHAPED:
        yield from _w_shaped(contract, attribution, tolerance)


def _lookback(attribution: Attribution) -> Iterator[Finding]:
    """Report a missing lookback window, or one shorter than a day."""
    days = attribution.lookback_days
    if not attribution.has("lookback_days"):
        yield Finding(
            attribution.path,
            "attribution has no lookback_days; add how many days before a conversion a touch "
            "may be to count (e.g. 30)",
            at_key=True,
        )
    elif days is not None and days < 1:
        yield Finding(
            attribution.at("lookback_days"),
            f"lookback_days is {days}; give at least 1 day",
        )


def _position_based(params: Parameters, tolerance: float) -> Iterator[Finding]:
    """Report shares outside 0..1, and shares that do not sum to 1."""
    shares = {"first": params.first, "middle": params.middle, "last": params.last}
    for key, share in shares.items():
        if share is not None and not 0 <= share <= 1:
            yield Finding(params.at(key), f"{key} is {share}; a share is between 0 and 1")
    numbers = [share for share in shares.values() if share is not None]
    if len(numbers) == len(shares) and abs(sum(numbers) - 1) > tolerance:
        yield Finding(
            params.path,
            f"first + middle + last sum to {sum(numbers):g}, not 1; adjust the shares so the "
            "whole conversion is credited",
        )


def _w_shaped(contract: Contract, attribution: Attribution, tolerance: float) -> Iterator[Finding]:
    """Report milestones that are no touchpoints or repeat, and weights that do not fit them."""
    params = attribution.parameters
    milestones, weights = params.milestones, params.weights
    touches = attribution.touchpoints
    touchpoints = {ref.name for ref in touches.events} if touches is not None else set()
    if milestones is not None:
        if not milestones:
            yield Finding(
                params.at("milestones"),
                "w_shaped needs at least one milestone; list the touchpoint events that earn "
                "a fixed weight",
            )
        seen: set[str] = set()
        for milestone in milestones:
            event = milestone.name
            if event in seen:
                yield Finding(milestone.path, f"milestone {event!r} is listed twice; list it once")
            elif event in contract.catalog and touchpoints and event not in touchpoints:
                yield Finding(
                    milestone.path,
                    f"milestone {event!r} is not a touchpoint event; add it to "
                    "attribution.touchpoints.events or remove it",
                )
            seen.add(event)
    if weights is None:
        return
    for index, weight in enumerate(weights):
        if weight is not None and not 0 <= weight <= 1:
            yield Finding((*params.at("weights"), index), f"weight {weight} is not between 0 and 1")
    if milestones is not None and len(weights) != len(milestones):
        yield Finding(
            params.at("weights"),
            f"{len(weights)} weights for {len(milestones)} milestones; "
            "give one weight per milestone, in the same order",
        )
    numbers = [weight for weight in weights if weight is not None]
    if sum(numbers) > 1 + tolerance:
        yield Finding(
            params.at("weights"),
            f"weights sum to {sum(numbers):g}, more than 1; lower them so that the milestones "
            "share at most the whole conversion",
        )
