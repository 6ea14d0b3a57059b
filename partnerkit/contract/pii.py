"""Names that look like personal data: the one definition the importer and lint share.

Names are split into lower-case words (:func:`words`: ``shopperEmail``, ``shopper_email`` and
``Shopper-Email`` are all ``shopper email``) and matched word by word against
:data:`PERSONAL_NAMES`, so ``pipeline_id`` does not look like an IP address and ``latency_ms``
not like a latitude. The lint rule ``pii-likely-name`` reports a personal-looking property
declared ``pii: none``; ``partnerkit import`` guesses a ``pii`` class from the same test, so a
fresh import never trips that rule.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

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

INDIRECT_LABELS = frozenset({"an IP address", "a device or advertising id", "a geolocation"})
"""Labels of :data:`PERSONAL_NAMES` that identify a person only combined with other data."""

_NOT_POSTAL = frozenset({"wallet", "contract", "memory", "web", "url", "host", "server"})
"""Words that make ``address`` something other than a postal address."""

_LAST_WORD_ONLY = {"mobile": frozenset({"number", "no", "phone"}), "zip": frozenset({"code"})}
"""Words that say personal data only at the end of a name or before one of these words
(``customer_mobile``, ``mobile_number``; not ``mobile_app_version``)."""

_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")

Patterns = dict[str, list[tuple[tuple[str, ...], str]]]
"""Word sequences by their first word, each with the label it stands for."""


def words(name: str) -> tuple[str, ...]:
    """Split a name into lower-case words: ``emailAddress``, ``e_mail``, ``IP-Address``."""
    return tuple(w.lower() for w in _WORD.findall(name))


def patterns(extra: Iterable[str] = ()) -> Patterns:
    """Index :data:`PERSONAL_NAMES` and ``extra`` names (any case style) by their first word."""
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


STANDARD = patterns()


def looks_personal(name: str, index: Patterns = STANDARD) -> str | None:
    """Return what personal datum ``name`` looks like (``an email address`` ...), or ``None``."""
    split = words(name)
    for i, word in enumerate(split):
        for seq, label in index.get(word, ()):
            if split[i : i + len(seq)] != seq:
                continue
            if seq == ("address",) and _NOT_POSTAL & set(split):
                continue
            after = split[i + 1 : i + 2]
            if word in _LAST_WORD_ONLY and after and after[0] not in _LAST_WORD_ONLY[word]:
                continue
            return label
    return None
