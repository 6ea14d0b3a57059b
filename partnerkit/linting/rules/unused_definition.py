"""Shared property definitions that no event property uses with ``ref``.

A definition in ``events.definitions`` exists to give an id or an amount the same meaning in
every event; one that no property refers to is dead text that readers still have to check. A
definition counts as used when a property of the catalog, at any depth, refers to it with
``ref`` (definitions themselves may not use ``ref``).

Only definitions are reported by default. Metrics are not: every metric is shown on the review
packet's scorecard, so a metric needs no other reference to be useful. Hypotheses are not either:
a hypothesis names its metric, expected change and horizon, so the scorecard tests it even when
no experiment does. Set ``untested_hypotheses`` to ``true`` to also report hypotheses that no
experiment tests, for partnerships that pre-register every hypothesis as an experiment.

Options:

- ``untested_hypotheses`` (default ``false``): also report hypotheses that no experiment names.

Passing example::

    events:
      definitions:
        merchant_id: {type: string, pii: none, description: Id of the merchant.}
      catalog:
        merchant_activated:
          owner: acme
          properties:
            merchant_id: {ref: merchant_id}

Failing example (``order_id`` is defined but no property uses it)::

    events:
      definitions:
        merchant_id: {type: string, pii: none, description: Id of the merchant.}
        order_id: {type: string, pii: none, description: Id of the order.}
      catalog:
        merchant_activated:
          owner: acme
          properties:
            merchant_id: {ref: merchant_id}
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from partnerkit.contract.model import Contract
from partnerkit.contract.refs import RefKind
from partnerkit.linting.base import Finding
from partnerkit.problem import Level

ID = "unused-definition"
LEVEL = Level.INFO
OPTIONS: dict[str, Any] = {"untested_hypotheses": False}


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding for every definition (and, optionally, hypothesis) nothing refers to."""
    references = contract.references
    used = {r.value for r in references if r.kind is RefKind.DEFINITION}
    for name, definition in contract.definitions.items():
        if name not in used:
            yield Finding(
                definition.path,
                f"shared definition {name!r} is not used by any event property; "
                f"use it with 'ref: {name}' or remove it",
                at_key=True,
            )
    if options["untested_hypotheses"]:
        tested = {r.value for r in references if r.kind is RefKind.HYPOTHESIS}
        for hypothesis, entry in contract.hypotheses.items():
            if hypothesis not in tested:
                yield Finding(
                    entry.path,
                    f"hypothesis {hypothesis!r} is not tested by any experiment; "
                    f"pre-register an experiment with 'hypothesis: {hypothesis}'",
                    at_key=True,
                )
