"""Importers: bring existing event schemas and tracking plans into a contract.

An explicit registry of source formats, one module each. A format module has ``NAME``, a one-line
``SUMMARY`` and ``read(source, *, version=None) -> SourceBatch``; it only reads and normalises.
Mapping JSON Schema to contract properties is shared (:mod:`partnerkit.importers.mapping`), and
so is placing events in a contract (:mod:`partnerkit.importers.merge`);
:mod:`partnerkit.importers.run` ties them together for ``partnerkit import``.
"""

from __future__ import annotations

from types import ModuleType

from partnerkit.errors import UsageError
from partnerkit.importers import iglu, jsonschema, rudderstack, segment

FORMATS: dict[str, ModuleType] = {
    "iglu": iglu,
    "jsonschema": jsonschema,
    "rudderstack": rudderstack,
    "segment": segment,
}
"""Source format name -> reader module."""


def get(name: str) -> ModuleType:
    """Return the reader for format ``name`` or raise :class:`UsageError` naming the formats."""
    try:
        return FORMATS[name.lower()]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise UsageError(f"unknown import format {name!r}; choose one of: {known}") from None
