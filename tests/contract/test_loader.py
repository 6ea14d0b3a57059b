from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from partnerkit.contract.loader import MAX_BYTES, load_document, parse_document
from partnerkit.errors import InputError

Write = Callable[[str, str], Path]


def rules_at(doc: object) -> list[tuple[str, int, int]]:
    return [(p.rule, p.line, p.column) for p in doc.problems]  # type: ignore[attr-defined]


def test_positions_of_keys_and_values(write: Write) -> None:
    doc = load_document(
        write(
            "c.yaml",
            """\
        a: 1
        parent:
          child: [x, {deep: 2026-03-01}]
        """,
        )
    )
    assert doc.ok and not doc.problems
    assert doc.data == {"a": 1, "parent": {"child": ["x", {"deep": "2026-03-01"}]}}
    assert doc.locate(("parent",), at_key=True) == (2, 1)
    assert doc.locate(("parent", "child")) == (3, 10)
    assert doc.locate(("parent", "child", 1, "deep")) == (3, 21)
    assert doc.locate(("parent", "child", 1, "deep"), at_key=True) == (3, 15)
    # unknown paths fall back to the nearest located ancestor
    assert doc.locate(("parent", "child", 1, "missing")) == (3, 14)


def test_syntax_error_is_located(write: Write) -> None:
    doc = load_document(write("c.yaml", "a: 1\nb: [1, 2\nc: 3\n"))
    assert not doc.ok
    assert [p.rule for p in doc.problems] == ["syntax"]
    assert doc.problems[0].line == 3


def test_every_duplicate_key_is_located_and_the_file_still_checked(write: Write) -> None:
    doc = load_document(write("c.yaml", "a: 1\nb:\n  x: 1\n  x: 2\na: 3\n"))
    assert rules_at(doc) == [("duplicate-key", 4, 3), ("duplicate-key", 5, 1)]
    assert "duplicate key 'x' (first defined at line 3)" in doc.problems[0].message
    assert doc.ok and doc.data == {"a": 1, "b": {"x": 1}}


def test_merge_keys_are_applied_with_explicit_keys_winning() -> None:
    doc = parse_document(b"base: &b {x: 1, y: 2}\nuse:\n  <<: *b\n  y: 3\n", "m.yaml")
    assert not doc.problems
    assert doc.data["use"] == {"y": 3, "x": 1}
    assert doc.locate(("use", "x")) == (3, 3)  # merged keys are located at the <<


@pytest.mark.parametrize(
    ("text", "needle"),
    [("- a\n- b\n", "sequence"), ("just text\n", "string"), ("", "empty"), ("# only\n", "empty")],
)
def test_root_must_be_a_mapping(write: Write, text: str, needle: str) -> None:
    doc = load_document(write("c.yaml", text))
    assert not doc.ok
    assert doc.problems[0].rule == "not-a-mapping"
    assert needle in doc.problems[0].message


def test_binary_and_non_utf8(tmp_path: Path) -> None:
    binary = tmp_path / "b.yaml"
    binary.write_bytes(b"a: 1\x00\x01")
    assert load_document(binary).problems[0].rule == "encoding"
    latin = tmp_path / "l.yaml"
    latin.write_bytes(b"a: 1\nname: caf\xe9\n")
    problem = load_document(latin).problems[0]
    assert (problem.rule, problem.line, problem.column) == ("encoding", 2, 10)


def test_control_character_is_a_problem_not_a_crash() -> None:
    doc = parse_document(b"a: 1\nb: x\x07y\n", "c.yaml")
    assert doc.problems[0].rule == "syntax"
    assert doc.problems[0].line == 2


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"# " + b"x" * (MAX_BYTES + 1) + b"\n")
    doc = load_document(big)
    assert [p.rule for p in doc.problems] == ["too-large"]


def test_alias_bomb_is_refused() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 10)}]")
    doc = parse_document("\n".join(lines).encode(), "bomb.yaml")
    assert [p.rule for p in doc.problems] == ["alias-expansion"]
    assert not doc.ok


def test_recursive_alias_is_reported_without_hanging() -> None:
    doc = parse_document(b"a: &x [1, *x]\nb: &y {c: *y}\n", "r.yaml")
    assert doc.data == {"a": [1, None], "b": {"c": None}}
    assert [(p.rule, p.line) for p in doc.problems] == [("syntax", 1), ("syntax", 2)]


def test_tags_never_construct_objects() -> None:
    doc = parse_document(
        b"a: !!python/object/apply:os.system [echo hacked]\nb: !!str 12\nc: !custom x\n",
        "t.yaml",
    )
    assert doc.data["b"] == "12"
    assert doc.data["c"] == "x"
    assert doc.data["a"] == ["echo hacked"]
    tagged = sorted((p.line, p.rule) for p in doc.problems)
    assert tagged == [(1, "syntax"), (3, "syntax")]


def test_non_string_keys_are_reported() -> None:
    doc = parse_document(b"1: one\nnull: two\n", "k.yaml")
    assert doc.data == {"1": "one", "null": "two"}
    assert [(p.line, p.column) for p in doc.problems] == [(1, 1), (2, 1)]


def test_missing_and_directory_paths_raise(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_document(tmp_path / "missing.yaml")
    with pytest.raises(InputError, match="directory"):
        load_document(tmp_path)


SCALARS = (
    "a: 017\nb: 0o17\nc: 0x1F\nd: 0b101\ne: 1_000\nf: -.inf\ng: .NaN\nh: 1e3\ni: +12\n"
    "j: -0x10\nk: ~\nl: null\nm: True\nn: FALSE\no: 2026-01-01\np: 1.5\nq: -7\n"
    "r: 2026-01-01T10:00:00Z\ns: yes\nt: '12'\nu: !!str 12\nv: !!int '7'\nw: ''\nx:\n"
)


def test_scalars_resolve_like_ruamels_yaml_1_2_safe_loader() -> None:
    import datetime as dt
    import math

    from ruamel.yaml import YAML

    ours = parse_document(SCALARS.encode(), "s.yaml").data
    reference = YAML(typ="safe", pure=True).load(SCALARS)
    assert list(ours) == list(reference)
    for key, expected in reference.items():
        if isinstance(expected, dt.date):
            expected = expected.isoformat()
        got = ours[key]
        assert type(got) is type(expected), key
        assert got == expected or (math.isnan(got) and math.isnan(expected)), key


def test_a_document_and_its_model_are_freed_without_the_cyclic_collector() -> None:
    """lint runs with the collector off: a model pointing back at its document would leak."""
    import gc
    import weakref

    doc = parse_document(b"parties:\n  acme: {name: Acme}\n", "t.yaml")
    assert doc.contract.locate(("parties", "acme")) == (2, 9)
    refs = [weakref.ref(doc), weakref.ref(doc.contract)]
    collecting = gc.isenabled()
    gc.disable()
    try:
        del doc
        assert [ref() for ref in refs] == [None, None]
    finally:
        if collecting:
            gc.enable()
