"""Rule definitions: every option has a kind, and a module that cannot say fails at import."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import ModuleType
from typing import Any

import pytest

from partnerkit.contract.model import Contract
from partnerkit.linting.base import Finding, OptionKind, Rule, RuleDefinitionError
from partnerkit.problem import Level


def _check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    yield from ()


def rule_module(**constants: Any) -> ModuleType:
    """A rule module as a rule author writes one: docstring, constants, ``check``."""
    module = ModuleType("partnerkit.linting.rules.example", "Example rule.\n\nMore text.")
    module.ID = "example"
    module.LEVEL = Level.WARNING
    module.check = _check
    for name, value in constants.items():
        setattr(module, name, value)
    return module


@pytest.mark.parametrize(
    ("default", "kind"),
    [
        (True, OptionKind.BOOLEAN),
        (3, OptionKind.INTEGER),
        (0.5, OptionKind.NUMBER),
        ("snake", OptionKind.STRING),
        (["a", "b"], OptionKind.STRINGS),
    ],
)
def test_a_kind_is_inferred_from_a_default_that_tells(default: Any, kind: OptionKind) -> None:
    rule = Rule.from_module(rule_module(OPTIONS={"x": default}))
    assert rule.types == {"x": kind}


@pytest.mark.parametrize("default", [[], [1, 2], ["a", 1], None, {"a": 1}])
def test_a_default_that_does_not_tell_its_kind_fails_the_registry(default: Any) -> None:
    with pytest.raises(RuleDefinitionError, match=r"example: option 'x': .*OPTION_TYPES"):
        Rule.from_module(rule_module(OPTIONS={"x": default}))


def test_a_declared_kind_types_an_empty_list() -> None:
    module = rule_module(OPTIONS={"allow": []}, OPTION_TYPES={"allow": OptionKind.STRINGS})
    assert Rule.from_module(module).types == {"allow": OptionKind.STRINGS}


@pytest.mark.parametrize(
    ("constants", "message"),
    [
        (
            {"OPTIONS": {"n": "3"}, "OPTION_TYPES": {"n": OptionKind.INTEGER}},
            "option 'n': default '3' is not of kind 'integer'",
        ),
        ({"OPTIONS": {}, "OPTION_TYPES": {"n": OptionKind.INTEGER}}, "a type for 'n', which is"),
        ({"OPTIONS": {"n": 1}, "OPTION_CHOICES": {"m": [1]}}, "choices for 'm', which is no"),
        ({"OPTIONS": {"n": 3}, "OPTION_CHOICES": {"n": [1, 2]}}, "not among its choices"),
        (
            {"OPTIONS": {"s": ["a", "z"]}, "OPTION_CHOICES": {"s": ["a", "b"]}},
            "not among its choices",
        ),
    ],
)
def test_inconsistent_rule_modules_fail_loudly(constants: dict[str, Any], message: str) -> None:
    with pytest.raises(RuleDefinitionError, match=message):
        Rule.from_module(rule_module(**constants))


def test_a_rule_built_directly_must_type_every_option() -> None:
    with pytest.raises(RuleDefinitionError, match="option 'n' has no type"):
        Rule("example", Level.INFO, {"n": 1}, "Doc.", _check)


@pytest.mark.parametrize(
    ("kind", "good", "bad"),
    [
        (OptionKind.BOOLEAN, [True, False], [0, 1, "true", None]),
        (OptionKind.INTEGER, [0, -3], [True, 1.0, "1", None]),
        (OptionKind.NUMBER, [0, 1.5, -2], [True, "1.5", None]),
        (OptionKind.STRING, ["", "a"], [1, ["a"], None]),
        (OptionKind.STRINGS, [[], ["a", "b"]], ["a", [1], ["a", None], [["a"]], None]),
    ],
)
def test_what_each_kind_accepts(kind: OptionKind, good: list[Any], bad: list[Any]) -> None:
    assert all(kind.accepts(v) for v in good)
    assert not any(kind.accepts(v) for v in bad)
