"""Load a contract file into plain data plus the source position of every key and value.

ruamel.yaml's C parser (ruamel.yaml.clib) turns the file into parse events that carry start
marks; :mod:`partnerkit.contract._builder` builds plain JSON-compatible values from them (dates
become ISO strings) and a position index keyed by JSON path, so a schema error or a rule finding
can be reported at its exact line and column. Only YAML's core tags are constructed, so nothing
in a file can construct a Python object; any other tag is itself reported. Every duplicate key is
reported (the first value is kept), not only the first.

Every way a file can be unusable, except being absent or unreadable, becomes a located
:class:`~partnerkit.problem.Problem` rather than an exception, so one bad file does not hide the
problems of the others.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from partnerkit.errors import InputError
from partnerkit.problem import JsonPath, Level, Problem, json_pointer

MAX_BYTES = 4 * 1024 * 1024
"""Largest contract file accepted; a partnership contract is far smaller."""

MAX_NODES = 500_000
"""Largest number of values after alias expansion (guards against alias 'billion laughs')."""


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
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    from partnerkit.contract._builder import AliasBomb, Builder

    try:
        yaml = YAML(typ="safe", pure=False)  # the C parser, from ruamel.yaml.clib
    except Exception:  # pragma: no cover - no C extension on this platform
        yaml = YAML(typ="safe", pure=True)
    builder = Builder(doc, yaml.constructor, MAX_NODES)
    gc.disable()  # building allocates an object per value; collections only slow it down
    try:
        data = builder.build(yaml.parse(doc.text))
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
    except AliasBomb:
        doc.positions.clear()
        message = f"aliases expand to more than {MAX_NODES:,} values; refusing to load"
        doc.problems.append(doc.problem("alias-expansion", message))
        return
    finally:
        gc.enable()
    if data is None and not doc.problems:
        doc.problems.append(
            doc.problem("not-a-mapping", "file is empty; a contract is a YAML mapping")
        )
        return
    doc.data = data
    if not isinstance(data, dict) and data is not None:
        kind = (
            "a sequence"
            if isinstance(data, list)
            else "a string"
            if isinstance(data, str)
            else f"a scalar ({data!r})"
        )
        doc.problems.append(
            doc.problem("not-a-mapping", f"top level is {kind}; a contract is a YAML mapping")
        )


def _yaml_message(exc: Any) -> str:
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
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
