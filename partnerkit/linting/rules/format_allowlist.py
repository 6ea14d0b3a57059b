"""A ``format`` names a string format that validators know.

Validators ignore a format they do not know, so a misspelt ``format: date_time`` or a private
``format: iban`` silently checks nothing. The allowed names are the JSON Schema 2020-12 formats:
``date-time``, ``date``, ``time``, ``duration``, ``email``, ``idn-email``, ``hostname``,
``idn-hostname``, ``ipv4``, ``ipv6``, ``uri``, ``uri-reference``, ``iri``, ``iri-reference``,
``uri-template``, ``uuid``, ``json-pointer``, ``relative-json-pointer`` and ``regex``. The
closest known name is suggested.

Options:

- ``extra_formats`` (list of strings, default ``[]``): further format names your validators
  implement (for example ``iban``), allowed in addition to the standard ones.

Passing example::

    events:
      catalog:
        order_completed:
          properties:
            placed_at: {type: string, format: date-time}

Failing example (``date_time`` is not a format; ``date-time`` is)::

    events:
      catalog:
        order_completed:
          properties:
            placed_at: {type: string, format: date_time}
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from partnerkit.contract.model import Contract
from partnerkit.linting.base import Finding, OptionKind
from partnerkit.problem import Level
from partnerkit.text import closest

ID = "format-allowlist"
LEVEL = Level.ERROR
OPTIONS: dict[str, Any] = {"extra_formats": []}
OPTION_TYPES: dict[str, OptionKind] = {"extra_formats": OptionKind.STRINGS}

STANDARD_FORMATS = (
    "date-time", "date", "time", "duration", "email", "idn-email", "hostname", "idn-hostname",
    "ipv4", "ipv6", "uri", "uri-reference", "iri", "iri-reference", "uri-template", "uuid",
    "json-pointer", "relative-json-pointer", "regex",
)  # fmt: skip
"""The format names of JSON Schema 2020-12."""


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding for every ``format`` outside the allowlist."""
    allowed: tuple[str, ...] = (*STANDARD_FORMATS, *options["extra_formats"])
    known = set(allowed)
    for node in contract.property_schemas:
        fmt = node.declared.format
        if fmt is not None and fmt not in known:
            yield Finding(node.at("format"), f"unknown format {fmt!r}" + _suggest(fmt, allowed))


def _suggest(fmt: str, allowed: tuple[str, ...]) -> str:
    by_key = {_key(name): name for name in allowed}
    close = closest(_key(fmt), by_key)  # a name differing only in case or separators is exact
    if close is not None:
        return f"; did you mean {by_key[close]!r}?"
    return "; use a JSON Schema 2020-12 format, or add it to extra_formats if validators know it"


def _key(name: str) -> str:
    """Compare ``Date_Time`` and ``date-time`` as the same name."""
    return name.lower().replace("_", "-").replace(" ", "-")
