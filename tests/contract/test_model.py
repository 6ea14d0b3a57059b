from __future__ import annotations

from partnerkit.contract.model import Contract

DEFINITIONS = {"amount": {"type": "number", "minimum": 0, "pii": "none", "description": "Gross."}}


def contract() -> Contract:
    return Contract({"events": {"definitions": DEFINITIONS, "catalog": {}}})


def test_resolve_property_lays_keys_beside_ref_over_the_definition() -> None:
    resolved = contract().resolve_property({"ref": "amount", "description": "Net.", "maximum": 9})
    assert resolved == {
        "type": "number",
        "minimum": 0,
        "maximum": 9,
        "pii": "none",
        "description": "Net.",
    }
    assert DEFINITIONS["amount"]["description"] == "Gross."  # the definition is not changed


def test_resolve_property_without_or_with_unknown_ref() -> None:
    plain = {"type": "string"}
    assert contract().resolve_property(plain) is plain
    assert contract().resolve_property({"ref": "nowhere", "pii": "none"}) == {"pii": "none"}
    assert contract().resolve_property({"ref": 3}) == {}
    assert contract().resolve_property("not a schema") == {}


NESTED = Contract(
    {
        "events": {
            "definitions": {"amount": {"type": "number"}, "bad": "not a schema"},
            "catalog": {
                "order_completed": {
                    "properties": {
                        "total": {"ref": "amount", "maximum": 9},
                        "lines": {
                            "type": "array",
                            "items": {"properties": {"sku": {"type": "string"}}},
                        },
                        "extra": {"additionalProperties": {"properties": {"hidden": {}}}},
                        "odd": {"ref": "nowhere"},
                    }
                }
            },
        }
    }
)


def test_property_schemas_are_every_schema_breadth_first_with_refs_resolved() -> None:
    nodes = NESTED.property_schemas
    event = ("events", "catalog", "order_completed", "properties")
    assert [(n.path, n.name) for n in nodes] == [
        (("events", "definitions", "amount"), "amount"),
        ((*event, "total"), "total"),
        ((*event, "lines"), "lines"),
        ((*event, "extra"), "extra"),
        ((*event, "odd"), "odd"),
        ((*event, "lines", "items"), None),
        ((*event, "extra", "additionalProperties"), None),
        ((*event, "lines", "items", "properties", "sku"), "sku"),
        ((*event, "extra", "additionalProperties", "properties", "hidden"), "hidden"),
    ]
    total, odd = nodes[1], nodes[4]
    assert total.schema == {"type": "number", "maximum": 9} and total.ref == "amount"
    assert not total.broken_ref and odd.broken_ref
    assert total.at("type") == (*event, "total", "ref") and total.at("maximum")[-1] == "maximum"
    assert nodes[0].is_definition and not total.is_definition
    assert NESTED.property_schemas is nodes  # computed once per contract


def test_property_levels_are_the_mappings_of_names_depth_first() -> None:
    levels = NESTED.property_levels
    event = ("events", "catalog", "order_completed")
    assert [(path, list(names)) for path, names in levels] == [
        (("events", "definitions"), ["amount", "bad"]),
        ((*event, "properties"), ["total", "lines", "extra", "odd"]),
        ((*event, "properties", "lines", "items", "properties"), ["sku"]),
    ]  # additionalProperties is not entered
    assert NESTED.property_levels is levels
