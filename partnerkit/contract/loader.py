"""Load a contract file into plain data plus the source position of every key and value.

Two parsers, one result. The fast parse (:mod:`partnerkit.contract._fast`, a Rust YAML parser)
reads the data of a file it can vouch for, and positions are then computed on first use. The
full loader is the reference, and reads every other file at once: ruamel.yaml's C parser
(ruamel.yaml.clib) turns the file into parse events that carry start marks;
:mod:`partnerkit.contract._compose` builds plain JSON-compatible values from them (dates
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
from pathlib import Path
from typing import Any

from partnerkit.contract.document import FATAL_RULES, Document, LazyPositions, Position
from partnerkit.files import read_bytes
from partnerkit.limits import MAX_BYTES as BYTES_LIMIT
from partnerkit.limits import LimitExceeded
from partnerkit.problem import Level, Problem

MAX_BYTES = BYTES_LIMIT.default
"""Largest contract file accepted by default: a catalog of some 30,000 events; an agreement is
far smaller (``max-bytes`` in :mod:`partnerkit.limits`)."""

MAX_NODES = 500_000
"""Largest number of values after alias expansion (guards against alias 'billion laughs')."""


def load_document(path: Path | str, display: str | None = None) -> Document:
    """Read and parse ``path``.

    Raises :class:`~partnerkit.errors.InputError` only if it cannot be read at all (missing,
    unreadable, not a regular file); too large a file is a ``too-large`` problem.
    """
    path = Path(path)
    shown = display if display is not None else str(path)
    doc = Document(shown)
    try:
        raw = read_bytes(path, shown)
    except LimitExceeded as exc:
        doc.problems.append(doc.problem("too-large", exc.message.removeprefix(f"{shown}: ")))
        return doc
    return parse_document(raw, shown, doc)


def parse_document(raw: bytes, display: str, doc: Document | None = None) -> Document:
    """Parse contract bytes already read from ``display`` (a path or a label).

    The fast parse (:mod:`partnerkit.contract._fast`) reads the data when it can vouch for it;
    the positions then come from the full loader on first use (:class:`LazyPositions`).
    Otherwise the full loader reads the file here, data, positions and problems at once.
    """
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
    from partnerkit.contract._fast import parse

    data = parse(text)
    if data is not None:  # the common case: positions only if something is reported
        doc.data = data
        doc.positions = LazyPositions(lambda: _full(text, display))
        return doc
    _parse_text(doc)
    return doc


def _full(text: str, display: str) -> Document:
    """Read ``text`` with the full loader: data, every position, every problem."""
    doc = Document(display, text=text)
    _parse_text(doc)
    return doc


def _parse_text(doc: Document) -> None:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    from partnerkit.contract._compose import AliasBomb, Composer

    try:
        yaml = YAML(typ="safe", pure=False)  # the C parser, from ruamel.yaml.clib
    except Exception:  # pragma: no cover - no C extension on this platform
        yaml = YAML(typ="safe", pure=True)
    composer = Composer(doc, yaml.constructor, MAX_NODES)
    collecting = gc.isenabled()
    gc.disable()  # composing allocates an object per value; collections only slow it down
    try:
        data = composer.compose(yaml.parse(doc.text))
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
        if collecting:  # the caller's state: lint keeps the collector off for the whole run
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


__all__ = [
    "FATAL_RULES",
    "MAX_BYTES",
    "MAX_NODES",
    "Document",
    "Position",
    "load_document",
    "parse_document",
]
