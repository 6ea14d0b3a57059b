from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

import partnerkit
from partnerkit.linting.engine import FileResult, LintResult
from partnerkit.output import escape_data, escape_property, report
from partnerkit.problem import Level, Problem
from tests.conftest import MINIMAL, ROOT, run_cli

Write = Callable[[str, str], Path]
SARIF_SCHEMA = json.loads((ROOT / "tests" / "fixtures" / "sarif-schema-2.1.0.json").read_text())

HOSTILE = Problem(
    "dir,with:odd%/c.yaml",
    7,
    3,
    "schema",
    Level.WARNING,
    "value 50%: bad,\nsecond line\r",
    "/a~1b",
)


def render(result: LintResult, fmt: str) -> str:
    stream = io.StringIO()
    report(result, fmt, stream)
    return stream.getvalue()


@pytest.fixture
def broken(write: Write) -> LintResult:
    text = MINIMAL.replace("title: Demo", "titel: Demo").replace("owner: acme", "owner: ac")
    return partnerkit.lint([write("c.yaml", text)])


def test_sarif_validates_against_the_official_schema(broken: LintResult) -> None:
    document = json.loads(render(broken, "sarif"))
    jsonschema.Draft7Validator(SARIF_SCHEMA).validate(document)
    run = document["runs"][0]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert {"schema", "unresolved-reference"} <= set(rules)
    for result in run["results"]:
        assert rules[result["ruleIndex"]] == result["ruleId"]
    regions = {
        (r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"])
        for r in run["results"]
    }
    assert ("unresolved-reference", 20) in regions


def test_sarif_of_a_clean_run_and_hostile_paths_validates() -> None:
    for result in (LintResult([FileResult("ok.yaml")]), LintResult([FileResult("x", [HOSTILE])])):
        jsonschema.Draft7Validator(SARIF_SCHEMA).validate(json.loads(render(result, "sarif")))


def test_json_document_shape(broken: LintResult) -> None:
    document = json.loads(render(broken, "json"))
    assert document["version"] == 1
    assert document["summary"]["errors"] == len(broken.problems) > 0
    first = document["files"][0]["problems"][0]
    assert set(first) == {"path", "line", "column", "rule", "level", "message", "pointer"}


def test_github_annotations_escape_and_keep_a_plain_report() -> None:
    out = render(LintResult([FileResult("x", [HOSTILE])]), "github")
    lines = out.splitlines()
    assert lines[0] == (
        "::warning file=dir%2Cwith%3Aodd%25/c.yaml,line=7,col=3,title=partnerkit [schema]"
        "::value 50%25: bad,%0Asecond line%0D"
    )
    assert any(line.startswith("dir,with:odd%/c.yaml:7:3: warning [schema]") for line in lines)
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"
    assert escape_data("a:b,c") == "a:b,c"


def test_auto_is_github_under_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    result = LintResult([FileResult("x", [HOSTILE])])
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert render(result, "auto").startswith("::warning ")
    monkeypatch.delenv("GITHUB_ACTIONS")
    assert render(result, "auto").startswith("x\n")


def test_every_human_format_starts_findings_with_path_line_col(broken: LintResult) -> None:
    for fmt in ("standard", "concise", "github"):
        out = render(broken, fmt)
        for p in broken.problems:
            assert f"{p.path}:{p.line}:{p.column}: " in out, fmt


def test_standard_is_colourless_off_a_terminal_and_with_no_color(
    broken: LintResult, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert "\x1b[" not in render(broken, "standard")
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in render(broken, "standard")
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in render(broken, "standard")


def test_rules_command_lists_core_and_semantic_rules() -> None:
    proc = run_cli("rules", "--format", "json")
    assert proc.returncode == 0
    ids = {r["id"] for r in json.loads(proc.stdout)["rules"]}
    assert {"schema", "syntax", "unresolved-reference"} <= ids
    doc = run_cli("rules", "unresolved-reference")
    assert doc.returncode == 0 and "Failing example" in doc.stdout
    unknown = run_cli("rules", "no-such-rule")
    assert unknown.returncode == 2 and "unknown rule" in unknown.stderr


def test_hostile_text_cannot_drive_the_terminal() -> None:
    hostile = Problem("c\x1b]0;x\x07.yaml", 1, 1, "schema", Level.ERROR, "k \x1b[2J\u202e", "/a")
    result = LintResult([FileResult(hostile.path, [hostile])])
    for fmt in ("standard", "concise", "github"):
        out = render(result, fmt)
        assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out, fmt
        assert "\\x1b[2J" in out, fmt  # shown escaped, not dropped
