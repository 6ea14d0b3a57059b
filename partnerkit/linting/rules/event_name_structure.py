"""Event names follow the agreed structure: namespace, object and action, no blocked words.

``events.conventions`` describes the structure and this rule holds every event name to it:

- ``structure``: ``object_action`` (``checkout_completed``: the thing, then what happened to it),
  ``action_object`` (``completed_checkout``) or ``none``. With a list of ``actions`` the action
  word must be one of them (an action may have several words: ``signed_up``); without one, a
  name needs at least two words (an object and an action).
- ``blocked_words``: words no name may contain (``test``, ``tmp``), matched as whole words:
  ``test`` blocks ``test_order_completed`` but not ``contest_entered``.
- ``namespace``: a prefix every event name starts with (``acme_``).
- ``reserved_prefixes``: prefixes analytics tools reserve for their own events (default ``$``
  and ``_``, as in ``$pageview``).

Names are split into words whatever their case, so the rule works for ``Checkout Completed`` and
``checkoutCompleted`` alike; words are compared case-insensitively.

Options:

- ``structure``: ``conventions`` (default: ``events.conventions.structure``, else
  ``object_action``), ``object_action``, ``action_object`` or ``none``.
- ``actions``: allowed action words; when not empty they replace ``events.conventions.actions``.
- ``blocked_words``: more blocked words, added to ``events.conventions.blocked_words``.

Passing example::

    events:
      conventions: {actions: [started, completed], blocked_words: [test]}
      catalog:
        checkout_completed: {owner: acme}

Failing example (``created`` is not an allowed action)::

    events:
      conventions: {actions: [started, completed], blocked_words: [test]}
      catalog:
        checkout_created: {owner: acme}
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from partnerkit.contract.model import Contract
from partnerkit.contract.vocab import Structure
from partnerkit.linting.base import Finding, OptionKind
from partnerkit.linting.rules._naming import (
    contains_words,
    nonempty_strings,
    option_or_convention,
    reserved_prefix,
    split_words,
)
from partnerkit.problem import Level
from partnerkit.text import did_you_mean

ID = "event-name-structure"
LEVEL = Level.WARNING
OPTIONS: dict[str, Any] = {"structure": "conventions", "actions": [], "blocked_words": []}
OPTION_TYPES: dict[str, OptionKind] = {
    "actions": OptionKind.STRINGS,
    "blocked_words": OptionKind.STRINGS,
}
OPTION_CHOICES: dict[str, list[Any]] = {"structure": ["conventions", *(s.value for s in Structure)]}


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding for every broken structure convention of every event name."""
    conventions = contract.conventions
    structure = option_or_convention(options.get("structure"), conventions.structure)
    actions = nonempty_strings(options.get("actions")) or list(conventions.actions)
    action_words = {a: [w.lower() for w in split_words(a)] for a in actions}
    blocked = [*conventions.blocked_words, *nonempty_strings(options.get("blocked_words"))]
    blocked_words = {b: [w.lower() for w in split_words(b)] for b in blocked}
    namespace, prefixes = conventions.namespace, conventions.reserved_prefixes
    for name in contract.catalog:
        path = ("events", "catalog", name)
        core = name
        if namespace:
            if name.startswith(namespace):
                core = name[len(namespace) :]
            else:
                yield Finding(
                    path,
                    f"event name {name!r} does not start with the namespace {namespace!r};"
                    f" rename it to {namespace + name!r}",
                    at_key=True,
                )
        prefix = reserved_prefix(name, prefixes)
        if prefix:
            yield Finding(
                path,
                f"event name {name!r} starts with {prefix!r}, a prefix reserved for analytics"
                " tools' own events; drop the prefix",
                at_key=True,
            )
        words = [w.lower() for w in split_words(core)]
        found = [b for b, phrase in blocked_words.items() if contains_words(words, phrase)]
        if found:
            listed = ", ".join(repr(b) for b in found)
            yield Finding(
                path,
                f"event name {name!r} contains the blocked word{'s' if len(found) > 1 else ''}"
                f" {listed}; rename the event",
                at_key=True,
            )
        if structure is not Structure.NONE:
            problem = _structure_problem(words, structure, action_words)
            if problem:
                yield Finding(path, f"event name {name!r} {problem}", at_key=True)


def _structure_problem(
    words: list[str], structure: Structure, actions: dict[str, list[str]]
) -> str | None:
    """Return what is wrong with the word order of an event name, or ``None``."""
    object_first = structure is Structure.OBJECT_ACTION
    shape = "<object>_<action>" if object_first else "<action>_<object>"
    if len(words) < 2:
        example = "checkout_completed" if object_first else "completed_checkout"
        return f"needs an object and an action; name it {shape}, like {example}"
    if not actions:
        return None
    if _action_at(words, actions, last=object_first):
        return None
    reversed_action = _action_at(words, actions, last=not object_first)
    if reversed_action:
        return f"puts the action {reversed_action!r} on the wrong side; name it {shape}"
    action = words[-1] if object_first else words[0]
    suggestion = did_you_mean(action, actions, cutoff=0.8)
    hint = f" ({suggestion})" if suggestion else ""
    return (
        f"has the action {action!r}, which is not an allowed action; use one{hint}"
        " or add it to events.conventions.actions"
    )


def _action_at(words: list[str], actions: dict[str, list[str]], *, last: bool) -> str | None:
    """Return the allowed action that ends (``last``) or starts the name, if any."""
    for action, phrase in actions.items():
        n = len(phrase)
        if 0 < n < len(words) and (words[-n:] if last else words[:n]) == phrase:
            return action
    return None
