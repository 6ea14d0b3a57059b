"""Map one JSON Schema (draft-04 to 2020-12) onto a partnerkit event definition.

The mapping is faithful where the contract format can say the same thing: types and type lists
(``["string", "null"]``, OpenAPI's ``nullable``), enums (with ``null``), ``const``, formats,
patterns, numeric and length bounds (draft-04's boolean ``exclusiveMinimum`` becomes draft-06's
number), nested objects and arrays, ``required``, ``additionalProperties`` (JSON Schema's default
is *open*, the contract's is *closed*, so an absent keyword becomes an explicit ``true``),
descriptions, defaults and examples. Local ``$ref`` (``#/definitions/...``, ``#/$defs/...``, any
pointer into the same document) are inlined; ``allOf`` of compatible parts is merged; an
``anyOf``/``oneOf`` that only adds ``null`` or lists plain types becomes a type list.

Everything else (``oneOf`` alternatives, ``multipleOf``, ``patternProperties``, ``$ref`` to other
documents, ...) is left out and reported as an :class:`~partnerkit.importers.model.ImportWarning`
with the JSON pointer of the keyword in the source, so the imported contract is never silently
looser than the source. Every property gets ``pii`` (see :mod:`partnerkit.importers.pii`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from typing import Any

from partnerkit.importers import pii
from partnerkit.importers.model import ImportWarning, WarningKind
from partnerkit.importers.resolve import META, Resolver, ptr
from partnerkit.text import is_number

JSON_TYPES = ("string", "number", "integer", "boolean", "object", "array", "null")
FORMAT_ALIASES = {"ip-address": "ipv4", "host-name": "hostname"}
"""Draft-03 format names and their later equivalents."""

MAX_DEPTH = 64


_HANDLED = frozenset(
    {
        "$ref",
        "type",
        "nullable",
        "enum",
        "const",
        "format",
        "pattern",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "minLength",
        "maxLength",
        "minItems",
        "maxItems",
        "uniqueItems",
        "items",
        "properties",
        "required",
        "additionalProperties",
        "patternProperties",
        "unevaluatedProperties",
        "description",
        "title",
        "default",
        "examples",
        "example",
        "deprecated",
    }
)
_EVENT_HANDLED = frozenset(
    {
        "$ref",
        "type",
        "nullable",
        "properties",
        "required",
        "additionalProperties",
        "patternProperties",
        "unevaluatedProperties",
        "description",
        "title",
    }
)
_STRUCTURE = ("items", "additionalProperties", "required", "properties")
_APPLICATORS = ("allOf", "anyOf", "oneOf", "not", "if", "$ref", "dependentSchemas")
_ANY_KEY_PATTERNS = frozenset({"", ".*", "^.*$", "^.*", ".*$"})
_LENGTHS = ("minLength", "maxLength", "minItems", "maxItems")


@cache
def known_formats() -> frozenset[str] | None:
    """Return the string formats the contract schema accepts, or ``None`` if it accepts any.

    Read from the shipped schema, so the importer follows the format instead of guessing it.
    """
    from partnerkit.contract.schema import contract_schema

    prop = contract_schema()["$defs"]["propertySchema"]["properties"].get("format", {})
    enum = prop.get("enum")
    return frozenset(enum) if isinstance(enum, list) else None


def map_event(
    schema: Any, *, root: Any = None, pointer: str = "#"
) -> tuple[dict[str, Any], list[ImportWarning]]:
    """Map the payload schema of one event; return ``(definition, warnings)``.

    ``definition`` holds ``description`` (when the schema has one), ``additionalProperties``,
    ``required`` and ``properties``; the caller adds owner and provenance.
    """
    mapper = _Mapper(schema if root is None else root)
    return mapper.event(schema, pointer), mapper.warnings


def map_property(
    schema: Any, *, name: str = "", root: Any = None, pointer: str = "#"
) -> tuple[dict[str, Any], list[ImportWarning]]:
    """Map one property schema on its own: what it would become as a property of an event."""
    mapper = _Mapper(schema if root is None else root)
    return mapper.prop(schema, pointer, name=name, parent=""), mapper.warnings


def _preview(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= 40 else text[:37] + "..."


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


class _Mapper:
    def __init__(self, root: Any) -> None:
        self.warnings: list[ImportWarning] = []
        self.resolver = Resolver(root, self.warn)

    def warn(self, pointer: str, message: str, kind: WarningKind = WarningKind.LOSSY) -> None:
        self.warnings.append(ImportWarning(kind, pointer, message))

    # -- event ---------------------------------------------------------------------------------

    def event(self, schema: Any, pointer: str) -> dict[str, Any]:
        used: list[str] = []
        s = self.resolver.prepare(schema, pointer, 0, used)
        self.resolver.refs.extend(used)
        try:
            return self.event_body(s, pointer)
        finally:
            del self.resolver.refs[len(self.resolver.refs) - len(used) :]

    def event_body(self, s: dict[str, Any], pointer: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        self.texts(s, pointer, out)
        out.pop("default", None)
        out.pop("examples", None)
        out.pop("deprecated", None)
        types = self.types(s, pointer)
        if types is not None and "object" not in types:
            self.warn(
                ptr(pointer, "type"),
                f"the payload is of type {_preview(s['type'])}; an event is an object, so it "
                "was imported as an open event without properties",
            )
            out["additionalProperties"] = True
            self.unsupported(s, pointer, handled=_EVENT_HANDLED | {"items"})
            return out
        if types is not None and len(types) > 1:
            self.warn(
                ptr(pointer, "type"), f"payload type {_preview(s['type'])} narrowed to object"
            )
        body = self.object_body(s, pointer, 0, parent="", event=True)
        addl = body.pop("additionalProperties", True)
        if not isinstance(addl, bool):
            self.warn(
                ptr(pointer, "additionalProperties"),
                "a schema for undeclared event properties cannot be represented (an event is "
                "open or closed); imported as open",
            )
            addl = True
        out["additionalProperties"] = addl
        out.update(body)
        self.unsupported(s, pointer, handled=_EVENT_HANDLED)
        return out

    # -- properties ----------------------------------------------------------------------------

    def prop(
        self,
        schema: Any,
        pointer: str,
        *,
        name: str,
        parent: str,
        depth: int = 0,
        annotate: bool = True,
    ) -> dict[str, Any]:
        out = self.shape(schema, pointer, depth, name)
        if annotate:
            self.annotate(out, name, parent, pointer)
        return out

    def shape(self, schema: Any, pointer: str, depth: int, name: str = "") -> dict[str, Any]:
        if depth > MAX_DEPTH:
            self.warn(pointer, f"nesting deeper than {MAX_DEPTH} levels; the rest is not imported")
            return {}
        used: list[str] = []
        s = self.resolver.prepare(schema, pointer, depth, used)
        self.resolver.refs.extend(used)
        try:
            return self.shape_body(s, pointer, depth, name)
        finally:
            del self.resolver.refs[len(self.resolver.refs) - len(used) :]

    def shape_body(self, s: dict[str, Any], pointer: str, depth: int, name: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        types = self.types(s, pointer)
        if types is not None:
            out["type"] = types[0] if len(types) == 1 else types
        self.scalars(s, pointer, out)
        self.texts(s, pointer, out)
        if "items" in s:
            self.items(s["items"], ptr(pointer, "items"), depth, out, name)
        object_like = (types is not None and "object" in types) or (
            types is None and ("properties" in s or "additionalProperties" in s)
        )
        if object_like:
            out.update(self.object_body(s, pointer, depth, parent=name, event=False))
        self.unsupported(s, pointer, handled=_HANDLED)
        return out

    def annotate(self, out: dict[str, Any], name: str, parent: str, pointer: str) -> None:
        t = out.get("type")
        types = tuple(t) if isinstance(t, list) else ((t,) if isinstance(t, str) else ())
        found = pii.guess(name, parent=parent, fmt=out.get("format"), types=types)
        # pii (and handling) go before nested structures, so they stay next to the name
        nested = {k: out.pop(k) for k in _STRUCTURE if k in out}
        if found is None:
            out["pii"] = "none"
            out.update(nested)
            return
        out["pii"] = found.pii
        out["handling"] = "sha256"
        out.update(nested)
        self.warn(
            pointer,
            f"pii: {found.pii} guessed ({found.reason}), handling: sha256; review both",
            WarningKind.PII,
        )

    def types(self, s: Mapping[str, Any], pointer: str) -> list[str] | None:
        raw = s.get("type")
        if raw is None:
            return None
        listed = raw if isinstance(raw, list) else [raw]
        out: list[str] = []
        for t in listed:
            if t in JSON_TYPES:
                if t not in out:
                    out.append(t)
            elif t == "any":
                return None
            else:
                self.warn(ptr(pointer, "type"), f"type {_preview(t)} is not a JSON type; dropped")
        if s.get("nullable") is True and out and "null" not in out:
            out.append("null")
        if "null" in out and len(out) > 1:
            out.remove("null")
            out.append("null")
        return out or None

    def scalars(self, s: Mapping[str, Any], pointer: str, out: dict[str, Any]) -> None:
        fmt = s.get("format")
        if isinstance(fmt, str):
            fmt = FORMAT_ALIASES.get(fmt, fmt)
            known = known_formats()
            if known is None or fmt in known:
                out["format"] = fmt
            else:
                self.warn(
                    ptr(pointer, "format"),
                    f"format {fmt!r} is not a format the contract knows; dropped",
                )
        if "enum" in s:
            self.enum(s["enum"], ptr(pointer, "enum"), out)
        if "const" in s:
            out["const"] = s["const"]
        pattern = s.get("pattern")
        if isinstance(pattern, str) and pattern:
            out["pattern"] = pattern
        for key in _LENGTHS:
            if key in s:
                value = s[key]
                if is_number(value) and value >= 0 and float(value).is_integer():
                    out[key] = int(value)
                else:
                    self.warn(ptr(pointer, key), f"{key} {_preview(value)} is not a count")
        self.bounds(s, pointer, out)
        if isinstance(s.get("uniqueItems"), bool):
            out["uniqueItems"] = s["uniqueItems"]

    def texts(self, s: Mapping[str, Any], pointer: str, out: dict[str, Any]) -> None:
        description = s.get("description")
        title = s.get("title")
        if isinstance(description, str) and description.strip():
            out["description"] = description.strip()
            if isinstance(title, str) and title.strip() and title.strip() != out["description"]:
                self.warn(
                    ptr(pointer, "title"),
                    f"title {title.strip()!r} dropped (the "
                    "description is kept; the contract has no separate title)",
                )
        elif isinstance(title, str) and title.strip():
            out["description"] = title.strip()
        if "default" in s:
            out["default"] = s["default"]
        examples = s.get("examples")
        if isinstance(examples, list):
            if examples:
                out["examples"] = examples
        elif examples is not None:
            self.warn(ptr(pointer, "examples"), "examples is not a list; dropped")
        elif "example" in s:
            out["examples"] = [s["example"]]
        if isinstance(s.get("deprecated"), bool):
            out["deprecated"] = s["deprecated"]

    def enum(self, values: Any, pointer: str, out: dict[str, Any]) -> None:
        if not isinstance(values, list) or not values:
            self.warn(pointer, "an empty or malformed enum cannot be represented; dropped")
            return
        if not all(_is_scalar(v) for v in values):
            self.warn(pointer, "an enum of objects or arrays cannot be represented; dropped")
            return
        seen: set[str] = set()
        unique = []
        for value in values:
            key = json.dumps(value)
            if key not in seen:
                seen.add(key)
                unique.append(value)
        out["enum"] = unique

    def bounds(self, s: Mapping[str, Any], pointer: str, out: dict[str, Any]) -> None:
        for key, exclusive in (("minimum", "exclusiveMinimum"), ("maximum", "exclusiveMaximum")):
            bound = s.get(key)
            flag = s.get(exclusive)
            if key in s and not is_number(bound):
                self.warn(ptr(pointer, key), f"{key} {_preview(bound)} is not a number")
                bound = None
            if isinstance(flag, bool):  # draft-04: a flag on minimum/maximum
                if bound is not None:
                    out[exclusive if flag else key] = bound
            else:
                if bound is not None:
                    out[key] = bound
                if is_number(flag):
                    out[exclusive] = flag
                elif flag is not None:
                    self.warn(
                        ptr(pointer, exclusive), f"{exclusive} {_preview(flag)} is not a number"
                    )

    def items(self, items: Any, pointer: str, depth: int, out: dict[str, Any], name: str) -> None:
        if items is False:
            out["maxItems"] = 0
        elif isinstance(items, list):
            self.warn(
                pointer,
                f"tuple-form items ({len(items)} position{'s' * (len(items) != 1)}) cannot be "
                "represented; dropped",
            )
        elif items is True or items == {}:
            return
        else:
            mapped = self.shape(items, pointer, depth + 1, name)
            if mapped:
                out["items"] = mapped

    def object_body(
        self, s: Mapping[str, Any], pointer: str, depth: int, *, parent: str, event: bool
    ) -> dict[str, Any]:
        out: dict[str, Any] = {}
        addl: Any = None
        if "additionalProperties" in s:
            addl = self.additional(
                s["additionalProperties"], ptr(pointer, "additionalProperties"), depth
            )
        patterns = s.get("patternProperties")
        if isinstance(patterns, dict) and patterns:
            only = next(iter(patterns)) if len(patterns) == 1 else None
            if only in _ANY_KEY_PATTERNS and addl is None and "properties" not in s:
                addl = self.additional(
                    patterns[only], ptr(pointer, "patternProperties", only), depth
                )
            else:
                self.warn(
                    ptr(pointer, "patternProperties"),
                    "patternProperties cannot be represented; dropped",
                )
        unevaluated = s.get("unevaluatedProperties")
        if unevaluated is not None:
            if (
                isinstance(unevaluated, bool)
                and addl is None
                and not any(k in s for k in _APPLICATORS)
            ):
                addl = unevaluated
            else:
                self.warn(
                    ptr(pointer, "unevaluatedProperties"),
                    "unevaluatedProperties cannot be represented; dropped",
                )
        required = self.required(s, pointer)
        props = s.get("properties")
        mapped: dict[str, Any] = {}
        if isinstance(props, dict):
            for name, sub in props.items():
                where = ptr(pointer, "properties", name)
                if not name:
                    self.warn(where, "a property with an empty name cannot be represented")
                    continue
                if sub is False:
                    self.warn(
                        where,
                        "a property that must be absent (schema false) cannot be "
                        "represented; dropped",
                    )
                    continue
                if isinstance(sub, dict) and sub.get("required") is True:  # draft-03
                    required.append(name)
                mapped[name] = self.prop(sub, where, name=name, parent=parent, depth=depth + 1)
        elif props is not None:
            self.warn(ptr(pointer, "properties"), "properties is not an object; dropped")
        out["additionalProperties"] = True if addl is None else addl
        if required:
            out["required"] = list(dict.fromkeys(required))
        if mapped or event:
            out["properties"] = mapped
        return out

    def additional(self, value: Any, pointer: str, depth: int) -> Any:
        if isinstance(value, bool):
            return value
        if value == {}:
            return True
        return self.prop(value, pointer, name="", parent="", depth=depth + 1)

    def required(self, s: Mapping[str, Any], pointer: str) -> list[str]:
        raw = s.get("required")
        if raw is None or isinstance(raw, bool):
            return []
        if not isinstance(raw, list):
            self.warn(ptr(pointer, "required"), "required is not a list; dropped")
            return []
        out = [r for r in raw if isinstance(r, str) and r]
        if len(out) != len(raw):
            self.warn(
                ptr(pointer, "required"),
                "required entries that are not property names were dropped",
            )
        return out

    def unsupported(self, s: Mapping[str, Any], pointer: str, *, handled: frozenset[str]) -> None:
        for key, value in s.items():
            if key in ("anyOf", "oneOf", "allOf") and isinstance(value, list):
                self.warn(
                    ptr(pointer, key),
                    f"{key} with {len(value)} alternatives cannot "
                    "be represented; dropped (the import accepts more than the source)",
                )
                continue
            if key in META or key in handled:
                continue
            self.warn(ptr(pointer, key), f"{key} {_preview(value)} cannot be represented; dropped")
