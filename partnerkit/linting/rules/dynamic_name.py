"""Event and property names are fixed words, not data: no dates, ids, placeholders or series.

A name that carries data (``signup_2026_01``, ``user_3f2a…``, ``feature_{flag}``) gives every
value its own event or column: the catalog can never be complete, and queries must list every
variant. Put the value in a property instead. Reported in event names and in property names
(nested ones and shared definitions included):

- dates: ``2026_01_01``, ``20260101``, ``2026-01``, ``202601`` (a year alone is allowed);
- ids: UUIDs, hexadecimal runs of 12 or more characters with a digit, and numbers of six or more
  digits;
- template placeholders: ``{user_id}``, ``{{x}}``, ``${x}``, ``<id>``, ``[id]``, ``%s``,
  ``%(name)s`` and ``:id`` (at the start or after a separator, so ``acme:checkout`` is fine);
- numbered series: two or more names on one level (the catalog, or the properties of one
  object) that differ only by a number that is a whole word or ends the name: ``feature_1``
  and ``feature_2``, ``step_1_completed`` and ``step_2_completed``. Each name after the first is
  reported. A single numbered name (``address_line_2``, ``step_2``) is not a series and passes:
  the number may be part of a fixed name.

Options:

- ``allow``: names (or ``fnmatch`` globs such as ``address_line_*``) that are exempt, for
  numbers that are truly part of a name.

Passing example::

    events:
      catalog:
        feature_enabled:
          properties: {feature: {type: string}, enabled_at: {type: string}}

Failing example (a date in an event name)::

    events:
      catalog:
        signup_2026_01_completed: {owner: acme}
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from fnmatch import fnmatchcase
from typing import Any

from partnerkit.contract.model import Contract
from partnerkit.linting.base import Finding, OptionKind
from partnerkit.linting.rules._naming import nonempty_strings
from partnerkit.problem import JsonPath, Level

ID = "dynamic-name"
LEVEL = Level.ERROR
OPTIONS: dict[str, Any] = {"allow": []}
OPTION_TYPES: dict[str, OptionKind] = {"allow": OptionKind.STRINGS}

_PATTERNS = (
    (
        re.compile(
            r"\{[^{}]*\}|\$\{|<[^<>]+>|\[[^\[\]]+\]|%[sdif]|%\(\w+\)[sdif]|(?:^|[^A-Za-z0-9]):[A-Za-z_]"
        ),
        "a template placeholder",
    ),
    (
        re.compile(
            r"[0-9a-f]{8}[-_]?[0-9a-f]{4}[-_]?[0-9a-f]{4}[-_]?[0-9a-f]{4}[-_]?[0-9a-f]{12}", re.I
        ),
        "a UUID",
    ),
    (
        re.compile(
            r"(?<![0-9])(?:19|20)[0-9]{2}(?P<sep>[-_./]?)(?:0[1-9]|1[0-2])"
            r"(?:(?P=sep)(?:0[1-9]|[12][0-9]|3[01]))?(?![0-9])"
        ),
        "a date",
    ),
    (re.compile(r"(?<![0-9])[0-9]{6,}(?![0-9])"), "a long number"),
    (
        re.compile(r"(?<![0-9A-Za-z])(?=[A-Za-z]*[0-9])[0-9a-f]{12,}(?![0-9A-Za-z])", re.I),
        "a hexadecimal id",
    ),
)
"""What makes a name dynamic, checked in this order; the first match is reported."""

_NUMBER = re.compile(r"(?<![A-Za-z0-9])[0-9]+(?![A-Za-z0-9])|[0-9]+$")
"""A number that is a whole word or ends the name: the varying part of a numbered series."""


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding for every name that carries data or belongs to a numbered series."""
    allowed = nonempty_strings(options.get("allow"))
    judged: dict[str, Verdict] = {}  # names recur across events: judge each name once
    yield from _level(("events", "catalog"), contract.catalog, "event", allowed, judged)
    for path, properties in contract.property_levels:
        yield from _level(path, properties, "property", allowed, judged)


Verdict = tuple[str | None, str] | None
"""What data a name carries (``None``: none) and its series stem; ``None`` for an allowed name."""


def _judge(name: str, allowed: list[str]) -> Verdict:
    if any(fnmatchcase(name, p) for p in allowed):
        return None
    what = next((label for pattern, label in _PATTERNS if pattern.search(name)), None)
    return what, _NUMBER.sub("#", name)


def _level(
    base: JsonPath, names: Iterable[str], kind: str, allowed: list[str], judged: dict[str, Verdict]
) -> Iterator[Finding]:
    series: dict[str, str] = {}
    for name in names:
        if name not in judged:
            judged[name] = _judge(name, allowed)
        verdict = judged[name]
        if verdict is None:
            continue
        what, stem = verdict
        if what:
            yield Finding(
                (*base, name),
                f"{kind} name {name!r} contains {what}; keep the name fixed and send the value"
                " in a property",
                at_key=True,
            )
            continue
        if stem == name:
            continue
        if stem in series:
            yield Finding(
                (*base, name),
                f"{kind} names {series[stem]!r} and {name!r} differ only by a number; use one"
                " name and send the number in a property",
                at_key=True,
            )
        else:
            series[stem] = name
