"""docs/rules.md is the generated rule reference, and its examples work."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from partnerkit._record import replace
from partnerkit.contract.loader import load_document, parse_document
from partnerkit.errors import ConfigError
from partnerkit.linting.config import LintConfig
from partnerkit.linting.config_file import load_config
from partnerkit.linting.core import CHECKS, CORE_CHECKS, CoreCheck, core_level
from partnerkit.linting.docs import HEADER, REGENERATE, reference_markdown, rule_text
from partnerkit.linting.engine import SUPPRESSIBLE_CORE, lint_document
from partnerkit.linting.markup import literal_blocks
from partnerkit.linting.rules import RULES
from partnerkit.linting.suppress import parse
from partnerkit.problem import Level
from tests.conftest import ROOT, run_cli

DOC = ROOT / "docs" / "rules.md"


def test_docs_rules_md_is_up_to_date() -> None:
    current = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
    assert current == reference_markdown(), f"docs/rules.md is out of date; run: {REGENERATE}"


def test_cli_prints_the_same_reference() -> None:
    proc = run_cli("rules", "--format", "markdown")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == reference_markdown()


def test_every_rule_and_core_check_has_an_anchor() -> None:
    """SARIF results link to docs/rules.md#<rule-id>."""
    text = reference_markdown()
    for rule_id in RULES:
        assert f"\n### {rule_id}\n" in text
    for check_id in CORE_CHECKS:
        assert f"\n### {check_id}\n" in text


def test_literal_blocks_become_fenced_yaml() -> None:
    text = reference_markdown()
    assert "::\n" not in text
    if RULES:
        assert "Passing example:\n\n```yaml\n" in text


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", HEADER, re.S)


def test_the_config_examples_load(tmp_path: Path) -> None:
    yaml_example, _ = _blocks("yaml")
    (tmp_path / ".partnerkit.yaml").write_text(yaml_example, encoding="utf-8")
    config = load_config(tmp_path / ".partnerkit.yaml")
    assert config.ignore == ("drafts/", "**/*.generated.yaml")
    [toml_example] = _blocks("toml")
    (tmp_path / "pyproject.toml").write_text(toml_example, encoding="utf-8")
    assert load_config(tmp_path / "pyproject.toml").rules == config.rules


def test_the_suppression_example_is_valid() -> None:
    _, example = _blocks("yaml")
    found = parse(example, rules={*RULES, "schema"})
    assert found.invalid == []
    assert len(found.directives) == 5


def test_rule_text_shows_options_and_choices() -> None:
    for rule in RULES.values():
        text = rule_text(rule.id)
        assert text.startswith(f"{rule.id} (default level: {rule.level.value}")
        for name in rule.options:
            assert f"\n  {name}: " in text
        assert "``" not in text, f"{rule.id}: reST inline literal left in the text"
        assert "::\n" not in text, f"{rule.id}: reST literal-block marker left in the text"
    assert rule_text("schema").startswith("schema (core check, error)")
    assert rule_text("unused-suppression").startswith("unused-suppression (core check, warning)")


def test_rules_json_lists_each_option_with_its_kind() -> None:
    proc = run_cli("rules", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    rows = {row["id"]: row for row in json.loads(proc.stdout)["rules"]}
    assert rows["dynamic-name"]["types"] == {"allow": "list of strings"}
    for rule in RULES.values():
        assert rows[rule.id]["types"] == {k: v.value for k, v in rule.types.items()}


# --- core checks are documented like rules ------------------------------------------------------

NO_LITERAL_EXAMPLE = {
    "encoding": "the failing bytes cannot be shown as text",
    "too-large": "a 64 MiB example",
    "internal-error": "a crash is a bug, not a kind of contract",
}
"""Core checks whose failing example is described in words rather than shown."""


def _problems_of(check_id: str, text: str) -> list[str]:
    config = replace(LintConfig.default(), warn_unused_suppressions=True)
    doc = parse_document(text.encode(), "example.yaml")
    return [p.message for p in lint_document(doc, config) if p.rule == check_id]


@pytest.mark.parametrize("check", list(CHECKS.values()), ids=list(CHECKS))
def test_core_check_is_documented_with_working_examples(check: CoreCheck) -> None:
    assert check.summary and len(check.summary) <= 100, "summary: one short first line"
    assert len(check.doc.strip().split("\n\n")) >= 4, "say what triggers it and how to fix it"
    assert "Fix it" in check.doc or "report it" in check.doc, "say how to fix it"
    failing = literal_blocks(check.doc, "Failing example")
    if check.id in NO_LITERAL_EXAMPLE:
        assert "\nFailing example: " in check.doc, "describe a failing example"
        assert not failing
    else:
        assert failing, "docstring needs a 'Failing example::'"
    for block in failing:
        assert _problems_of(check.id, block), f"failing example passes:\n{block}"
    for block in literal_blocks(check.doc, "Passing example"):
        assert _problems_of(check.id, block) == [], f"passing example fails:\n{block}"
    text = rule_text(check.id)
    assert text.startswith(f"{check.id} (core check, {check.level.value})\n\n{check.summary}")
    assert "``" not in text
    assert "::\n" not in text


def test_the_described_failing_examples_fail(tmp_path: Path) -> None:
    latin1 = tmp_path / "latin1.yaml"
    latin1.write_bytes("title: Café\n".encode("latin-1"))
    assert [p.rule for p in load_document(latin1).problems] == ["encoding"]
    large = tmp_path / "large.yaml"
    with large.open("wb") as f:
        f.truncate(100 * 1024 * 1024)  # "a 100 MiB contract" (sparse: no disk used)
    assert [p.rule for p in load_document(large).problems] == ["too-large"]


def test_only_schema_among_core_checks_can_be_silenced() -> None:
    suppressible = {c.id for c in CHECKS.values() if c.suppressible}
    assert suppressible == SUPPRESSIBLE_CORE


def test_internal_error_is_a_registered_core_check(tmp_path: Path) -> None:
    check = CHECKS["internal-error"]
    assert (check.level, check.suppressible) == (Level.ERROR, False)
    assert core_level("internal-error") is Level.ERROR
    assert "internal-error" in CORE_CHECKS  # SARIF rule metadata lists it
    (tmp_path / ".partnerkit.yaml").write_text("rules: {internal-error: disable}\n")
    with pytest.raises(ConfigError, match="'internal-error' is a core check; it always runs"):
        load_config(tmp_path / ".partnerkit.yaml")
    text = "id: x  # partnerkit: disable-line internal-error\n"
    assert _problems_of("invalid-suppression", text)
    proc = run_cli("rules", "internal-error")
    assert proc.returncode == 0, proc.stderr
    assert "please report it" in proc.stdout
    assert "cannot be configured or silenced" in proc.stdout


def test_rules_list_prints_summaries_as_clean_text() -> None:
    proc = run_cli("rules")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == len(CHECKS) + len(RULES)
    assert "``" not in proc.stdout
    assert lines[0].split()[:2] == ["syntax", "error"]
