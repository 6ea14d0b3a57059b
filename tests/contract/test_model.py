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
