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

from collections import defaultdict
from collections.abc import Iterator, Mapping
from typing import Any

from partnerkit.contract._legacy import Contract, sequence
from partnerkit.linting.base import Finding, OptionKind
from partnerkit.linting.rules._properties import declared_types
from partnerkit.linting.rules._property_schemas import words
from partnerkit.problem import Level

ID = "pii-likely-name"
LEVEL = Level.WARNING
OPTIONS: dict[str, Any] = {"extra_patterns": []}
OPTION_TYPES: dict[str, OptionKind] = {"extra_patterns": OptionKind.STRINGS}

PERSONAL_NAMES: dict[str, tuple[str, ...]] = {
    "an email address": ("email", "e mail", "emailaddress"),
    "a phone number": ("phone", "telephone", "mobile", "msisdn", "phonenumber"),
    "an IP address": ("ip", "ipv4", "ipv6", "ipaddress"),
    "a person's name": (
        "first name", "last name", "full name", "given name", "family name", "firstname",
        "lastname", "fullname", "surname", "user name", "username",
    ),
    "a postal address": ("address", "street", "zip", "zipcode", "postcode", "postal code"),
    "a birth date": ("birth", "birthdate", "birthday", "dob"),
    "a device or advertising id": (
        "device id", "deviceid", "advertising id", "idfa", "idfv", "gaid", "aaid", "adid",
        "imei",
    ),
    "a national id": ("ssn", "social security", "passport", "national id"),
    "a geolocation": ("lat", "lng", "lon", "latitude", "longitude", "geolocation"),
}  # fmt: skip
"""What a name looks like -> word sequences (space-separated) that say so."""

_NOT_POSTAL = frozenset({"wallet", "contract", "memory", "web", "url", "host", "server"})
"""Words that make ``address`` something other than a postal address."""

_LAST_WORD_ONLY = {"mobile": frozenset({"number", "no", "phone"}), "zip": frozenset({"code"})}
"""Words that say personal data only at the end of a name or before one of these words
(``customer_mobile``, ``mobile_number``; not ``mobile_app_version``)."""

Patterns = dict[str, list[tuple[tuple[str, ...], str]]]


def _index(extra: list[str]) -> Patterns:
    """Word sequences by first word, with what they look like."""
    index: Patterns = defaultdict(list)
    for label, names in PERSONAL_NAMES.items():
        for name in names:
            seq = tuple(name.split())
            index[seq[0]].append((seq, label))
    for name in extra:
        seq = words(name)
        if seq:
            index[seq[0]].append((seq, f"the personal-data name {name!r}"))
    return index


_STANDARD = _index([])


def looks_personal(name: str, patterns: Patterns = _STANDARD) -> str | None:
    """Return what personal datum ``name`` looks like, or ``None``."""
    split = words(name)
    for i, word in enumerate(split):
        for seq, label in patterns.get(word, ()):
            if split[i : i + len(seq)] != seq:
                continue
            if seq == ("address",) and _NOT_POSTAL & set(split):
                continue
            after = split[i + 1 : i + 2]
            if word in _LAST_WORD_ONLY and after and after[0] not in _LAST_WORD_ONLY[word]:
                continue
            return label
    return None


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding for every personal-looking property declared ``pii: none``."""
    extra = [p for p in sequence(options.get("extra_patterns")) if isinstance(p, str)]
    patterns = _index(extra) if extra else _STANDARD
    labels: dict[str, str | None] = {}  # names recur across events: judge each name once

    def label_of(name: str) -> str | None:
        if name not in labels:
            labels[name] = looks_personal(name, patterns)
        return labels[name]

    for node in contract.property_schemas:
        if node.name is None or node.schema.get("pii") != "none":
            continue
        types = declared_types(node.schema)
        if types and types <= {"boolean", "null"}:
            continue
        label = label_of(node.name)
        if label is None:
            continue
        if "pii" not in node.raw and node.ref and label_of(node.ref) == label:
            continue  # reported at the definition
        yield Finding(
            node.at("pii"),
            f"{node.name!r} looks like {label} but is declared pii: none; classify it as "
            "direct, indirect or sensitive, or rename it if it holds no personal data",
        )
