"""Data-driven rule cases and the meta-test that keeps every rule documented and tested.

Each rule has ``rule_cases/<rule-id>.yaml``::

    rule: <rule-id>
    cases:
      <case name>:
        options: {...}          # optional, merged over the rule's defaults
        contract: |             # a contract fragment: only the sections the rule reads
          ...
        expect: []              # passing case
      <other case>:
        contract: |
          ...
        expect:                 # failing case: each finding's line:column, in order,
          - "3:5"               # optionally with a message substring:
          - {at: "7:9", message: "did you mean"}

Only the named rule runs (no schema validation), so fragments stay short.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from partnerkit.contract.loader import parse_document
from partnerkit.linting.base import OptionKind, Rule
from partnerkit.linting.engine import RuleSetting, run_rule
from partnerkit.linting.markup import literal_blocks
from partnerkit.linting.rules import RULES

CASES_DIR = Path(__file__).resolve().parent / "rule_cases"


def _load_cases() -> list[Any]:
    params = []
    yaml = YAML(typ="safe")
    for path in sorted(CASES_DIR.glob("*.yaml")):
        spec = yaml.load(path.read_text(encoding="utf-8"))
        for name, case in spec["cases"].items():
            params.append(pytest.param(spec["rule"], case, id=f"{path.stem}::{name}"))
    return params


def run(rule: Rule, contract_text: str, options: dict[str, Any] | None = None) -> list[Any]:
    doc = parse_document(contract_text.encode(), "case.yaml")
    assert not doc.problems, f"case contract does not parse: {doc.problems}"
    setting = RuleSetting(rule.level, {**rule.options, **(options or {})})
    return sorted(run_rule(doc, rule, setting))


@pytest.mark.parametrize(("rule_id", "case"), _load_cases())
def test_rule_case(rule_id: str, case: dict[str, Any]) -> None:
    assert rule_id in RULES, f"case file names unknown rule {rule_id!r}"
    problems = run(RULES[rule_id], case["contract"], case.get("options"))
    expected = [e if isinstance(e, dict) else {"at": e} for e in case.get("expect") or []]
    got = [f"{p.line}:{p.column}" for p in problems]
    assert got == [e["at"] for e in expected], [p.message for p in problems]
    for problem, want in zip(problems, expected, strict=True):
        if "message" in want:
            assert want["message"] in problem.message
        assert problem.rule == rule_id


@pytest.mark.parametrize("rule", list(RULES.values()), ids=list(RULES))
def test_rule_is_documented_with_working_examples(rule: Rule) -> None:
    assert re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", rule.id)
    assert rule.summary and len(rule.summary) <= 100, "summary: one short first line"
    passing = literal_blocks(rule.doc, "Passing example")
    failing = literal_blocks(rule.doc, "Failing example")
    assert passing and failing, "docstring needs 'Passing example::' and 'Failing example::'"
    for block in passing:
        assert run(rule, block) == [], f"passing example fails:\n{block}"
    for block in failing:
        assert run(rule, block), f"failing example passes:\n{block}"
    for name in rule.options:
        assert re.search(rf"``{re.escape(name)}``", rule.doc), f"option {name} undocumented"
        assert isinstance(rule.types.get(name), OptionKind), f"option {name} has no type"
        assert rule.types[name].accepts(rule.options[name]), f"option {name}: default's type"


@pytest.mark.parametrize("rule_id", list(RULES))
def test_rule_has_passing_and_failing_cases(rule_id: str) -> None:
    path = CASES_DIR / f"{rule_id}.yaml"
    assert path.exists(), f"missing {path.name}"
    cases = YAML(typ="safe").load(path.read_text(encoding="utf-8"))["cases"].values()
    assert any(not c.get("expect") for c in cases), "needs a passing case"
    assert any(c.get("expect") for c in cases), "needs a failing case"
