"""The contract JSON Schema (shipped in the package) and schema validation as located problems.

Validation runs on jsonschema-rs when it is installed (it validates a 1,000-event contract in
milliseconds, where the pure-Python jsonschema takes seconds, and imports faster) and falls back
to jsonschema otherwise. Both backends' errors are reduced to one neutral record and worded here,
so the problems a user sees do not depend on the backend (a test holds the two to parity).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from partnerkit._record import record
from partnerkit.contract.document import Document
from partnerkit.problem import JsonPath, Problem, dotted
from partnerkit.text import is_number, yaml_type

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


@record(kw_only=False)
class SchemaError:
    """One schema violation, independent of the validation backend."""

    path: JsonPath
    """Where in the instance: the value, or for a key error the object holding the key."""
    keyword: str
    schema: Mapping[str, Any]
    """The subschema that holds ``keyword``."""
    instance: Any
    """The failing value (for a key error: the key)."""
    message: str
    """The backend's own wording, used only for keywords worded nowhere here."""
    key_error: bool = False


def validate(doc: Document, backend: str | None = None) -> list[Problem]:
    """Validate ``doc.data`` against the schema; every error becomes a located problem.

    ``backend`` is ``"rs"`` (jsonschema-rs), ``"python"`` (jsonschema) or ``None`` (the
    fastest installed).
    """
    problems: set[Problem] = set()
    for error in iter_errors(doc.data, backend):
        problems.update(_problems(doc, error))
    return sorted(problems)


def iter_errors(data: Any, backend: str | None = None) -> Iterator[SchemaError]:
    """Yield every schema error of ``data``."""
    if backend in (None, "rs"):
        validator = _rs_validator()
        if validator is not None:
            try:
                errors = list(validator.iter_errors(data))
            except ValueError:  # a value jsonschema-rs cannot take (e.g. NaN): use the fallback
                if backend == "rs":
                    raise
            else:
                yield from (_from_rs(e) for e in errors)
                return
        elif backend == "rs":
            raise ImportError("jsonschema-rs is not installed")
    for error in _py_validator().iter_errors(data):
        yield _from_python(error)


@cache
def _rs_validator() -> Any:
    try:
        import jsonschema_rs
    except ImportError:
        return None
    return jsonschema_rs.validator_for(contract_schema(), validate_formats=False)


@cache
def _py_validator() -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(contract_schema())


def _from_rs(error: Any) -> SchemaError:
    key_error = type(error.kind).__name__ == "PropertyNames"
    inner = error.kind.error if key_error else error
    location = list(inner.schema_path)
    if len(location) > 1 and location[-2] in ("dependentRequired", "dependentSchemas"):
        location = location[:-1]  # the path names the dependent key after the keyword
    return SchemaError(
        path=tuple(error.instance_path),
        keyword=str(location[-1]),
        schema=_resolve(location[:-1]),
        instance=inner.instance,
        message=str(inner.message),
        key_error=key_error,
    )


def _from_python(error: Any) -> SchemaError:
    return SchemaError(
        path=tuple(error.absolute_path),
        keyword=str(error.validator),
        schema=error.schema if isinstance(error.schema, Mapping) else {},
        instance=error.instance,
        message=str(error.message),
        key_error="propertyNames" in error.absolute_schema_path,
    )


def _resolve(location: list[Any]) -> Mapping[str, Any]:
    node: Any = contract_schema()
    for part in location:
        node = node[part]
    return node if isinstance(node, Mapping) else {}


def _problems(doc: Document, error: SchemaError) -> Iterator[Problem]:
    path, keyword, schema, value = error.path, error.keyword, error.schema, error.instance
    where = dotted(path) if path else "the top level"
    if keyword == "additionalProperties" and isinstance(value, dict):
        allowed = sorted(schema.get("properties", {}))
        patterns = list(schema.get("patternProperties", {}))
        for key in value:
            if key in allowed or any(re.search(p, key) for p in patterns):
                continue
            yield doc.problem(RULE_ID, _unknown_key(key, where, allowed), (*path, key), at_key=True)
        return
    if keyword == "required" and isinstance(value, dict):
        known = set(schema.get("properties", {}))
        unknown = [key for key in value if key not in known]
        for name in schema.get("required", []):
            if name not in value and not _misspelled(name, unknown):
                message = f"missing required key {name!r} in {where}"
                yield doc.problem(RULE_ID, message, path, at_key=True)
        return
    if error.key_error and isinstance(value, str):
        message = f"invalid key {value!r} in {where}: {_describe(error)}"
        yield doc.problem(RULE_ID, message, (*path, value), at_key=True)
        return
    if keyword == "type" and is_number(value) and schema == contract_schema()["$defs"]["semver"]:
        yield doc.problem(RULE_ID, f"{where}: {_unquoted_version(doc, path, value)}", path)
        return
    yield doc.problem(RULE_ID, f"{where}: {_describe(error)}", path)


_NUMBER_TOKEN = re.compile(r"[-+]?[0-9][0-9_.eE+-]*")
_VERSION_PARTS = re.compile(r"(\d+)(?:\.(\d+))?(?:\.(\d+))?")


def _unquoted_version(doc: Document, path: JsonPath, value: float | int) -> str:
    """Say how to write a version that YAML read as a number (``version: 1.4``).

    The number as YAML read it may differ from what was written (``1.10`` is the float 1.1),
    so the suggestion is made from the text at the value's position.
    """
    line, column = doc.locate(path)
    lines = doc.text.splitlines()
    source = lines[line - 1][column - 1 :] if 0 < line <= len(lines) else ""
    token = _NUMBER_TOKEN.match(source)
    written = token.group(0) if token else str(value)
    parts = _VERSION_PARTS.fullmatch(written)
    if parts is None:
        fix = 'write it as MAJOR.MINOR.PATCH in quotes, e.g. "1.4.0"'
    else:
        fixed = ".".join(str(int(part or 0)) for part in parts.groups())
        fix = f'write it as "{fixed}" (quoted, so that YAML reads it as text)'
    return f"{written} is a number, not a semantic version; {fix}"


def _misspelled(name: str, unknown: list[str]) -> bool:
    """Tell whether an unknown key is a likely misspelling of ``name`` (reported there)."""
    if not unknown:
        return False
    import difflib

    return any(difflib.get_close_matches(key, [name], n=1, cutoff=0.6) for key in unknown)


def _unknown_key(key: str, where: str, allowed: list[str]) -> str:
    import difflib

    message = f"unknown key {key!r} in {where}"
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    if close:
        return message + f"; did you mean {close[0]!r}?"
    if allowed and len(allowed) <= 12:
        return message + f" (allowed: {', '.join(allowed)})"
    return message


_BOUNDS = {
    "minimum": "at least {}",
    "maximum": "at most {}",
    "exclusiveMinimum": "greater than {}",
    "exclusiveMaximum": "less than {}",
    "minLength": "at least {} characters long",
    "maxLength": "at most {} characters long",
    "minItems": "a sequence of at least {} items",
    "maxItems": "a sequence of at most {} items",
    "minProperties": "a mapping of at least {} keys",
    "maxProperties": "a mapping of at most {} keys",
}


def _describe(error: SchemaError) -> str:
    keyword, schema, value = error.keyword, error.schema, error.instance
    expected = schema.get(keyword)
    shown = _short(value)
    if keyword == "type":
        names = expected if isinstance(expected, list) else [expected]
        got = "null (an empty value)" if value is None else f"{yaml_type(value)} {shown}"
        return f"expected {' or '.join(map(str, names))}, got {got}"
    if keyword == "enum" and isinstance(expected, list):
        return f"{shown} is not one of: {', '.join(_short(v) for v in expected)}"
    if keyword == "const":
        return f"expected {_short(expected)}, got {shown}"
    if keyword == "pattern":
        hint = str(schema.get("description", ""))
        suffix = f" ({hint.rstrip('.')})" if hint and len(hint) < 80 else ""
        return f"{shown} does not match the pattern {expected}{suffix}"
    if keyword in ("minItems", "minProperties") and expected == 1 and not value:
        return "must not be empty"
    if keyword in _BOUNDS:
        return f"{shown} must be {_BOUNDS[keyword].format(expected)}"
    if keyword == "uniqueItems":
        return f"{shown} has duplicate items; list each once"
    if keyword == "dependentRequired" and isinstance(value, dict) and isinstance(expected, dict):
        pairs = [f"{k!r} needs {n!r}" for k, needs in expected.items() if k in value for n in needs]
        missing = [p for p in pairs if p.split(" needs ")[1].strip("'") not in value]
        return "; ".join(missing) or error.message
    if keyword == "false":
        return "no value is allowed here"
    return error.message


def _short(value: Any, limit: int = 40) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 1] + "…"
