"""A party's incentives reward more than acquisition: retention, volume or revenue too.

An incentive paid only on sign-ups or activations pays a partner for users who leave the next
month, and invites pushing the offer at anyone. So each party that has incentives should have at
least one on a metric that is not about acquisition. The rule groups ``incentives`` by party
(``globex/sales`` counts for ``globex``) and warns at the party's first incentive when every one
of them points at an acquisition metric.

A metric is classified by the words of its id, its ``description`` and the names of the events
its definition reads (split at ``_``, ``-``, spaces and camelCase; a trailing ``s`` is allowed):
it is an acquisition metric if it contains one of ``acquisition_words`` and none of
``retention_words``. Metrics that contain neither, such as processed volume, are durable enough.
Multi-word entries (``trial_started``) match those words in sequence.

Options:

- ``acquisition_words`` (default: signup, sign_up, signed_up, registered, registration, acquired,
  acquisition, activated, activation, install, installed, new, lead, trial_started, onboarded):
  words that mark an acquisition metric.
- ``retention_words`` (default: retained, retention, churn, churned, renewal, renewed, repeat,
  recurring, returning, reactivated, active_30d, active_90d, lifetime, ltv): words that mark a
  retention metric; they win over acquisition words.

Passing example::

    metrics:
      activated_merchants: {description: Merchants who went live with Acme.}
      retained_merchants_90d: {description: Merchants whose subscription renewed.}
    incentives:
      globex-activation-bonus: {party: globex, metric: activated_merchants}
      globex-retention-bonus: {party: globex, metric: retained_merchants_90d}

Failing example (``globex`` is paid on activations only)::

    metrics:
      activated_merchants: {description: Merchants who went live with Acme.}
    incentives:
      globex-activation-bonus: {party: globex, metric: activated_merchants}
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from partnerkit.contract.model import Contract, Metric
from partnerkit.linting.base import Finding
from partnerkit.problem import Level

ID = "incentive-durability"
LEVEL = Level.WARNING
OPTIONS: dict[str, Any] = {
    "acquisition_words": [
        "signup",
        "sign_up",
        "signed_up",
        "registered",
        "registration",
        "acquired",
        "acquisition",
        "activated",
        "activation",
        "install",
        "installed",
        "new",
        "lead",
        "trial_started",
        "onboarded",
    ],
    "retention_words": [
        "retained",
        "retention",
        "churn",
        "churned",
        "renewal",
        "renewed",
        "repeat",
        "recurring",
        "returning",
        "reactivated",
        "active_30d",
        "active_90d",
        "lifetime",
        "ltv",
    ],
}

_CAMEL = re.compile(r"([a-z0-9])([A-Z])")
_WORD = re.compile(r"[a-z0-9]+")


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a warning for each party whose incentives all reward acquisition metrics."""
    acquisition = _matcher(options["acquisition_words"])
    retention = _matcher(options["retention_words"])
    by_party: dict[str, list[tuple[str, str]]] = {}
    for incentive_id, incentive in contract.incentives.items():
        metric = incentive.metric
        party = incentive.party.party if incentive.party is not None else ""
        if party and metric is not None and metric in contract.metrics:
            by_party.setdefault(party, []).append((incentive_id, metric))
    for party, incentives in by_party.items():
        metrics = list(dict.fromkeys(metric for _, metric in incentives))
        words = {metric: _words(contract.metrics[metric]) for metric in metrics}
        if all(acquisition(w) and not retention(w) for w in words.values()):
            yield Finding(
                contract.incentives[incentives[0][0]].path,
                f"every incentive of {party!r} rewards acquisition ({', '.join(metrics)}); "
                "reward retention, not only new users: add one on a retention or volume metric",
                at_key=True,
            )


def _words(metric: Metric) -> str:
    """Return the metric's id, description and the events its definition reads, normalised."""
    events = metric.definition.events() if metric.definition is not None else []
    return _normalise(" ".join([metric.id, metric.description or "", *events]))


def _normalise(value: str) -> str:
    return " ".join(_WORD.findall(_CAMEL.sub(r"\1 \2", value).lower()))


def _matcher(words: Iterable[Any]) -> Callable[[str], bool]:
    """Return a test of whether a normalised text contains one of ``words`` (or its plural)."""
    phrases = [_normalise(w) for w in words if isinstance(w, str) and _normalise(w)]
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, phrases)) + r")s?\b")
    return lambda normalised: bool(phrases) and pattern.search(normalised) is not None
