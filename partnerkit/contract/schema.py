"""The contract JSON Schema (shipped in the package) and schema validation as located problems."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from partnerkit.contract.loader import Document
from partnerkit.problem import JsonPath, Problem

SCHEMA_PATH = Path(__file__).with_name("contract.schema.json")
RULE_ID = "schema"


@cache
def contract_schema() -> dict[str, Any]:
    """Return the contract JSON Schema (draft 2020-12) shipped inside the package."""
    data: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return data


def schema_text() -> str:
    """Return the schema exactly as shipped, for ``partnerkit schema``."""
    return SCHEMA_PATH.read_text(encoding="utf-8")


@cache
def _validator() -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(contract_schema())


def validate(doc: Document) -> list[Problem]:
    """Validate ``doc.data`` against the schema; every error becomes a located problem."""
    problems: list[Problem] = []
    for error in _validator().iter_errors(doc.data):
        problems.extend(_problems(doc, error))
    # one error can be reached twice (e.g. through allOf branches): keep one of each
    return sorted(set(problems))


def _problems(doc: Document, error: Any) -> Iterator[Problem]:
    path: JsonPath = tuple(error.absolute_path)
    kind = error.validator
    where = _where(path)
    if kind == "additionalProperties" and isinstance(error.instance, dict):
        allowed = sorted(error.schema.get("properties", {}))
        patterns = list(error.schema.get("patternProperties", {}))
        for key in error.instance:
            if key in allowed or any(re.search(p, key) for p in patterns):
                continue
            message = f"unknown key {key!r} in {where}"
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            if close:
                message += f"; did you mean {close[0]!r}?"
            elif allowed and len(allowed) <= 12:
                message += f" (allowed: {', '.join(allowed)})"
            yield doc.problem(RULE_ID, message, (*path, key), at_key=True)
        return
    if kind == "required":
        missing = re.findall(r"^'([^']*)' is a required property$", error.message)
        name = missing[0] if missing else error.message
        yield doc.problem(RULE_ID, f"missing required key {name!r} in {where}", path, at_key=True)
        return
    if kind in ("propertyNames",) or _is_key_error(error):
        key = error.instance if isinstance(error.instance, str) else None
        if key is not None:
            yield doc.problem(
                RULE_ID,
                f"invalid key {key!r} in {where}: {_describe(error)}",
                (*path, key),
                at_key=True,
            )
            return
    yield doc.problem(RULE_ID, f"{where}: {_describe(error)}", path)


def _is_key_error(error: Any) -> bool:
    return any(part == "propertyNames" for part in error.absolute_schema_path)


def _describe(error: Any) -> str:
    kind = error.validator
    value = error.instance
    shown = _short(value)
    expected = error.validator_value
    if kind == "type":
        names = expected if isinstance(expected, list) else [expected]
        return f"expected {' or '.join(names)}, got {_json_type(value)} {shown}"
    if kind == "enum":
        return f"{shown} is not one of: {', '.join(_short(v) for v in expected)}"
    if kind == "const":
        return f"expected {_short(expected)}, got {shown}"
    if kind == "pattern":
        hint = error.schema.get("description", "")
        return f"{shown} does not match the pattern {expected}" + (
            f" ({hint.rstrip('.')})" if hint and len(hint) < 80 else ""
        )
    if kind in ("oneOf", "anyOf") and error.context:
        from jsonschema.exceptions import best_match

        best = best_match(error.context)
        return _describe(best) if best is not None else error.message
    if kind == "minProperties" and isinstance(value, dict) and not value:
        return "must not be empty"
    if kind == "minItems" and isinstance(value, list) and not value:
        return "must not be empty"
    return str(error.message)


def _where(path: JsonPath) -> str:
    from partnerkit.problem import dotted

    return dotted(path) if path else "the top level"


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "sequence"
    return "mapping"


def _short(value: Any, limit: int = 40) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 1] + "…"
