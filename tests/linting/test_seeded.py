"""A contract seeded with one violation per rule yields exactly those findings, and nothing else.

The fixture is the example contract with one violation of every registered rule (and of no core
check); each expected finding is listed below with its line and column.
"""

from __future__ import annotations

from pathlib import Path

import partnerkit
from partnerkit.linting.config import LintConfig
from partnerkit.linting.rules import RULES

SEEDED = Path(__file__).resolve().parent / "seeded" / "acme-globex-seeded.yaml"

EXPECTED = [
    (50, 3, "party-in-decisions"),
    (56, 15, "party-contact"),
    (107, 13, "metric-target"),
    (179, 30, "metric-definition"),
    (198, 3, "guardrail-threshold"),
    (236, 15, "format-allowlist"),
    (286, 12, "pii-handling"),
    (293, 12, "pii-likely-name"),
    (298, 5, "unused-definition"),
    (351, 20, "pattern-compiles"),
    (364, 9, "pii-declared"),
    (371, 51, "pii-in-names"),
    (393, 20, "property-bounds"),
    (395, 24, "description-quality"),
    (396, 5, "event-name-case"),
    (406, 37, "enum-values"),
    (409, 9, "name-collision"),
    (410, 17, "unbounded-property"),
    (432, 11, "keyword-type-mismatch"),
    (440, 19, "pii-lawful-basis"),
    (494, 9, "property-name-case"),
    (543, 17, "array-items"),
    (560, 15, "deprecated-event"),
    (564, 59, "required-exists"),
    (573, 5, "event-name-structure"),
    (633, 9, "dynamic-name"),
    (638, 14, "version-semver"),
    (652, 17, "shared-property-consistency"),
    (671, 5, "retention-set"),
    (701, 52, "attribution-events"),
    (709, 15, "attribution-model"),
    (717, 3, "experiment-design"),
    (728, 10, "date-order"),
    (736, 20, "raci"),
    (788, 20, "escalation-order"),
    (817, 32, "unresolved-reference"),
    (837, 13, "quarterly-review"),
    (856, 3, "incentive-durability"),
]


def test_one_finding_per_rule_at_its_position(tmp_path: Path) -> None:
    config = tmp_path / ".partnerkit.yaml"
    config.write_text("rules:\n  unbounded-property: enable  # opt-in: default_enabled is off\n")
    target = tmp_path / SEEDED.name
    target.write_text(SEEDED.read_text(encoding="utf-8"), encoding="utf-8")
    result = partnerkit.lint([target])
    found = [(p.line, p.column, p.rule) for p in result.problems]
    assert found == EXPECTED


def test_the_seeded_contract_covers_every_rule() -> None:
    assert sorted(rule for _, _, rule in EXPECTED) == sorted(RULES)


def test_the_example_it_was_seeded_from_is_clean_under_the_same_config() -> None:
    from partnerkit.linting.engine import lint_paths

    example = SEEDED.parents[3] / "contracts" / "acme-globex.yaml"
    config = LintConfig.default()
    assert lint_paths([example], config).problems == []
