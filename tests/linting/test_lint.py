from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import partnerkit
from partnerkit.errors import InputError
from partnerkit.problem import Level
from tests.conftest import CONTRACTS, MINIMAL, run_cli

Write = Callable[[str, str], Path]


def located(result: partnerkit.linting.__class__, rule: str) -> list[tuple[int, int]]:  # type: ignore[name-defined]
    return [(p.line, p.column) for p in result.problems if p.rule == rule]


def test_minimal_contract_is_clean(write: Write) -> None:
    result = partnerkit.lint([write("c.yaml", MINIMAL)])
    assert result.problems == []
    assert result.exit_code() == 0


def test_every_problem_is_reported_at_its_position(write: Write) -> None:
    text = (
        MINIMAL.replace("title: Demo", "titel: Demo")  # line 3: misspelled key
        .replace("version: 1.0.0", "version: 1.0")  # line 4: wrong type
        .replace("      owner: acme\n", "      owner: acme/cfo\n")  # line 20: unresolved
    )
    result = partnerkit.lint([write("c.yaml", text)])
    found = {(p.rule, p.line, p.column, p.level) for p in result.problems}
    assert ("schema", 3, 1, Level.ERROR) in found
    assert ("schema", 4, 10, Level.ERROR) in found
    assert ("unresolved-reference", 20, 14, Level.ERROR) in found
    messages = " | ".join(p.message for p in result.problems)
    assert "did you mean 'title'?" in messages
    assert "missing required key 'title'" not in messages  # said once, at the misspelling
    assert '1.0 is a number, not a semantic version; write it as "1.0.0"' in messages
    assert "party 'acme/cfo' is not defined" in messages
    pointers = {p.pointer for p in result.problems}
    assert "/events/catalog/order_completed/owner" in pointers
    assert result.exit_code() == 1


def test_syntax_error_file_does_not_hide_other_files(write: Write) -> None:
    bad = write("a/bad.yaml", "partnerkit: 1\nid: [demo\n")
    good = write("a/good.yaml", MINIMAL)
    result = partnerkit.lint([bad.parent])
    assert [f.path.rsplit("/", 1)[-1] for f in result.files] == ["bad.yaml", "good.yaml"]
    assert [(p.rule, p.line) for p in result.files[0].problems] == [("syntax", 3)]
    assert result.files[1].problems == []
    assert good.exists()


def test_unknown_nested_key_points_at_the_key(write: Write) -> None:
    text = MINIMAL.replace("          pii: none\n", "          pii: none\n          uint: EUR\n")
    result = partnerkit.lint([write("c.yaml", text)])
    [problem] = result.problems
    assert (problem.line, problem.column) == (27, 11)
    assert "did you mean 'unit'?" in problem.message
    assert problem.pointer.endswith("/order_id/uint")


def test_missing_path_raises_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        partnerkit.lint([tmp_path / "nope.yaml"])


def test_shipped_contracts_are_clean() -> None:
    files = sorted(CONTRACTS.glob("*.yaml"))
    assert len(files) >= 2
    result = partnerkit.lint(files)
    assert [p for p in result.problems if p.level is Level.ERROR] == []


# --- the command line, run as a user runs it -------------------------------------------------


def test_cli_exit_codes_and_concise_positions(write: Write) -> None:
    good = write("good.yaml", MINIMAL)
    assert run_cli("lint", str(good)).returncode == 0
    bad = write("bad.yaml", MINIMAL.replace("      owner: acme\n", "      owner: nobody\n"))
    proc = run_cli("lint", "--format", "concise", str(bad))
    assert proc.returncode == 1
    assert f"{bad}:20:14: error [unresolved-reference] party 'nobody' is not defined" in proc.stdout
    assert run_cli("lint", "--exit-zero", str(bad)).returncode == 0


def test_cli_missing_path_is_one_line_exit_2(tmp_path: Path) -> None:
    proc = run_cli("lint", str(tmp_path / "missing.yaml"))
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "missing.yaml: no such file or directory" in lines[0]
    assert "Traceback" not in proc.stderr


def test_cli_default_path_is_contracts_of_the_working_directory(tmp_path: Path) -> None:
    (tmp_path / "contracts").mkdir()
    (tmp_path / "contracts" / "x.yaml").write_text(MINIMAL.replace("owner: acme", "owner: zz"))
    proc = run_cli("lint", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 1
    document = json.loads(proc.stdout)
    assert document["summary"]["errors"] == 1
    assert document["files"][0]["path"] == "contracts/x.yaml"


def test_cli_bad_option_exits_2(tmp_path: Path) -> None:
    proc = run_cli("lint", "--format", "xml", str(tmp_path))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr


def test_cli_schema_writes_and_refuses_to_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "schema.json"
    assert run_cli("schema", "-o", str(out)).returncode == 0
    schema = json.loads(out.read_text())
    assert schema["$schema"].endswith("2020-12/schema")
    out.write_text("keep me")
    proc = run_cli("schema", "-o", str(out))
    assert proc.returncode == 2
    assert "--force" in proc.stderr
    assert out.read_text() == "keep me"
    assert run_cli("schema", "-o", str(out), "--force").returncode == 0
    assert json.loads(out.read_text()) == schema


def test_cli_schema_works_from_any_directory(tmp_path: Path) -> None:
    proc = run_cli("schema", cwd=tmp_path)
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["title"]


def _crashing_rule() -> object:
    from partnerkit.linting.base import Rule

    def check(contract: object, options: object) -> Iterator[object]:
        raise KeyError("boom")
        yield  # a generator, like every rule

    return Rule(id="crashy", level=Level.ERROR, options={}, doc="Crashes.", check=check)  # type: ignore[arg-type]


@pytest.mark.parametrize("schema_errors", [False, True])
def test_a_rule_that_crashes_is_reported_not_dropped(
    write: Write, monkeypatch: pytest.MonkeyPatch, schema_errors: bool
) -> None:
    from partnerkit.linting.config import LintConfig, RuleSetting
    from partnerkit.linting.rules import RULES

    monkeypatch.setitem(RULES, "crashy", _crashing_rule())
    monkeypatch.delenv("PARTNERKIT_DEBUG", raising=False)
    text = MINIMAL.replace("title: Demo", "titel: Demo") if schema_errors else MINIMAL
    text = text.replace("description: Identifier of the order.", "description: x")
    config = LintConfig.default()
    rules = {**config.rules, "crashy": RuleSetting(Level.ERROR, {})}
    result = partnerkit.lint([write("c.yaml", text)], LintConfig(rules))
    crashes = [p for p in result.problems if p.rule == "internal-error"]
    assert len(crashes) == 1
    assert "rule 'crashy' failed on this file (KeyError: 'boom')" in crashes[0].message
    assert crashes[0].level is Level.ERROR and result.exit_code() == 1
    assert any(p.rule == "description-quality" for p in result.problems)  # the others still ran
    assert any(p.rule == "schema" for p in result.problems) is schema_errors


def test_partnerkit_debug_lets_a_crashing_rule_raise(
    write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    from partnerkit.linting.config import LintConfig, RuleSetting
    from partnerkit.linting.rules import RULES

    monkeypatch.setitem(RULES, "crashy", _crashing_rule())
    monkeypatch.setenv("PARTNERKIT_DEBUG", "1")
    config = LintConfig({"crashy": RuleSetting(Level.ERROR, {})})
    with pytest.raises(KeyError, match="boom"):
        partnerkit.lint([write("c.yaml", MINIMAL)], config)
