"""Wording shared by every layer: "did you mean" suggestions and the names of JSON value types.

Pure functions over plain values, imported by the loader, the schema, lint rules, the
configuration and the CLI alike, so that a user sees one wording for one situation.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any, TypeGuard

CUTOFF = 0.6
"""Similarity (0..1, :func:`difflib.get_close_matches`) a suggestion needs by default."""


def closest(value: Any, known: Iterable[Any], *, cutoff: float = CUTOFF) -> str | None:
    """Return the entry of ``known`` closest to ``value`` if one is close enough, else ``None``.

    Candidates are compared as strings, in sorted order, so the answer does not depend on the
    order ``known`` is given in.
    """
    if not isinstance(value, str):
        return None
    candidates = sorted({str(k) for k in known})
    close = difflib.get_close_matches(value, candidates, n=1, cutoff=cutoff)
    return close[0] if close else None


def did_you_mean(value: Any, known: Iterable[Any], *, cutoff: float = CUTOFF) -> str | None:
    """Return ``did you mean 'x'?`` for the closest of ``known``, if one is close enough."""
    close = closest(value, known, cutoff=cutoff)
    return f"did you mean {close!r}?" if close is not None else None


def is_number(value: Any) -> TypeGuard[int | float]:
    """Tell whether ``value`` is a JSON number: an int or float, never a bool (YAML ``true``)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def json_type(value: Any) -> str:
    """Return the JSON Schema type name of a plain value.

    ``null``, ``boolean``, ``integer``, ``number``, ``string``, ``array`` or ``object``; a float
    with an integral value is ``integer`` and a boolean is never a number, as in JSON Schema.
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list | tuple):
        return "array"
    return "object"


_YAML_NAMES = {"array": "sequence", "object": "mapping"}
_ARTICLES = {"integer": "an integer", "array": "an array", "object": "an object"}


def yaml_type(value: Any) -> str:
    """Return the type of a value as a YAML author calls it: ``sequence`` and ``mapping``.

    Otherwise as :func:`json_type`, except that a float is always ``number`` (``1.0`` was
    written as a number, whatever JSON Schema makes of it).
    """
    if isinstance(value, float):
        return "number"
    name = json_type(value)
    return _YAML_NAMES.get(name, name)


def a_json_type(value: Any) -> str:
    """Return :func:`json_type` with its article: ``a string``, ``an integer``, ``null``."""
    name = json_type(value)
    if name == "null":
        return name
    return _ARTICLES.get(name, f"a {name}")
