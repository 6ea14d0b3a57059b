"""Values shared by the importers: what a source yields, what the import reports.

A reader (one module per source format) turns SOURCE into :class:`SourceEvent` values: one JSON
Schema per event plus where it came from. :mod:`partnerkit.importers.mapping` turns each into a
partnerkit event definition and :class:`ImportWarning` values; :mod:`partnerkit.importers.merge`
places the definitions in a contract. Nothing here does I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class WarningKind(StrEnum):
    """Why an import warning was raised."""

    LOSSY = "lossy"
    """Something in the source cannot be represented in the contract; it was left out."""
    PII = "pii"
    """A personal-data class was guessed from a property name or format: review it."""
    RENAMED = "renamed"
    """Two sources share an event name; this one was imported under a qualified name."""
    SOURCE = "source"
    """Something about the source as a whole (a rule kind or section that is not imported)."""


@dataclass(frozen=True)
class ImportWarning:
    """One thing a reviewer should look at, located by a JSON pointer into the source."""

    kind: WarningKind
    pointer: str
    """RFC 6901 pointer as a URI fragment (``#/properties/price/multipleOf``); ``#`` = root."""
    message: str

    def to_dict(self) -> dict[str, str]:
        """Plain data for ``--format json``."""
        return {"kind": self.kind.value, "pointer": self.pointer, "message": self.message}


@dataclass
class SourceEvent:
    """One event as a source format describes it, before mapping."""

    name: str
    """Preferred event name in the catalog."""
    origin: str
    """Provenance, e.g. ``iglu:com.acme/checkout/jsonschema/1-0-2`` or a relative file path."""
    schema: Any
    """JSON Schema of the event payload (an object schema whose properties are the event's)."""
    qualifier: str = ""
    """Prefix used to disambiguate the name when several sources share it (e.g. Iglu vendor)."""
    root: Any = None
    """Document against which local ``$ref`` are resolved (default: ``schema``)."""
    pointer: str = "#"
    """Pointer of ``schema`` within its source document, for warnings."""
    description: str | None = None
    """Description when the format keeps it outside the schema."""
    warnings: list[ImportWarning] = field(default_factory=list)
    """Warnings the reader already found (e.g. sections of the source that are not imported)."""


@dataclass(frozen=True)
class Skipped:
    """Something in the source that was deliberately not imported, and why."""

    origin: str
    reason: str
    older_version: bool = False
    """True when a newer version of the same schema was imported instead."""

    def to_dict(self) -> dict[str, Any]:
        """Plain data for ``--format json``."""
        return {"origin": self.origin, "reason": self.reason, "older_version": self.older_version}


@dataclass
class SourceBatch:
    """Everything one reader found in SOURCE."""

    events: list[SourceEvent] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


@dataclass
class ImportedEvent:
    """A mapped event, ready to be placed in a contract."""

    name: str
    origin: str
    definition: dict[str, Any]
    """The event definition without ``owner``: description, content model, properties."""
    warnings: list[ImportWarning] = field(default_factory=list)

    @property
    def property_count(self) -> int:
        """Number of properties at every depth (nested object and array-item properties too)."""
        return count_properties(self.definition)


def count_properties(schema: Any) -> int:
    """Count property definitions under ``schema`` at every depth."""
    if not isinstance(schema, dict):
        return 0
    total = 0
    props = schema.get("properties")
    if isinstance(props, dict):
        total += len(props)
        total += sum(count_properties(p) for p in props.values())
    for key in ("items", "additionalProperties"):
        total += count_properties(schema.get(key))
    return total
