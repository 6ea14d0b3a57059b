"""Resolve ``$ref`` and simplify ``allOf`` / ``anyOf`` / ``oneOf`` before mapping a schema.

Local references (any JSON pointer into the same document, ``#/definitions/...``,
``#/$defs/...``) are inlined; a recursive reference stops at the point where it recurs. ``allOf``
parts that constrain different keywords merge into one schema; an ``anyOf``/``oneOf`` whose only
alternatives are ``null`` and one schema becomes that schema plus ``null``, and one that lists plain
types becomes a type list. Anything else is left in place for the mapper to report.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import unquote

META = frozenset(
    {
        "$schema",
        "$id",
        "id",
        "$comment",
        "$anchor",
        "$dynamicAnchor",
        "$recursiveAnchor",
        "$vocabulary",
        "definitions",
        "$defs",
        "self",
    }
)
"""Keywords that identify or organise a schema but constrain nothing: dropped without a warning."""

_TEXT = frozenset({"description", "title", "default", "examples", "$comment"})

Warn = Callable[[str, str], None]


def ptr(base: str, *parts: str | int) -> str:
    """Append ``parts`` to the JSON pointer fragment ``base``, escaping ``~`` and ``/``."""
    out = base
    for part in parts:
        out += "/" + str(part).replace("~", "~0").replace("/", "~1")
    return out


class Resolver:
    """Inline local ``$ref`` of one document and merge combinators where that is faithful."""

    def __init__(self, root: Any, warn: Warn) -> None:
        self.root = root
        self.warn = warn
        self.refs: list[str] = []
        """References being inlined on the current path (to stop recursion)."""

    def prepare(self, schema: Any, pointer: str, depth: int, used: list[str]) -> dict[str, Any]:
        """Resolve ``$ref``, merge ``allOf`` and simplify ``anyOf``/``oneOf`` where faithful."""
        if schema is True:
            return {}
        if schema is False:
            self.warn(pointer, "schema false (no value allowed) cannot be represented")
            return {}
        if not isinstance(schema, dict):
            self.warn(pointer, f"{type(schema).__name__} {schema!r:.40} is not a schema; dropped")
            return {}
        s = self.deref(schema, pointer, used)
        if isinstance(s.get("allOf"), list):
            s = self.merge_all_of(s, pointer, depth, used)
        for key in ("anyOf", "oneOf"):
            if isinstance(s.get(key), list):
                s = self.simplify_union(s, key, pointer, used)
        return s

    def deref(self, schema: dict[str, Any], pointer: str, used: list[str]) -> dict[str, Any]:
        """Follow ``$ref`` chains; sibling keywords are merged over the referenced schema."""
        s = schema
        while isinstance(s.get("$ref"), str):
            ref = s["$ref"]
            siblings = {k: v for k, v in s.items() if k != "$ref"}
            target = self.resolve(ref)
            if target is None:
                self.warn(
                    ptr(pointer, "$ref"),
                    f"$ref {ref!r} points outside this document "
                    "and cannot be resolved; imported without its constraints",
                )
                return siblings
            if ref in self.refs or ref in used:
                self.warn(
                    ptr(pointer, "$ref"),
                    f"recursive $ref {ref!r} cannot be inlined; imported without its constraints",
                )
                return siblings
            used.append(ref)
            if target is True:
                target = {}
            if not isinstance(target, dict):
                self.warn(ptr(pointer, "$ref"), f"$ref {ref!r} is not a schema; dropped")
                return siblings
            merged = dict(target)
            for key, value in siblings.items():
                if key in merged and merged[key] != value and key not in _TEXT:
                    self.warn(
                        ptr(pointer, key),
                        f"{key} next to $ref {ref!r} differs from the "
                        "referenced schema; the referenced value was kept",
                    )
                    continue
                merged[key] = value
            s = merged
        return s

    def resolve(self, ref: str) -> Any:
        """Return what a local reference points at, or ``None`` for any other reference."""
        if ref != "#" and not ref.startswith("#/"):
            return None
        node = self.root
        for raw in ref[2:].split("/") if ref != "#" else []:
            part = unquote(raw).replace("~1", "/").replace("~0", "~")
            if isinstance(node, dict) and part in node:
                node = node[part]
            elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            else:
                return None
        return node

    def merge_all_of(
        self, s: dict[str, Any], pointer: str, depth: int, used: list[str]
    ) -> dict[str, Any]:
        """Merge ``allOf`` parts into ``s`` when no keyword is constrained twice."""
        merged = {k: v for k, v in s.items() if k != "allOf"}
        for index, part in enumerate(s["allOf"]):
            sub = self.prepare(part, ptr(pointer, "allOf", index), depth + 1, used)
            if not _merge_into(merged, sub):
                self.warn(
                    ptr(pointer, "allOf"),
                    "allOf parts that constrain the same keywords "
                    "cannot be represented; dropped (the import accepts more than the "
                    "source)",
                )
                return {k: v for k, v in s.items() if k != "allOf"}
        return merged

    def simplify_union(
        self, s: dict[str, Any], key: str, pointer: str, used: list[str]
    ) -> dict[str, Any]:
        """Turn ``anyOf``/``oneOf`` into a type list or a nullable schema where faithful."""
        trial: list[str] = []
        alternatives = [
            self.deref(a, ptr(pointer, key, i), trial) if isinstance(a, dict) else a
            for i, a in enumerate(s[key])
        ]
        if not all(isinstance(a, dict) for a in alternatives):
            return s
        rest = {k: v for k, v in s.items() if k != key}
        nulls = [a for a in alternatives if _is_null_schema(a)]
        others = [a for a in alternatives if not _is_null_schema(a)]
        if nulls and len(others) == 1:
            candidate = dict(rest)
            if _merge_into(candidate, others[0]):
                if "type" in candidate:
                    candidate["type"] = _with_null(candidate["type"])
                used.extend(trial)
                return candidate
        plain = [a for a in alternatives if set(a) <= {"type", "description"}]
        if len(plain) == len(alternatives) and all(a.get("type") for a in alternatives):
            union: list[str] = []
            for a in alternatives:
                for t in a["type"] if isinstance(a["type"], list) else [a["type"]]:
                    if t not in union:
                        union.append(t)
            if "type" in rest:
                outer = rest["type"] if isinstance(rest["type"], list) else [rest["type"]]
                union = [t for t in union if t in outer]
            if union:
                rest["type"] = union
                used.extend(trial)
                return rest
        return s


def _is_null_schema(schema: Mapping[str, Any]) -> bool:
    t = schema.get("type")
    if t == "null" or t == ["null"]:
        return set(schema) <= {"type", "description", "title"}
    return schema.get("const", 0) is None and set(schema) <= {"const", "description"}


def _with_null(types: Any) -> Any:
    listed = list(types) if isinstance(types, list) else [types]
    if "null" not in listed:
        listed.append("null")
    return listed


def _merge_into(target: dict[str, Any], part: Mapping[str, Any]) -> bool:
    """Merge ``part`` into ``target`` if no keyword is constrained twice; False if impossible."""
    for key, value in part.items():
        if key in META:
            continue
        if key not in target or target[key] == value:
            target[key] = value
        elif key == "properties" and isinstance(value, dict) and isinstance(target[key], dict):
            if set(value) & set(target[key]):
                return False
            target[key] = {**target[key], **value}
        elif key == "required" and isinstance(value, list) and isinstance(target[key], list):
            target[key] = list(dict.fromkeys([*target[key], *value]))
        elif key in ("description", "title"):
            continue  # the outer text wins
        elif key == "type":
            outer = target[key] if isinstance(target[key], list) else [target[key]]
            inner = value if isinstance(value, list) else [value]
            both = [t for t in outer if t in inner]
            if not both:
                return False
            target[key] = both if len(both) > 1 else both[0]
        else:
            return False
    return True
