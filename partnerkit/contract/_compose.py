"""Compose plain data and a position index straight from YAML parse events.

Composing a node graph first (ruamel's ``compose``) allocates and later frees an object per value,
which dominated the load time of large contracts; building from the event stream of ruamel's C
parser keeps only what is needed: plain values and one position per key and value. Scalars are
resolved with YAML 1.2's core schema and constructed with ruamel's safe constructor, so nothing in
a file can construct a Python object; any tag outside the core schema is reported.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cache
from typing import Any

from partnerkit.contract.document import Document, Position
from partnerkit.problem import JsonPath, Level, Problem, json_pointer

CORE = "tag:yaml.org,2002:"
CORE_TAGS = frozenset(
    CORE + name
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "binary")
)
STR = CORE + "str"
MERGE = CORE + "merge"


class AliasBomb(Exception):
    """Aliases expand to more values than a contract may hold."""


@cache
def _implicit() -> dict[str, tuple[tuple[str, Any], ...]]:
    """YAML 1.2 implicit resolvers by the first character of a plain scalar."""
    from ruamel.yaml.resolver import implicit_resolvers

    table: dict[str, list[tuple[str, Any]]] = {}
    for versions, tag, regexp, first in implicit_resolvers:
        if (1, 2) in versions:
            for char in first:
                table.setdefault(char or "", []).append((tag, regexp))
    return {char: tuple(found) for char, found in table.items()}


class _Frame:
    """An open mapping or sequence."""

    __slots__ = (
        "anchor",
        "container",
        "is_map",
        "key",
        "key_mark",
        "merges",
        "path",
        "size",
        "skip",
        "start",
    )

    def __init__(self, container: Any, path: JsonPath, start: Any, anchor: str | None) -> None:
        self.container = container
        self.is_map = isinstance(container, dict)
        self.path = path
        self.start = start
        self.anchor = anchor
        self.key: Any = _NO_KEY
        self.key_mark: Any = None
        self.skip = False
        self.merges: list[Any] = []
        self.size = 1


_NO_KEY = object()


class Composer:
    """Consume parse events; produce ``doc.data`` and ``doc.positions``."""

    def __init__(self, doc: Document, constructor: Any, max_nodes: int) -> None:
        self.doc = doc
        self.position = Position
        self.constructor = constructor
        self.max_nodes = max_nodes
        self.expanded = 0
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.open_anchors: set[str] = set()
        self.implicit = _implicit()
        self.documents = 0

    def compose(self, events: Iterable[Any]) -> Any:
        """Return the document's root value (``None`` for an empty document)."""
        from ruamel.yaml.events import (
            AliasEvent,
            DocumentStartEvent,
            MappingEndEvent,
            MappingStartEvent,
            ScalarEvent,
            SequenceEndEvent,
            SequenceStartEvent,
        )

        stack: list[_Frame] = []
        root: list[Any] = []
        positions = self.doc.positions
        position = self.position
        for event in events:
            kind = type(event)
            if kind is ScalarEvent:
                # the hot path (most events): an untagged, unanchored string in a mapping
                frame = stack[-1] if stack else None
                if (
                    frame is not None
                    and frame.is_map
                    and event.tag is None
                    and event.anchor is None
                    and (not event.implicit[0] or event.value[:1] not in self.implicit)
                ):
                    value = event.value
                    mark = event.start_mark
                    frame.size += 1
                    if frame.key is _NO_KEY:
                        if value in frame.container or value == "<<":
                            self._key(frame, self._scalar(event, stack), mark)
                        else:
                            frame.key, frame.key_mark = value, mark
                        continue
                    key, frame.key = frame.key, _NO_KEY
                    if frame.skip or key is _MERGE_KEY:
                        frame.size -= 1
                        self._complete(stack, root, value, mark, 1, None, key)
                        continue
                    kmark = frame.key_mark
                    positions[(*frame.path, key)] = position(
                        kmark.line + 1, kmark.column + 1, mark.line + 1, mark.column + 1
                    )
                    frame.container[key] = value
                    continue
                value = self._scalar(event, stack)
                self._complete(stack, root, value, event.start_mark, 1, event.anchor)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                path = self._child_path(stack)
                self._check_tag(event.tag, event.start_mark, path)
                container: Any = {} if kind is MappingStartEvent else []
                stack.append(_Frame(container, path, event.start_mark, event.anchor))
                if event.anchor:
                    self.open_anchors.add(event.anchor)
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                frame = stack.pop()
                if frame.anchor:
                    self.open_anchors.discard(frame.anchor)
                if frame.merges:
                    self._merge(frame)
                self._complete(stack, root, frame.container, frame.start, frame.size, frame.anchor)
            elif kind is AliasEvent:
                value, size = self._alias(event, stack)
                self._complete(stack, root, value, event.start_mark, size, None)
            elif kind is DocumentStartEvent:
                self.documents += 1
                if self.documents > 1:
                    mark = event.start_mark
                    self._problem(
                        mark,
                        "syntax",
                        "a contract is one YAML document, but another starts here; "
                        "remove the '---' or split the file",
                        (),
                    )
                    return None
        return root[0] if root else None

    def _child_path(self, stack: list[_Frame]) -> JsonPath:
        if not stack:
            return ()
        parent = stack[-1]
        if isinstance(parent.container, list):
            return (*parent.path, len(parent.container))
        if parent.key is _NO_KEY:
            return (*parent.path, "<key>")
        return (*parent.path, parent.key)

    def _complete(
        self,
        stack: list[_Frame],
        root: list[Any],
        value: Any,
        mark: Any,
        size: int,
        anchor: str | None,
        popped: Any = _NO_KEY,
    ) -> None:
        if anchor:
            self.anchors[anchor] = (value, size)
        if not stack:
            root.append(value)
            self.doc.positions[()] = self.position(*(_lc(mark) * 2))
            return
        parent = stack[-1]
        parent.size += size
        container = parent.container
        if isinstance(container, list):
            line, column = _lc(mark)
            self.doc.positions[(*parent.path, len(container))] = self.position(
                line, column, line, column
            )
            container.append(value)
            return
        if popped is not _NO_KEY:
            key = popped
        elif parent.key is _NO_KEY:
            self._key(parent, value, mark)
            return
        else:
            key, parent.key = parent.key, _NO_KEY
        if parent.skip:
            parent.skip = False
            return
        if key is _MERGE_KEY:
            parent.merges.append((value, parent.key_mark))
            return
        kmark = parent.key_mark
        self.doc.positions[(*parent.path, key)] = self.position(*_lc(kmark), *_lc(mark))
        container[key] = value

    def _key(self, frame: _Frame, key: Any, mark: Any) -> None:
        if key is _MERGE_KEY:
            frame.key, frame.key_mark = key, mark
            return
        text = _key_text(key)
        path = (*frame.path, text)
        if not isinstance(key, str):
            self._problem(mark, "syntax", f"key {text!r} is not a string; quote it", path)
        if text in frame.container:
            first = self.doc.positions[path].key_line
            self._problem(
                mark,
                "duplicate-key",
                f"duplicate key {text!r} (first defined at line {first}); "
                "each key may appear once in a mapping",
                path,
            )
            frame.skip = True
        frame.key = text
        frame.key_mark = mark

    def _scalar(self, event: Any, stack: list[_Frame]) -> Any:
        value = event.value
        tag = event.tag
        if tag is None or tag == "!":
            if not event.implicit[0]:
                return value  # quoted: a string
            if value == "<<" and stack and _expects_key(stack[-1]):
                return _MERGE_KEY
            for candidate, regexp in self.implicit.get(value[:1], ()):
                if regexp.match(value):
                    tag = candidate
                    break
            else:
                return value
        if tag == STR:
            return value
        if tag not in CORE_TAGS:
            self._check_tag(tag, event.start_mark, self._child_path(stack))
            return value
        return self._construct(tag, event)

    def _construct(self, tag: str, event: Any) -> Any:
        simple = _SIMPLE.get(tag)
        if simple is not None:
            try:
                return simple(event.value)
            except ValueError:
                return str(event.value)
        from ruamel.yaml.nodes import ScalarNode

        node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
        try:
            return _plain(self.constructor.construct_object(node, deep=True))
        except Exception:  # a malformed number or timestamp: keep the text
            return str(event.value)

    def _alias(self, event: Any, stack: list[_Frame]) -> tuple[Any, int]:
        name = event.anchor
        if name in self.open_anchors:
            self._problem(
                event.start_mark,
                "syntax",
                "recursive alias: a value contains itself",
                self._child_path(stack),
            )
            return None, 1
        if name not in self.anchors:  # the parser reports undefined aliases first
            return None, 1
        value, size = self.anchors[name]
        self.expanded += size
        if self.expanded > self.max_nodes:
            raise AliasBomb
        return value, size

    def _merge(self, frame: _Frame) -> None:
        """Apply ``<<`` merge keys; explicit keys win; merged keys are located at the ``<<``."""
        container = frame.container
        for source, mark in frame.merges:
            where = self.position(*(_lc(mark) * 2))
            for mapping in source if isinstance(source, list) else [source]:
                if isinstance(mapping, dict):
                    for key, value in mapping.items():
                        if key not in container:
                            container[key] = value
                            self.doc.positions[(*frame.path, key)] = where

    def _check_tag(self, tag: Any, mark: Any, path: JsonPath) -> None:
        if tag is None or tag == "!" or tag in CORE_TAGS:
            return
        message = f"tag {tag!r} is not allowed in a contract; remove it (values are plain YAML)"
        self._problem(mark, "syntax", message, path)

    def _problem(self, mark: Any, rule: str, message: str, path: JsonPath) -> None:
        line, column = _lc(mark)
        self.doc.problems.append(
            Problem(self.doc.path, line, column, rule, Level.ERROR, message, json_pointer(path))
        )


def _expects_key(frame: _Frame) -> bool:
    return frame.is_map and frame.key is _NO_KEY


class _MergeKey:
    def __repr__(self) -> str:
        return "<<"


_MERGE_KEY = _MergeKey()


def _int(text: str) -> int:
    """YAML 1.2 core int: decimal, 0o octal, 0x hex, 0b binary, with underscores."""
    digits = text.replace("_", "")
    sign = -1 if digits[:1] == "-" else 1
    digits = digits.lstrip("+-")
    for prefix, base in (("0b", 2), ("0o", 8), ("0x", 16)):
        if digits.startswith(prefix):
            return sign * int(digits[2:], base)
    return sign * int(digits)


def _float(text: str) -> float:
    lowered = text.replace("_", "").lower()
    if lowered.endswith(".inf"):
        return float("-inf") if lowered.startswith("-") else float("inf")
    if lowered == ".nan":
        return float("nan")
    return float(lowered)


_SIMPLE: dict[str, Any] = {
    CORE + "int": _int,
    CORE + "float": _float,
    CORE + "bool": lambda text: text.lower() == "true",
    CORE + "null": lambda text: None,
}
"""Core scalar types constructed here: ruamel's constructor costs ~35 µs a value."""


def _lc(mark: Any) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def _key_text(key: Any) -> str:
    if isinstance(key, str):
        return key
    if isinstance(key, bool):
        return "true" if key else "false"
    if key is None:
        return "null"
    return str(key)


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, dt.date):  # datetime is a date too
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)
