from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import pytest

from partnerkit.contract.refs import match
from partnerkit.problem import JsonPath


def naive(data: Any, pattern: list[str], path: JsonPath = ()) -> Iterator[tuple[JsonPath, Any]]:
    """The glob semantics, plainly: ``**`` is zero or more keys, tried depth first, in order."""
    if not pattern:
        yield path, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == "**":
        yield from naive(data, rest, path)
        for key, child in children(data):
            if isinstance(child, dict | list):
                yield from naive(child, pattern, (*path, key))
        return
    if head == "*":
        for key, child in children(data):
            yield from naive(child, rest, (*path, key))
    elif isinstance(data, dict) and head in data:
        yield from naive(data[head], rest, (*path, head))


def children(data: Any) -> Any:
    if isinstance(data, dict):
        return data.items()
    return enumerate(data) if isinstance(data, list) else ()


def random_tree(rng: random.Random, depth: int = 0) -> Any:
    roll = rng.random()
    if depth > 4 or roll < 0.3:
        return rng.choice(["x", 1, None, "ref"])
    keys = ["ref", "event", "a", "b", "properties"]
    if roll < 0.7:
        return {rng.choice(keys): random_tree(rng, depth + 1) for _ in range(rng.randint(0, 4))}
    return [random_tree(rng, depth + 1) for _ in range(rng.randint(0, 3))]


PATTERNS = ["**.ref", "a.**.ref", "**.a.ref", "*.**.event", "**.a.*", "*.b", "a.*.ref", "**"]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_match_finds_what_the_plain_glob_semantics_find_in_the_same_order(pattern: str) -> None:
    def found(matches: Iterator[tuple[JsonPath, Any]]) -> list[tuple[JsonPath, Any]]:
        if pattern == "**":  # everything: compare the containers
            return [(p, v) for p, v in matches if isinstance(v, dict | list)]
        return list(matches)

    rng = random.Random(pattern)
    for _ in range(300):
        data = random_tree(rng)
        split = pattern.split(".")
        assert found(match(data, split)) == found(naive(data, split)), data


def test_a_key_under_double_star_is_found_at_any_depth_in_lists_too() -> None:
    data = {"ref": "top", "a": [{"ref": "in list"}, [[{"b": {"ref": "deep"}}]], "ref"]}
    assert list(match(data, ["**", "ref"])) == [
        (("ref",), "top"),
        (("a", 0, "ref"), "in list"),
        (("a", 1, 0, 0, "b", "ref"), "deep"),
    ]
    assert list(match("scalar", ["**", "ref"])) == []
