"""Reporters for lint results; the only module that imports rich.

A reporter is a function ``(result, stream, color) -> None`` registered under the name users pass
to ``--format``. Plain-text output never imports rich (it costs ~60 ms of start-up in a
pre-commit hook); rich is used only to colour output on a terminal.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import PurePath
from typing import Any, TextIO

from partnerkit import __version__
from partnerkit.linting.engine import LintResult
from partnerkit.problem import Level, Problem

JSON_FORMAT_VERSION = 1
"""Version of the ``--format json`` document; bumped on any incompatible change."""

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/partnerkit/partnerkit"


class Format(StrEnum):
    """Names accepted by ``--format``."""

    AUTO = "auto"
    STANDARD = "standard"
    CONCISE = "concise"
    JSON = "json"
    SARIF = "sarif"
    GITHUB = "github"


Reporter = Callable[[LintResult, TextIO, bool], None]


def use_color(stream: TextIO) -> bool:
    """Colour only on a terminal, never with ``NO_COLOR`` set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def resolve(fmt: Format) -> Format:
    """Resolve ``auto``: GitHub annotations under GitHub Actions, else the standard report."""
    if fmt is Format.AUTO:
        return Format.GITHUB if os.environ.get("GITHUB_ACTIONS") == "true" else Format.STANDARD
    return fmt


def report(result: LintResult, fmt: Format, stream: TextIO) -> None:
    """Write ``result`` to ``stream`` in ``fmt``."""
    REPORTERS[resolve(fmt)](result, stream, use_color(stream))


_UNPRINTABLE = {
    code: f"\\x{code:02x}" for code in (*range(0x20), *range(0x7F, 0xA0)) if code != 0x09
} | {code: f"\\u{code:04x}" for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}
"""Control and bidirectional-override characters, escaped so a hostile contract cannot drive
the terminal (clear it, recolour it, reorder text) through a message or a path."""


_UNPRINTABLE_BUT_LINES = {k: v for k, v in _UNPRINTABLE.items() if k not in (0x0A, 0x0D)}


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """Return ``text`` with control and bidi-override characters escaped."""
    return text.translate(_UNPRINTABLE_BUT_LINES if keep_newlines else _UNPRINTABLE)


def concise_line(p: Problem) -> str:
    """``path:line:col: level [rule] message`` — the line editors and terminals jump to."""
    return printable(f"{p.path}:{p.line}:{p.column}: {p.level.value} [{p.rule}] {p.message}")


def summary_line(result: LintResult) -> str:
    """One line counting problems by level and files checked."""
    files = len(result.files)
    noun = "file" if files == 1 else "files"
    counts = [
        f"{n} {name}{'' if n == 1 else 's'}"
        for level, name in (
            (Level.ERROR, "error"),
            (Level.WARNING, "warning"),
            (Level.INFO, "info"),
        )
        if (n := result.count(level))
    ]
    if not counts:
        return f"{files} {noun} checked, no problems found"
    return f"Found {', '.join(counts).replace('1 infos', '1 info')} in {files} {noun}"


def _concise(result: LintResult, stream: TextIO, color: bool) -> None:
    for problem in result.problems:
        stream.write(concise_line(problem) + "\n")


_STYLE = {Level.ERROR: "bold red", Level.WARNING: "yellow", Level.INFO: "cyan"}


def _standard(result: LintResult, stream: TextIO, color: bool) -> None:
    lines: list[list[tuple[str, str]]] = []
    for file in result.files:
        if not file.problems:
            continue
        lines.append([(printable(file.path), "bold underline")])
        for p in file.problems:
            lines.append(
                [
                    (printable(f"  {p.path}:{p.line}:{p.column}: "), "bold"),
                    (p.level.value, _STYLE[p.level]),
                    (printable(f" {p.message} "), ""),
                    (f"[{p.rule}]", "dim"),
                ]
            )
        lines.append([])
    summary = summary_line(result)
    failed = result.count(Level.ERROR) > 0
    lines.append([(summary, "bold red" if failed else "bold green")])
    if not color:
        stream.write("".join("".join(t for t, _ in line) + "\n" for line in lines))
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(file=stream, force_terminal=True, highlight=False, soft_wrap=True)
    for line in lines:
        console.print(Text.assemble(*line))


def _json(result: LintResult, stream: TextIO, color: bool) -> None:
    document = {
        "version": JSON_FORMAT_VERSION,
        "tool": {"name": "partnerkit", "version": __version__},
        "summary": {
            "files": len(result.files),
            "errors": result.count(Level.ERROR),
            "warnings": result.count(Level.WARNING),
            "info": result.count(Level.INFO),
        },
        "files": [
            {"path": f.path, "problems": [p.to_dict() for p in f.problems]} for f in result.files
        ],
    }
    json.dump(document, stream, indent=2, ensure_ascii=False)
    stream.write("\n")


_SARIF_LEVEL = {Level.ERROR: "error", Level.WARNING: "warning", Level.INFO: "note"}


def _sarif(result: LintResult, stream: TextIO, color: bool) -> None:
    catalog = rule_catalog()
    used = sorted({p.rule for p in result.problems} | set(catalog))
    index = {rule_id: i for i, rule_id in enumerate(used)}
    rules = [
        {
            "id": rule_id,
            "shortDescription": {"text": catalog.get(rule_id, (rule_id, Level.ERROR))[0]},
            "defaultConfiguration": {
                "level": _SARIF_LEVEL[catalog.get(rule_id, ("", Level.ERROR))[1]]
            },
            "helpUri": f"{INFORMATION_URI}/blob/main/docs/rules.md#{rule_id}",
        }
        for rule_id in used
    ]
    results = []
    for p in result.problems:
        location: dict[str, Any] = {
            "physicalLocation": {
                "artifactLocation": {"uri": _uri(p.path)},
                "region": {"startLine": p.line, "startColumn": p.column},
            }
        }
        if p.pointer:
            location["logicalLocations"] = [{"fullyQualifiedName": p.pointer, "kind": "member"}]
        results.append(
            {
                "ruleId": p.rule,
                "ruleIndex": index[p.rule],
                "level": _SARIF_LEVEL[p.level],
                "message": {"text": p.message},
                "locations": [location],
            }
        )
    document = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "partnerkit",
                        "version": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": rules,
                    }
                },
                "results": results,
                "columnKind": "unicodeCodePoints",
            }
        ],
    }
    json.dump(document, stream, indent=2, ensure_ascii=False)
    stream.write("\n")


def _uri(path: str) -> str:
    pure = PurePath(path)
    if pure.is_absolute():
        return pure.as_uri() if os.name != "nt" else path
    from urllib.parse import quote

    return quote(pure.as_posix())


def escape_data(text: str) -> str:
    """Escape a GitHub workflow-command message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a GitHub workflow-command property value (also ``:`` and ``,``)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


_GITHUB_LEVEL = {Level.ERROR: "error", Level.WARNING: "warning", Level.INFO: "notice"}


def _github(result: LintResult, stream: TextIO, color: bool) -> None:
    for p in result.problems:
        props = ",".join(
            [
                f"file={escape_property(printable(p.path))}",
                f"line={p.line}",
                f"col={p.column}",
                f"title={escape_property(f'partnerkit [{p.rule}]')}",
            ]
        )
        message = escape_data(printable(p.message, keep_newlines=True))  # %0A for GitHub
        stream.write(f"::{_GITHUB_LEVEL[p.level]} {props}::{message}\n")
    # GitHub shows only 10 annotations of each kind per step: print the full report as well.
    _concise(result, stream, False)
    stream.write(summary_line(result) + "\n")


def rule_catalog() -> dict[str, tuple[str, Level]]:
    """Every rule id (core checks and semantic rules) -> (summary, default level)."""
    from partnerkit.linting.core import CORE_CHECKS, core_level
    from partnerkit.linting.rules import RULES

    catalog = {rule_id: (text, core_level(rule_id)) for rule_id, text in CORE_CHECKS.items()}
    catalog.update({r.id: (r.summary, r.level) for r in RULES.values()})
    return catalog


REPORTERS: dict[Format, Reporter] = {
    Format.STANDARD: _standard,
    Format.CONCISE: _concise,
    Format.JSON: _json,
    Format.SARIF: _sarif,
    Format.GITHUB: _github,
}
"""Reporter by ``--format`` name (``auto`` is resolved first)."""


@contextmanager
def status(message: str, stream: TextIO | None = None) -> Iterator[None]:
    """Show a spinner with ``message`` on a terminal while the block runs; nothing otherwise."""
    stream = stream if stream is not None else sys.stderr
    if not use_color(stream):
        yield
        return
    from rich.console import Console

    with Console(file=stream, force_terminal=True).status(message):
        yield


def print_error(message: str, stream: TextIO) -> None:
    """Write a one-line user error (``partnerkit: error: ...``), red on a terminal."""
    message = printable(message)
    line = f"partnerkit: error: {message}"
    if use_color(stream):
        from rich.console import Console
        from rich.markup import escape

        Console(file=stream, force_terminal=True, highlight=False, soft_wrap=True).print(
            f"[bold red]partnerkit: error:[/] {escape(message)}"
        )
    else:
        stream.write(line + "\n")
