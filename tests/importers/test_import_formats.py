"""Each source format, read from fixtures written after the formats' public documentation."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from partnerkit import importers
from partnerkit.contract.loader import parse_document
from partnerkit.contract.schema import validate
from partnerkit.errors import InputError, PartnerkitError, UsageError
from partnerkit.importers.model import WarningKind
from partnerkit.importers.run import ImportOptions, ImportResult, build_events, run_import

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def new_contract(tmp_path: Path, fmt: str, source: Path, **options: Any) -> ImportResult:
    """Import into a new contract and check it is schema-valid."""
    output = tmp_path / "new.yaml"
    result = run_import(ImportOptions(fmt, source, output=output, **options))
    doc = parse_document(output.read_bytes(), str(output))
    assert doc.problems == []
    assert validate(doc) == []
    return result


def catalog(path: Path) -> dict[str, Any]:
    doc = parse_document(path.read_bytes(), str(path))
    events: dict[str, Any] = doc.data["events"]["catalog"]
    return events


def test_registry_lists_every_format_and_rejects_others() -> None:
    assert sorted(importers.FORMATS) == ["iglu", "jsonschema", "rudderstack", "segment"]
    for module in map(importers.get, importers.FORMATS):
        assert module.SUMMARY and callable(module.read)
    with pytest.raises(UsageError, match="unknown import format 'avro'; choose one of"):
        importers.get("avro")


# -- jsonschema -------------------------------------------------------------------------------


def test_jsonschema_directory(tmp_path: Path) -> None:
    result = new_contract(tmp_path, "jsonschema", FIXTURES / "jsonschema", owner="acme")
    events = catalog(tmp_path / "new.yaml")
    assert list(events) == ["checkout_completed", "signup_started", "page_viewed"]
    assert [s.origin for s in result.skipped] == ["app/package.json"]
    checkout = events["checkout_completed"]
    assert checkout["owner"] == "acme"
    assert checkout["description"] == (
        "A customer paid for an order. (source: checkout_completed.schema.json)"
    )
    assert checkout["additionalProperties"] is False
    assert checkout["required"] == ["order_id", "amount", "currency", "items"]
    assert checkout["properties"]["amount"] == {
        "type": "number",
        "minimum": 0,
        "exclusiveMaximum": 1000000,
        "description": "An amount in the order currency.",
        "pii": "none",
    }
    page = events["page_viewed"]
    assert page["additionalProperties"] is True  # draft-04 default: open
    assert page["properties"]["scroll_depth"]["exclusiveMaximum"] == 100
    assert page["properties"]["load_ms"] == {
        "type": "integer",
        "exclusiveMinimum": 0,
        "pii": "none",
    }
    lossy = {
        (e.event.name, w.pointer)
        for e in result.events
        for w in e.event.warnings
        if w.kind is WarningKind.LOSSY
    }
    assert ("checkout_completed", "#/properties/payment/oneOf") in lossy
    assert ("checkout_completed", "#/properties/shipping/$ref") in lossy
    assert ("signup_started", "#/properties/coords/items") in lossy


def test_jsonschema_single_file_and_not_a_schema(tmp_path: Path) -> None:
    result = new_contract(
        tmp_path, "jsonschema", FIXTURES / "jsonschema" / "web" / "page_viewed.json"
    )
    assert [e.event.name for e in result.events] == ["page_viewed"]
    with pytest.raises(InputError, match="not a JSON Schema"):
        run_import(
            ImportOptions(
                "jsonschema", FIXTURES / "jsonschema" / "app" / "package.json", dry_run=True
            )
        )


def test_same_file_name_in_two_directories_is_disambiguated(tmp_path: Path) -> None:
    for folder in ("web", "app"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "clicked.json").write_text('{"type": "object"}')
    result = run_import(ImportOptions("jsonschema", tmp_path, dry_run=True))
    assert [e.event.name for e in result.events] == ["app_clicked", "web_clicked"]
    assert all(e.event.warnings[0].kind is WarningKind.RENAMED for e in result.events)


# -- iglu -------------------------------------------------------------------------------------


def test_iglu_latest_schemaver_vendor_collision_and_other_formats(tmp_path: Path) -> None:
    result = new_contract(tmp_path, "iglu", FIXTURES / "iglu" / "schemas", owner="acme")
    names = {e.event.name: e.event.origin for e in result.events}
    assert names == {
        "com_acme_checkout": "iglu:com.acme/checkout/jsonschema/1-10-0",  # 1-10-0 > 1-9-0
        "link_click": "iglu:com.acme/link_click/jsonschema/2-0-0",
        "com_globex_checkout": "iglu:com.globex/checkout/jsonschema/1-0-0",
    }
    renamed = [w for e in result.events for w in e.event.warnings if w.kind is WarningKind.RENAMED]
    assert len(renamed) == 2
    assert sum(s.older_version for s in result.skipped) == 4
    assert [s.origin for s in result.skipped if not s.older_version] == [
        "iglu:com.acme/legacy/avro/1-0-0"
    ]
    event = catalog(tmp_path / "new.yaml")["com_acme_checkout"]
    assert event["description"].endswith("(source: iglu:com.acme/checkout/jsonschema/1-10-0)")


def test_iglu_given_version(tmp_path: Path) -> None:
    result = run_import(
        ImportOptions("iglu", FIXTURES / "iglu" / "schemas", dry_run=True, version="1-0-0")
    )
    assert {e.event.origin for e in result.events} == {
        "iglu:com.acme/checkout/jsonschema/1-0-0",
        "iglu:com.acme/link_click/jsonschema/1-0-0",
        "iglu:com.globex/checkout/jsonschema/1-0-0",
    }
    one = FIXTURES / "iglu" / "schemas" / "com.acme" / "checkout"
    result = run_import(ImportOptions("iglu", one, dry_run=True, version="1-9-0"))
    assert [e.event.name for e in result.events] == ["checkout"]
    with pytest.raises(InputError, match="no schema has version 3-0-0"):
        run_import(ImportOptions("iglu", one, dry_run=True, version="3-0-0"))
    with pytest.raises(UsageError, match="not a SchemaVer"):
        run_import(ImportOptions("iglu", one, dry_run=True, version="latest"))


def test_iglu_single_file_uses_its_self_block(tmp_path: Path) -> None:
    source = tmp_path / "click.json"
    shutil.copy(FIXTURES / "iglu/schemas/com.acme/link_click/jsonschema/2-0-0", source)
    result = run_import(ImportOptions("iglu", source, dry_run=True))
    assert result.events[0].event.origin == "iglu:com.acme/link_click/jsonschema/2-0-0"


# -- segment ----------------------------------------------------------------------------------


def test_segment_public_api_rules(tmp_path: Path) -> None:
    result = new_contract(tmp_path, "segment", FIXTURES / "segment" / "public-api-rules.json")
    events = catalog(tmp_path / "new.yaml")
    assert list(events) == ["Order Completed", "Product Viewed"]
    order = events["Order Completed"]
    assert order["description"] == (
        "Fired when a customer completes an order. (source: segment:Order Completed v2)"
    )
    assert order["required"] == ["order_id", "total"]
    assert order["additionalProperties"] is False
    assert order["properties"]["products"]["items"]["properties"]["price"]["exclusiveMinimum"] == 0
    assert events["Product Viewed"]["additionalProperties"] is True
    warnings = [w for e in result.events for w in e.event.warnings]
    assert ("#/data/rules/1/jsonSchema/properties/context", WarningKind.LOSSY) in {
        (w.pointer, w.kind) for w in warnings
    }
    assert [s.reason for s in result.skipped if not s.older_version] == [
        "identify rules describe calls, not shared events"
    ]


def test_segment_config_api_plan_and_versions(tmp_path: Path) -> None:
    result = new_contract(tmp_path, "segment", FIXTURES / "segment" / "config-api-plan.json")
    event = catalog(tmp_path / "new.yaml")["Signup Completed"]
    assert event["properties"]["seats"] == {
        "type": "integer",
        "minimum": 1,
        "maximum": 500,
        "pii": "none",
    }
    assert {s.origin for s in result.skipped} == {"segment:identify", "segment:global"}
    older = run_import(
        ImportOptions(
            "segment", FIXTURES / "segment" / "public-api-rules.json", dry_run=True, version="1"
        )
    )
    assert [e.event.origin for e in older.events] == [
        "segment:Order Completed v1",
        "segment:Product Viewed v1",
    ]


def test_segment_unknown_shape(tmp_path: Path) -> None:
    source = tmp_path / "plan.json"
    source.write_text('{"events": []}')
    with pytest.raises(InputError, match="not a Segment tracking plan export"):
        run_import(ImportOptions("segment", source, dry_run=True))


# -- rudderstack ------------------------------------------------------------------------------


def test_rudderstack_project_directory(tmp_path: Path) -> None:
    result = new_contract(tmp_path, "rudderstack", FIXTURES / "rudderstack" / "project")
    events = catalog(tmp_path / "new.yaml")
    assert list(events) == ["Product Viewed", "Cart Updated"]
    viewed = events["Product Viewed"]
    assert viewed["additionalProperties"] is False  # allow_unplanned: false
    assert viewed["required"] == ["product_id"]
    assert viewed["properties"]["category"] == {
        "type": ["string", "null"],
        "enum": ["shoes", "shirts", None],
        "pii": "none",
    }
    cart = events["Cart Updated"]
    assert cart["additionalProperties"] is True
    item = cart["properties"]["items"]["items"]  # custom type inlined
    assert item["required"] == ["product_id"]
    assert cart["properties"]["email"]["format"] == "email"
    assert cart["properties"]["shopper"]["required"] == ["email"]
    assert [s.origin for s in result.skipped] == ["rudderstack:web_plan/identify_rule"]
    lossy = [
        w.pointer for e in result.events for w in e.event.warnings if w.kind is WarningKind.LOSSY
    ]
    assert lossy == [
        "#/properties/price/multipleOf",
        "#/properties/items/items/properties/price/multipleOf",
    ]


def test_rudderstack_v1_single_file(tmp_path: Path) -> None:
    result = new_contract(
        tmp_path, "rudderstack", FIXTURES / "rudderstack" / "tracking-plan-v1.yaml"
    )
    event = catalog(tmp_path / "new.yaml")["Checkout Started"]
    assert event["additionalProperties"] is False
    assert event["properties"]["step"]["type"] == ["integer", "null"]
    assert event["properties"]["payment_methods"]["items"] == {"type": "string"}
    assert result.events[0].event.warnings[0].message.startswith("variants")


# -- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "name", "content", "message"),
    [
        ("jsonschema", "bad.json", '{"type": "object",', r"bad.json:1:\d+: invalid JSON"),
        ("segment", "plan.json", "[1, 2", "invalid JSON"),
        ("rudderstack", "plan.yaml", "kind: [tp", "invalid YAML"),
        ("rudderstack", "plan.yaml", "kind: events\nspec: {}\n", "no RudderStack tracking plan"),
        ("iglu", "empty", None, "no Iglu schemas found"),
    ],
)
def test_bad_input_is_one_error(
    tmp_path: Path, fmt: str, name: str, content: str | None, message: str
) -> None:
    source = tmp_path / name
    if content is None:
        source.mkdir()
    else:
        source.write_text(content)
    with pytest.raises(InputError, match=message):
        run_import(ImportOptions(fmt, source, dry_run=True))


def test_missing_source_and_bad_options(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or directory"):
        run_import(ImportOptions("jsonschema", tmp_path / "missing", dry_run=True))
    source = FIXTURES / "jsonschema"
    with pytest.raises(UsageError, match="--into CONTRACT"):
        run_import(ImportOptions("jsonschema", source))
    with pytest.raises(UsageError, match="not both"):
        run_import(ImportOptions("jsonschema", source, into=tmp_path / "a", output=tmp_path / "b"))
    with pytest.raises(UsageError, match="not a party id"):
        run_import(ImportOptions("jsonschema", source, owner="Acme Inc", dry_run=True))
    with pytest.raises(PartnerkitError, match="--schema-version applies"):
        run_import(ImportOptions("jsonschema", source, version="1-0-0", dry_run=True))


def test_build_events_is_deterministic() -> None:
    batch = importers.get("iglu").read(FIXTURES / "iglu" / "schemas")
    first = [(e.name, e.definition) for e in build_events(batch)]
    batch = importers.get("iglu").read(FIXTURES / "iglu" / "schemas")
    assert [(e.name, e.definition) for e in build_events(batch)] == first
