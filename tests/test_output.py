from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, TextIO

import jsonschema
import pytest

import partnerkit
from partnerkit import output
from partnerkit.cli.flags import format_choices
from partnerkit.errors import UsageError
from partnerkit.linting.engine import FileResult, LintResult
from partnerkit.output import (
    AUTO,
    JSON_FORMAT_VERSION,
    REPORTERS,
    escape_data,
    escape_property,
    formats,
    printable,
    register,
    report,
    write_json,
)
from partnerkit.problem import Level, Problem
from tests.conftest import MINIMAL, ROOT, run_cli
from tests.import_graph import imported_modules

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


# --- hostile names through the real command line ------------------------------------------------

ESC_NAME = "a\x1b[2Jb"
"""A property name that clears the terminal if printed raw."""
RTL_NAME = "evil\u202eevent"
"""An event name with a right-to-left override, which reorders what follows it on screen."""
RAW = ("\x1b[2J", "\u202e")
"""What must never reach a human-readable report raw."""


def hostile_contract(tmp_path: Path) -> Path:
    """A contract named with a newline, holding ESC_NAME in RTL_NAME: two findings name them."""
    text = (
        MINIMAL.replace("  catalog:\n", "  conventions: {event_case: snake_case}\n  catalog:\n")
        .replace("    order_completed:", '    "evil\\u202Eevent":')
        .replace("        order_id:", '        "a\\e[2Jb":')
    )
    path = tmp_path / "odd\nname.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def lint_cli(path: Path, *args: str, color: bool = False) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "GITHUB_ACTIONS")}
    env["FORCE_COLOR" if color else "NO_COLOR"] = "1"
    proc = run_cli("lint", *args, path.name, cwd=path.parent, env=env)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr == ""
    return proc.stdout


@pytest.mark.parametrize(
    ("fmt", "color"),
    [("standard", False), ("standard", True), ("concise", False), ("github", False)],
)
def test_lint_human_formats_escape_names_and_paths(tmp_path: Path, fmt: str, color: bool) -> None:
    out = lint_cli(hostile_contract(tmp_path), "--format", fmt, color=color)
    for raw in RAW:
        assert raw not in out, (fmt, raw)
    assert "odd\nname" not in out
    assert "odd\\x0aname.yaml:20:5: " in out  # the event-name-case finding, at its line
    assert "odd\\x0aname.yaml:25:9: " in out  # the property-name-case finding
    assert "\\x1b[2Jb" in out and "\\u202e" in out  # shown escaped, not dropped
    if color:
        assert "\x1b[" in out  # rich's own colours still reach the terminal


def test_lint_json_and_sarif_keep_names_and_paths_exact(tmp_path: Path) -> None:
    path = hostile_contract(tmp_path)
    document = json.loads(lint_cli(path, "--format", "json"))
    (file,) = document["files"]
    assert file["path"] == "odd\nname.yaml"
    pointers = {p["rule"]: p["pointer"] for p in file["problems"]}
    assert pointers == {
        "event-name-case": f"/events/catalog/{RTL_NAME}",
        "property-name-case": f"/events/catalog/{RTL_NAME}/properties/{ESC_NAME}",
    }
    assert all(p["path"] == "odd\nname.yaml" for p in file["problems"])
    sarif = json.loads(lint_cli(path, "--format", "sarif"))
    jsonschema.Draft7Validator(SARIF_SCHEMA).validate(sarif)
    results = sarif["runs"][0]["results"]
    names = {r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] for r in results}
    assert names == set(pointers.values())
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {"odd%0Aname.yaml"}


def hostile_source(tmp_path: Path) -> Path:
    """JSON Schemas: an event file named with RTL_NAME whose ESC_NAME property is lossy, and a
    file named with a newline that is not a schema (skipped)."""
    source = tmp_path / "src"
    source.mkdir()
    schema = {"type": "object", "properties": {ESC_NAME: {"type": "integer", "multipleOf": 2}}}
    (source / f"{RTL_NAME}.json").write_text(json.dumps(schema), encoding="utf-8")
    (source / "not\na-schema.json").write_text("[1, 2]", encoding="utf-8")
    return source


def import_cli(tmp_path: Path, *args: str) -> str:
    env = dict(os.environ, NO_COLOR="1")
    source = hostile_source(tmp_path)
    proc = run_cli(
        "import", "jsonschema", "src", "-o", "new\nfile.yaml", "--dry-run", *args,
        cwd=tmp_path, env=env,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert list(source.parent.iterdir()) == [source]  # --dry-run wrote nothing
    return proc.stdout


def test_import_standard_report_escapes_names_pointers_and_paths(tmp_path: Path) -> None:
    out = import_cli(tmp_path)
    for raw in RAW:
        assert raw not in out, raw
    lines = out.splitlines()
    assert "lossy: evil\\u202eevent: #/properties/a\\x1b[2Jb/multipleOf: " in out
    assert "skipped: not\\x0aa-schema.json: not a JSON Schema" in lines
    assert lines[-1].startswith("would import 1 event into new\\x0afile.yaml: 1 added")
    assert len(lines) == 3  # a newline in a name never starts a line of its own


def test_import_json_report_keeps_names_pointers_and_paths_exact(tmp_path: Path) -> None:
    document = json.loads(import_cli(tmp_path, "--format", "json"))
    (event,) = document["events"]
    assert event["name"] == RTL_NAME and event["origin"] == f"{RTL_NAME}.json"
    assert event["warnings"][0]["pointer"] == f"#/properties/{ESC_NAME}/multipleOf"
    assert document["skipped"][0]["origin"] == "not\na-schema.json"
    assert document["target"] == "new\nfile.yaml"
    assert document["version"] == JSON_FORMAT_VERSION


def test_printable_escapes_bidi_marks_and_line_separators() -> None:
    text = "a\u061cb\u200ec\u200fd\u2028e\u2029f\u2066g\u2069h\tend"
    assert printable(text) == "a\\u061cb\\u200ec\\u200fd\\u2028e\\u2029f\\u2066g\\u2069h\tend"
    assert printable("a\nb\r", keep_newlines=True) == "a\nb\r"
    assert printable("a\nb\r") == "a\\x0ab\\x0d"


def test_rule_ids_are_escaped_too() -> None:
    odd = Problem("c.yaml", 1, 1, "x\x1b[2J", Level.ERROR, "m", "")
    result = LintResult([FileResult("c.yaml", [odd])])
    for fmt in ("standard", "concise", "github"):
        out = render(result, fmt)
        assert "\x1b" not in out and "[x\\x1b[2J]" in out, fmt


# --- one registry -------------------------------------------------------------------------------


def test_each_command_lists_its_registered_formats_in_help() -> None:
    import partnerkit.importers.report  # noqa: F401  (registers the import reporters)

    assert formats("lint") == ["standard", "concise", "json", "sarif", "github"]
    assert formats("import") == ["standard", "json"]
    lint_help = run_cli("lint", "--help").stdout
    assert f"--format <{'|'.join([AUTO, *formats('lint')])}>" in lint_help
    import_help = run_cli("import", "--help").stdout
    assert f"--format <{'|'.join(formats('import'))}>" in import_help


def test_result_kinds_name_registered_reporters() -> None:
    import partnerkit.importers.report  # noqa: F401
    from partnerkit.importers.run import ImportResult

    assert set(REPORTERS) >= {LintResult.kind, ImportResult.kind}


def test_a_registered_reporter_is_a_choice_and_is_dispatched(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(output, "REPORTERS", {k: dict(v) for k, v in REPORTERS.items()})

    @dataclass
    class DiffResult:
        kind: ClassVar[str] = "diff"
        changes: int

    @register("diff", "standard")
    def _standard(result: DiffResult, stream: TextIO, color: bool) -> None:
        stream.write(f"{result.changes} changes (color={color})\n")

    @register("diff", "json")
    def _json(result: DiffResult, stream: TextIO, color: bool) -> None:
        write_json({"changes": result.changes}, stream)

    assert [c.value for c in format_choices("diff")] == ["standard", "json"]
    stream = io.StringIO()
    report(DiffResult(3), AUTO, stream)
    assert stream.getvalue() == "3 changes (color=False)\n"
    stream = io.StringIO()
    report(DiffResult(3), "json", stream)
    assert json.loads(stream.getvalue())["changes"] == 3
    with pytest.raises(ValueError, match="already registered"):
        register("diff", "json")(_json)
    with pytest.raises(ValueError, match="'auto' is not a reporter"):
        register("diff", AUTO)(_json)
    with pytest.raises(UsageError, match=r"no 'sarif' report for diff results \(known: standard"):
        report(DiffResult(3), "sarif", io.StringIO())
    with pytest.raises(RuntimeError, match="no 'metrics' reporters registered"):
        format_choices("metrics")


# --- layering -----------------------------------------------------------------------------------

OUTPUT = ROOT / "partnerkit" / "output.py"
FORBIDDEN = ("partnerkit.linting", "partnerkit.importers", "partnerkit.cli", "partnerkit.contract")
ALLOWED = {"partnerkit", "partnerkit.errors", "partnerkit.problem", "partnerkit.text"}


def layering_offenders(source: str) -> list[str]:
    modules = imported_modules(source, "partnerkit.output")
    forbidden = {m for m in modules if m.startswith(FORBIDDEN)}
    # names imported from an allowed module (from partnerkit import __version__) are not modules
    unknown = {
        m
        for m in modules
        if m.startswith("partnerkit.") and m not in ALLOWED and m.rpartition(".")[0] not in ALLOWED
    }
    return sorted(forbidden | unknown)


def test_output_imports_no_linting_importers_cli_or_contract_module() -> None:
    assert layering_offenders(OUTPUT.read_text(encoding="utf-8")) == []


def test_the_layering_guard_sees_lazy_relative_and_type_checking_imports() -> None:
    source = textwrap.dedent(
        """\
        from typing import TYPE_CHECKING
        from partnerkit import __version__
        from partnerkit.problem import Level
        if TYPE_CHECKING:
            from partnerkit.linting.result import LintResult
        def catalog():
            from partnerkit.linting.rules import RULES
            import partnerkit.cli
            from .importers import report
            from . import contract
            return importlib.import_module("partnerkit.contract.model")
        """
    )
    assert layering_offenders(source) == [
        "partnerkit.cli",
        "partnerkit.contract",
        "partnerkit.contract.model",
        "partnerkit.importers",
        "partnerkit.importers.report",
        "partnerkit.linting.result",
        "partnerkit.linting.result.LintResult",
        "partnerkit.linting.rules",
        "partnerkit.linting.rules.RULES",
    ]


def test_importing_output_or_the_cli_does_not_load_the_engine() -> None:
    code = (
        "import sys\n"
        "import partnerkit.output\n"
        "assert 'partnerkit.linting.engine' not in sys.modules, 'output'\n"
        "import partnerkit.cli.typer_app\n"
        "below = ('partnerkit.linting.', 'partnerkit.contract.')\n"
        "loaded = [m for m in sys.modules if m.startswith(below)]\n"
        "assert not loaded, loaded\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
