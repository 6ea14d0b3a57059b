"""The typed model: built once, defaults applied by the builder, tolerant of any shape."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from partnerkit._record import fields
from partnerkit.contract import vocab
from partnerkit.contract.build import build
from partnerkit.contract.loader import load_document, parse_document
from partnerkit.contract.model import Contract
from partnerkit.contract.properties import FIELD_KEYS, Schema, SchemaNode, overlay
from partnerkit.contract.refs import RefKind
from partnerkit.contract.schema import contract_schema
from partnerkit.contract.vocab import (
    Approval,
    Case,
    Compatibility,
    DataFormat,
    EventStatus,
    ExperimentStatus,
    LawfulBasis,
    Period,
    PiiClass,
    RoundingMethod,
    Structure,
    TieRule,
    Versioning,
)
from tests.conftest import CONTRACTS

EXAMPLE = CONTRACTS / "acme-globex.yaml"


def model(text: str) -> Contract:
    doc = parse_document(text.encode(), "case.yaml")
    assert not doc.problems, doc.problems
    return doc.contract


NESTED = """\
events:
  definitions:
    amount: {type: number, minimum: 0, pii: none, description: Gross.}
    address:
      type: object
      properties:
        country: {ref: country}
    country: {type: string, pattern: "^[A-Z]{2}$"}
    bad: not a schema
  catalog:
    order_completed:
      properties:
        total: {ref: amount, maximum: 9, description: Net.}
        lines:
          type: array
          items: {properties: {sku: {type: string}}}
        extra: {additionalProperties: {properties: {hidden: {type: string}}}}
        odd: {ref: nowhere, pii: none}
        broken: 5
"""


def test_effective_schema_lays_keys_beside_ref_over_the_definition() -> None:
    contract = model(NESTED)
    total = contract.catalog["order_completed"].properties["total"]
    assert total.ref == "amount" and not total.broken_ref
    assert total.schema.types == {"number"} and total.schema.minimum == 0
    assert total.schema.maximum == 9 and total.schema.description == "Net."
    assert total.schema.ref is None and "ref" not in total.schema.written
    assert total.declared.minimum is None and "minimum" not in total.declared.written
    definition = contract.definitions["amount"]
    assert definition.schema is definition.declared  # no ref: the effective schema is itself
    assert definition.declared.description == "Gross."  # the definition is not changed
    assert total.at("minimum") == (*total.path, "ref") and total.at("maximum")[-1] == "maximum"


def test_unknown_ref_leaves_only_the_keys_written_beside_it() -> None:
    odd = model(NESTED).catalog["order_completed"].properties["odd"]
    assert odd.broken_ref
    assert odd.schema.written == {"pii"} and odd.schema.pii is PiiClass.NONE


def test_inherited_nested_schemas_are_the_definitions_own_nodes() -> None:
    contract = model(NESTED + "        ship_to: {ref: address}\n")
    ship_to = contract.catalog["order_completed"].properties["ship_to"]
    country = ship_to.schema.properties["country"]
    assert country is contract.definitions["address"].declared.properties["country"]
    assert country.path == ("events", "definitions", "address", "properties", "country")
    assert country.schema.pattern == "^[A-Z]{2}$"


def test_the_walk_visits_every_written_schema_once_breadth_first() -> None:
    contract = model(NESTED)
    event = ("events", "catalog", "order_completed", "properties")
    defs = ("events", "definitions")
    assert [(n.path, n.name) for n in contract.property_schemas] == [
        ((*defs, "amount"), "amount"),
        ((*defs, "address"), "address"),
        ((*defs, "country"), "country"),
        ((*event, "total"), "total"),
        ((*event, "lines"), "lines"),
        ((*event, "extra"), "extra"),
        ((*event, "odd"), "odd"),
        ((*defs, "address", "properties", "country"), "country"),
        ((*event, "lines", "items"), None),
        ((*event, "extra", "additionalProperties"), None),
        ((*event, "lines", "items", "properties", "sku"), "sku"),
        ((*event, "extra", "additionalProperties", "properties", "hidden"), "hidden"),
    ]  # malformed entries ("bad", "broken") are not schemas
    assert contract.property_schemas is contract.property_schemas  # computed once


def test_property_levels_follow_the_same_walk_and_keep_malformed_names() -> None:
    contract = model(NESTED)
    event = ("events", "catalog", "order_completed")
    assert [(path, list(names)) for path, names in contract.property_levels] == [
        (("events", "definitions"), ["amount", "address", "country", "bad"]),
        ((*event, "properties"), ["total", "lines", "extra", "odd", "broken"]),
        (("events", "definitions", "address", "properties"), ["country"]),
        ((*event, "properties", "lines", "items", "properties"), ["sku"]),
        ((*event, "properties", "extra", "additionalProperties", "properties"), ["hidden"]),
    ]
    broken = contract.catalog["order_completed"].properties["broken"]
    assert broken.malformed and broken.declared.written == frozenset()


def test_definitions_that_refer_to_each_other_in_a_cycle_build_and_resolve() -> None:
    contract = model(
        "events:\n"
        "  definitions:\n"
        "    a: {type: object, properties: {b: {ref: b}}}\n"
        "    b: {type: object, properties: {a: {ref: a}}, pii: direct, handling: none}\n"
        "  catalog:\n"
        "    tree_viewed: {properties: {root: {ref: a}}}\n"
    )
    root = contract.catalog["tree_viewed"].properties["root"]
    assert root.schema.properties["b"].schema.pii is PiiClass.DIRECT
    names = [name for name, _ in contract.catalog["tree_viewed"].payload()]
    assert names[:3] == ["root", "root.b", "root.b.a"]
    assert len(names) == 33  # the payload walk stops at its depth bound


def test_payload_names_nested_personal_data_through_refs_items_and_maps() -> None:
    contract = model(
        "events:\n"
        "  definitions:\n"
        "    email: {type: string, pii: direct, handling: sha256}\n"
        "  catalog:\n"
        "    order_completed:\n"
        "      properties:\n"
        "        buyer: {type: object, properties: {email: {ref: email}}}\n"
        "        lines: {type: array, items: {properties: {note: {pii: direct, handling: drop}}}}\n"
        "        tags:\n"
        "          additionalProperties: {properties: {ip: {pii: indirect, handling: hmac}}}\n"
    )
    event = contract.catalog["order_completed"]
    assert event.personal_properties() == ["buyer.email", "tags.ip"]  # a dropped value is not sent


def test_every_closed_vocabulary_matches_the_json_schema() -> None:
    schema = contract_schema()
    defs, top = schema["$defs"], schema["properties"]
    delivery = top["data_sharing"]["properties"]["delivery"]["properties"]
    rounding = top["attribution"]["properties"]["rounding"]["properties"]
    sites: list[tuple[type[vocab.StrEnum], Any]] = [
        (vocab.Status, top["status"]),
        (vocab.EventStatus, defs["event"]["properties"]["status"]),
        (vocab.JsonType, defs["jsonType"]),
        (vocab.PiiClass, defs["propertySchema"]["properties"]["pii"]),
        (vocab.Handling, defs["propertySchema"]["properties"]["handling"]),
        (vocab.Case, defs["case"]),
        (vocab.Structure, top["events"]["properties"]["conventions"]["properties"]["structure"]),
        (vocab.MetricKind, defs["metric"]["properties"]["kind"]),
        (vocab.Direction, defs["metric"]["properties"]["direction"]),
        (vocab.Period, defs["metric"]["properties"]["period"]),
        (vocab.Aggregate, defs["metricDefinition"]["properties"]["aggregate"]),
        (vocab.LawfulBasis, defs["lawfulBasis"]),
        (vocab.DeliveryMethod, delivery["method"]),
        (vocab.Frequency, delivery["frequency"]),
        (vocab.DataFormat, delivery["format"]),
        (vocab.Cadence, defs["cadence"]),
        (vocab.AttributionModel, top["attribution"]["properties"]["model"]),
        (vocab.TieRule, top["attribution"]["properties"]["tie_rule"]),
        (vocab.RoundingMethod, rounding["method"]),
        (vocab.ExperimentDesign, defs["experiment"]["properties"]["design"]),
        (vocab.ExperimentStatus, defs["experiment"]["properties"]["status"]),
        (vocab.Approval, defs["decisionArea"]["properties"]["approval"]),
        (vocab.Compatibility, top["change_policy"]["properties"]["compatibility"]),
        (vocab.Versioning, top["change_policy"]["properties"]["versioning"]),
    ]
    for kind, site in sites:
        assert [member.value for member in kind] == site["enum"], kind.__name__


def test_the_attribution_and_aggregate_tables_match_the_json_schema() -> None:
    schema = contract_schema()
    parameters = schema["properties"]["attribution"]["properties"]["parameters"]["properties"]
    used = {p for params in vocab.ATTRIBUTION_PARAMETERS.values() for p in params}
    assert used == set(parameters)
    assert set(vocab.ATTRIBUTION_PARAMETERS) == set(vocab.AttributionModel)
    definition = schema["$defs"]["metricDefinition"]
    needs: dict[str, set[str]] = {a.value: set() for a in vocab.Aggregate}
    for rule in definition["allOf"]:
        selected = rule["if"]["properties"]["aggregate"]
        for aggregate in selected.get("enum", [selected.get("const")]):
            needs[aggregate] |= set(rule["then"]["required"])
    assert {a.value: set(g.needs) for a, g in vocab.AGGREGATES.items()} == needs
    allowed = {key for g in vocab.AGGREGATES.values() for key in (*g.needs, *g.allows)}
    assert allowed | {"aggregate"} == set(definition["properties"])


def test_documented_defaults_are_applied_by_the_builder() -> None:
    contract = build({"events": {"catalog": {"x": {"properties": {"p": {"enum": ["a"]}}}}}})
    event = contract.catalog["x"]
    assert event.status is EventStatus.ACTIVE and event.additional_properties is False
    assert event.required == () and event.consumers == ()
    schema = event.properties["p"].schema
    assert schema.extensible is False and schema.additional_properties is False
    assert schema.unique_items is False and schema.deprecated is False
    conventions = contract.conventions
    assert conventions.event_case is Case.CONSISTENT is conventions.property_case
    assert conventions.structure is Structure.OBJECT_ACTION and conventions.namespace == ""
    assert conventions.reserved_prefixes == ("$", "_")
    policy = contract.change_policy  # not written at all: its defaults hold
    assert policy.compatibility is Compatibility.FULL and policy.versioning is Versioning.SEMVER
    assert not policy.malformed and "change_policy" not in contract.written
    full = build(
        {
            "metrics": {"m": {"kind": "leading"}},
            "experiments": {"e": {"success": {"metric": "m"}}},
            "decision_rights": {"areas": {"a": {}}},
            "reviews": {"r": {}},
            "attribution": {"model": "markov"},
            "data_sharing": {"delivery": {}},
        }
    )
    assert full.metrics["m"].unit == "count" and full.metrics["m"].period is Period.MONTH
    experiment = full.experiments["e"]
    assert experiment.status is ExperimentStatus.PLANNED
    assert experiment.success is not None and experiment.success.confidence == 0.95
    assert full.decision_rights is not None
    assert full.decision_rights.areas["a"].approval is Approval.ACCOUNTABLE
    review = full.reviews["r"]
    assert review.packet is False and review.carry_action_items is True
    attribution = full.attribution
    assert attribution is not None and attribution.tie_rule is TieRule.SPLIT_EQUAL
    assert attribution.rounding.precision == 0.01
    assert attribution.rounding.method is RoundingMethod.LARGEST_REMAINDER
    assert attribution.parameters.order == 1 and attribution.ignored_channels == ()
    sharing = full.data_sharing
    assert sharing is not None and sharing.delivery is not None
    assert sharing.delivery.format is DataFormat.NDJSON


def test_documented_defaults_agree_with_the_json_schema_defaults() -> None:
    schema = contract_schema()
    prop = schema["$defs"]["propertySchema"]["properties"]
    empty = build({"events": {"catalog": {"x": {"properties": {"p": {}}}}}})
    node = empty.catalog["x"].properties["p"]
    for key in ("extensible", "uniqueItems", "additionalProperties", "deprecated"):
        field = next(name for name, written in FIELD_KEYS.items() if written == key)
        assert getattr(node.schema, field) == prop[key]["default"], key
    assert empty.catalog["x"].status == schema["$defs"]["event"]["properties"]["status"]["default"]


def test_access_grants_inherit_the_sections_lawful_basis_and_retention() -> None:
    contract = build(
        {
            "data_sharing": {
                "lawful_basis": "contract",
                "retention_days": 30,
                "access": {
                    "plain": {"party": "acme", "events": ["*"]},
                    "own": {"lawful_basis": "consent", "retention_days": 7},
                },
            }
        }
    )
    assert contract.data_sharing is not None
    plain, own = contract.data_sharing.access["plain"], contract.data_sharing.access["own"]
    assert plain.lawful_basis is LawfulBasis.CONTRACT and plain.retention_days == 30
    assert not plain.has("lawful_basis") and plain.covers("anything")
    assert own.lawful_basis is LawfulBasis.CONSENT and own.retention_days == 7


def test_entries_that_are_not_mappings_keep_their_id_and_are_marked() -> None:
    contract = build(
        {
            "parties": {"acme": "Acme", "globex": {"name": "Globex"}},
            "metrics": {"m": 3},
            "events": {"catalog": {"e": None, "f": {"owner": 5, "status": "paused"}}},
        }
    )
    assert contract.parties["acme"].malformed and not contract.parties["globex"].malformed
    assert contract.metrics["m"].malformed and contract.metrics["m"].id == "m"
    assert contract.catalog["e"].malformed
    f = contract.catalog["f"]
    assert f.owner is None and f.has("owner")  # written, but not a usable value
    assert f.status is EventStatus.ACTIVE and f.has("status")  # unusable: the default holds


def test_dates_times_and_numbers_are_typed() -> None:
    contract = build(
        {
            "effective": "2026-06-01",
            "sunset": "2026-02-30",
            "reviews": {"r": {"first": "2026-01-20", "time": "15:00", "duration_minutes": True}},
            "metrics": {"m": {"baseline": True, "target": 2.5}},
        }
    )
    assert contract.header.effective == dt.date(2026, 6, 1) and contract.header.sunset is None
    review = contract.reviews["r"]
    assert review.first == dt.date(2026, 1, 20) and review.time == dt.time(15, 0)
    assert review.duration_minutes is None  # a boolean is no number
    assert contract.metrics["m"].baseline is None and contract.metrics["m"].target == 2.5


def test_party_references_split_party_and_role() -> None:
    contract = model(EXAMPLE.read_text(encoding="utf-8"))
    owner = contract.metrics["activated_merchants"].owner
    assert owner is not None and (owner.party, owner.role) == ("acme", "partnership-lead")
    assert owner.path == ("metrics", "activated_merchants", "owner")
    assert contract.locate(owner.path) == (93, 12)  # owner: acme/partnership-lead
    assert "acme/dpo" in contract.party_refs and "acme" in contract.party_refs


def test_the_model_finds_the_references_in_trees() -> None:
    contract = model(EXAMPLE.read_text(encoding="utf-8"))
    kinds = {(ref.kind, ref.path[-1]) for ref in contract.references}
    assert (RefKind.EVENT, "event") in kinds  # metric definitions, nested ratios included
    assert (RefKind.DEFINITION, "ref") in kinds
    assert (RefKind.PROPERTY, "property") in kinds and (RefKind.PROPERTY, "value") in kinds
    ratio = [r for r in contract.references if r.path[:2] == ("metrics", "checkout_error_rate")]
    assert {(r.kind, r.value) for r in ratio} >= {
        (RefKind.EVENT, "payment_failed"),
        (RefKind.EVENT, "checkout_started"),
        (RefKind.PROPERTY, "failure_category"),
    }


def test_the_fast_schema_constructor_matches_the_dataclass() -> None:
    contract = model(EXAMPLE.read_text(encoding="utf-8"))
    for node in contract.property_schemas:
        made = node.declared
        values = {f.name: getattr(made, f.name) for f in fields(Schema)}
        assert Schema(**values) == made
        # sparse: the instance holds what is written, the class the defaults of the rest
        assert set(vars(made)) <= {f.name for f in fields(Schema)}
        assert {"written"} <= set(vars(made))
        assert set(vars(node)) >= {f.name for f in fields(SchemaNode)}


def test_overlay_without_a_definition_keeps_the_written_keys() -> None:
    node = model(NESTED).catalog["order_completed"].properties["odd"]
    assert overlay(None, node.declared) == node.schema


WRONG_VALUES: list[Any] = [None, 0, -1.5, True, "x", "", [], [1, "a"], {}, {"k": [None]}]


def _mutations(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path of ``data`` (keys of mappings and indices of lists)."""
    found = [path] if path else []
    if isinstance(data, dict):
        for key, value in data.items():
            found.extend(_mutations(value, (*path, key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found.extend(_mutations(value, (*path, index)))
    return found


def _set(data: Any, path: tuple[Any, ...], value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def test_building_never_raises_whatever_value_any_key_holds() -> None:
    data = load_document(EXAMPLE).data
    paths = _mutations(data)
    assert len(paths) > 1000
    for index, path in enumerate(paths):
        mutated = copy.deepcopy(data) if index % 50 == 0 else data
        wrong = WRONG_VALUES[index % len(WRONG_VALUES)]
        original = _get(mutated, path)
        _set(mutated, path, wrong)
        contract = build(mutated)
        assert contract.property_schemas is not None and contract.references is not None
        for event in contract.catalog.values():
            event.personal_properties()
        _set(mutated, path, original)


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


@pytest.mark.parametrize("depth", [10, 3000])
def test_building_deep_property_nesting_needs_no_recursion(depth: int) -> None:
    schema: dict[str, Any] = {"type": "string"}
    for _ in range(depth):
        schema = {"type": "object", "properties": {"p": schema}}
    contract = build({"events": {"catalog": {"deep": {"properties": {"root": schema}}}}})
    assert len(contract.property_schemas) == depth + 1
    assert len(list(contract.catalog["deep"].payload())) == min(depth + 1, 33)


def test_deeply_nested_ratios_build() -> None:
    leaf = {"aggregate": "count", "event": "e"}
    definition: dict[str, Any] = leaf
    for _ in range(3000):
        definition = {"aggregate": "ratio", "numerator": definition, "denominator": dict(leaf)}
    contract = build({"metrics": {"m": {"definition": definition}}})
    built = contract.metrics["m"].definition
    assert built is not None and len(built.events()) == 3001


def test_every_corpus_like_shape_of_the_shipped_contracts_builds() -> None:
    for path in sorted(Path(CONTRACTS).glob("*.yaml")):
        doc = load_document(path)
        assert doc.contract is doc.contract  # built once per document
        json.dumps([n.path for n in doc.contract.property_schemas])


def test_escalation_rungs_know_their_index_in_the_ladder_as_written() -> None:
    ladder = [{"level": "team"}, "not-a-rung", {"level": "leads"}]
    contract = build({"decision_rights": {"escalation": ladder}})
    assert contract.decision_rights is not None
    rungs = contract.decision_rights.escalation
    assert [(rung.level, rung.index) for rung in rungs] == [("team", 0), ("leads", 2)]


def test_schema_lengths_and_counts_are_integers_as_json_schema_reads_them() -> None:
    contract = build(
        {
            "events": {
                "definitions": {
                    "code": {"type": "string", "minLength": 2.0, "maxLength": 2.5},
                    "tags": {"type": "array", "minItems": True, "maxItems": 3},
                }
            }
        }
    )
    code, tags = contract.definitions["code"].schema, contract.definitions["tags"].schema
    assert code.min_length == 2 and isinstance(code.min_length, int)  # 2.0 is an integer
    assert code.max_length is None and code.writes("maxLength")  # 2.5 is not
    assert tags.min_items is None and tags.max_items == 3  # a boolean is no number


def test_touchpoints_keep_every_partner_values_key_whatever_its_value() -> None:
    touchpoints = {"partner_values": {"ACME": "acme", "GLOBEX": 5, "INITECH": None}}
    built = build({"attribution": {"touchpoints": touchpoints}}).attribution
    assert built is not None and built.touchpoints is not None
    assert built.touchpoints.partner_values == {"ACME": "acme"}
    assert built.touchpoints.partner_keys == ("ACME", "GLOBEX", "INITECH")
    for written in ({}, {"partner_values": ["ACME"]}):
        other = build({"attribution": {"touchpoints": written}}).attribution
        assert other is not None and other.touchpoints is not None
        assert other.touchpoints.partner_keys == ()
