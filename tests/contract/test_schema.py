"""The contract JSON Schema (format v1): valid, documented, accepts the examples, rejects typos."""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_PATH = ROOT / "partnerkit" / "contract" / "contract.schema.json"
CONTRACTS = ROOT / "contracts"
EXAMPLE = CONTRACTS / "acme-globex.yaml"
MINIMAL = CONTRACTS / "minimal.yaml"
SCHEMA_ID = "https://partnerkit.dev/schema/contract-1.json"
MODELINE = "# yaml-language-server: $schema=../partnerkit/contract/contract.schema.json"

# keywords whose value is one subschema, a list of subschemas, or a mapping of subschemas
_ONE = (
    "items",
    "additionalProperties",
    "propertyNames",
    "not",
    "if",
    "then",
    "else",
    "contains",
    "unevaluatedItems",
    "unevaluatedProperties",
)
_LIST = ("allOf", "anyOf", "oneOf", "prefixItems")
_MAP = ("properties", "patternProperties", "$defs", "dependentSchemas")


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def validator(schema: dict[str, Any]) -> Draft202012Validator:
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _plain(value: Any) -> Any:
    """YAML dates become ISO strings, as the loader does."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def load_contract(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = _plain(YAML(typ="safe").load(path.read_text(encoding="utf-8")))
    return data


def walk(node: Any, where: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield ``(location, subschema)`` for every subschema, following the 2020-12 keywords."""
    if not isinstance(node, dict):
        return  # boolean schemas
    yield where, node
    for key in _ONE:
        if key in node:
            yield from walk(node[key], f"{where}/{key}")
    for key in _LIST:
        for i, sub in enumerate(node.get(key, [])):
            yield from walk(sub, f"{where}/{key}/{i}")
    for key in _MAP:
        for name, sub in node.get(key, {}).items():
            yield from walk(sub, f"{where}/{key}/{name}")


# ------------------------------------------------------------------------- the schema itself


def test_schema_is_valid_draft_2020_12(schema: dict[str, Any]) -> None:
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == SCHEMA_ID
    assert schema["title"]
    assert schema["description"]


def test_every_property_has_a_description(schema: dict[str, Any]) -> None:
    missing = [
        f"{where}/properties/{name}"
        for where, sub in walk(schema)
        for name, prop in sub.get("properties", {}).items()
        if not (isinstance(prop, dict) and str(prop.get("description", "")).strip())
    ]
    assert missing == []


def test_every_definition_has_a_description(schema: dict[str, Any]) -> None:
    missing = [name for name, sub in schema["$defs"].items() if not sub.get("description")]
    assert missing == []


def test_walk_reaches_nested_definitions(schema: dict[str, Any]) -> None:
    """Guard the walker itself: it must see properties deep inside $defs and conditionals."""
    locations = {where for where, _ in walk(schema)}
    assert "#/$defs/metricDefinition/properties/numerator" in locations
    assert "#/properties/events/properties/conventions/properties/actions" in locations
    assert any("/allOf/" in where and "/then" in where for where in locations)


def test_closed_objects_catch_typos(schema: dict[str, Any]) -> None:
    """Every object with declared properties is closed, so a misspelt key is an error."""
    open_objects = [
        where
        for where, sub in walk(schema)
        if "properties" in sub
        and sub.get("type") == "object"
        and sub.get("additionalProperties") is not False
    ]
    assert open_objects == []


# ------------------------------------------------------------------------- the example files


@pytest.mark.parametrize("path", [EXAMPLE, MINIMAL], ids=lambda p: p.name)
def test_example_contract_is_valid(path: Path, validator: Draft202012Validator) -> None:
    errors = [
        f"{'.'.join(map(str, e.absolute_path)) or '<top>'}: {e.message}"
        for e in validator.iter_errors(load_contract(path))
    ]
    assert errors == []


@pytest.mark.parametrize("path", sorted(CONTRACTS.glob("*.yaml")), ids=lambda p: p.name)
def test_every_shipped_contract_names_the_schema(path: Path) -> None:
    assert path.read_text(encoding="utf-8").splitlines()[0] == MODELINE


def test_full_example_uses_every_section(schema: dict[str, Any]) -> None:
    data = load_contract(EXAMPLE)
    assert set(schema["properties"]) - set(data) == set()
    assert data["attribution"]["model"] == "position_based"
    assert {m["kind"] for m in data["metrics"].values()} == {"leading", "lagging", "guardrail"}
    assert {r["cadence"] for r in data["reviews"].values()} >= {"weekly", "monthly", "quarterly"}


# keys the schema leaves optional because a lint rule owns the check (better message, and the
# rule can be configured): party contacts (party-contact), descriptions (description-quality)
LINT_OWNED = {"description", "contacts"}


def test_minimal_example_has_only_required_keys(validator: Draft202012Validator) -> None:
    """Removing any key from minimal.yaml makes it invalid (or a lint rule owns it)."""
    data = load_contract(MINIMAL)

    def paths(node: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
        if isinstance(node, dict):
            for key, child in node.items():
                yield (*path, key)
                yield from paths(child, (*path, key))

    removable = []
    for path in paths(data):
        trimmed = copy.deepcopy(data)
        parent = trimmed
        for key in path[:-1]:
            parent = parent[key]
        del parent[path[-1]]
        if validator.is_valid(trimmed) and not LINT_OWNED & set(path):
            removable.append(".".join(path))
    assert removable == []


# ------------------------------------------------------------------------- negative cases

Mutation = Callable[[dict[str, Any]], None]


def _set(path: str, value: Any) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node = data
        for key in parents:
            node = node.setdefault(key, {})
        node[last] = value

    return mutate


def _delete(path: str) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node = data
        for key in parents:
            node = node[key]
        del node[last]

    return mutate


def _rename_party(data: dict[str, Any]) -> None:
    data["parties"]["Acme"] = data["parties"].pop("acme")


EVENT = ("events", "catalog", "merchant_activated")
RATIO_WITHOUT_NUMERATOR = {
    "kind": "leading",
    "description": "Share of onboarded merchants who went live.",
    "owner": "acme/lead",
    "direction": "increase",
    "definition": {
        "aggregate": "ratio",
        "denominator": {"aggregate": "count", "event": "merchant_activated"},
    },
}

# (case id, mutation of minimal.yaml, expected absolute_path, expected validator keyword)
NEGATIVE_CASES: list[tuple[str, Mutation, tuple[Any, ...], str]] = [
    ("unknown-top-level-key", _set("colour", "blue"), (), "additionalProperties"),
    ("wrong-status", _set("status", "live"), ("status",), "enum"),
    ("semver-as-number", _set("version", 1.4), ("version",), "type"),
    ("bad-date", _set("effective", "15.01.2026"), ("effective",), "pattern"),
    ("wrong-format-version", _set("partnerkit", 2), ("partnerkit",), "const"),
    ("missing-required-top-level", _delete("timezone"), (), "required"),
    ("bad-party-id", _rename_party, ("parties",), "propertyNames"),
    (
        "bad-party-ref",
        _set("events.catalog.merchant_activated.consumers", ["globex/Data Team"]),
        (*EVENT, "consumers", 0),
        "pattern",
    ),
    (
        "party-ref-with-two-roles",
        _set("events.catalog.merchant_activated.owner", "acme/lead/jana"),
        (*EVENT, "owner"),
        "pattern",
    ),
    (
        "unknown-event-key",
        _set("events.catalog.merchant_activated.ownr", "acme"),
        EVENT,
        "additionalProperties",
    ),
    (
        "bad-pii-class",
        _set(
            "events.catalog.merchant_activated.properties",
            {"email": {"type": "string", "pii": "personal", "description": "Contact email."}},
        ),
        (*EVENT, "properties", "email", "pii"),
        "enum",
    ),
    (
        "handling-without-pii",
        _set(
            "events.catalog.merchant_activated.properties",
            {"email": {"type": "string", "handling": "sha256", "description": "Hashed email."}},
        ),
        (*EVENT, "properties", "email"),
        "dependentRequired",
    ),
    (
        "bad-json-type",
        _set(
            "events.catalog.merchant_activated.properties",
            {"count": {"type": "int", "pii": "none", "description": "Number of things."}},
        ),
        (*EVENT, "properties", "count", "type"),
        "enum",
    ),
    (
        "ratio-without-numerator",
        _set("metrics", {"activation_rate": RATIO_WITHOUT_NUMERATOR}),
        ("metrics", "activation_rate", "definition"),
        "required",
    ),
    (
        "sum-without-property",
        _set(
            "metrics",
            {
                "volume": {
                    **RATIO_WITHOUT_NUMERATOR,
                    "definition": {"aggregate": "sum", "event": "merchant_activated"},
                }
            },
        ),
        ("metrics", "volume", "definition"),
        "required",
    ),
]


@pytest.mark.parametrize(
    ("mutate", "path", "keyword"),
    [case[1:] for case in NEGATIVE_CASES],
    ids=[case[0] for case in NEGATIVE_CASES],
)
def test_invalid_contract_is_rejected_at_the_right_place(
    mutate: Mutation, path: tuple[Any, ...], keyword: str, validator: Draft202012Validator
) -> None:
    data = load_contract(MINIMAL)
    mutate(data)
    errors = list(validator.iter_errors(data))
    # every error is at the expected place (no collateral damage) ...
    assert {tuple(e.absolute_path) for e in errors} == {path}
    # ... and one of them is the expected kind (a bad key is reported through propertyNames)
    kinds = {
        "propertyNames" if "propertyNames" in e.absolute_schema_path else e.validator
        for e in errors
    }
    assert keyword in kinds


def test_ratio_error_names_the_missing_key(validator: Draft202012Validator) -> None:
    data = load_contract(MINIMAL)
    data["metrics"] = {"activation_rate": RATIO_WITHOUT_NUMERATOR}
    [error] = validator.iter_errors(data)
    assert "'numerator' is a required property" in error.message


def test_key_valid_only_for_other_aggregates_points_at_aggregate(
    validator: Draft202012Validator,
) -> None:
    """An event on a ratio definition is reported on `aggregate`, where the fix usually is."""
    data = load_contract(MINIMAL)
    metric = copy.deepcopy(RATIO_WITHOUT_NUMERATOR)
    metric["definition"]["numerator"] = {"aggregate": "count", "event": "merchant_activated"}
    metric["definition"]["event"] = "merchant_activated"
    data["metrics"] = {"activation_rate": metric}
    paths = {tuple(e.absolute_path) for e in validator.iter_errors(data)}
    assert paths == {("metrics", "activation_rate", "definition", "aggregate")}


@pytest.mark.parametrize("name", ["Checkout Completed", "checkoutCompleted", "$pageview"])
def test_event_names_are_free_form(name: str, validator: Draft202012Validator) -> None:
    """Naming lint rules, not the schema, judge event names."""
    data = load_contract(MINIMAL)
    catalog = data["events"]["catalog"]
    catalog[name] = catalog.pop("merchant_activated")
    assert validator.is_valid(data)
