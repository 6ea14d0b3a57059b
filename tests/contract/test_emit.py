"""The fast emitter of new documents writes what ruamel's round-trip dumper writes, or nothing.

``writer.ruamel_document`` is the reference: the layout ``new_document`` produced before the
emitter. On data whose strings YAML 1.2 and 1.1 readers agree on, the emitter's text must be
byte-identical to it; on any data, the text must read back (with partnerkit's own loader) as
exactly the data, and where the emitter cannot promise that, the writer falls back to ruamel.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from pathlib import Path
from typing import Any

import pytest

from partnerkit import importers
from partnerkit.contract import _emit, writer
from partnerkit.contract.compare import plain
from partnerkit.contract.loader import parse_document
from partnerkit.importers.merge import event_node, new_contract
from partnerkit.importers.run import build_events
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "importers" / "fixtures"
CORPUS = ROOT.parent / "shared" / "corpus" / "iglu-central" / "schemas"
COMMENT = "Created by `a test`.\nFill in the parties."

# strings on which ruamel (YAML 1.2) and the emitter (1.2 and 1.1) agree
AGREED = [
    "",
    " ",
    "plain",
    "two words",
    "with: colon",
    "a:b",
    "http://x.example/a?b=c#d",
    "a #hash",
    "a#b",
    "#start",
    "- dash",
    "-dash",
    "-",
    "--",
    "---",
    "...x",
    "?",
    "?x",
    ":x",
    "x:",
    "it's",
    'say "hi"',
    "'quoted'",
    '"double"',
    "null",
    "Null",
    "~",
    "true",
    "False",
    "1",
    "-1",
    "+1",
    "1.0",
    "1.0.0",
    ".5",
    "1e5",
    "1e+17",
    "0x1F",
    "0o17",
    "017",
    "1_000",
    ".inf",
    "-.inf",
    ".nan",
    "2026-01-01",
    "2026-01-01T10:00:00Z",
    "2026-1-1 10:00:00",
    "<<",
    "=",
    "!",
    "&a",
    "*a",
    "@at",
    "`tick`",
    "%pct",
    "{x}",
    "[x]",
    "a, b",
    "a[0]",
    "x-?y",
    "|",
    ">",
    "trailing ",
    " leading",
    "tab\there",
    "\x01control",
    "del\x7f",
    "bom\ufeff",
    "nbsp\xa0here",
    "ünïcødé ✓ 𝔘",
    "emoji 🎉",
    "line\nbreak",
    "two\nlines\n",
    "keep\n\n",
    "\nleading break",
    "  indented\nsecond",
    "trailing space \nline",
    "line\n  indented",
    "a\n\n\nb",
    "x\n",
    "\n",
    "'\n'",
    "a\tb\nc",
    "x" * 100,
    ("long " * 30).strip(),
    "word " * 900,  # past the 4096 line width: ruamel wraps it
    "it's " * 900,
    "esc\x01 " * 900 + "\n",
]

# strings the emitter quotes or escapes where ruamel does not (readers disagree, or ruamel's
# text would not load at all)
DIFFERENT = ["yes", "No", "on", "OFF", "1:30", "190:20:30", "\x85nel", "a\u2028b", "a\x01\nb"]
DIFFERENT += ["\tindented\nby a tab", "x\n \tb"]

KEYS = ["name", "type", "a b", "x:y", "1", "true", "null", "", "k'ey", "ünï", "y", "n", "-k"]


def random_value(rng: random.Random, strings: list[str], depth: int = 0) -> Any:
    roll = rng.random()
    if depth < 4 and roll < 0.25:
        return {
            rng.choice(KEYS): random_value(rng, strings, depth + 1)
            for _ in range(rng.randint(0, 5))
        }
    if depth < 4 and roll < 0.45:
        return [random_value(rng, strings, depth + 1) for _ in range(rng.randint(0, 5))]
    scalar = rng.random()
    if scalar < 0.6:
        return rng.choice(strings)
    if scalar < 0.7:
        return rng.choice([None, True, False])
    if scalar < 0.85:
        return rng.choice([0, 1, -7, 10**20, 2**64])
    return rng.choice([0.0, -0.0, 1.5, 1e17, 1e-7, 3.14159, float("inf"), float("-inf")])


def random_document(rng: random.Random, strings: list[str]) -> dict[str, Any]:
    doc = {f"key{i}": random_value(rng, strings) for i in range(rng.randint(1, 8))}
    if rng.random() < 0.3:  # a node made as event_node makes it, among plain data
        doc["node"] = event_node("acme", {"description": rng.choice(strings), "x": [1, 2]})
    return doc


def reads_back(text: str, data: Any) -> bool:
    doc = parse_document(text.encode(), "<new>")
    return not doc.problems and writer._identical(doc.data, plain(data))


def emitted(data: Any, comment: str | None = COMMENT) -> str:
    text = _emit.emit(data, comment)
    assert reads_back(text, data), text
    return text


@pytest.mark.parametrize("seed", range(300))
def test_random_documents_are_byte_identical_to_ruamel(seed: int) -> None:
    data = random_document(random.Random(seed), AGREED)
    assert emitted(data) == writer.ruamel_document(data, comment=COMMENT)


@pytest.mark.parametrize("seed", range(300))
def test_random_documents_with_any_string_read_back_as_they_are(seed: int) -> None:
    data = random_document(random.Random(seed), AGREED + DIFFERENT)
    assert writer.new_document(data, comment=COMMENT) == emitted(data)


@pytest.mark.parametrize("text", AGREED)
def test_every_agreed_string_in_every_position_is_identical(text: str) -> None:
    data: dict[str, Any] = {
        "value": text,
        "list": [text, "x" * 90],
        "flow": [text, 1],
        "map": {"k": text},
        "nested": [[text, "y" * 90], {"k": text, "z": {"deep": text}}],
    }
    assert emitted(data) == writer.ruamel_document(data, comment=COMMENT)
    keyed = {text: 1, "map": {text: None, "k": 1}, "flow": {text: 1}}
    if len(text) >= 128 or "\n" in text:  # not a simple key: ruamel writes `? key`
        with pytest.raises(_emit.Unsupported):
            _emit.emit(keyed, COMMENT)
    else:
        assert emitted(keyed) == writer.ruamel_document(keyed, comment=COMMENT)


@pytest.mark.parametrize("text", DIFFERENT)
def test_strings_readers_disagree_on_are_quoted(text: str) -> None:
    data = {"value": text, "flow": [text], "list": [text, "x" * 90]}
    out = emitted(data)
    assert f"value: {text}\n" not in out
    assert writer.new_document(data) == emitted(data, None)


def test_yaml_1_1_booleans_are_quoted_where_ruamel_leaves_them_plain() -> None:
    data = {"a": "yes", "b": ["on", "off"], "c": "1:30"}
    assert writer.ruamel_document(data) == "a: yes\nb: [on, off]\nc: 1:30\n"
    assert emitted(data, None) == "a: 'yes'\nb: ['on', 'off']\nc: '1:30'\n"


def test_a_multi_line_string_with_a_control_character_is_escaped_not_a_broken_block() -> None:
    data = {"d": "a\x01\nb"}
    assert parse_document(writer.ruamel_document(data).encode(), "<old>").problems
    assert emitted(data, None) == 'd: "a\\x01\\nb"\n'


def test_layout_rules() -> None:
    data = {
        "short": {"a": 1, "b": "two words", "c": None, "d": "x-?y"},
        "long": {"a": "x" * 90},
        "scalars": [1, "two", None, True],
        "block": writer.Block({"a": 1}),
        "node": event_node("acme", {"x": 1}),
        "items": [{"a": 1}, {"b": {"c": 1}}, [1, {"x": 1}], None, "multi\nline", []],
        "empty": {},
        "literal": " leading\nkept\n\n",
    }
    assert emitted(data, "one\n\n#two\n") == (
        "# one\n"
        "\n"
        "#two\n"
        "short: {a: 1, b: two words, c: null, d: 'x-?y'}\n"
        "long:\n"
        f"  a: {'x' * 90}\n"
        "scalars: [1, two, null, true]\n"
        "block:\n"
        "  a: 1\n"
        "node:\n"
        "  owner: acme\n"
        "  x: 1\n"
        "items:\n"
        "  - {a: 1}\n"
        "  - b: {c: 1}\n"
        "  -   - 1\n"
        "      - {x: 1}\n"
        "  - \n"
        "  - |-\n"
        "    multi\n"
        "    line\n"
        "  - []\n"
        "empty: {}\n"
        "literal: |2+\n"
        "   leading\n"
        "  kept\n"
        "\n"
        "...\n"
    )
    assert emitted(data, "one\n\n#two\n") == writer.ruamel_document(data, comment="one\n\n#two\n")


def flow_sequence_holding_a_mapping() -> Any:
    seq = writer.to_node([1])  # one line, flow style
    seq.append(writer.to_node({"a": 1}))
    return seq


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"k" * 130: 1},
        {1: "int key"},
        {"date": dt.date(2026, 1, 1)},
        {"tuple": (1, 2)},
        {"flow": flow_sequence_holding_a_mapping()},
    ],
    ids=["empty", "long-key", "int-key", "date", "tuple", "map-in-flow"],
)
def test_what_the_emitter_does_not_write_goes_to_ruamel(data: Any) -> None:
    with pytest.raises(_emit.Unsupported):
        _emit.emit(data, None)
    assert writer.new_document(data) == writer.ruamel_document(data)


def test_a_node_with_a_comment_goes_to_ruamel() -> None:
    node = event_node("acme", {"x": 1})
    node.yaml_add_eol_comment("said", "x")
    with pytest.raises(_emit.Unsupported):
        _emit.emit({"e": node}, None)
    assert "# said" in writer.new_document({"e": node})


def test_text_that_reads_back_differently_is_never_written(monkeypatch: pytest.MonkeyPatch) -> None:
    data = {"id": "x", "values": ["1", "yes"], "n": 1}
    expected = writer.ruamel_document(data, comment=COMMENT)
    wrong = [
        "id: x\nvalues: [1, 'yes']\nn: 1\n",  # a string turned number
        "id: x\nvalues: ['1', 'yes']\nn: 1.0\n",  # an int turned float
        "id: x\nn: 1\nvalues: ['1', 'yes']\n",  # the key order changed
        "id: x\nvalues: ['1', 'yes']\nn: 1\nid: y\n",  # a duplicate key
        "id: x\nvalues: ['1', 'yes'\n",  # not YAML
    ]
    for text in wrong:
        monkeypatch.setattr(_emit, "emit", lambda data, comment, text=text: text)
        assert writer.new_document(data, comment=COMMENT) == expected
    monkeypatch.setattr(_emit, "emit", lambda data, comment: "id: x\nvalues: ['1', 'yes']\nn: 1\n")
    assert writer.new_document(data) == "id: x\nvalues: ['1', 'yes']\nn: 1\n"  # it reads back


def new_contract_data(fmt: str, source: Path) -> tuple[Any, str]:
    """The data and comment ``import FORMAT SOURCE -o`` hands to ``new_document``."""
    calls: list[tuple[Any, str]] = []
    events = build_events(importers.get(fmt).read(source))
    original = writer.new_document

    def record(data: Any, *, comment: str | None = None) -> str:
        calls.append((data, comment or ""))
        return original(data, comment=comment)

    writer.new_document = record  # type: ignore[assignment]
    try:
        new_contract(
            events,
            owner="acme",
            contract_id="new",
            title="new (imported)",
            command=f"partnerkit import {fmt} {source.name}",
            today=dt.date(2026, 1, 1),
        )
    finally:
        writer.new_document = original  # type: ignore[assignment]
    return calls[0]


SOURCES = [
    ("jsonschema", FIXTURES / "jsonschema"),
    ("iglu", FIXTURES / "iglu" / "schemas"),
    *(("segment", path) for path in sorted((FIXTURES / "segment").glob("*.json"))),
    ("rudderstack", FIXTURES / "rudderstack"),
]


@pytest.mark.parametrize(("fmt", "source"), SOURCES, ids=lambda s: getattr(s, "name", s))
def test_imported_fixtures_are_byte_identical(fmt: str, source: Path) -> None:
    data, comment = new_contract_data(fmt, source)
    assert emitted(data, comment) == writer.ruamel_document(data, comment=comment)


@pytest.mark.parametrize(
    "path",
    sorted(
        p
        for p in [*ROOT.glob("contracts/*.yaml"), *FIXTURES.rglob("*.yaml")]
        if parse_document(p.read_bytes(), str(p)).data
    ),  # every contract file, the partly invalid ones (import fixtures) too
    ids=lambda p: p.name,
)
def test_the_projects_yaml_files_rewritten_are_byte_identical(path: Path) -> None:
    data = parse_document(path.read_bytes(), str(path)).data
    assert same_but_quoted(emitted(data, "rewritten"), writer.ruamel_document(data, comment="x"))


def same_but_quoted(new: str, old: str) -> bool:
    """Tell whether ``new`` is ``old`` but for YAML 1.1 look-alikes quoted (``'15:00'``)."""
    new_lines, old_lines = new.splitlines()[1:], old.splitlines()[1:]
    if len(new_lines) != len(old_lines):
        return False
    for new_line, old_line in zip(new_lines, old_lines, strict=True):
        if new_line != old_line:
            quoted = [token for token in re.findall(r"'([^']*)'", new_line) if token]
            if new_line.replace("'", "") != old_line.replace("'", "") or not all(
                re.fullmatch(r"[0-9:]+|yes|no|on|off", token, re.I) for token in quoted
            ):
                return False
    return True


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the Iglu Central corpus is not at {CORPUS}")
def test_the_iglu_corpus_contract_is_byte_identical() -> None:
    data, comment = new_contract_data("iglu", CORPUS)
    assert len(data["events"]["catalog"]) == 491
    assert emitted(data, comment) == writer.ruamel_document(data, comment=comment)
