r"""A ``pattern`` is a regular expression that compiles and that every validator reads alike.

Patterns are ECMA 262 regular expressions (as in JSON Schema); producers and consumers validate
with different engines, so a pattern one engine cannot read leaves the property unchecked on one
side. The rule compiles each pattern with Python's ``re`` after translating the ECMA syntax Python
spells differently (named groups ``(?<name>…)`` and ``\k<name>``, ``\p{…}`` property escapes,
``\cX`` and ``\u{…}``), and reports patterns that do not compile. It also reports Python-only
syntax that ECMA 262 engines reject or read differently: ``(?P<name>…)`` and ``(?P=name)``
(write ``(?<name>…)`` and ``\k<name>``), comments ``(?#…)``, atomic groups ``(?>…)``, possessive
quantifiers (``a++``), conditionals ``(?(1)…)``, global inline flags such as ``(?i)``, and
``\A`` / ``\Z`` (write ``^`` and ``$``).

Other differences are not reported but are worth knowing: in Python ``\d``, ``\w`` and ``\b``
match non-ASCII digits and letters while ECMA 262 (without the ``u`` flag) matches ASCII only, so
write ``[0-9]`` for digits; and Python's ``$`` also matches before a final newline.

Options: none.

Passing example::

    events:
      catalog:
        order_completed:
          properties:
            order_id: {type: string, pattern: "^ord_[0-9]{10}$"}
            sku: {type: string, pattern: "^(?<prefix>[A-Z]{3})-\\k<prefix>$"}

Failing example (an unclosed group, and a Python-only named group)::

    events:
      catalog:
        order_completed:
          properties:
            order_id: {type: string, pattern: "^(ord_[0-9]{10}$"}
            sku: {type: string, pattern: "^(?P<prefix>[A-Z]{3})-[0-9]+$"}
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator, Mapping
from typing import Any

from partnerkit.contract.model import Contract
from partnerkit.linting.base import Finding
from partnerkit.problem import Level

ID = "pattern-compiles"
LEVEL = Level.ERROR
OPTIONS: dict[str, Any] = {}

_CLASS = r"\[\^?\]?(?:\\.|[^\]\\])*\]"
"""A character class, skipped whole when scanning for Python-only syntax."""

_ECMA_ONLY = re.compile(
    r"\\[pP]\{[^}]*\}|\\k<(\w+)>|\\c[A-Za-z]|\\u\{[0-9A-Fa-f]+\}|\\.|\(\?<(?![=!])", re.S
)
"""ECMA 262 syntax Python spells differently (escapes are matched whole so ``\\(`` stays)."""

_PYTHON_ONLY = re.compile(
    r"(?P<bad>\\[AZ]|\(\?P[<=]|\(\?\#|\(\?>|\(\?\(|\(\?[aiLmsux]+\)|(?:[*+?]|\{\d+(?:,\d*)?\})\+)"
    rf"|\\.|{_CLASS}|.",
    re.S,
)

_ADVICE = {
    "(?P<": "write the named group as (?<name>...)",
    "(?P=": "write the back-reference as \\k<name>",
    "(?#": "remove the comment",
    "(?>": "rewrite the atomic group as a plain group",
    "(?(": "rewrite the conditional without it",
    "\\A": "write ^ for the start",
    "\\Z": "write $ for the end",
}


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding for every pattern that does not compile or is not portable."""
    problems: dict[str, str | None] = {}  # patterns recur across events: judge each once
    for node in contract.property_schemas:
        pattern = node.declared.pattern
        if pattern is not None:
            if pattern not in problems:
                problems[pattern] = pattern_problem(pattern)
            problem = problems[pattern]
            if problem:
                yield Finding(node.at("pattern"), problem)


def pattern_problem(pattern: str) -> str | None:
    """Why ``pattern`` does not work in every engine, or ``None`` if it does."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            re.compile(_ECMA_ONLY.sub(_to_python, pattern))
    except re.error as exc:
        where = f" at position {exc.pos}" if exc.pos is not None else ""
        return f"pattern does not compile: {exc.msg}{where}; fix the regular expression"
    for match in _PYTHON_ONLY.finditer(pattern):
        bad = match.group("bad")
        if bad:
            advice = _ADVICE.get(bad)
            if advice is None:
                advice = (
                    "drop the inline flag (use a character class such as [Aa])"
                    if bad.startswith("(?")
                    else "possessive quantifiers are Python-only; drop the final +"
                )
            return (
                f"pattern uses '{bad}', which ECMA 262 validators reject or read differently; "
                + advice
            )
    return None


def _to_python(match: re.Match[str]) -> str:
    token = match.group(0)
    if token.startswith(("\\p", "\\P", "\\c", "\\u{")):
        return "."  # any single character stands in for a class Python cannot spell
    if token.startswith("\\k<"):
        return f"(?P={match.group(1)})"
    if token == "(?<":
        return "(?P<"
    return token
