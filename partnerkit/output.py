"""Reporters of every command, in one registry keyed by ``--format`` name; the only rich import.

A reporter is a function ``(result, stream, color) -> None``. It is registered for the kind of
result it prints (the command's name, ``result.kind``) under the name users pass to
``--format``; :func:`report` picks it, and each command's ``--format`` choices are
:func:`formats` of its kind, so a new reporter is a new choice and there is no second list.
The lint reporters are below. Another command registers its reporters from its own module
(as :mod:`partnerkit.importers.report` does for ``import``)::

    from partnerkit.output import register

    @register("diff", "standard")
    def _standard(result: DiffResult, stream: TextIO, color: bool) -> None: ...

with ``kind: ClassVar[str] = "diff"`` on its result class. The CLI imports that module when it
builds the command line (the names become choices), so a reporter module keeps its top-level
imports light and imports what a reporter needs inside it.

Layering: this module imports only the standard library, rich, and partnerkit's leaf modules
(the package root, ``errors``, ``problem``, ``text``). It reads lint results through the
:class:`LintReport` protocol, never the engine (``tests/test_output.py`` checks the imports).

Every human-readable reporter passes everything that comes from user data (paths, messages,
event and property names, rule ids) through :func:`printable`, the one escaper, so that a hostile
file cannot drive the terminal; JSON and SARIF keep text exact (``json.dump`` escapes it).

Plain-text output never imports rich (it costs ~60 ms of start-up in a pre-commit hook); rich is
used only to colour output on a terminal.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import PurePath
from typing import Any, ClassVar, Protocol, TextIO, TypeVar

from partnerkit import __version__
from partnerkit.errors import UsageError
from partnerkit.problem import Level, Problem

JSON_FORMAT_VERSION = 1
"""Version of every ``--format json`` document (lint, import); bumped on any incompatible change."""

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/partnerkit/partnerkit"


# --- the registry -------------------------------------------------------------------------------


class Reportable(Protocol):
    """A result :func:`report` can print: its class names the reporters that print it."""

    kind: ClassVar[str]
    """The command whose reporters print it (``lint``, ``import``)."""


_R = TypeVar("_R")

Reporter = Callable[[_R, TextIO, bool], None]
"""``(result, stream, color) -> None``: write ``result`` to ``stream``, coloured if ``color``."""

REPORTERS: dict[str, dict[str, Reporter[Any]]] = {}
"""Kind of result -> ``--format`` name -> reporter, in registration order."""

AUTO = "auto"
"""The ``--format`` name that stands for ``github`` under GitHub Actions, else ``standard``."""


def register(kind: str, name: str) -> Callable[[Reporter[_R]], Reporter[_R]]:
    """Register the decorated function as the ``--format name`` reporter of ``kind`` results."""

    def add(reporter: Reporter[_R]) -> Reporter[_R]:
        if name == AUTO:
            raise ValueError(f"{AUTO!r} is not a reporter: report() resolves it to one")
        table = REPORTERS.setdefault(kind, {})
        if name in table:
            raise ValueError(f"a {kind} reporter named {name!r} is already registered")
        table[name] = reporter
        return reporter

    return add


def formats(kind: str) -> list[str]:
    """Return the ``--format`` names registered for ``kind``, in registration order."""
    return list(REPORTERS.get(kind, ()))


def resolve(kind: str, fmt: str) -> str:
    """Resolve ``auto``: ``github`` under GitHub Actions (if ``kind`` has it), else ``standard``."""
    if fmt == AUTO:
        actions = os.environ.get("GITHUB_ACTIONS") == "true"
        return "github" if actions and "github" in REPORTERS.get(kind, {}) else "standard"
    return fmt


def report(result: Reportable, fmt: str, stream: TextIO) -> None:
    """Write ``result`` to ``stream`` with the ``fmt`` reporter of its kind."""
    kind = result.kind
    name = resolve(kind, fmt)
    reporter = REPORTERS.get(kind, {}).get(name)
    if reporter is None:
        known = ", ".join(formats(kind)) or "none registered"
        raise UsageError(f"no {name!r} report for {kind} results (known: {known})")
    reporter(result, stream, use_color(stream))


# --- shared by the reporters --------------------------------------------------------------------


def use_color(stream: TextIO) -> bool:
    """Colour only on a terminal, never with ``NO_COLOR`` set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


_BIDI = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
"""Bidirectional marks, embeddings, overrides and isolates ("Trojan Source", CVE-2021-42574)."""

_UNPRINTABLE = (
    {code: f"\\x{code:02x}" for code in (*range(0x20), *range(0x7F, 0xA0)) if code != 0x09}
    | {code: f"\\u{code:04x}" for code in _BIDI}
    | {0x2028: "\\u2028", 0x2029: "\\u2029"}
)
"""Control, bidirectional-formatting and line-separator characters, escaped so that a hostile
contract cannot drive the terminal (clear it, recolour it, reorder or break lines) through a
message, a name or a path."""


_UNPRINTABLE_BUT_LINES = {k: v for k, v in _UNPRINTABLE.items() if k not in (0x0A, 0x0D)}


def printable(text: str, *, keep_newlines: bool = False) -> str:
    r"""Return ``text`` with control, bidi and line-separator characters escaped (``\x1b``).

    The one escaper of every human-readable format; ``keep_newlines`` leaves ``\n`` and ``\r``
    to a format that escapes them its own way (GitHub's ``%0A``).
    """
    return text.translate(_UNPRINTABLE_BUT_LINES if keep_newlines else _UNPRINTABLE)


def write_json(body: Mapping[str, Any], stream: TextIO) -> None:
    """Write a ``--format json`` document: ``version`` and ``tool``, then ``body``."""
    document = {
        "version": JSON_FORMAT_VERSION,
        "tool": {"name": "partnerkit", "version": __version__},
        **body,
    }
    dump_json(document, stream)


def dump_json(document: Any, stream: TextIO) -> None:
    """Write ``document`` as indented JSON, non-ASCII text as itself, and a newline."""
    json.dump(document, stream, indent=2, ensure_ascii=False)
    stream.write("\n")


# --- lint ---------------------------------------------------------------------------------------


class FileReport(Protocol):
    """The problems of one file, as the lint reporters read them."""

    @property
    def path(self) -> str:
        """The file as the user named it."""

    @property
    def problems(self) -> Sequence[Problem]:
        """Its problems in position order."""


class LintReport(Reportable, Protocol):
    """A lint run as the lint reporters read it (:class:`partnerkit.linting.result.LintResult`)."""

    @property
    def files(self) -> Sequence[FileReport]:
        """Every file checked, in order."""

    @property
    def problems(self) -> Sequence[Problem]:
        """Every problem, in file then position order."""

    def count(self, level: Level) -> int:
        """Return the number of problems at ``level``."""

    def rule_catalog(self) -> Mapping[str, tuple[str, Level]]:
        """Every rule id the run knew -> (summary, default level)."""


def concise_line(p: Problem) -> str:
    """``path:line:col: level [rule] message`` — the line editors and terminals jump to."""
    return printable(f"{p.path}:{p.line}:{p.column}: {p.level.value} [{p.rule}] {p.message}")


def summary_line(result: LintReport) -> str:
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


_STYLE = {Level.ERROR: "bold red", Level.WARNING: "yellow", Level.INFO: "cyan"}


@register("lint", "standard")
def _standard(result: LintReport, stream: TextIO, color: bool) -> None:
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
                    (printable(f"[{p.rule}]"), "dim"),
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


@register("lint", "concise")
def _concise(result: LintReport, stream: TextIO, color: bool) -> None:
    for problem in result.problems:
        stream.write(concise_line(problem) + "\n")


@register("lint", "json")
def _json(result: LintReport, stream: TextIO, color: bool) -> None:
    body = {
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
    write_json(body, stream)


_SARIF_LEVEL = {Level.ERROR: "error", Level.WARNING: "warning", Level.INFO: "note"}


@register("lint", "sarif")
def _sarif(result: LintReport, stream: TextIO, color: bool) -> None:
    catalog = result.rule_catalog()
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
    dump_json(document, stream)


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


@register("lint", "github")
def _github(result: LintReport, stream: TextIO, color: bool) -> None:
    for p in result.problems:
        props = ",".join(
            [
                f"file={escape_property(printable(p.path))}",
                f"line={p.line}",
                f"col={p.column}",
                f"title={escape_property(printable(f'partnerkit [{p.rule}]'))}",
            ]
        )
        message = escape_data(printable(p.message, keep_newlines=True))  # %0A for GitHub
        stream.write(f"::{_GITHUB_LEVEL[p.level]} {props}::{message}\n")
    # GitHub shows only 10 annotations of each kind per step: print the full report as well.
    _concise(result, stream, False)
    stream.write(summary_line(result) + "\n")


# --- terminal helpers ---------------------------------------------------------------------------


@contextmanager
def status(message: str, stream: TextIO | None = None) -> Iterator[None]:
    """Show a spinner with ``message`` on a terminal while the block runs; nothing otherwise."""
    stream = stream if stream is not None else sys.stderr
    if not use_color(stream):
        yield
        return
    from rich.console import Console
    from rich.markup import escape

    with Console(file=stream, force_terminal=True).status(escape(printable(message))):
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
