"""The fast parse reads exactly what the full loader reads, or declines.

Whenever :func:`partnerkit.contract._fast.parse` answers, the full loader (the reference) must
read the same data and find no problem: on every YAML file of the project, on generated scalars
in every position a scalar can take, and on generated documents in every style.
"""

from __future__ import annotations

import functools
import io
import random
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from partnerkit.contract import _fast
from partnerkit.contract.document import LazyPositions
from partnerkit.contract.loader import _full, load_document, parse_document
from partnerkit.linting.engine import lint_document
from tests.conftest import CONTRACTS, ROOT

SEEDED = ROOT / "tests" / "linting" / "seeded" / "acme-globex-seeded.yaml"


def agrees(text: str) -> bool | None:
    """``None`` if the fast parse declines, else whether the full loader reads the same."""
    fast = _fast.parse(text)
    if fast is None:
        return None
    full = _full(text, "t.yaml")
    return not full.problems and full.data == fast


def _yaml_files() -> list[Path]:
    return sorted({*CONTRACTS.glob("*.yaml"), *(ROOT / "tests").rglob("*.y*ml")})


@pytest.mark.parametrize("path", _yaml_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_yaml_file_of_the_project_reads_alike(path: Path) -> None:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return
    assert agrees(text) is not False


@pytest.mark.parametrize("path", _yaml_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_yaml_file_reads_alike_in_pieces(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Large files are parsed in pieces; cut every file as small as it goes, and compare."""
    monkeypatch.setattr(_fast, "PIECE", 40)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        return
    assert agrees(text) is not False


def test_the_shipped_contracts_take_the_fast_path() -> None:
    """Otherwise the speed is not real: a typical contract must not be declined."""
    for path in CONTRACTS.glob("*.yaml"):
        assert load_document(path).fast, path


ALPHABETS = (
    "0123456789_.eE+-:xob ",
    "0123456789.-:TZ ",
    "0123456789abcdefxXoObB+-.",
    "0123456789.,%$#@!&*'\"~?|>[]{}",
    "aAyYnNoOtTrRuUeEfFlLsS~ .",
    "ab c:#-'\"\\é€✓\u00a0",
)
CONTEXTS = ("k: {}\n", "k:\n  - {}\n", "k: [{}, x]\n", "k: {{a: {}}}\n", "{}: v\n", "k: a {}\n")


@functools.cache
def _tokens() -> list[str]:
    chosen = random.Random(7)
    found = {
        "".join(chosen.choice(alphabet) for _ in range(size)).strip()
        for alphabet in ALPHABETS
        for size in range(1, 9)
        for _ in range(250)
    }
    return sorted(t for t in found if t)


@pytest.mark.parametrize("context", CONTEXTS)
def test_generated_scalars_read_alike_wherever_they_stand(context: str) -> None:
    checked = 0
    for token in _tokens():
        verdict = agrees(context.format(token))
        assert verdict is not False, context.format(token)
        checked += verdict is True
    assert checked > len(_tokens()) / 4  # the fast path answered for most of them


def _random_value(chosen: random.Random, depth: int) -> Any:
    kind = chosen.random()
    if depth > 3 or kind < 0.5:
        return chosen.choice(
            [
                chosen.randint(-(10**6), 10**6),
                chosen.random() * 1000,
                chosen.choice([True, False, None]),
                "".join(chosen.choice("ab :#'\"-é\n\\") for _ in range(chosen.randint(0, 12))),
                chosen.choice(["yes", "No", "null", "~", "1.4.0", "2026-06-01", "0x1F", "012"]),
            ]
        )
    if kind < 0.75:
        return [_random_value(chosen, depth + 1) for _ in range(chosen.randint(0, 4))]
    return {
        f"k{chosen.randint(0, 99)}_{i}": _random_value(chosen, depth + 1)
        for i in range(chosen.randint(0, 4))
    }


@pytest.mark.parametrize("piece", [_fast.PIECE, 30])
@pytest.mark.parametrize("seed", range(30))
def test_generated_documents_read_alike_in_every_style(
    seed: int, piece: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_fast, "PIECE", piece)
    chosen = random.Random(seed)
    data = {f"top{i}": _random_value(chosen, 0) for i in range(6)}
    for flow in (False, None, True):
        yaml = YAML(typ="rt")
        yaml.default_flow_style = flow
        yaml.width = chosen.choice([20, 80, 4096])
        out = io.StringIO()
        yaml.dump(data, out)
        assert agrees(out.getvalue()) is not False, out.getvalue()


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("a: !custom x\n", "a tag"),
        ("a: &x 1\nb: *x\n", "an anchor and an alias"),
        ("a:\n  <<: {b: 1}\n", "a merge key"),
        ("a: 1\n---\nb: 2\n", "a second document"),
        ("%YAML 1.2\n---\na: 1\n", "a directive"),
        ("a: 1\nb: x\x07y\n", "a control character"),
        ("a:\n\tb: 1\n", "a tab"),
        ("a: 1\r\nb: 2\r\n", "CRLF line ends"),
        ("a: 1\na: 2\n", "a duplicate key"),
        ("1: a\n", "a key that is not a string"),
        ("a: 2026-06-01T10:00:00Z\n", "a timestamp with a time"),
        ("a: 1_000\n", "an underscore in a number"),
        ("a: 1e3\n", "an exponent"),
        ("a: .5\n", "a leading dot"),
        ("a: 0X1F\n", "an upper-case prefix"),
        ("- a\n- b\n", "a top level that is not a mapping"),
        ("a: [1,\n", "a syntax error"),
    ],
)
def test_what_only_the_full_loader_may_read_is_declined(text: str, why: str) -> None:
    assert _fast.parse(text) is None, why
    assert not parse_document(text.encode(), "t.yaml").fast


@pytest.mark.parametrize(
    "text",
    [
        "a:\n  b: 1\n  c: 2\nd: 3\na: 4\n",  # a key repeated in another piece
        "a:\n  b:\n    c: 1\n  b:\n    d: 2\n",  # one level down
        "a:\n  b: 1\n# a comment at the margin\n  c: 2\n",
        "a:\n  b: |\n    text\n\n      more\n  c: 2\n",  # a block scalar across the cut
        "a:\n  b: 'multi\n  line'\n  c: 2\n",  # continued at the mapping's indentation
        "a:\n  - 1\n  - 2\nb:\n  c: 1\n",  # a sequence is not cut
        "a:\n  b: 1\n c: 2\n",  # less indented than its mapping
        "# only\n# comments\n",
    ],
)
def test_cutting_a_file_in_pieces_changes_nothing_it_says(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = agrees(text)
    monkeypatch.setattr(_fast, "PIECE", 1)
    assert agrees(text) in (whole, None)  # the same answer, or declined
    assert agrees(text) is not False


def test_indicators_in_text_and_comments_do_not_slow_a_file_down() -> None:
    text = (
        "# an `indicator` & a *star* in a comment: <x>!\n"
        "a: Great! Use `ref:` & more * stars @ home\n"
        "b: 'quoted # not a comment'  # a comment with !tag and &anchor\n"
        "c: [1, 2.5, 1.4.0, 2026-06-01]\n"
    )
    assert _fast.parse(text) == {
        "a": "Great! Use `ref:` & more * stars @ home",
        "b": "quoted # not a comment",
        "c": [1, 2.5, "1.4.0", "2026-06-01"],
    }
    assert agrees(text) is True


def test_a_fast_document_gets_its_positions_from_the_full_loader_when_it_reports() -> None:
    doc = load_document(SEEDED)
    assert doc.fast and isinstance(doc.positions, LazyPositions)
    problems = lint_document(doc)
    assert problems
    reference = _full(doc.text, str(SEEDED))
    assert not reference.fast
    assert problems == lint_document(reference)  # same problems, same lines and columns


def test_a_clean_fast_document_is_never_parsed_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PARTNERKIT_DEBUG", raising=False)  # which verifies every document
    doc = load_document(CONTRACTS / "acme-globex.yaml")
    assert lint_document(doc) == []
    assert doc.positions._full is None  # type: ignore[attr-defined]


def test_a_disagreement_is_linted_as_the_full_loader_reads_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A fast parse that read something else (a bug) never reaches the report."""
    text = SEEDED.read_text(encoding="utf-8")
    expected = lint_document(_full(text, "s.yaml"))
    monkeypatch.setattr(_fast, "parse", _wrong_parse(_fast.parse))
    monkeypatch.delenv("PARTNERKIT_DEBUG", raising=False)
    doc = parse_document(text.encode(), "s.yaml")
    assert doc.fast and doc.data["title"] == ["not", "what", "the", "file", "says"]
    assert lint_document(doc) == expected
    monkeypatch.setenv("PARTNERKIT_DEBUG", "1")
    with pytest.raises(AssertionError, match="disagree"):
        lint_document(parse_document(text.encode(), "s.yaml"))


def _wrong_parse(original: Any) -> Any:
    """The fast parse, with a bug: it reads a different title."""

    def parse(source: str) -> dict[str, Any] | None:
        data = original(source)
        if data is not None:
            data["title"] = ["not", "what", "the", "file", "says"]
        return data

    return parse


def test_without_the_rust_parser_the_full_loader_reads_everything(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "yaml_rs", None)  # the import fails
    doc = load_document(CONTRACTS / "acme-globex.yaml")
    assert not doc.fast and doc.positions and lint_document(doc) == []
    seeded = load_document(SEEDED)
    assert not seeded.fast
    assert lint_document(seeded) == lint_document(_full(seeded.text, str(SEEDED)))
