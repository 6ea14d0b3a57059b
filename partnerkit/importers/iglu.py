"""Snowplow Iglu self-describing schemas: ``schemas/<vendor>/<name>/jsonschema/<M-R-A>``.

SOURCE is an Iglu repository's ``schemas`` directory, any directory below it (a vendor, one
schema), or one schema file. Of each ``vendor/name`` the latest version by SchemaVer
(MODEL-REVISION-ADDITION, compared as numbers) is imported, or the one given with
``--schema-version``. The event is named after the schema's ``name``; when two vendors publish the
same name, both are imported as ``<vendor>_<name>`` (dots and dashes become ``_``) and the rename
is reported. Schemas in other formats (avro, thrift, protobuf) are reported as skipped. The
event's description ends with its Iglu URI:
``(source: iglu:com.acme/checkout/jsonschema/1-0-2)``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from partnerkit.errors import InputError, UsageError
from partnerkit.importers.model import ImportWarning, Skipped, SourceBatch, SourceEvent, WarningKind
from partnerkit.importers.reading import read_json, require, walk

NAME = "iglu"
SUMMARY = "Snowplow Iglu schemas/<vendor>/<name>/jsonschema/<M-R-A>; latest SchemaVer by default"

SCHEMAVER = re.compile(r"^(\d+)-(\d+)-(\d+)$")


@dataclass(frozen=True)
class SchemaKey:
    """Where one Iglu schema file sits: vendor, name, format and SchemaVer."""

    vendor: str
    name: str
    format: str
    version: str

    @property
    def order(self) -> tuple[int, int, int]:
        """The version as numbers, for ordering (``1-10-0`` is after ``1-9-0``)."""
        match = SCHEMAVER.match(self.version)
        assert match is not None
        return int(match[1]), int(match[2]), int(match[3])

    @property
    def uri(self) -> str:
        """The Iglu URI, e.g. ``iglu:com.acme/checkout/jsonschema/1-0-2``."""
        return f"iglu:{self.vendor}/{self.name}/{self.format}/{self.version}"


def read(source: Path, *, version: str | None = None) -> SourceBatch:
    """Read the selected version of every Iglu schema under ``source``."""
    if version is not None and not SCHEMAVER.match(version):
        raise UsageError(f"--schema-version {version!r} is not a SchemaVer such as 1-0-2")
    require(source)
    if source.is_file():
        return _single(source, version)
    found: dict[tuple[str, str], list[tuple[SchemaKey, Path]]] = defaultdict(list)
    batch = SourceBatch()
    for path in walk(source):
        key = key_from_path(path)
        if key is None:
            continue
        if key.format != "jsonschema":
            batch.skipped.append(Skipped(key.uri, f"{key.format} schema, not JSON Schema"))
            continue
        found[(key.vendor, key.name)].append((key, path))
    if not found:
        raise InputError(
            f"{source}: no Iglu schemas found",
            hint="expected <vendor>/<name>/jsonschema/<M-R-A> files below it",
        )
    if version is not None and not any(k.version == version for v in found.values() for k, _ in v):
        raise InputError(
            f"{source}: no schema has version {version}",
            hint=f"versions present: {_versions(found)}",
        )
    for (_vendor, _name), versions in sorted(found.items()):
        versions.sort(key=lambda kp: kp[0].order)
        chosen = _choose(versions, version)
        if chosen is None:
            key = versions[-1][0]
            batch.skipped.append(
                Skipped(f"iglu:{key.vendor}/{key.name}/jsonschema", f"has no version {version}")
            )
            continue
        key, path = chosen
        for other, _ in versions:
            if other != key:
                batch.skipped.append(
                    Skipped(
                        other.uri,
                        f"{key.version} imported instead",
                        older_version=other.order < key.order,
                    )
                )
        batch.events.append(_event(key, read_json(path), path))
    return batch


def key_from_path(path: Path) -> SchemaKey | None:
    """Vendor, name, format and version from ``.../<vendor>/<name>/<format>/<M-R-A>``."""
    parts = path.parts
    if len(parts) < 4 or not SCHEMAVER.match(parts[-1]):
        return None
    return SchemaKey(parts[-4], parts[-3], parts[-2], parts[-1])


def _single(path: Path, version: str | None) -> SourceBatch:
    data = read_json(path)
    key = _key_from_self(data) or key_from_path(path)
    if key is None:
        raise InputError(f"{path}: not a self-describing Iglu schema (no 'self' block)")
    if key.format != "jsonschema":
        raise InputError(f"{path}: a {key.format} schema, not JSON Schema")
    if version is not None and version != key.version:
        raise InputError(f"{path}: is version {key.version}, not {version}")
    return SourceBatch(events=[_event(key, data, path)])


def _choose(
    versions: list[tuple[SchemaKey, Path]], version: str | None
) -> tuple[SchemaKey, Path] | None:
    if version is None:
        return versions[-1]
    return next((kp for kp in versions if kp[0].version == version), None)


def _key_from_self(data: Any) -> SchemaKey | None:
    desc = data.get("self") if isinstance(data, dict) else None
    if not isinstance(desc, dict):
        return None
    fields = [desc.get(k) for k in ("vendor", "name", "format", "version")]
    vendor, name, fmt, version = (f if isinstance(f, str) else "" for f in fields)
    if not (vendor and name and fmt) or not SCHEMAVER.match(version):
        return None
    return SchemaKey(vendor, name, fmt, version)


def _event(key: SchemaKey, data: Any, path: Path) -> SourceEvent:
    if not isinstance(data, dict):
        raise InputError(f"{path}: not a JSON Schema object")
    warnings: list[ImportWarning] = []
    described = _key_from_self(data)
    if described is not None and described != key:
        warnings.append(
            ImportWarning(
                WarningKind.SOURCE,
                "#/self",
                f"the file sits at {key.uri} but describes itself as {described.uri}; "
                "the path was used",
            )
        )
    return SourceEvent(
        name=key.name,
        origin=key.uri,
        schema=data,
        qualifier=key.vendor,
        description=None if data.get("description") else f"Iglu schema {key.vendor}/{key.name}.",
        warnings=warnings,
    )


def _versions(found: dict[tuple[str, str], list[tuple[SchemaKey, Path]]]) -> str:
    keys = {k for versions in found.values() for k, _ in versions}
    ordered = sorted({(k.order, k.version) for k in keys})
    shown = [v for _, v in ordered]
    return ", ".join(shown[:12]) + (", ..." if len(shown) > 12 else "")
