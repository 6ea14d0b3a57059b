"""JSON Schema -> contract property mapping: faithful where possible, reported where not."""

from __future__ import annotations

from typing import Any

import pytest

from partnerkit.importers.mapping import map_event, map_property
from partnerkit.importers.model import WarningKind
from partnerkit.importers.pii import guess, words


def event(properties: dict[str, Any], **extra: Any) -> tuple[dict[str, Any], list[Any]]:
    return map_event({"type": "object", "properties": properties, **extra})


def prop(schema: Any, name: str = "value") -> dict[str, Any]:
    mapped, _ = map_property(schema, name=name)
    return mapped


def pointers(warnings: list[Any], kind: WarningKind = WarningKind.LOSSY) -> list[str]:
    return [w.pointer for w in warnings if w.kind is kind]


@pytest.mark.parametrize(
    ("schema", "expected"),
    [
        ({"type": "string"}, {"type": "string"}),
        ({"type": ["string", "null"]}, {"type": ["string", "null"]}),
        ({"type": ["null", "integer"]}, {"type": ["integer", "null"]}),
        ({"type": ["string"]}, {"type": "string"}),
        ({"type": "string", "nullable": True}, {"type": ["string", "null"]}),
        ({"enum": ["a", None, "a"]}, {"enum": ["a", None]}),
        ({"enum": [1, True]}, {"enum": [1, True]}),
        ({"const": {"k": 1}}, {"const": {"k": 1}}),
        ({"type": "string", "format": "uuid"}, {"type": "string", "format": "uuid"}),
        ({"type": "string", "format": "host-name"}, {"type": "string", "format": "hostname"}),
        ({"pattern": "^a+$"}, {"pattern": "^a+$"}),
        ({"minLength": 1.0, "maxLength": 5}, {"minLength": 1, "maxLength": 5}),
        ({"minimum": 0, "maximum": 9.5}, {"minimum": 0, "maximum": 9.5}),
        ({"minimum": 0, "exclusiveMinimum": True}, {"exclusiveMinimum": 0}),
        ({"maximum": 5, "exclusiveMaximum": False}, {"maximum": 5}),
        (
            {"exclusiveMinimum": 0, "exclusiveMaximum": 10},
            {"exclusiveMinimum": 0, "exclusiveMaximum": 10},
        ),
        ({"type": "array", "items": False}, {"type": "array", "maxItems": 0}),
        ({"type": "array", "items": {}}, {"type": "array"}),
        (
            {"description": " Text. ", "default": 3, "examples": [1]},
            {"description": "Text.", "default": 3, "examples": [1]},
        ),
        ({"title": "Only a title"}, {"description": "Only a title"}),
        ({"example": "x"}, {"examples": ["x"]}),
        ({"deprecated": True}, {"deprecated": True}),
    ],
)
def test_keywords_map_one_to_one(schema: dict[str, Any], expected: dict[str, Any]) -> None:
    mapped, warnings = map_property(schema, name="value")
    assert mapped == {**expected, "pii": "none"}
    assert pointers(warnings) == []


def test_objects_are_open_unless_the_source_closes_them() -> None:
    # JSON Schema's default is open; the contract's is closed: an absent keyword must become true
    definition, _ = event({"a": {"type": "object", "properties": {"b": {"type": "string"}}}})
    assert definition["additionalProperties"] is True
    assert definition["properties"]["a"]["additionalProperties"] is True
    closed, _ = event({}, additionalProperties=False)
    assert closed["additionalProperties"] is False


def test_nested_objects_arrays_and_required() -> None:
    definition, warnings = event(
        {
            "items": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "required": ["sku"],
                    "additionalProperties": False,
                    "properties": {"sku": {"type": "string", "maxLength": 8}},
                },
            }
        },
        required=["items"],
    )
    assert definition["required"] == ["items"]
    items = definition["properties"]["items"]
    assert items["items"] == {
        "type": "object",
        "additionalProperties": False,
        "required": ["sku"],
        "properties": {"sku": {"type": "string", "maxLength": 8, "pii": "none"}},
    }
    assert warnings == []


def test_local_refs_are_inlined_and_siblings_kept() -> None:
    schema = {
        "type": "object",
        "definitions": {"money": {"type": "number", "minimum": 0}},
        "$defs": {"id": {"$ref": "#/definitions/money", "description": "chained"}},
        "properties": {
            "a": {"$ref": "#/definitions/money", "description": "Amount."},
            "b": {"$ref": "#/$defs/id"},
            "c": {"$ref": "#/properties/a"},
        },
    }
    definition, warnings = map_event(schema)
    props = definition["properties"]
    assert props["a"] == {"type": "number", "minimum": 0, "description": "Amount.", "pii": "none"}
    assert props["b"] == {"type": "number", "minimum": 0, "description": "chained", "pii": "none"}
    assert props["c"]["type"] == "number"
    assert warnings == []


def test_recursive_and_remote_refs_are_reported_with_their_pointer() -> None:
    schema = {
        "type": "object",
        "definitions": {
            "node": {"type": "object", "properties": {"next": {"$ref": "#/definitions/node"}}}
        },
        "properties": {
            "head": {"$ref": "#/definitions/node"},
            "other": {"$ref": "other.json#/x"},
            "anchor": {"$ref": "#thing"},
        },
    }
    definition, warnings = map_event(schema)
    assert definition["properties"]["head"]["properties"]["next"] == {"pii": "none"}
    assert pointers(warnings) == [
        "#/properties/head/properties/next/$ref",
        "#/properties/other/$ref",
        "#/properties/anchor/$ref",
    ]


def test_nullable_unions_and_type_unions_are_simplified() -> None:
    definition, warnings = event(
        {
            "when": {"anyOf": [{"type": "string", "format": "date-time"}, {"type": "null"}]},
            "either": {"oneOf": [{"type": "string"}, {"type": "integer"}]},
        }
    )
    props = definition["properties"]
    assert props["when"] == {"type": ["string", "null"], "format": "date-time", "pii": "none"}
    assert props["either"] == {"type": ["string", "integer"], "pii": "none"}
    assert warnings == []


def test_all_of_of_compatible_parts_is_merged() -> None:
    definition, warnings = map_event(
        {
            "type": "object",
            "allOf": [
                {"properties": {"a": {"type": "string"}}, "required": ["a"]},
                {"properties": {"b": {"type": "integer"}}, "required": ["b"]},
            ],
        }
    )
    assert list(definition["properties"]) == ["a", "b"]
    assert definition["required"] == ["a", "b"]
    assert warnings == []


@pytest.mark.parametrize(
    ("schema", "pointer"),
    [
        (
            {"oneOf": [{"type": "object"}, {"type": "string", "maxLength": 3}]},
            "#/properties/x/oneOf",
        ),
        ({"anyOf": [{"format": "ipv4"}, {"format": "ipv6"}]}, "#/properties/x/anyOf"),
        ({"allOf": [{"maxLength": 3}, {"maxLength": 5}]}, "#/properties/x/allOf"),
        ({"type": "number", "multipleOf": 0.01}, "#/properties/x/multipleOf"),
        ({"type": "object", "minProperties": 1}, "#/properties/x/minProperties"),
        ({"not": {"type": "string"}}, "#/properties/x/not"),
        ({"type": "array", "items": [{"type": "string"}]}, "#/properties/x/items"),
        ({"type": "array", "prefixItems": [{"type": "string"}]}, "#/properties/x/prefixItems"),
        ({"type": "object", "patternProperties": {"^a": {}}}, "#/properties/x/patternProperties"),
        ({"type": "object", "dependentRequired": {"a": ["b"]}}, "#/properties/x/dependentRequired"),
        ({"enum": [{"a": 1}]}, "#/properties/x/enum"),
        ({"enum": []}, "#/properties/x/enum"),
        ({"type": "string", "readOnly": True}, "#/properties/x/readOnly"),
        ({"type": "any-thing"}, "#/properties/x/type"),
        (False, "#/properties/x"),
    ],
)
def test_what_cannot_be_represented_is_reported(schema: Any, pointer: str) -> None:
    _, warnings = event({"x": schema})
    assert pointer in pointers(warnings)


def test_event_level_limits_are_reported() -> None:
    _, warnings = map_event({"type": "object", "minProperties": 1, "dependencies": {"a": ["b"]}})
    assert pointers(warnings) == ["#/minProperties", "#/dependencies"]
    definition, warnings = map_event({"type": "array", "items": {"type": "string"}})
    assert definition == {"additionalProperties": True}
    assert pointers(warnings) == ["#/type"]
    definition, warnings = map_event({"type": "object", "additionalProperties": {"type": "string"}})
    assert definition["additionalProperties"] is True
    assert pointers(warnings) == ["#/additionalProperties"]


def test_any_key_pattern_properties_become_additional_properties() -> None:
    mapped = prop({"type": "object", "patternProperties": {".*": {"type": "string"}}})
    assert mapped["additionalProperties"] == {"type": "string", "pii": "none"}


def test_pointer_prefix_locates_warnings_in_the_source_document() -> None:
    root = {"rules": {"properties": {"properties": {"x": {"multipleOf": 2}}}}}
    _, warnings = map_event(root["rules"]["properties"], root=root, pointer="#/rules/properties")
    assert pointers(warnings) == ["#/rules/properties/properties/x/multipleOf"]


@pytest.mark.parametrize(
    ("name", "parent", "fmt", "expected"),
    [
        ("email", "", None, "direct"),
        ("emailAddress", "", None, "direct"),
        ("contact", "", "email", "direct"),
        ("phone_number", "", None, "direct"),
        ("ipAddress", "", None, "indirect"),
        ("user_ip", "", None, "indirect"),
        ("firstName", "", None, "direct"),
        ("name", "customer", None, "direct"),
        ("billing_address", "", None, "direct"),
        ("date_of_birth", "", None, "direct"),
        ("apple_idfa", "", None, "indirect"),
        ("deviceId", "", None, "indirect"),
        ("advertising_id", "", None, "indirect"),
        ("name", "product", None, None),
        ("email_type", "", None, "direct"),  # as the pii-likely-name lint rule sees it
        ("ip_isp", "", None, "indirect"),
        ("mac_address", "", None, "direct"),  # lint: "a postal address"
        ("latitude", "", None, "indirect"),
        ("pipeline_id", "", None, None),
        ("shipping_address_id", "", None, "direct"),
        ("windows_phone_udid", "", None, "indirect"),
        ("ad_id", "", None, None),
        ("order_id", "", None, None),
    ],
)
def test_pii_guesses(name: str, parent: str, fmt: str | None, expected: str | None) -> None:
    found = guess(name, parent=parent, fmt=fmt)
    assert (found.pii if found else None) == expected


def test_pii_guess_sets_handling_and_warns() -> None:
    definition, warnings = event(
        {"email": {"type": "string"}, "has_email": {"type": "boolean"}, "emails": {"type": "array"}}
    )
    props = definition["properties"]
    assert props["email"] == {"type": "string", "pii": "direct", "handling": "sha256"}
    assert props["has_email"]["pii"] == "none"
    assert props["emails"] == {"type": "array", "pii": "direct", "handling": "sha256"}
    assert pointers(warnings, WarningKind.PII) == ["#/properties/email", "#/properties/emails"]


def test_words_split_every_naming_style() -> None:
    assert words("userIPAddress") == ["user", "ip", "address"]
    assert words("first-name_2") == ["first", "name", "2"]
