"""Importing into an existing contract: in place, comments kept, idempotent, conflicts reported."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from partnerkit.contract.loader import parse_document
from partnerkit.contract.schema import validate
from partnerkit.contract.writer import guess_indent
from partnerkit.errors import InputError, UsageError
from partnerkit.importers.merge import Action
from partnerkit.importers.run import ImportOptions, run_import

FIXTURES = Path(__file__).resolve().parent / "fixtures"
COMMENTED = FIXTURES / "contracts" / "commented.yaml"
IGLU = FIXTURES / "iglu" / "schemas"


@pytest.fixture
def contract(tmp_path: Path) -> Path:
    path = tmp_path / "contract.yaml"
    shutil.copy(COMMENTED, path)
    return path


def comments(text: str) -> list[str]:
    return [
        m.group(0).strip()
        for m in re.finditer(r"#(?![^\n]*['\"]\s*$).*", text)
        if not m.group(0).startswith("#/")
    ]


def is_subsequence(lines: list[str], of: list[str]) -> bool:
    remaining = iter(of)
    return all(any(line == other for other in remaining) for line in lines)


def schema_errors(path: Path) -> list[str]:
    doc = parse_document(path.read_bytes(), str(path))
    return [p.message for p in [*doc.problems, *validate(doc)]]


def test_import_into_commented_contract_keeps_every_comment_and_line(contract: Path) -> None:
    before = contract.read_text()
    result = run_import(ImportOptions("iglu", IGLU, into=contract, owner="acme/data-eng"))
    after = contract.read_text()
    assert result.written
    assert [r.outcome.action for r in result.events] == [Action.ADDED] * 3
    # every comment survives, and every original line is still there, in the same order
    assert comments(before) and all(c in after for c in comments(before))
    assert is_subsequence(before.splitlines(), after.splitlines())
    assert schema_errors(contract) == []
    added = parse_document(contract.read_bytes(), "c").data["events"]["catalog"]
    assert list(added) == [
        "checkout_completed",
        "com_acme_checkout",
        "link_click",
        "com_globex_checkout",
    ]
    assert added["link_click"]["owner"] == "acme/data-eng"


def test_importing_twice_into_a_commented_contract_is_a_no_op(contract: Path) -> None:
    run_import(ImportOptions("iglu", IGLU, into=contract, owner="acme"))
    once = contract.read_bytes()
    again = run_import(ImportOptions("iglu", IGLU, into=contract, owner="acme"))
    assert contract.read_bytes() == once
    assert not again.written
    assert {r.outcome.action for r in again.events} == {Action.UNCHANGED}


@pytest.mark.parametrize(
    ("fmt", "source"),
    [
        ("jsonschema", "jsonschema"),
        ("iglu", "iglu/schemas"),
        ("segment", "segment/public-api-rules.json"),
        ("segment", "segment/config-api-plan.json"),
        ("rudderstack", "rudderstack/project"),
        ("rudderstack", "rudderstack/tracking-plan-v1.yaml"),
    ],
)
def test_every_format_imports_idempotently(tmp_path: Path, fmt: str, source: str) -> None:
    path = tmp_path / "c.yaml"
    run_import(ImportOptions(fmt, FIXTURES / source, output=path))
    created = path.read_bytes()
    again = run_import(ImportOptions(fmt, FIXTURES / source, into=path))
    assert path.read_bytes() == created
    assert {r.outcome.action for r in again.events} == {Action.UNCHANGED}
    assert again.exit_code() == 0


def test_reviewed_annotations_do_not_make_a_conflict(contract: Path) -> None:
    run_import(ImportOptions("iglu", IGLU, into=contract))
    text = contract.read_text().replace(
        "order_id: {type: string, maxLength: 64, pii: none}",
        "order_id: {type: string, maxLength: 64, pii: indirect, handling: hmac}  # reviewed",
    )
    contract.write_text(text)
    result = run_import(ImportOptions("iglu", IGLU, into=contract))
    assert {r.outcome.action for r in result.events} == {Action.UNCHANGED}
    assert contract.read_text() == text


def test_conflicts_are_reported_and_left_alone_unless_overwrite(
    contract: Path, tmp_path: Path
) -> None:
    source = tmp_path / "checkout_completed.json"
    source.write_text(
        json.dumps(
            {
                "description": "A customer paid for an order.",
                "type": "object",
                "properties": {
                    "order_id": {"type": "string", "format": "uuid", "description": "Identifier."},
                    "amount": {"type": "integer", "minimum": 1},
                },
                "required": ["order_id"],
            }
        )
    )
    before = contract.read_text()
    result = run_import(ImportOptions("jsonschema", source, into=contract))
    assert result.events[0].outcome.action is Action.CONFLICT
    assert result.events[0].outcome.detail.startswith(
        'description: "A customer paid for an order." in the contract, "A customer paid'
    )
    assert result.exit_code() == 1
    assert contract.read_text() == before

    result = run_import(ImportOptions("jsonschema", source, into=contract, overwrite=True))
    assert result.events[0].outcome.action is Action.UPDATED
    after = contract.read_text()
    assert all(c in after for c in comments(before))
    assert schema_errors(contract) == []
    event = parse_document(contract.read_bytes(), "c").data["events"]["catalog"][
        "checkout_completed"
    ]
    assert event["owner"] == "acme" and event["consumers"] == ["globex"]  # reviewers' keys kept
    assert event["required"] == ["order_id"]
    assert event["properties"]["order_id"]["format"] == "uuid"
    # the amount was reviewed (pii and unit set by hand): the import keeps those
    assert event["properties"]["amount"] == {
        "type": "integer",
        "minimum": 1,
        "unit": "EUR",
        "pii": "none",
    }
    again = run_import(ImportOptions("jsonschema", source, into=contract))
    assert again.events[0].outcome.action is Action.UNCHANGED


def test_dry_run_writes_nothing(contract: Path) -> None:
    before = contract.read_bytes()
    result = run_import(ImportOptions("iglu", IGLU, into=contract, dry_run=True))
    assert result.count(Action.ADDED) == 3 and not result.written
    assert contract.read_bytes() == before


def test_owner_must_be_a_party_of_the_contract(contract: Path) -> None:
    with pytest.raises(UsageError, match="not a party of"):
        run_import(ImportOptions("iglu", IGLU, into=contract, owner="initech"))
    with pytest.raises(UsageError, match="no contact role 'cfo'"):
        run_import(ImportOptions("iglu", IGLU, into=contract, owner="acme/cfo"))
    result = run_import(ImportOptions("iglu", IGLU, into=contract, dry_run=True))
    assert result.owner == "acme"  # the first party by default


def test_contract_without_catalog_and_other_indentation(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("---\npartnerkit: 1\nparties:\n    acme:\n        contacts:\n            - x\n")
    run_import(ImportOptions("iglu", IGLU / "com.globex", into=path))
    text = path.read_text()
    assert text.startswith(
        "---\npartnerkit: 1\nparties:\n    acme:\n        contacts:\n"
        "            - x\nevents:\n    catalog:\n        checkout:\n"
    )


def test_broken_contract_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("parties: [\n")
    with pytest.raises(InputError, match="not valid YAML"):
        run_import(ImportOptions("iglu", IGLU, into=path, owner="acme"))
    path.write_text("- a list\n")
    with pytest.raises(InputError, match="not a contract"):
        run_import(ImportOptions("iglu", IGLU, into=path, owner="acme"))
    with pytest.raises(InputError, match="no such contract file"):
        run_import(ImportOptions("iglu", IGLU, into=tmp_path / "missing.yaml"))


def test_new_contract_refuses_to_overwrite(tmp_path: Path) -> None:
    output = tmp_path / "new.yaml"
    output.write_text("keep me\n")
    with pytest.raises(InputError, match="already exists"):
        run_import(ImportOptions("iglu", IGLU, output=output))
    assert output.read_text() == "keep me\n"
    run_import(ImportOptions("iglu", IGLU, output=output, force=True, owner="acme/data-eng"))
    data = parse_document(output.read_bytes(), "n").data
    assert data["parties"]["acme"]["contacts"]["data-eng"]["email"] == "data-eng@acme.example"
    assert schema_errors(output) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a:\n  b: 1\n", (2, 4, 2)),
        ("a:\n    b: 1\nc:\n    - x\n", (4, 6, 4)),
        ("a:\n  b:\n  - x\n", (2, 2, 0)),
        ("a: 1\n", (2, 4, 2)),
    ],
)
def test_guess_indent(text: str, expected: tuple[int, int, int]) -> None:
    assert guess_indent(text) == expected


def test_a_file_laid_out_anew_is_said_so(contract: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """When the line splice cannot be used, the report says the whole layout was rewritten."""
    from partnerkit.contract import writer
    from partnerkit.importers.report import standard_lines

    monkeypatch.setattr(writer, "splice", lambda *_: None)
    result = run_import(ImportOptions("iglu", IGLU, into=contract, owner="acme"))
    assert result.written and not result.layout_kept
    assert any(
        line.startswith(f"note: {contract}: the lines around the edit could not be kept")
        for line in standard_lines(result)
    )
    assert schema_errors(contract) == []
