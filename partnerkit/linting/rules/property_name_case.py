"""Property names follow the property case and are safe as warehouse column names.

Every property name is checked: top-level and nested ones (objects and array ``items``), and
the names of shared definitions in ``events.definitions``. A name must

- be in the property case: ``events.conventions.property_case`` (``snake_case``, ``camelCase``,
  ``PascalCase``, ``title_case``, ``kebab-case``, or ``consistent``: the case most property
  names use), or ``consistent`` when the contract does not say;
- be a warehouse-safe identifier, because property names become column names: ASCII letters,
  digits and ``_`` only, not starting with a digit, and not a reserved SQL word such as
  ``order``, ``group`` or ``select``;
- be at most ``max_length`` characters long;
- not start with a reserved prefix (``events.conventions.reserved_prefixes``, default ``$`` and
  ``_``) nor contain a blocked word (``events.conventions.blocked_words``, whole words).

Each name gets at most one finding, which lists everything wrong with it.

Options:

- ``case``: ``conventions`` (default) or one of the cases above, overriding the convention.
- ``max_length``: the longest allowed name (default 64, the smallest common limit of
  warehouses; 0 for no limit).
- ``warehouse_safe``: check identifier characters and reserved words (default true); turn it off
  for ``title_case`` or ``kebab-case`` property names.

Passing example::

    events:
      conventions: {property_case: snake_case}
      catalog:
        order_completed:
          properties:
            order_id: {type: string}
            items: {type: array, items: {properties: {unit_price: {type: number}}}}

Failing example (``unitPrice`` is camelCase, ``group`` is a reserved SQL word)::

    events:
      conventions: {property_case: snake_case}
      catalog:
        order_completed:
          properties:
            group: {type: string}
            items: {type: array, items: {properties: {unitPrice: {type: number}}}}
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from partnerkit.contract.model import Contract
from partnerkit.contract.vocab import Case
from partnerkit.linting.base import Finding
from partnerkit.linting.rules._naming import (
    CASE_CHOICES,
    case_of,
    contains_words,
    majority_case,
    matches_case,
    option_or_convention,
    reserved_prefix,
    split_words,
    to_case,
)
from partnerkit.problem import Level

ID = "property-name-case"
LEVEL = Level.ERROR
OPTIONS: dict[str, Any] = {"case": "conventions", "max_length": 64, "warehouse_safe": True}
OPTION_CHOICES: dict[str, list[Any]] = {"case": CASE_CHOICES}

_SQL_RESERVED = """
    all and any array as asc between both by case cast check collate column constraint create
    cross current_date current_time current_timestamp current_user default delete desc distinct
    drop else end except exists false fetch for foreign from full grant group having in inner
    insert intersect interval into is join lateral leading left like limit natural not null
    offset on or order outer primary qualify references right select session_user set some
    table then to trailing true union unique update user using values when where window with
"""
SQL_RESERVED = frozenset(_SQL_RESERVED.split())
"""Words reserved in the SQL dialects of common warehouses (a column named so needs quoting)."""

_IDENTIFIER = re.compile(r"[A-Za-z0-9_]*")


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield one finding for every property name with something wrong with it."""
    conventions = contract.conventions
    prefixes = conventions.reserved_prefixes
    blocked = {b: [w.lower() for w in split_words(b)] for b in conventions.blocked_words}
    levels = contract.property_levels
    case: Case | None = option_or_convention(options.get("case"), conventions.property_case)
    majority = case is Case.CONSISTENT
    if majority:
        found = majority_case(_core(n, prefixes) for _, props in levels for n in props)
        case = Case(found) if found else None
    max_length = options.get("max_length")
    safe = options.get("warehouse_safe") is not False
    problems: dict[str, str | None] = {}  # names repeat across events: judge each name once
    for path, properties in levels:
        for name in properties:
            if name not in problems:
                problems[name] = _problems(
                    name, case, majority, prefixes, blocked, max_length, safe
                )
            message = problems[name]
            if message:
                yield Finding((*path, name), message, at_key=True)


def _core(name: str, prefixes: tuple[str, ...]) -> str:
    return name[len(reserved_prefix(name, prefixes) or "") :]


def _problems(
    name: str,
    case: Case | None,
    majority: bool,
    prefixes: tuple[str, ...],
    blocked: dict[str, list[str]],
    max_length: Any,
    safe: bool,
) -> str | None:
    """Everything wrong with one property name, as one message, or ``None``."""
    wrong: list[str] = []
    prefix = reserved_prefix(name, prefixes)
    core = _core(name, prefixes)
    if prefix:
        wrong.append(f"starts with the reserved prefix {prefix!r}")
    if case is not None and core and not matches_case(core, case):
        actual = case_of(core)
        why = f"most property names are {case}" if majority else f"the convention is {case}"
        wrong.append(f"is {actual or 'in no recognised case'} but {why}")
    fixable = True  # would a name in the right case fix everything?
    if safe:
        if not _IDENTIFIER.fullmatch(core):
            wrong.append("has characters other than ASCII letters, digits and '_'")
        if core[:1].isdigit():
            wrong.append("starts with a digit")
            fixable = False
        if core.lower() in SQL_RESERVED:
            wrong.append("is a reserved word in SQL")
            fixable = False
    if isinstance(max_length, int) and 0 < max_length < len(name):
        wrong.append(f"is longer than {max_length} characters")
        fixable = False
    words = [w.lower() for w in split_words(core)]
    found = [b for b, phrase in blocked.items() if contains_words(words, phrase)]
    if found:
        wrong.append("contains the blocked word " + ", ".join(repr(b) for b in found))
        fixable = False
    if not wrong:
        return None
    fix = "rename it"
    if fixable and case is not None and words:
        suggestion = to_case(words, case)
        if suggestion != name and (not safe or _IDENTIFIER.fullmatch(suggestion)):
            fix = f"rename it to {suggestion!r}"
    return f"property name {name!r} " + " and ".join(wrong) + "; " + fix
