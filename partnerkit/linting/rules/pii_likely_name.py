"""A property whose name says personal data should not be declared ``pii: none``.

Names are split into words (``shopperEmail``, ``shopper_email`` and ``Shopper-Email`` are
``shopper email``) and matched word by word, so ``pipeline_id`` does not look like an IP address
and ``latency_ms`` not like a latitude. Names that look personal: email (``email``, ``e_mail``),
phone (``phone``, ``msisdn``; ``mobile`` as the last word or before ``number``), IP address
(``ip``, ``ipv4``, ``ipv6``), a person's name (``first_name``, ``last_name``, ``full_name``,
``surname``, ``user_name``: a username is an online identifier), postal address (``address``,
``street``, ``zip``, ``postcode``), birth date (``birth_date``, ``dob``), device and advertising
ids (``device_id``, ``advertising_id``, ``idfa``, ``gaid``, ``adid``), national ids (``ssn``,
``passport``) and geolocation (``lat``, ``lng``, ``latitude``, ``longitude``). Boolean
properties (``has_email``) are skipped. A hashed or encrypted value is still personal data:
classify it and say how it is handled (``pii-handling``).

Options:

- ``extra_patterns`` (list of strings, default ``[]``): more names that look personal, written
  in any case style (``loyalty_number``, ``taxId``); they match as consecutive words.

Passing example::

    events:
      catalog:
        order_completed:
          properties:
            shopper_email: {type: string, pii: direct, handling: sha256}
            pipeline_id: {type: string, pii: none}

Failing example (an email address declared as not personal)::

    events:
      catalog:
        order_completed:
          properties:
            shopper_email: {type: string, pii: none}
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from partnerkit.contract.model import Contract
from partnerkit.contract.pii import STANDARD, looks_personal, patterns
from partnerkit.contract.vocab import JsonType, PiiClass
from partnerkit.linting.base import Finding, OptionKind
from partnerkit.problem import Level

ID = "pii-likely-name"
LEVEL = Level.WARNING
OPTIONS: dict[str, Any] = {"extra_patterns": []}
OPTION_TYPES: dict[str, OptionKind] = {"extra_patterns": OptionKind.STRINGS}

_NOT_JUDGED = frozenset({JsonType.BOOLEAN, JsonType.NULL})
"""A property of no other types is a flag (``has_email``), never the personal datum itself."""


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding for every personal-looking property declared ``pii: none``."""
    extra: list[str] = options["extra_patterns"]
    index = patterns(extra) if extra else STANDARD
    labels: dict[str, str | None] = {}  # names recur across events: judge each name once

    def label_of(name: str) -> str | None:
        if name not in labels:
            labels[name] = looks_personal(name, index)
        return labels[name]

    for node in contract.property_schemas:
        if node.name is None or node.schema.pii is not PiiClass.NONE:
            continue
        types = node.schema.types
        if types and types <= _NOT_JUDGED:
            continue
        label = label_of(node.name)
        if label is None:
            continue
        if not node.declared.writes("pii") and node.ref and label_of(node.ref) == label:
            continue  # reported at the definition
        yield Finding(
            node.at("pii"),
            f"{node.name!r} looks like {label} but is declared pii: none; classify it as "
            "direct, indirect or sensitive, or rename it if it holds no personal data",
        )
