"""Helpers for the naming rules (not a rule; not registered).

Names are split into words whatever their case (``order_completed``, ``orderCompleted``,
``Order Completed`` and ``order-completed`` are all ``order`` + ``completed``), so one splitter
serves case checks, structure checks, collision detection and suggestions.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from enum import StrEnum
from typing import TypeVar

from partnerkit.contract.vocab import Case

CASES: tuple[str, ...] = tuple(case.value for case in Case if case is not Case.CONSISTENT)
"""The naming cases (:class:`~partnerkit.contract.vocab.Case`), in the order that breaks ties
for ``consistent``."""

CONSISTENT: str = Case.CONSISTENT.value
CASE_CHOICES = ["conventions", *CASES, CONSISTENT]
"""Choices of a ``case`` option: ``conventions`` defers to ``events.conventions``."""

_MINOR_WORDS = "a an and as at but by for from in into of on or per the to via vs with"
MINOR_WORDS = frozenset(_MINOR_WORDS.split())
"""Words that title case may keep lowercase after the first word (``Product Added to Cart``)."""

_PATTERNS = {
    "snake_case": re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*"),
    "camelCase": re.compile(r"[a-z][a-zA-Z0-9]*"),
    "PascalCase": re.compile(r"[A-Z][a-zA-Z0-9]*"),
    "title_case": re.compile(r"[A-Z][a-zA-Z0-9]*(?: [a-zA-Z0-9]+)*"),
    "kebab-case": re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*"),
}
_SEPARATORS = re.compile(r"[\W_]+")
_CAMEL_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+|[0-9]+")


def split_words(name: str) -> list[str]:
    """Split ``name`` into its words at separators and camel-case humps, keeping their case."""
    words: list[str] = []
    for chunk in _SEPARATORS.split(name):
        if chunk:
            parts = _CAMEL_WORD.findall(chunk)
            words.extend(parts if "".join(parts) == chunk else [chunk])
    return words


def normalize(name: str) -> str:
    """Return ``name`` free of case and separators: its lowercase words, joined."""
    # the words of split_words, joined, are the chunks between separators
    return "".join(chunk.lower() for chunk in _SEPARATORS.split(name))


def matches_case(name: str, case: str) -> bool:
    """Tell whether ``name`` is written in ``case`` (one of :data:`CASES`)."""
    pattern = _PATTERNS.get(case)
    if pattern is None or not pattern.fullmatch(name):
        return False
    if case == "title_case":
        return all(w[0].isupper() or w[0].isdigit() or w in MINOR_WORDS for w in name.split(" "))
    return True


def case_of(name: str) -> str | None:
    """Return the first of :data:`CASES` that ``name`` is written in, or ``None``."""
    return next((case for case in CASES if matches_case(name, case)), None)


def to_case(words: Iterable[str], case: str) -> str:
    """Join ``words`` in ``case``: the suggestion offered when a name is in the wrong case."""
    lower = [w.lower() for w in words]
    if case == "snake_case":
        return "_".join(lower)
    if case == "kebab-case":
        return "-".join(lower)
    if case == "camelCase":
        return "".join(lower[:1] + [w.capitalize() for w in lower[1:]])
    if case == "title_case":
        return " ".join(
            w if i and w in MINOR_WORDS else w.capitalize() for i, w in enumerate(lower)
        )
    return "".join(w.capitalize() for w in lower)


def majority_case(names: Iterable[str]) -> str | None:
    """Return the case most ``names`` are written in (ties: the earlier of :data:`CASES`)."""
    counts: Counter[str] = Counter()
    for name in set(names):
        counts.update(case for case in CASES if matches_case(name, case))
    if not counts:
        return None
    return max(CASES, key=lambda case: (counts[case], -CASES.index(case)))


def reserved_prefix(name: str, prefixes: Iterable[str]) -> str | None:
    """Return the longest of ``prefixes`` that ``name`` starts with, or ``None``."""
    found = [p for p in prefixes if name.startswith(p)]
    return max(found, key=len) if found else None


def contains_words(words: list[str], phrase: list[str]) -> bool:
    """Tell whether ``phrase`` (lowercase words) occurs as consecutive words of ``words``."""
    n = len(phrase)
    if n == 0 or phrase[0] not in words:
        return False
    return any(words[i : i + n] == phrase for i in range(len(words) - n + 1))


# --- rule options ------------------------------------------------------------------------------
# What a contract lists (actions, blocked words, reserved prefixes ...) the builder has already
# read, defaults applied (``Contract.conventions``); these read what rule options say.


def nonempty_strings(value: object) -> list[str]:
    """Return the non-empty strings of a list option (anything else is ignored)."""
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, str) and item]


V = TypeVar("V", bound=StrEnum)
"""A closed vocabulary of ``events.conventions`` (:class:`~partnerkit.contract.vocab.Case` ...)."""


def option_or_convention(option: object, convention: V) -> V:
    """Return the member of the convention's vocabulary that the option names, else the convention.

    For options such as ``case`` and ``structure``: their default ``conventions``, or any value
    that is not a member (of :class:`~partnerkit.contract.vocab.Case`, ...), defers to the
    contract's ``events.conventions``.
    """
    return next((member for member in type(convention) if member == option), convention)
