"""docs/rules.md is the generated rule reference, and its examples work."""

from __future__ import annotations

import json
import re
from pathlib import Path

from partnerkit.linting.config_file import load_config
from partnerkit.linting.core import CORE_CHECKS
from partnerkit.linting.docs import HEADER, REGENERATE, reference_markdown, rule_text
from partnerkit.linting.rules import RULES
from partnerkit.linting.suppress import parse
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
        assert f'<a name="{check_id}"></a>' in text


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
