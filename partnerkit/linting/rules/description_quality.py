"""Events, properties, metrics, decision areas, experiments and incentives have real descriptions.

The description is what the other company reads: a missing one, a placeholder or one that only
repeats the name leaves the meaning to guesswork. A description is required on

- every event (``events.catalog.*``) and every property, nested ones and shared definitions
  included; a property with ``ref`` inherits its definition's description, so only the
  definition needs one;
- every metric, decision area (``decision_rights.areas.*``), experiment and incentive.

It must not be a placeholder (``TODO``, ``TBD``, ``FIXME``, ``TODO: …``, ``description``,
``lorem ipsum``, ``...``, ``n/a``, ``-``, blank; case-insensitive), must not just repeat the name
(``order_id: {description: Order ID}``), and must have at least ``min_words`` words.

Options:

- ``min_words``: the fewest words a description may have (default 2).

Passing example::

    metrics:
      activated_merchants: {description: Merchants who processed their first live payment.}

Failing example (the description repeats the name)::

    metrics:
      activated_merchants: {description: Activated merchants}
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from partnerkit.contract.model import Contract, DecisionArea, Event, Experiment, Incentive, Metric
from partnerkit.linting.base import Finding
from partnerkit.linting.rules._naming import normalize
from partnerkit.problem import JsonPath, Level

ID = "description-quality"
LEVEL = Level.WARNING
OPTIONS: dict[str, Any] = {"min_words": 2}

Described = Event | Metric | DecisionArea | Experiment | Incentive
"""The items that need a description, besides properties."""


def _sections(contract: Contract) -> Iterator[tuple[Mapping[str, Described], str, str]]:
    """Yield where descriptions are required: the items, what they are, what to write."""
    areas = contract.decision_rights.areas if contract.decision_rights is not None else {}
    yield contract.catalog, "event", "when it fires and what it means"
    yield contract.metrics, "metric", "what it measures"
    yield areas, "decision area", "which decisions it covers"
    yield contract.experiments, "experiment", "what is changed, for whom"
    yield contract.incentives, "incentive", "what it is meant to encourage"


_PLACEHOLDER = re.compile(
    r"(?:todo|tbd|tba|fixme|xxx)(?:\s*[:(\-–].*)?|description|lorem ipsum\b.*|n/?a|[.…\-–?\s]*",
    re.IGNORECASE | re.DOTALL,
)
_WORD = re.compile(r"\w+")


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding for every missing, placeholder, name-only or too short description."""
    min_words = options.get("min_words")
    min_words = min_words if isinstance(min_words, int) else 0
    flaws: dict[tuple[str, str], str | None] = {}  # properties recur across events: judge once
    for items, kind, what in _sections(contract):
        for item in items.values():
            if item.malformed:
                continue  # the schema reports it
            written = item.has("description")
            finding = _judge(item.path, written, item.description, kind, what, min_words, flaws)
            if finding:
                yield finding
    what = "what its value means"
    for level, properties in contract.property_levels:
        kind = "property definition" if level == ("events", "definitions") else "property"
        for name, node in properties.items():
            if node.malformed:
                continue  # the schema reports it
            declared = node.declared
            description = declared.description
            if description and flaws.get((description, name), _UNJUDGED) is None:
                continue  # the usual case: a description already judged fine, for this name
            written = "description" in declared.written
            if not written and declared.ref is not None:
                continue  # inherited: the definition is judged, or the ref is unresolved
            finding = _judge(node.path, written, description, kind, what, min_words, flaws)
            if finding:
                yield finding


_UNJUDGED = object()


def _judge(
    path: JsonPath,
    written: bool,
    description: str | None,
    kind: str,
    what: str,
    min_words: int,
    flaws: dict[tuple[str, str], str | None],
) -> Finding | None:
    """Judge the description of the item at ``path``; ``written``: whether the key is written."""
    name = str(path[-1])
    if not written:
        return Finding(path, f"{kind} {name!r} has no description; say {what}", at_key=True)
    if not description:
        return None  # the schema reports a description of the wrong type or an empty one
    key = (description, name)
    if key not in flaws:
        flaws[key] = _flaw(description, name, min_words)
    flaw = flaws[key]
    if flaw is None:
        return None
    return Finding((*path, "description"), f"the description of {kind} {name!r} {flaw} {what}")


def _flaw(description: str, name: str, min_words: int) -> str | None:
    """Return what is wrong with a description, up to "... say"; ``None`` if nothing is."""
    if _PLACEHOLDER.fullmatch(description.strip()):
        return "is a placeholder; say"
    if normalize(description) == normalize(name):
        return "only repeats the name; say"
    words = len(_WORD.findall(description))
    if words < min_words:
        return (
            f"has only {words} word{'s' if words != 1 else ''}; write at least {min_words} that say"
        )
    return None
