"""Load a contract file into plain data plus the source position of every key and value.

ruamel.yaml composes the file into nodes that carry start marks (with its C parser when
ruamel.yaml.clib is installed); we convert the nodes into plain JSON-compatible values (dates
become ISO strings) and keep a position index keyed by JSON path, so a schema error or a rule
finding can be reported at its exact line and column. Only YAML's core tags are constructed, so
nothing in a file can construct a Python object; any other tag is itself reported. Every duplicate
key is reported (the first value is kept), not only the first.

Every way a file can be unusable, except being absent or unreadable, becomes a located
:class:`~partnerkit.problem.Problem` rather than an exception, so one bad file does not hide the
problems of the others.
"""

from __future__ import annotations

import datetime as dt
import gc
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, ClassVar, NamedTuple

from partnerkit.errors import InputError
from partnerkit.problem import JsonPath, Level, Problem, json_pointer

MAX_BYTES = 4 * 1024 * 1024
"""Largest contract file accepted; a partnership contract is far smaller."""

MAX_NODES = 500_000
"""Largest number of values after alias expansion (guards against alias 'billion laughs')."""

_CORE_TAG_PREFIX = "tag:yaml.org,2002:"
_CORE_TAGS = {"str", "int", "float", "bool", "null", "map", "seq", "timestamp", "binary", "merge"}


class Position(NamedTuple):
    """1-based line and column of a key and of its value."""

    key_line: int
    key_column: int
    line: int
    column: int


@dataclass
class Document:
    """A loaded contract: plain ``data``, positions, the raw text and any load problems."""

    path: str
    data: Any = None
    text: str = ""
    positions: dict[JsonPath, Position] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when ``data`` is a mapping that later stages can check."""
        return isinstance(self.data, dict) and not any(p.rule in FATAL_RULES for p in self.problems)

    def locate(self, path: JsonPath, *, at_key: bool = False) -> tuple[int, int]:
        """Return ``(line, column)`` of ``path``, or of its nearest located ancestor."""
        probe = tuple(path)
        while probe:
            pos = self.positions.get(probe)
            if pos is not None:
                return (pos.key_line, pos.key_column) if at_key else (pos.line, pos.column)
            probe = probe[:-1]
        root = self.positions.get(())
        return (root.line, root.column) if root else (1, 1)

    def problem(
        self,
        rule: str,
        message: str,
        path: JsonPath = (),
        *,
        level: Level = Level.ERROR,
        at_key: bool = False,
    ) -> Problem:
        """Build a problem located at ``path`` in this document."""
        line, column = self.locate(path, at_key=at_key)
        return Problem(self.path, line, column, rule, level, message, json_pointer(path))


FATAL_RULES = frozenset({"syntax", "encoding", "too-large", "alias-expansion", "not-a-mapping"})
"""Load problems after which the file's data cannot be checked any further."""


def load_document(path: Path | str, display: str | None = None) -> Document:
    """Read and parse ``path``; raise :class:`InputError` only if it cannot be read at all."""
    path = Path(path)
    shown = display if display is not None else str(path)
    doc = Document(shown)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise InputError(f"{shown}: is a directory, expected a contract file")
        if size > MAX_BYTES:
            doc.problems.append(
                doc.problem(
                    "too-large",
                    f"file is {size:,} bytes; contracts are limited to {MAX_BYTES:,} bytes",
                )
            )
            return doc
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{shown}: no such file or directory") from None
    except PermissionError:
        raise InputError(f"{shown}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{shown}: cannot read: {exc.strerror or exc}") from None
    return parse_document(raw, shown, doc)


def parse_document(raw: bytes, display: str, doc: Document | None = None) -> Document:
    """Parse contract bytes already read from ``display`` (a path or a label)."""
    doc = doc or Document(display)
    if b"\x00" in raw:
        doc.problems.append(doc.problem("encoding", "file is binary (contains NUL bytes)"))
        return doc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        doc.problems.append(
            Problem(
                display,
                line,
                column,
                "encoding",
                Level.ERROR,
                f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8",
            )
        )
        return doc
    doc.text = text
    _parse_text(doc)
    return doc


def _parse_text(doc: Document) -> None:
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = _yaml()
    gc.disable()  # composing allocates a node per value; collections only slow it down
    try:
        node = yaml.compose(doc.text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        doc.problems.append(
            Problem(doc.path, line, column, "syntax", Level.ERROR, _yaml_message(exc))
        )
        return
    except YAMLError as exc:  # reader errors (control characters) carry no mark
        doc.problems.append(_reader_problem(doc, exc))
        return
    except RecursionError:
        doc.problems.append(doc.problem("syntax", "nesting is too deep to be a contract"))
        return
    finally:
        gc.enable()
    if node is None:
        doc.problems.append(
            doc.problem("not-a-mapping", "file is empty; a contract is a YAML mapping")
        )
        return
    # only a document with anchors can expand; "&" in the text is a cheap superset test
    if "&" in doc.text and _expanded_size(node, {}, set()) > MAX_NODES:
        doc.problems.append(
            doc.problem(
                "alias-expansion",
                f"aliases expand to more than {MAX_NODES:,} values; refusing to load",
            )
        )
        return
    doc.positions[()] = Position(*(_mark(node) * 2))
    gc.disable()
    try:
        doc.data = _Converter(doc, yaml.constructor).convert(node, ())
    finally:
        gc.enable()
    if not isinstance(doc.data, dict):
        kind = {list: "a sequence", str: "a string", type(None): "null"}.get(
            type(doc.data), type(doc.data).__name__
        )
        doc.problems.append(
            doc.problem("not-a-mapping", f"top level is {kind}; a contract is a YAML mapping")
        )


def _yaml() -> Any:
    """Return a YAML 1.2 composer, with the C parser (ruamel.yaml.clib) when installed.

    Composing (not constructing) keeps every node's start mark, and the C parser is about ten
    times faster than the round-trip parser, which matters in a pre-commit hook.
    """
    from ruamel.yaml import YAML

    try:
        yaml = YAML(typ="safe", pure=False)
    except Exception:  # pragma: no cover - ruamel.yaml.clib missing on this platform
        yaml = YAML(typ="safe", pure=True)
    yaml.Resolver = _resolver_class()
    return yaml


@cache
def _resolver_class() -> Any:
    """Return a YAML 1.2 resolver class that does not re-derive the version for every scalar.

    ruamel's VersionedResolver looks the document's YAML version up (through exceptions, with
    the C parser) on every scalar; that was half of the loading time of a large contract.
    Contracts are YAML 1.2 (a ``%YAML 1.1`` directive is not honoured).
    """
    from ruamel.yaml.nodes import ScalarNode, SequenceNode
    from ruamel.yaml.resolver import VersionedResolver
    from ruamel.yaml.tag import Tag

    class Resolver(VersionedResolver):
        processing_version = (1, 2)
        table: ClassVar[dict[Any, tuple[Any, ...]] | None] = None
        tags: ClassVar[dict[str, Any]] = {}

        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            if kind is ScalarNode:
                if implicit[0]:
                    table = Resolver.table
                    if table is None:
                        found = VersionedResolver.versioned_resolver.fget(self)  # type: ignore[attr-defined]
                        table = Resolver.table = {k: tuple(v) for k, v in found.items()}
                    for tag, regexp in table.get(value[:1], ()) + table.get(None, ()):
                        if regexp.match(value):
                            # one shared Tag per tag: the converter compares by identity
                            return Resolver.tags.setdefault(tag, Tag(suffix=tag))
                return self.DEFAULT_SCALAR_TAG
            if kind is SequenceNode:
                return self.DEFAULT_SEQUENCE_TAG
            return self.DEFAULT_MAPPING_TAG

    return Resolver


def _mark(node: Any) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _yaml_message(exc: Any) -> str:
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    if type(exc).__name__ == "DuplicateKeyError":
        problem = problem.split(" with value ")[0]
        return f"{problem}; each key may appear once in a mapping"
    if context and problem:
        return f"{problem} ({context})"
    return problem or context or "invalid YAML"


def _reader_problem(doc: Document, exc: Any) -> Problem:
    position = getattr(exc, "position", None)
    line, column = 1, 1
    if isinstance(position, int):
        before = doc.text[:position]
        line = before.count("\n") + 1
        column = position - (before.rfind("\n") + 1) + 1
    char = getattr(exc, "character", None)
    what = f"character {char!r}" if char is not None else "character"
    return Problem(
        doc.path, line, column, "syntax", Level.ERROR, f"{what} is not allowed in YAML; remove it"
    )


def _expanded_size(node: Any, memo: dict[int, int], active: set[int]) -> int:
    """Count nodes as if every alias were expanded, visiting each shared node once."""
    value = node.value
    if not isinstance(value, list):
        return 1
    key = id(node)
    if key in memo:
        return memo[key]
    if key in active:  # a recursive alias; the converter reports it
        return 1
    active.add(key)
    total = 1
    for child in value:
        for part in child if isinstance(child, tuple) else (child,):
            total += _expanded_size(part, memo, active)
        if total > MAX_NODES:
            break
    active.discard(key)
    memo[key] = total
    return total


_STR = _CORE_TAG_PREFIX + "str"
_MERGE = _CORE_TAG_PREFIX + "merge"


class _Converter:
    """Turn composed YAML nodes into plain values and fill ``doc.positions``.

    This walk is on the hot path of every lint (a 1,000-event contract has ~140,000 nodes), so
    it dispatches on exact node classes and handles plain strings without the constructor.
    """

    def __init__(self, doc: Document, constructor: Any) -> None:
        from ruamel.yaml.nodes import MappingNode, ScalarNode

        self.doc = doc
        self.positions = doc.positions
        self.constructor = constructor
        self.active: set[int] = set()
        self.scalar_node = ScalarNode
        self.mapping_node = MappingNode
        resolver = _resolver_class()
        self.plain = (resolver.DEFAULT_SCALAR_TAG,)
        self.plain_collections = (resolver.DEFAULT_MAPPING_TAG, resolver.DEFAULT_SEQUENCE_TAG)

    def convert(self, node: Any, path: JsonPath) -> Any:
        ctag = node.ctag
        if type(node) is self.scalar_node:
            if ctag is self.plain[0]:
                return node.value
            tag = str(ctag)
            if tag == _STR:
                return node.value
            if not self._core(tag, node, path):
                return str(node.value)
            try:
                return _scalar(self.constructor.construct_object(node, deep=True))
            except Exception:  # a malformed timestamp or number: keep the text
                return str(node.value)
        if ctag not in self.plain_collections:
            self._core(str(ctag), node, path)
        key = id(node)
        if key in self.active:
            self.doc.problems.append(
                self.doc.problem("syntax", "recursive alias: a value contains itself", path)
            )
            return None
        self.active.add(key)
        try:
            if type(node) is self.mapping_node:
                return self._mapping(node, path)
            return self._sequence(node, path)
        finally:
            self.active.discard(key)

    def _sequence(self, node: Any, path: JsonPath) -> list[Any]:
        out = []
        positions = self.positions
        for index, child in enumerate(node.value):
            child_path = (*path, index)
            mark = child.start_mark
            line, column = mark.line + 1, mark.column + 1
            positions[child_path] = Position(line, column, line, column)
            out.append(self.convert(child, child_path))
        return out

    def _mapping(self, node: Any, path: JsonPath) -> dict[str, Any]:
        out: dict[str, Any] = {}
        positions = self.positions
        key: Any
        pairs = node.value
        if any(k.ctag is not self.plain[0] and k.tag == _MERGE for k, _ in pairs):
            pairs = _merged(node)
        for key_node, value_node in pairs:
            if key_node.ctag is self.plain[0]:
                key = skey = key_node.value
            else:
                key = self.convert(key_node, (*path, "<key>"))
                skey = _key(key)
            child = (*path, skey)
            kmark, vmark = key_node.start_mark, value_node.start_mark
            if not isinstance(key, str):
                self._problem(key_node, "syntax", f"key {skey!r} is not a string; quote it", child)
            if skey in out:
                self._problem(
                    key_node,
                    "duplicate-key",
                    f"duplicate key {skey!r} (first defined at line {positions[child].key_line}); "
                    "each key may appear once in a mapping",
                    child,
                )
                continue
            positions[child] = Position(
                kmark.line + 1, kmark.column + 1, vmark.line + 1, vmark.column + 1
            )
            out[skey] = self.convert(value_node, child)
        return out

    def _core(self, tag: str, node: Any, path: JsonPath) -> bool:
        if tag.startswith(_CORE_TAG_PREFIX) and tag[len(_CORE_TAG_PREFIX) :] in _CORE_TAGS:
            return True
        message = f"tag {tag!r} is not allowed in a contract; remove it (values are plain YAML)"
        self._problem(node, "syntax", message, path)
        return False

    def _problem(self, node: Any, rule: str, message: str, path: JsonPath) -> None:
        line, column = _mark(node)
        self.doc.problems.append(
            Problem(self.doc.path, line, column, rule, Level.ERROR, message, json_pointer(path))
        )


def _merged(node: Any) -> list[tuple[Any, Any]]:
    """Return the mapping pairs with merge keys (``<<: *base``) applied; explicit keys win."""
    pairs = [(k, v) for k, v in node.value if k.tag != _CORE_TAG_PREFIX + "merge"]
    explicit = {k.value for k, _ in pairs}
    for key_node, value_node in node.value:
        if key_node.tag != _CORE_TAG_PREFIX + "merge":
            continue
        sources = value_node.value if isinstance(value_node.value, list) else []
        if sources and isinstance(sources[0], tuple):  # a single mapping
            sources = [value_node]
        for source in sources:
            for k, v in source.value if isinstance(source.value, list) else []:
                if isinstance(k, tuple) or k.value in explicit:
                    continue
                explicit.add(k.value)
                pairs.append((k, v))
    return pairs


def _key(key: Any) -> str:
    if isinstance(key, str):
        return str(key)
    if isinstance(key, bool):
        return "true" if key else "false"
    if key is None:
        return "null"
    if isinstance(key, dt.date):
        return key.isoformat()
    return str(key)


def _scalar(value: Any) -> Any:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


__all__ = ["MAX_BYTES", "MAX_NODES", "Document", "Position", "load_document", "parse_document"]
