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

from partnerkit.contract._legacy import Contract, mapping, sequence
from partnerkit.linting.base import Finding
from partnerkit.linting.rules._properties import is_number
from partnerkit.problem import JsonPath, Level

ID = "attribution-model"
LEVEL = Level.ERROR
OPTIONS: dict[str, Any] = {"tolerance": 1e-9}

PARAMETERS: dict[str, tuple[str, ...]] = {
    "first_touch": (),
    "last_touch": (),
    "linear": (),
    "time_decay": ("half_life_days",),
    "position_based": ("first", "middle", "last"),
    "w_shaped": ("milestones", "weights"),
    "markov": ("order",),
}
"""Parameters each model reads."""

_OPTIONAL = frozenset({"order"})
_PARAMS: JsonPath = ("attribution", "parameters")


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield findings for missing, unused or inconsistent parameters and the lookback window."""
    attribution = contract.section("attribution")
    if not attribution:
        return
    yield from _lookback(attribution)
    model = attribution.get("model")
    if not isinstance(model, str) or model not in PARAMETERS:
        return  # the schema reports it
    params = mapping(attribution.get("parameters"))
    wanted = PARAMETERS[model]
    for key in params:
        if key not in wanted:
            yield Finding(
                (*_PARAMS, key),
                f"parameter {key!r} is not used by model {model!r}; remove it",
                at_key=True,
                level=Level.WARNING,
            )
    missing = [key for key in wanted if key not in params and key not in _OPTIONAL]
    if missing:
        yield Finding(
            _PARAMS if "parameters" in attribution else ("attribution", "model"),
            f"model {model!r} needs parameters {', '.join(wanted)}; "
            f"add {', '.join(missing)} under attribution.parameters",
            at_key="parameters" in attribution,
        )
    tolerance = float(options["tolerance"])
    if model == "position_based":
        yield from _position_based(params, tolerance)
    elif model == "time_decay":
        half_life = params.get("half_life_days")
        if is_number(half_life) and half_life <= 0:
            yield Finding(
                (*_PARAMS, "half_life_days"),
                f"half_life_days is {half_life}; give a number of days greater than 0",
            )
    elif model == "w_shaped":
        yield from _w_shaped(contract, attribution, params, tolerance)


def _lookback(attribution: dict[str, Any]) -> Iterator[Finding]:
    days = attribution.get("lookback_days")
    if days is None:
        yield Finding(
            ("attribution",),
            "attribution has no lookback_days; add how many days before a conversion a touch "
            "may be to count (e.g. 30)",
            at_key=True,
        )
    elif is_number(days) and days < 1:
        yield Finding(
            ("attribution", "lookback_days"),
            f"lookback_days is {days}; give at least 1 day",
        )


def _position_based(params: dict[str, Any], tolerance: float) -> Iterator[Finding]:
    shares = {key: params.get(key) for key in PARAMETERS["position_based"]}
    for key, share in shares.items():
        if is_number(share) and not 0 <= share <= 1:
            yield Finding((*_PARAMS, key), f"{key} is {share}; a share is between 0 and 1")
    numbers = [share for share in shares.values() if is_number(share)]
    if len(numbers) == len(shares) and abs(sum(numbers) - 1) > tolerance:
        yield Finding(
            _PARAMS,
            f"first + middle + last sum to {sum(numbers):g}, not 1; adjust the shares so the "
            "whole conversion is credited",
        )


def _w_shaped(
    contract: Contract, attribution: dict[str, Any], params: dict[str, Any], tolerance: float
) -> Iterator[Finding]:
    milestones, weights = params.get("milestones"), params.get("weights")
    touchpoints = {
        event
        for event in sequence(mapping(attribution.get("touchpoints")).get("events"))
        if isinstance(event, str)
    }
    if isinstance(milestones, list):
        if not milestones:
            yield Finding(
                (*_PARAMS, "milestones"),
                "w_shaped needs at least one milestone; list the touchpoint events that earn "
                "a fixed weight",
            )
        seen: set[str] = set()
        for index, event in enumerate(milestones):
            if not isinstance(event, str):
                continue
            path = (*_PARAMS, "milestones", index)
            if event in seen:
                yield Finding(path, f"milestone {event!r} is listed twice; list it once")
            elif event in contract.events and touchpoints and event not in touchpoints:
                yield Finding(
                    path,
                    f"milestone {event!r} is not a touchpoint event; add it to "
                    "attribution.touchpoints.events or remove it",
                )
            seen.add(event)
    if not isinstance(weights, list):
        return
    for index, weight in enumerate(weights):
        if is_number(weight) and not 0 <= weight <= 1:
            yield Finding((*_PARAMS, "weights", index), f"weight {weight} is not between 0 and 1")
    if isinstance(milestones, list) and len(weights) != len(milestones):
        yield Finding(
            (*_PARAMS, "weights"),
            f"{len(weights)} weights for {len(milestones)} milestones; "
            "give one weight per milestone, in the same order",
        )
    numbers = [weight for weight in weights if is_number(weight)]
    if sum(numbers) > 1 + tolerance:
        yield Finding(
            (*_PARAMS, "weights"),
            f"weights sum to {sum(numbers):g}, more than 1; lower them so that the milestones "
            "share at most the whole conversion",
        )
