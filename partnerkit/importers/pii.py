"""Guess the personal-data class of an imported property from its name and format.

Sources rarely say which properties are personal data, but every contract property must declare
``pii``. The importer sets ``pii: none`` unless the name (split into words: ``emailAddress`` ->
``email address``) or the string format looks like personal data: an email address, phone number,
IP address, personal name, postal address, birth date, or a device or advertising id. Names the
``pii-likely-name`` lint rule considers personal are guessed too
(:func:`partnerkit.contract.pii.looks_personal` is the one definition of "looks personal"), so a
fresh import never trips that rule. Each guess is
a warning for a human to confirm; it is a review aid, not a classifier.
"""

from __future__ import annotations

from dataclasses import dataclass

from partnerkit.contract.pii import INDIRECT_LABELS, looks_personal
from partnerkit.contract.pii import words as _words

_NAME_QUALIFIERS = frozenset(
    {
        "first",
        "last",
        "full",
        "given",
        "family",
        "middle",
        "sur",
        "maiden",
        "real",
        "user",
        "customer",
        "person",
        "contact",
        "recipient",
        "sender",
        "buyer",
        "nick",
        "account",
    }
)
_NAME_WORDS = frozenset(
    {
        "firstname",
        "lastname",
        "fullname",
        "surname",
        "username",
        "givenname",
        "familyname",
        "nickname",
        "forename",
    }
)
_PERSON_PARENTS = frozenset(
    {
        "user",
        "customer",
        "person",
        "contact",
        "recipient",
        "sender",
        "buyer",
        "author",
        "member",
        "employee",
        "patient",
        "guest",
        "passenger",
        "traveller",
        "traveler",
        "shopper",
        "subscriber",
    }
)
_NOT_POSTAL = frozenset(
    {
        "ip",
        "ipv4",
        "ipv6",
        "mac",
        "email",
        "mail",
        "host",
        "server",
        "remote",
        "wallet",
        "bluetooth",
        "hardware",
        "memory",
        "url",
        "web",
        "network",
        "contract",
        "bitcoin",
        "eth",
        "local",
        "peer",
    }
)
_DEVICE_WORDS = frozenset({"idfa", "idfv", "gaid", "aaid", "adid", "imei", "udid"})
_PHONE_WORDS = frozenset({"phone", "phones", "telephone", "msisdn", "mobile", "cellphone"})


@dataclass(frozen=True)
class Guess:
    """A personal-data class and the reason it was chosen."""

    pii: str
    reason: str


def words(name: str) -> list[str]:
    """Split a property name into lower-case words (camelCase, snake_case, kebab-case)."""
    return list(_words(name))


def guess(
    name: str, *, parent: str = "", fmt: str | None = None, types: tuple[str, ...] = ()
) -> Guess | None:
    """Return a guess for a property that looks like personal data, else ``None``."""
    if types and set(types) <= {"boolean", "null"}:
        return None  # a flag (has_email, is_mobile) identifies nobody
    w = words(name)
    ws = set(w)
    last = w[-1] if w else ""
    if (
        fmt in ("email", "idn-email")
        or last in ("email", "emails")
        or ("email" in ws and last in ("address", "addresses", "addr"))
    ):
        return Guess("direct", "email address")
    if ws & _DEVICE_WORDS or {"android", "id"} <= ws:
        return Guess("indirect", "device or advertising identifier")
    if ws & {"device", "advertising"} and last in ("id", "identifier"):
        return Guess("indirect", "device or advertising identifier")
    if ws & _PHONE_WORDS and last in _PHONE_WORDS | {"number", "numbers", "no"}:
        return Guess("direct", "phone number")
    if (
        fmt in ("ipv4", "ipv6")
        or last in ("ip", "ipv4", "ipv6")
        or ("ip" in ws and last in ("address", "addr"))
    ):
        return Guess("indirect", "IP address")
    if ws & {"birth", "birthday", "birthdate", "dob"}:
        return Guess("direct", "birth date")
    if ws & _NAME_WORDS or (last == "name" and len(w) > 1 and w[-2] in _NAME_QUALIFIERS):
        return Guess("direct", "personal name")
    if w == ["name"] and set(words(parent)) & _PERSON_PARENTS:
        return Guess("direct", f"name of a {parent}")
    if (last in ("address", "addresses") and not ws & _NOT_POSTAL) or "street" in ws:
        return Guess("direct", "postal address")
    return _as_lint_sees_it(name)


def _as_lint_sees_it(name: str) -> Guess | None:
    label = looks_personal(name)
    if label is None:
        return None
    reason = label.split(" ", 1)[1] if label.startswith(("a ", "an ")) else label
    return Guess("indirect" if label in INDIRECT_LABELS else "direct", reason)
