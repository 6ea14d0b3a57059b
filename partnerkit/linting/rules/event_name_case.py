"""Event names are written in one case: the convention's, or the one most names already use.

A catalog that mixes ``order_completed`` and ``orderCompleted`` makes every consumer guess, and
most analytics tools treat the two as different events. The case is ``snake_case``
(``order_completed``), ``camelCase`` (``orderCompleted``), ``PascalCase`` (``OrderCompleted``),
``title_case`` (``Order Completed``; short words such as ``to`` may stay lowercase:
``Product Added to Cart``) or ``kebab-case`` (``order-completed``). ``consistent`` accepts any
of them as long as the catalog agrees: the case most event names use wins, and the others are
reported.

The namespace (``events.conventions.namespace``) and a reserved prefix such as ``$`` are not
part of the check: ``event-name-structure`` judges those.

Options:

- ``case``: ``conventions`` (default: ``events.conventions.event_case``, or ``consistent`` when
  the contract does not say), or one of ``snake_case``, ``camelCase``, ``PascalCase``,
  ``title_case``, ``kebab-case``, ``consistent``.

Passing example::

    events:
      conventions: {event_case: snake_case}
      catalog:
        order_completed: {owner: acme}
        checkout_started: {owner: acme}

Failing example (``orderCompleted`` is camelCase)::

    events:
      conventions: {event_case: snake_case}
      catalog:
        orderCompleted: {owner: acme}
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from partnerkit.contract.model import Contract
from partnerkit.contract.vocab import Case
from partnerkit.linting.base import Finding
from partnerkit.linting.rules._naming import (
    CASE_CHOICES,
    case_of,
    majority_case,
    matches_case,
    option_or_convention,
    reserved_prefix,
    split_words,
    to_case,
)
from partnerkit.problem import Level

ID = "event-name-case"
LEVEL = Level.ERROR
OPTIONS: dict[str, Any] = {"case": "conventions"}
OPTION_CHOICES: dict[str, list[Any]] = {"case": CASE_CHOICES}


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding for every event name that is not in the expected case."""
    conventions = contract.conventions
    namespace, prefixes = conventions.namespace, conventions.reserved_prefixes
    cores = {name: _split_core(name, namespace, prefixes) for name in contract.catalog}
    case = option_or_convention(options.get("case"), conventions.event_case)
    majority = case is Case.CONSISTENT
    if majority:
        found = majority_case(core for _, core in cores.values() if core)
        if found is None:
            return
        case = Case(found)
    for name, (prefix, core) in cores.items():
        if not core or matches_case(core, case):
            continue
        actual = case_of(core)
        what = f"is {actual}" if actual else "is in no recognised case"
        why = f"most event names are {case}" if majority else f"the convention is {case}"
        words = split_words(core)
        fix = f"; rename it to {prefix + to_case(words, case)!r}" if words else ""
        yield Finding(
            ("events", "catalog", name), f"event name {name!r} {what} but {why}{fix}", at_key=True
        )


def _split_core(name: str, namespace: str, prefixes: tuple[str, ...]) -> tuple[str, str]:
    """Split ``name`` into the prefix the case check skips and the rest."""
    prefix = namespace if namespace and name.startswith(namespace) else ""
    reserved = reserved_prefix(name[len(prefix) :], prefixes) or ""
    prefix += reserved
    return prefix, name[len(prefix) :]
