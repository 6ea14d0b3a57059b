"""The whole Iglu Central corpus imports into one contract, faithfully, in one command.

The fidelity check is an oracle independent of the mapper: it walks every source schema and
requires each keyword of each property to be either carried over with the same meaning or covered
by a warning at its JSON pointer (or an ancestor's). Nothing may disappear silently.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from partnerkit.contract.loader import parse_document
from partnerkit.contract.schema import validate

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
SCHEMAS = CORPUS / "iglu-central" / "schemas"

pytestmark = pytest.mark.skipif(
    not SCHEMAS.is_dir(), reason=f"the Iglu Central corpus is not at {SCHEMAS}"
)

_IGNORED = {"$schema", "self", "$id", "id", "$comment", "definitions", "$defs"}
_SAME = {
    "const",
    "pattern",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "uniqueItems",
    "default",
    "examples",
    "format",
}


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "partnerkit", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    output = tmp_path_factory.mktemp("corpus") / "iglu-central.yaml"
    started = time.perf_counter()
    run = cli(
        "import", "iglu", str(SCHEMAS), "-o", str(output), "--owner", "acme", "--format", "json"
    )
    seconds = time.perf_counter() - started
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    doc = parse_document(output.read_bytes(), str(output))
    return {"path": output, "report": report, "doc": doc, "seconds": seconds}


def test_whole_corpus_imports_into_one_schema_valid_contract(imported: dict[str, Any]) -> None:
    report, doc = imported["report"], imported["doc"]
    summary = report["summary"]
    assert summary["added"] == summary["events"] == 491
    assert summary["skipped"] == 100  # 85 older versions, 15 avro/thrift/protobuf schemas
    assert doc.problems == []
    assert validate(doc) == []
    assert len(doc.data["events"]["catalog"]) == 491
    print(f"\nimport of the full corpus: {imported['seconds']:.2f} s")


def test_corpus_contract_lints_without_schema_errors(imported: dict[str, Any]) -> None:
    run = cli("lint", "--format", "json", str(imported["path"]))
    assert run.returncode in (0, 1), run.stderr
    problems = [p for f in json.loads(run.stdout)["files"] for p in f["problems"]]
    assert [p for p in problems if p["rule"] in ("schema", "syntax")] == []


def test_every_source_keyword_is_mapped_or_reported(imported: dict[str, Any]) -> None:
    catalog = imported["doc"].data["events"]["catalog"]
    checked = 0
    for event in imported["report"]["events"]:
        vendor, name, fmt, version = event["origin"].removeprefix("iglu:").split("/")
        source = json.loads((SCHEMAS / vendor / name / fmt / version).read_text())
        warned = {w["pointer"] for w in event["warnings"] if w["kind"] == "lossy"}
        out = catalog[event["name"]]
        assert out["description"].endswith(f"(source: {event['origin']})")
        if "#/type" in warned:  # a payload that is not an object: imported open, and said so
            assert out["additionalProperties"] is True
            continue
        checked += _check_object(source, out, "#", warned, source)
    assert checked > 4000


def test_sample_of_schemas_keeps_types_required_and_constraints(imported: dict[str, Any]) -> None:
    catalog = imported["doc"].data["events"]["catalog"]
    link = catalog["link_click"]
    assert link["required"] == ["targetUrl"]
    assert link["additionalProperties"] is False
    assert link["properties"]["targetUrl"] == {"type": "string", "minLength": 1, "pii": "none"}
    assert link["properties"]["elementClasses"] == {
        "type": "array",
        "pii": "none",
        "items": {"type": "string"},
    }
    install = catalog["install"]
    assert install["required"] == ["app_id"]
    assert install["properties"]["app_name"] == {
        "type": ["string", "null"],
        "maxLength": 1024,
        "description": "Name of the app e.g MyApp",
        "pii": "none",
    }
    assert install["properties"]["ip_address"]["pii"] == "indirect"
    assert install["properties"]["ip_address"]["handling"] == "sha256"
    names = {e["origin"]: e["name"] for e in imported["report"]["events"]}
    add = catalog[names["iglu:com.snowplowanalytics.snowplow/add_to_cart/jsonschema/1-0-0"]]
    assert add["required"] == ["sku", "quantity"]
    assert add["properties"]["quantity"] == {"type": "number", "pii": "none"}
    assert add["properties"]["unitPrice"] == {"type": "number", "pii": "none"}
    ad = catalog["ad_click"]  # draft-04 bounds, enums and a dependency the contract cannot say
    assert ad["properties"]["cost"] == {"type": "number", "minimum": 0, "pii": "none"}
    assert ad["properties"]["costModel"]["enum"] == ["cpa", "cpc", "cpm"]
    warnings = {
        w["pointer"]
        for e in imported["report"]["events"]
        if e["name"] == "ad_click"
        for w in e["warnings"]
    }
    assert "#/dependencies" in warnings


def test_reimporting_the_corpus_changes_nothing(imported: dict[str, Any]) -> None:
    path: Path = imported["path"]
    before = path.read_bytes()
    run = cli("import", "iglu", str(SCHEMAS), "--into", str(path), "--format", "json")
    assert run.returncode == 0, run.stderr
    summary = json.loads(run.stdout)["summary"]
    assert summary["unchanged"] == 491 and summary["added"] == summary["updated"] == 0
    assert path.read_bytes() == before


# -- the oracle ------------------------------------------------------------------------------


def _covered(pointer: str, warned: set[str]) -> bool:
    return any(pointer == w or pointer.startswith(w + "/") for w in warned)


def _resolve(schema: Any, root: Any) -> Any:
    while isinstance(schema, dict) and str(schema.get("$ref", "")).startswith("#/"):
        target = root
        for part in schema["$ref"][2:].split("/"):
            target = target[part]
        schema = {**target, **{k: v for k, v in schema.items() if k != "$ref"}}
    return schema


def _types(value: Any) -> set[str]:
    return set(value) if isinstance(value, list) else {value}


def _check_object(
    src: dict[str, Any], out: dict[str, Any], pointer: str, warned: set[str], root: Any
) -> int:
    """Check an object schema's properties, required and content model; count properties."""
    count = 0
    for name, sub in (src.get("properties") or {}).items():
        where = f"{pointer}/properties/{name.replace('~', '~0').replace('/', '~1')}"
        assert name in out["properties"], where
        assert "pii" in out["properties"][name], where
        count += 1 + _check(sub, out["properties"][name], where, warned, root)
    if "required" in src and not _covered(f"{pointer}/required", warned):
        assert out["required"] == list(dict.fromkeys(src["required"])), pointer
    addl = src.get("additionalProperties", True)
    if (
        isinstance(addl, bool)
        and "patternProperties" not in src
        and not _covered(f"{pointer}/additionalProperties", warned)
    ):
        assert out["additionalProperties"] is addl, pointer  # absent = open, said explicitly
    return count


def _check(src: Any, out: dict[str, Any], pointer: str, warned: set[str], root: Any) -> int:
    if _covered(pointer, warned):
        return 0
    src = _resolve(src, root)
    count = 0
    for key, value in src.items():
        where = f"{pointer}/{key}"
        if key in _IGNORED or _covered(where, warned):
            continue
        if key == "type":
            assert _types(out["type"]) == _types(value), where
        elif key == "enum":
            assert out["enum"] == list({json.dumps(v): v for v in value}.values()), where
        elif key in ("minimum", "maximum"):
            exclusive = "exclusive" + key[0].upper() + key[1:]
            flagged = src.get(exclusive) is True
            assert out[exclusive if flagged else key] == value, where
        elif key in ("exclusiveMinimum", "exclusiveMaximum"):
            if not isinstance(value, bool):
                assert out[key] == value, where
        elif key in _SAME:
            assert out[key] == value, where
        elif key in ("description", "title"):
            assert out.get("description"), where
        elif key == "items":
            assert isinstance(value, dict), where
            count += _check(value, out.get("items", {}), where, warned, root)
        elif key in ("properties", "required", "additionalProperties"):
            continue  # checked as a whole below
        elif key in ("anyOf", "oneOf"):  # unwarned: null + one schema, or a list of plain types
            alternatives = [_resolve(a, root) for a in value]
            others = [a for a in alternatives if a.get("type") != "null"]
            if len(others) == 1 and len(alternatives) > 1:
                merged = dict(others[0])
                if "type" in merged:
                    merged["type"] = sorted(_types(merged["type"]) | {"null"})
                count += _check(merged, out, pointer, warned, root)
            else:
                assert all(set(a) <= {"type", "description"} for a in alternatives), where
                union = set().union(*(_types(a["type"]) for a in alternatives))
                assert _types(out["type"]) == union, where
        elif key == "patternProperties":  # one any-key pattern = a schema for every value
            assert list(value) == [".*"], where
            assert _types(out["additionalProperties"]["type"]) == _types(value[".*"]["type"])
        else:
            pytest.fail(f"{where}: keyword {key!r} was neither mapped nor reported")
    if "properties" in src or "object" in _types(src.get("type")):
        count += _check_object(src, out, pointer, warned, root)
    return count
