"""Personal data declares its ``handling``: what the producer does to it before it is sent.

For a property with ``pii`` ``direct``, ``indirect`` or ``sensitive`` the receiving party needs
to know whether it gets the value in clear (``handling: none``), hashed (``sha256``, ``hmac``),
tokenised, truncated, encrypted, or not at all (``drop``); the privacy review and the data
protection agreement depend on it. A property with ``ref`` takes the definition's ``handling``
unless it writes its own.

Options: none.

Passing example::

    events:
      catalog:
        order_completed:
          properties:
            shopper_email: {type: string, pii: direct, handling: sha256}
            order_id: {type: string, pii: none}

Failing example (how is the IP address protected?)::

    events:
      catalog:
        order_completed:
          properties:
            ip_address: {type: string, pii: indirect}
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from partnerkit.contract.model import Contract
from partnerkit.contract.vocab import PiiClass
from partnerkit.linting.base import Finding
from partnerkit.problem import Level

ID = "pii-handling"
LEVEL = Level.ERROR
OPTIONS: dict[str, Any] = {}

_NOT_PERSONAL = PiiClass.NONE


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding for every personal-data schema without ``handling``."""
    for node in contract.property_schemas:
        schema = node.schema
        pii = schema.pii
        if pii is None or pii is _NOT_PERSONAL or "handling" in schema.written:  # cheap tests
            continue
        if node.broken_ref:
            continue
        if not node.owns("pii", "handling"):
            continue
        what = f"{node.name!r}" if node.name else "this value"
        yield Finding(
            node.at("pii"),
            f"{what} is personal data (pii: {pii}) but declares no handling; add handling: none, "
            "sha256, hmac, tokenize, truncate, encrypt or drop",
        )
