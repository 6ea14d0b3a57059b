"""Plain JSON Schema files (draft-04 to 2020-12): one file per event, or a directory of them.

SOURCE is a ``.json`` file or a directory searched recursively for ``*.json`` (hidden files and
directories are skipped). The event name is the file name without ``.json`` (and without a
``.schema`` before it): ``checkout_completed.schema.json`` -> ``checkout_completed``. Two files with
the same name in different directories are disambiguated by their directory. A JSON file in the
directory that is not a schema of an object is reported as skipped.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from partnerkit.errors import InputError
from partnerkit.importers.model import Skipped, SourceBatch, SourceEvent
from partnerkit.importers.reading import read_json, relative, require, walk

NAME = "jsonschema"
SUMMARY = "JSON Schema files (draft-04 to 2020-12), one per event; a file or a directory"

_SCHEMA_KEYS = ("$schema", "type", "properties", "allOf", "anyOf", "oneOf", "$ref", "required")


def read(source: Path, *, version: str | None = None) -> SourceBatch:
    """Read one schema file or every ``*.json`` schema under a directory."""
    if version is not None:
        raise InputError("--schema-version applies to the iglu and segment formats only")
    require(source)
    batch = SourceBatch()
    single = source.is_file()
    files = [source] if single else list(walk(source, (".json",)))
    for path in files:
        origin = relative(path, source)
        schema = read_json(path)
        if not _looks_like_schema(schema):
            if single:
                raise InputError(
                    f"{path}: not a JSON Schema (expected an object with "
                    "type, properties or $schema)"
                )
            batch.skipped.append(Skipped(origin, "not a JSON Schema"))
            continue
        parent = Path(origin).parent.as_posix()
        batch.events.append(
            SourceEvent(
                name=event_name(path),
                origin=origin,
                schema=schema,
                qualifier="" if parent == "." else parent,
            )
        )
    return batch


def event_name(path: Path) -> str:
    """Event name for a schema file: its name without ``.json`` / ``.schema.json``."""
    name = path.name
    for suffix in (".schema.json", ".json"):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return name


def _looks_like_schema(data: Any) -> bool:
    return isinstance(data, dict) and any(key in data for key in _SCHEMA_KEYS)
