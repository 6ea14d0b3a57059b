"""Importers: bring existing event schemas and tracking plans into a contract.

An explicit registry of source formats, one module each. A format module has ``NAME``, a one-line
``SUMMARY`` and ``read(source, *, version=None) -> SourceBatch``; it only reads and normalises.
Mapping JSON Schema to contract properties is shared (:mod:`partnerkit.importers.mapping`), and
so is placing events in a contract (:mod:`partnerkit.importers.merge`);
:mod:`partnerkit.importers.run` ties them together for ``partnerkit import``.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from partnerkit.errors import UsageError

FORMATS: dict[str, str] = {
    "iglu": "partnerkit.importers.iglu",
    "jsonschema": "partnerkit.importers.jsonschema",
    "rudderstack": "partnerkit.importers.rudderstack",
    "segment": "partnerkit.importers.segment",
}
"""Source format name -> reader module, imported when asked for (``partnerkit lint`` loads this
package for the import command's report formats, and needs none of the readers)."""


def get(name: str) -> ModuleType:
    """Return the reader for format ``name`` or raise :class:`UsageError` naming the formats."""
    try:
        module = FORMATS[name.lower()]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise UsageError(f"unknown import format {name!r}; choose one of: {known}") from None
    return importlib.import_module(module)
