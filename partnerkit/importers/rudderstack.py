"""RudderStack tracking plans as Rudder CLI YAML: events, properties, custom types, tracking plans.

SOURCE is one YAML file (several ``---`` documents allowed) or a directory of them, as a Rudder CLI
project keeps them. Documents are told apart by ``kind``: ``events``, ``properties``,
``custom-types`` and ``tp`` / ``tracking-plan`` (``categories`` and others are ignored). Both spec
styles are read: ``rudder/v0.1`` references (``$ref: "#/properties/<group>/<id>"``) and
``rudder/v1`` URNs (``"#property:<id>"``).

Each ``event_rule`` of a tracking plan becomes one event, named by the event's ``name`` (the name
sent with a track call) or its ``id``; its property list becomes the event's properties
(``required: true`` -> ``required``), nested ``properties`` lists become nested objects,
``allow_unplanned`` / ``additional_properties`` the content model (closed by default, as in
RudderStack). A property's ``type`` (or ``types``, or a comma-separated type list) and its
``config`` / ``propConfig`` (enum, lengths, bounds, pattern, format, item types) become JSON
Schema keywords; custom types are inlined. Variants and non-track events are reported.
Warnings point into the event's mapped schema (``#/properties/<name>/...``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from partnerkit.errors import InputError
from partnerkit.importers.model import ImportWarning, Skipped, SourceBatch, SourceEvent, WarningKind
from partnerkit.importers.reading import read_yaml_documents, relative, require, walk

NAME = "rudderstack"
SUMMARY = "RudderStack tracking plan YAML (Rudder CLI project: events, properties, tp)"

_KIND_ALIASES = {
    "tp": "tracking-plan",
    "tracking-plan": "tracking-plan",
    "events": "events",
    "properties": "properties",
    "custom-types": "custom-types",
}
_CONFIG_KEYS = {
    "enum",
    "minLength",
    "maxLength",
    "pattern",
    "format",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minItems",
    "maxItems",
    "uniqueItems",
}
_PRIMITIVES = {"string", "number", "integer", "boolean", "object", "array", "null"}


class _Catalog:
    """Events, properties and custom types of a project, addressable by any reference style."""

    def __init__(self) -> None:
        self.items: dict[str, dict[str, dict[str, Any]]] = {
            "events": {},
            "properties": {},
            "custom-types": {},
        }
        self.plans: list[tuple[dict[str, Any], str]] = []

    def add(self, kind: str, group: str, item: dict[str, Any]) -> None:
        ident = str(item.get("id", ""))
        self.items[kind][ident] = item
        self.items[kind][f"{group}/{ident}"] = item

    def lookup(self, ref: Any) -> tuple[str, dict[str, Any]] | None:
        """Resolve ``{"$ref": "#/properties/g/id"}``, ``"#/properties/g/id"`` or ``"#property:id"``.

        Returns ``(kind, item)`` or ``None`` when the reference names nothing in the catalog.
        """
        if isinstance(ref, dict):
            ref = ref.get("$ref")
        if not isinstance(ref, str):
            return None
        if ref.startswith("#/"):
            kind, _, rest = ref[2:].partition("/")
        elif ref.startswith("#") and ":" in ref:
            kind, _, rest = ref[1:].partition(":")
            kind = {"event": "events", "property": "properties", "custom-type": "custom-types"}.get(
                kind, kind
            )
        else:
            return None
        item = self.items.get(kind, {}).get(rest)
        return (kind, item) if item is not None else None


def read(source: Path, *, version: str | None = None) -> SourceBatch:
    """Read every tracking plan's event rules under ``source``."""
    if version is not None:
        raise InputError("--schema-version applies to the iglu and segment formats only")
    require(source)
    files = [source] if source.is_file() else list(walk(source, (".yaml", ".yml")))
    catalog = _Catalog()
    for path in files:
        for doc in read_yaml_documents(path):
            _collect(catalog, doc, relative(path, source))
    if not catalog.plans:
        raise InputError(
            f"{source}: no RudderStack tracking plan found",
            hint="expected a YAML document with kind: tp or kind: tracking-plan",
        )
    batch = SourceBatch()
    for plan, origin in catalog.plans:
        plan_id = str(plan.get("id") or plan.get("display_name") or origin)
        for index, rule in enumerate(plan.get("rules") or []):
            _rule(catalog, batch, rule, f"rudderstack:{plan_id}", index)
    return batch


def _collect(catalog: _Catalog, doc: Any, origin: str) -> None:
    if not isinstance(doc, dict):
        return
    kind = _KIND_ALIASES.get(str(doc.get("kind", "")))
    spec = doc.get("spec")
    if kind is None or not isinstance(spec, dict):
        return
    meta = doc.get("metadata")
    group = str(meta.get("name", "")) if isinstance(meta, dict) else ""
    if kind == "tracking-plan":
        catalog.plans.append((spec, origin))
        return
    key = "types" if kind == "custom-types" else kind
    for item in spec.get(key) or []:
        if isinstance(item, dict) and "id" in item:
            catalog.add(kind, group, item)


def _rule(catalog: _Catalog, batch: SourceBatch, rule: Any, plan: str, index: int) -> None:
    if not isinstance(rule, dict) or rule.get("type", "event_rule") != "event_rule":
        kind = rule.get("type") if isinstance(rule, dict) else "?"
        batch.skipped.append(Skipped(f"{plan} rule {index}", f"rule type {kind!r} not imported"))
        return
    rule_id = str(rule.get("id", index))
    event_ref = rule.get("event")
    found = catalog.lookup(event_ref)
    if found is None:
        raise InputError(f"{plan}: rule {rule_id!r} refers to an unknown event {event_ref!r}")
    _, event = found
    event_type = str(event.get("event_type", "track"))
    if event_type != "track":
        batch.skipped.append(
            Skipped(f"{plan}/{rule_id}", f"{event_type} events describe calls, not shared events")
        )
        return
    warnings: list[ImportWarning] = []
    closed = _closed(rule, event_ref)
    schema = _object(catalog, rule.get("properties") or [], plan, rule_id, "#", warnings)
    schema["additionalProperties"] = not closed
    if rule.get("variants"):
        warnings.append(
            ImportWarning(
                WarningKind.LOSSY,
                "#",
                "variants (conditional property rules) cannot be represented; dropped",
            )
        )
    if rule.get("includes"):
        warnings.append(
            ImportWarning(
                WarningKind.LOSSY, "#", "property group includes cannot be resolved; dropped"
            )
        )
    description = event.get("description")
    batch.events.append(
        SourceEvent(
            name=str(event.get("name") or event.get("id")),
            origin=f"{plan}/{rule_id}",
            schema=schema,
            qualifier=str(event.get("id", rule_id)),
            description=description.strip()
            if isinstance(description, str) and description.strip()
            else None,
            warnings=warnings,
        )
    )


def _closed(rule: dict[str, Any], event_ref: Any) -> bool:
    for holder in (event_ref, rule):
        if isinstance(holder, dict):
            if "allow_unplanned" in holder:
                return not bool(holder["allow_unplanned"])
            if "additional_properties" in holder:
                return not bool(holder["additional_properties"])
    return True


def _object(
    catalog: _Catalog,
    entries: list[Any],
    plan: str,
    rule_id: str,
    pointer: str,
    warnings: list[ImportWarning],
) -> dict[str, Any]:
    """Build a JSON Schema object from a rule's (or nested) property reference list."""
    properties: dict[str, Any] = {}
    required: list[str] = []
    for entry in entries:
        ref = entry.get("$ref", entry.get("property")) if isinstance(entry, dict) else entry
        found = catalog.lookup(ref)
        if found is None:
            raise InputError(f"{plan}: rule {rule_id!r} refers to an unknown property {ref!r}")
        prop = found[1]
        name = str(prop.get("name") or prop.get("id"))
        where = f"{pointer}/properties/{name}"
        schema = property_schema(catalog, prop, where, warnings)
        nested = entry.get("properties") if isinstance(entry, dict) else None
        if nested:
            inner = _object(catalog, nested, plan, rule_id, where, warnings)
            schema.setdefault("type", "object")
            schema["properties"] = inner["properties"]
            if inner.get("required"):
                schema["required"] = inner["required"]
        properties[name] = schema
        if isinstance(entry, dict) and entry.get("required") is True:
            required.append(name)
    out: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        out["required"] = required
    return out


def property_schema(
    catalog: _Catalog,
    prop: dict[str, Any],
    pointer: str,
    warnings: list[ImportWarning],
    depth: int = 0,
) -> dict[str, Any]:
    """JSON Schema of a RudderStack property or custom type definition."""
    out: dict[str, Any] = {}
    if isinstance(prop.get("description"), str):
        out["description"] = prop["description"]
    raw = prop.get("types", prop.get("type"))
    listed = (
        raw
        if isinstance(raw, list)
        else ([t.strip() for t in raw.split(",")] if isinstance(raw, str) else [])
    )
    types: list[str] = []
    for t in listed:
        custom = catalog.lookup(t) if isinstance(t, str) and t.startswith("#") else None
        if custom is not None and custom[0] == "custom-types" and depth < 16:
            out.update(
                {
                    k: v
                    for k, v in property_schema(
                        catalog, custom[1], pointer, warnings, depth + 1
                    ).items()
                    if k != "description"
                }
            )
        elif t in _PRIMITIVES:
            types.append(t)
        elif t:
            warnings.append(
                ImportWarning(
                    WarningKind.LOSSY, f"{pointer}/type", f"type {t!r} cannot be resolved; dropped"
                )
            )
    if types:
        out["type"] = types[0] if len(types) == 1 else types
    config = prop.get("config", prop.get("propConfig")) or {}
    if isinstance(config, dict):
        for key, value in config.items():
            if key in _CONFIG_KEYS:
                out[key] = value
            elif key in ("itemTypes", "item_types"):
                item_types = value if isinstance(value, list) else [value]
                item = property_schema(
                    catalog, {"types": item_types}, f"{pointer}/items", warnings, depth + 1
                )
                if item:
                    out["items"] = item
            else:
                warnings.append(
                    ImportWarning(
                        WarningKind.LOSSY,
                        f"{pointer}/{key}",
                        f"property config {key!r} cannot be represented",
                    )
                )
    if prop.get("item_type") and "items" not in out:
        out["items"] = property_schema(
            catalog, {"type": prop["item_type"]}, f"{pointer}/items", warnings, depth + 1
        )
    if isinstance(prop.get("properties"), list) and depth < 16:  # object custom type
        inner = _object(
            catalog, prop["properties"], "custom type", str(prop.get("id")), pointer, warnings
        )
        out["properties"] = inner["properties"]
        if inner.get("required"):
            out["required"] = inner["required"]
    if prop.get("variants"):
        warnings.append(
            ImportWarning(
                WarningKind.LOSSY, pointer, "custom type variants cannot be represented; dropped"
            )
        )
    return out
