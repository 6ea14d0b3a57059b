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
    (14, 9, "pilot-scope"),
    (50, 3, "party-in-decisions"),
    (56, 15, "party-contact"),
    (97, 13, "metric-target"),
    (169, 30, "metric-definition"),
    (188, 3, "guardrail-threshold"),
    (226, 15, "format-allowlist"),
    (276, 12, "pii-handling"),
    (283, 12, "pii-likely-name"),
    (288, 5, "unused-definition"),
    (341, 20, "pattern-compiles"),
    (354, 9, "pii-declared"),
    (361, 51, "pii-in-names"),
    (383, 20, "property-bounds"),
    (385, 24, "description-quality"),
    (386, 5, "event-name-case"),
    (396, 37, "enum-values"),
    (399, 9, "name-collision"),
    (400, 17, "unbounded-property"),
    (422, 11, "keyword-type-mismatch"),
    (430, 19, "pii-lawful-basis"),
    (484, 9, "property-name-case"),
    (533, 17, "array-items"),
    (550, 15, "deprecated-event"),
    (554, 59, "required-exists"),
    (563, 5, "event-name-structure"),
    (623, 9, "dynamic-name"),
    (628, 14, "version-semver"),
    (642, 17, "shared-property-consistency"),
    (661, 5, "retention-set"),
    (691, 52, "attribution-events"),
    (699, 15, "attribution-model"),
    (707, 3, "experiment-design"),
    (718, 10, "date-order"),
    (726, 20, "raci"),
    (778, 20, "escalation-order"),
    (807, 32, "unresolved-reference"),
    (827, 13, "quarterly-review"),
    (846, 3, "incentive-durability"),
]


def test_one_finding_per_rule_at_its_position(tmp_path: Path) -> None:
    config = tmp_path / ".partnerkit.yaml"
    config.write_text(
        "rules:\n"
        "  unbounded-property: enable  # opt-in: off by default\n"
        "  quarterly-review: {options: {statuses: [active, pilot]}}  # the seed is in pilot\n"
    )
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
