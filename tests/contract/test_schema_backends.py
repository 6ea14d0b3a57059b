"""jsonschema-rs and jsonschema must yield the same problems, located and worded the same."""

from __future__ import annotations

import copy
import random
import re
from collections.abc import Iterator
from typing import Any

import pytest

from partnerkit.contract.loader import load_document, parse_document
from partnerkit.contract.schema import iter_errors, validate
from tests.conftest import CONTRACTS

pytest.importorskip("jsonschema_rs", reason="jsonschema-rs has no wheel for this interpreter")

ODD_VALUES: list[Any] = [
    None,
    True,
    0,
    -1,
    1.5,
    "",
    "x",
    "Not A Slug",
    "1.0",
    [],
    ["x"],
    [1, 1],
    {},
    {"zz": 1},
]


def _paths(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(node, dict):
        for key, child in node.items():
            yield from _paths(child, (*path, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _paths(child, (*path, index))


def _mutants(data: dict[str, Any], count: int, seed: int) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed)
    paths = [p for p in _paths(data) if p]
    for _ in range(count):
        mutant = copy.deepcopy(data)
        for path in rng.sample(paths, 3):
            parent: Any = mutant
            try:
                for part in path[:-1]:
                    parent = parent[part]
                choice = rng.random()
                if choice < 0.3 and isinstance(parent, dict):
                    parent[f"{path[-1]}x"] = parent.pop(path[-1])  # misspelled key
                elif choice < 0.45 and isinstance(parent, dict):
                    del parent[path[-1]]
                else:
                    parent[path[-1]] = copy.deepcopy(rng.choice(ODD_VALUES))
            except (KeyError, IndexError, TypeError):
                continue  # an earlier mutation removed this path
        yield mutant


@pytest.mark.parametrize("name", ["acme-globex.yaml", "minimal.yaml"])
def test_backends_agree_on_mutated_contracts(name: str) -> None:
    doc = load_document(CONTRACTS / name)
    compared = 0
    for mutant in _mutants(doc.data, 150, seed=len(name)):
        doc.data = mutant
        rs, py = validate(doc, "rs"), validate(doc, "python")
        assert [p.to_dict() for p in rs] == [p.to_dict() for p in py], mutant
        compared += bool(rs)
    assert compared > 100  # the mutations really broke the contracts


def test_valid_contracts_have_no_errors_in_either_backend() -> None:
    for path in sorted(CONTRACTS.glob("*.yaml")):
        data = load_document(path).data
        assert list(iter_errors(data, "rs")) == list(iter_errors(data, "python")) == []


def test_values_the_fast_backend_cannot_take_fall_back() -> None:
    doc = load_document(CONTRACTS / "minimal.yaml")
    doc.data["title"] = float("nan")
    problems = validate(doc)
    assert [p.pointer for p in problems] == ["/title"]


@pytest.mark.parametrize("backend", ["rs", "python"])
@pytest.mark.parametrize(
    ("written", "fix"),
    [("1.4", '"1.4.0"'), ("1.10", '"1.10.0"'), ("2", '"2.0.0"'), ("1e3", '"1.4.0"')],
)
def test_a_version_yaml_reads_as_a_number_says_how_to_write_it(
    backend: str, written: str, fix: str
) -> None:
    text = (CONTRACTS / "minimal.yaml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^version: .*$", f"version: {written}", text)
    doc = parse_document(text.encode(), "v.yaml")
    problems = [p for p in validate(doc, backend) if p.pointer == "/version"]
    assert len(problems) == 1, problems
    line = text.splitlines().index(f"version: {written}") + 1
    assert (problems[0].line, problems[0].column) == (line, 10)
    assert f"version: {written} is a number, not a semantic version" in problems[0].message
    assert fix in problems[0].message


@pytest.mark.parametrize("backend", ["rs", "python"])
def test_an_empty_value_is_named_once(backend: str) -> None:
    text = (CONTRACTS / "minimal.yaml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^title: .*$", "title:", text)
    doc = parse_document(text.encode(), "t.yaml")
    [problem] = [p for p in validate(doc, backend) if p.pointer == "/title"]
    assert problem.message.endswith("expected string, got null (an empty value)"), problem.message
