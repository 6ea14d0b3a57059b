"""Segment Protocols tracking plans exported as JSON: events whose rules are JSON Schemas.

Two export shapes are read, both as Segment's APIs return them:

- Public API rules (``GET /tracking-plans/{id}/rules``): ``{"data": {"rules": [...]}}`` or
  ``{"rules": [...]}``, each rule ``{"type": "TRACK", "key": "Order Completed", "version": 1,
  "jsonSchema": {...}}``;
- Config API tracking plan: ``{"display_name": ..., "rules": {"events": [{"name": ...,
  "description": ..., "version": 1, "rules": {...}}], "identify": ..., "group": ...}}``.

In both, an event's JSON Schema describes the whole call; the event's properties are the schema at
``properties.properties``. Constraints on ``context`` or ``traits`` cannot be represented and are
reported. Only track events are imported; identify, group, page and screen rules are reported as
skipped. When an event has several rule versions, the highest is imported (or ``--schema-version
N``). Event names are kept as Segment has them (``Order Completed``).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from partnerkit.errors import InputError, UsageError
from partnerkit.importers.model import ImportWarning, Skipped, SourceBatch, SourceEvent, WarningKind
from partnerkit.importers.reading import read_json, require

NAME = "segment"
SUMMARY = "Segment Protocols tracking plan export (JSON; Public API rules or Config API plan)"

_CALL_KEYS = ("context", "traits")


def read(source: Path, *, version: str | None = None) -> SourceBatch:
    """Read the track events of a Segment tracking plan export."""
    wanted: int | None = None
    if version is not None:
        if not version.isdigit():
            raise UsageError(f"--schema-version {version!r}: Segment rule versions are numbers")
        wanted = int(version)
    require(source)
    if source.is_dir():
        raise InputError(f"{source}: is a directory; pass the exported tracking plan JSON file")
    data = read_json(source)
    rules, skipped = _rules(data, source)
    batch = SourceBatch(skipped=skipped)
    by_key: dict[str, list[tuple[int, dict[str, Any], str]]] = defaultdict(list)
    for rule, pointer in rules:
        by_key[rule["key"]].append((rule["version"], rule, pointer))
    if wanted is not None and not any(v == wanted for rs in by_key.values() for v, _, _ in rs):
        raise InputError(f"{source}: no event rule has version {wanted}")
    for key, versions in by_key.items():
        versions.sort(key=lambda item: item[0])
        chosen = (
            versions[-1]
            if wanted is None
            else next((item for item in versions if item[0] == wanted), None)
        )
        if chosen is None:
            batch.skipped.append(Skipped(f"segment:{key}", f"has no rule version {wanted}"))
            continue
        number, rule, pointer = chosen
        for other, _, _ in versions:
            if other != number:
                batch.skipped.append(
                    Skipped(
                        f"segment:{key} v{other}",
                        f"version {number} imported instead",
                        older_version=other < number,
                    )
                )
        batch.events.append(_event(key, number, rule, pointer))
    return batch


def _rules(data: Any, source: Path) -> tuple[list[tuple[dict[str, Any], str]], list[Skipped]]:
    """Normalise either export shape to ``(rule, pointer)`` with key, version, schema."""
    rules: list[tuple[dict[str, Any], str]] = []
    skipped: list[Skipped] = []
    if isinstance(data, dict) and isinstance(data.get("data"), dict):
        data, base = data["data"], "#/data"
    else:
        base = "#"
    raw = data.get("rules") if isinstance(data, dict) else None
    if isinstance(raw, list):  # Public API
        for index, rule in enumerate(raw):
            pointer = f"{base}/rules/{index}"
            if not isinstance(rule, dict):
                continue
            kind = str(rule.get("type", "TRACK")).upper()
            key = rule.get("key")
            if kind != "TRACK":
                skipped.append(
                    Skipped(
                        f"segment:{kind.lower()}" + (f" {key}" if key else ""),
                        f"{kind.lower()} rules describe calls, not shared events",
                    )
                )
                continue
            if not isinstance(key, str) or not key:
                raise InputError(f"{source}: {pointer}: a TRACK rule without a key")
            rules.append(
                (
                    {
                        "key": key,
                        "version": _number(rule.get("version")),
                        "schema": rule.get("jsonSchema"),
                        "description": rule.get("description"),
                    },
                    f"{pointer}/jsonSchema",
                )
            )
        return rules, skipped
    if isinstance(raw, dict) and isinstance(raw.get("events"), list):  # Config API
        for index, event in enumerate(raw["events"]):
            pointer = f"{base}/rules/events/{index}"
            if not isinstance(event, dict) or not isinstance(event.get("name"), str):
                raise InputError(f"{source}: {pointer}: an event rule without a name")
            rules.append(
                (
                    {
                        "key": event["name"],
                        "version": _number(event.get("version")),
                        "schema": event.get("rules"),
                        "description": event.get("description"),
                    },
                    f"{pointer}/rules",
                )
            )
        for section in ("identify", "group", "global", "identify_traits", "group_traits"):
            if raw.get(section):
                skipped.append(
                    Skipped(
                        f"segment:{section}", f"{section} rules describe calls, not shared events"
                    )
                )
        return rules, skipped
    raise InputError(
        f"{source}: not a Segment tracking plan export",
        hint="expected {'rules': [...]} from the Public API or {'rules': {'events': [...]}}",
    )


def _number(value: Any) -> int:
    return int(value) if isinstance(value, int | float) and not isinstance(value, bool) else 1


def _event(key: str, version: int, rule: dict[str, Any], pointer: str) -> SourceEvent:
    call: dict[str, Any] = rule["schema"] if isinstance(rule["schema"], dict) else {}
    raw_props = call.get("properties")
    call_props: dict[str, Any] = raw_props if isinstance(raw_props, dict) else {}
    warnings: list[ImportWarning] = []
    for section in _CALL_KEYS:
        part = call_props.get(section)
        if isinstance(part, dict) and set(part) - {"type", "description", "$schema"}:
            warnings.append(
                ImportWarning(
                    WarningKind.LOSSY,
                    f"{pointer}/properties/{section}",
                    f"constraints on the call's {section} cannot be represented (a contract event "
                    "describes its properties); dropped",
                )
            )
    payload = call_props.get("properties", {"type": "object"})
    description = rule.get("description")
    if not (isinstance(description, str) and description.strip()):
        nested = payload.get("description") if isinstance(payload, dict) else None
        top = call.get("description")
        description = next(
            (d for d in (nested, top) if isinstance(d, str) and d.strip()),
            f"Segment track event {key!r}.",
        )
    return SourceEvent(
        name=key,
        origin=f"segment:{key} v{version}",
        schema=payload,
        root=call,
        pointer=f"{pointer}/properties/properties",
        description=description.strip(),
        warnings=warnings,
    )
