"""``partnerkit import`` as a user runs it: a subprocess, exit codes, one-line errors, JSON."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "partnerkit", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        check=False,
        env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1"},
    )


def test_new_contract_then_lint_then_reimport(tmp_path: Path) -> None:
    source = str(FIXTURES / "jsonschema")
    run = cli("import", "jsonschema", source, "-o", "new.yaml", "--owner", "acme", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    lines = run.stdout.splitlines()
    assert lines[-1].startswith("imported 3 events into new.yaml: 3 added; 35 properties written")
    assert (
        "lossy: checkout_completed: #/properties/payment/oneOf: oneOf with 2 alternatives"
        in run.stdout
    )
    assert "pii: checkout_completed: #/properties/email: pii: direct guessed" in run.stdout
    assert "skipped: app/package.json: not a JSON Schema" in lines

    lint = cli("lint", "--format", "json", "new.yaml", cwd=tmp_path)
    problems = [p for f in json.loads(lint.stdout)["files"] for p in f["problems"]]
    assert [p for p in problems if p["rule"] == "schema"] == []

    again = cli(
        "import", "jsonschema", source, "--into", "new.yaml", "--format", "json", cwd=tmp_path
    )
    assert again.returncode == 0, again.stderr
    report = json.loads(again.stdout)
    assert report["summary"]["unchanged"] == 3
    assert report["written"] is False


def test_json_report(tmp_path: Path) -> None:
    run = cli(
        "import",
        "segment",
        str(FIXTURES / "segment" / "public-api-rules.json"),
        "--dry-run",
        "--format",
        "json",
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["version"] == 1
    assert report["dry_run"] is True and report["written"] is False
    assert report["layout_kept"] is True
    assert report["summary"] == {
        "events": 2,
        "added": 2,
        "updated": 0,
        "unchanged": 0,
        "conflicts": 0,
        "skipped": 2,
        "properties": 10,
        "warnings": 2,
        "pii_guesses": 1,
    }
    first = report["events"][0]
    assert first["name"] == "Order Completed" and first["origin"] == "segment:Order Completed v2"
    assert first["warnings"][0] == {
        "kind": "lossy",
        "pointer": "#/data/rules/1/jsonSchema/properties/context",
        "message": "constraints on the call's context cannot be represented (a contract event "
        "describes its properties); dropped",
    }
    assert list(tmp_path.iterdir()) == []


def test_conflict_exits_1_and_overwrite_resolves_it(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "contracts" / "commented.yaml", tmp_path / "c.yaml")
    source = str(FIXTURES / "jsonschema")
    run = cli("import", "jsonschema", source, "--into", "c.yaml", cwd=tmp_path)
    assert run.returncode == 1
    assert run.stdout.startswith("conflict: checkout_completed: description: ")
    run = cli("import", "jsonschema", source, "--into", "c.yaml", "--overwrite", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "1 updated" in run.stdout.splitlines()[-1]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["avro", "x"], "unknown import format 'avro'; choose one of: iglu, jsonschema"),
        (["jsonschema", "missing"], "missing: no such file or directory"),
        (["jsonschema", "bad.json", "--dry-run"], "bad.json:1:19: invalid JSON"),
        (["iglu", "{iglu}", "--schema-version", "9-9-9", "--dry-run"], "no schema has version"),
        (["jsonschema", "{js}"], "pass --into CONTRACT"),
        (["jsonschema", "{js}", "-o", "exists.yaml"], "exists.yaml: already exists"),
        (["jsonschema", "{js}", "--into", "nope.yaml"], "nope.yaml: no such contract file"),
    ],
)
def test_bad_input_exits_2_with_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "bad.json").write_text('{"type": "object",')
    (tmp_path / "exists.yaml").write_text("x: 1\n")
    paths = {"iglu": str(FIXTURES / "iglu" / "schemas"), "js": str(FIXTURES / "jsonschema")}
    run = cli("import", *(a.format(**paths) for a in args), cwd=tmp_path)
    assert run.returncode == 2
    assert run.stdout == ""
    assert len(run.stderr.splitlines()) == 1, run.stderr
    assert run.stderr.startswith("partnerkit: error: ")
    assert message in run.stderr
    assert (tmp_path / "exists.yaml").read_text() == "x: 1\n"


def test_help_explains_with_examples(tmp_path: Path) -> None:
    run = cli("import", "--help", cwd=tmp_path)
    assert run.returncode == 0
    assert "partnerkit import iglu" in run.stdout
    assert "--overwrite" in run.stdout and "--schema-version" in run.stdout


def test_import_into_keeps_every_untouched_byte_of_a_crlf_contract(tmp_path: Path) -> None:
    """Multi-line flow sequences, CRLF line ends and the byte-order mark survive ``--into``."""
    shipped = (FIXTURES.parents[2] / "contracts" / "acme-globex.yaml").read_bytes()
    original = b"\xef\xbb\xbf" + shipped.replace(b"\n", b"\r\n")
    assert b"failed,\r\n      completed" in original  # events.conventions.actions spans lines
    target = tmp_path / "contract.yaml"
    target.write_bytes(original)
    source = str(FIXTURES / "iglu" / "schemas")
    run = cli("import", "iglu", source, "--into", "contract.yaml", "--owner", "acme", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    after = target.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf")
    before_lines, after_lines = original.split(b"\r\n"), after.split(b"\r\n")
    assert b"\n" not in b"".join(after_lines)  # every line end is still CRLF
    added = len(after_lines) - len(before_lines)
    assert added > 10
    # the new events form one block; every other line is the original's, byte for byte
    start = next(
        i for i, (a, b) in enumerate(zip(before_lines, after_lines, strict=False)) if a != b
    )
    assert after_lines[:start] + after_lines[start + added :] == before_lines
    assert after_lines[start].startswith(b"    ")  # inside events.catalog
    lint = cli("lint", "contract.yaml", cwd=tmp_path)
    assert "[syntax]" not in lint.stdout and "[schema]" not in lint.stdout, lint.stdout
