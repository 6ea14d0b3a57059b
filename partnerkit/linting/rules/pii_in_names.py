"""Event names, property names and enum values never contain personal data.

Names and allowed values are copied into schemas, dashboards, documents and logs that nobody
treats as personal data, so an email address, a phone number or an IP address in them leaks. The
rule looks for email addresses, phone numbers (``+`` and 8 to 15 digits, or three or more digit
groups with separators and 7 to 15 digits; dates do not count) and IPv4 addresses in event names,
property and definition names, and ``enum`` and ``const`` values. Use a category or a hashed
identifier instead.

Options: none.

Passing example::

    events:
      catalog:
        signup_completed:
          properties:
            source: {type: string, enum: [newsletter, partner_site]}

Failing example (an email address as an enum value)::

    events:
      catalog:
        signup_completed:
          properties:
            source: {type: string, enum: [newsletter, jo.doe@example.com]}
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from partnerkit.contract.model import Contract
from partnerkit.linting.base import Finding
from partnerkit.problem import Level

ID = "pii-in-names"
LEVEL = Level.ERROR
OPTIONS: dict[str, Any] = {}

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
_IPV4 = re.compile(rf"(?<![\d.]){_OCTET}(?:\.{_OCTET}){{3}}(?![\d.])")
_PHONE = re.compile(r"(?<![\w+])(\+)?\(?\d[\d ()./-]{5,}\d(?!\w)")
_GROUPS = re.compile(r"\d+")
_DATE = re.compile(r"\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{4}")
_DIGIT = re.compile(r"\d")


def personal_data_in(value: str) -> str | None:
    """Return what personal datum ``value`` contains (``an email address``...), or ``None``."""
    if "@" not in value and not _DIGIT.search(value):
        return None  # an email address has an '@'; IP addresses and phone numbers have digits
    if _EMAIL.search(value):
        return "an email address"
    if _IPV4.search(value):
        return "an IPv4 address"
    for match in _PHONE.finditer(value):
        digits = _GROUPS.findall(match.group(0))
        count = sum(len(d) for d in digits)
        if match.group(1) and 8 <= count <= 15:
            return "a phone number"
        if len(digits) >= 3 and 7 <= count <= 15 and not _DATE.search(match.group(0)):
            return "a phone number"
    return None


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding for every name or allowed value that contains personal data."""
    for event in contract.catalog:
        found = personal_data_in(event)
        if found:
            yield Finding(
                ("events", "catalog", event),
                f"event name {event!r} contains {found}; name the event after what happens",
                at_key=True,
            )
    for node in contract.property_schemas:
        if node.name is not None:
            found = personal_data_in(node.name)
            if found:
                yield Finding(
                    node.path,
                    f"property name {node.name!r} contains {found}; name it after what it holds",
                    at_key=True,
                )
        for index, value in enumerate(node.declared.enum or ()):
            found = personal_data_in(value) if isinstance(value, str) else None
            if found:
                yield Finding(
                    (*node.path, "enum", index),
                    f"enum value {value!r} contains {found}; list categories, not people's data",
                )
        const = node.declared.const
        found = personal_data_in(const) if isinstance(const, str) else None
        if found:
            yield Finding(
                (*node.path, "const"),
                f"const value {const!r} contains {found}; use a category, not a person's data",
            )
